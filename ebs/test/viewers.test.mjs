// Viewer counts: live channels from Helix (paginated), streams in batches of 100, `viewers` messages
// on each channel's broadcast topic, with Helix's rate limits and app-token renewal.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { startFakeTwitch } from './fake-twitch.mjs';
import { KEY, buy, call, env, startEbs, tempDir, viewerToken } from './helpers.mjs';

describe('viewer counts', () => {
  /** @type {Awaited<ReturnType<typeof startFakeTwitch>>} */
  let twitch;
  /** @type {Awaited<ReturnType<typeof startEbs>>} */
  let ebs;
  let dir = '';
  const LIVE = 250;

  before(async () => {
    twitch = await startFakeTwitch({ key: KEY, tokenLifetimeS: 2 });
    for (let i = 0; i < LIVE; i++) {
      const id = String(5000 + i);
      twitch.state.live.push({ broadcaster_id: id, broadcaster_name: `c${i}` });
      // Twenty channels with the extension active have just gone offline: Helix lists no stream.
      if (i >= 20) twitch.state.streams.set(id, { id: `stream-${id}`, user_id: id, viewer_count: i * 3, started_at: new Date().toISOString() });
    }
    dir = await tempDir();
    ebs = await startEbs(env(twitch, { ONAIR_EBS_STORE: `file:${dir}` }));
  });
  after(async () => {
    await ebs.close();
    await twitch.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes each live channel its viewer count, reading Helix page by page and 100 streams at a time', async () => {
    await ebs.pollViewers();
    await ebs.outbox.idle();
    assert.equal(twitch.state.calls['GET /helix/extensions/live'], 3);
    assert.equal(twitch.state.calls['GET /helix/streams'], 3);
    const viewers = twitch.state.pubsub.filter((m) => m.envelope.type === 'viewers');
    assert.equal(viewers.length, LIVE - 20);
    const byChannel = new Map(viewers.map((m) => [m.channelId, m.envelope]));
    assert.deepEqual(byChannel.get('5021')?.payload, { total: 63 });
    assert.equal(byChannel.get('5021')?.from, 'ebs.viewers');
    assert.equal(byChannel.has('5005'), false);
    assert.deepEqual(twitch.state.violations, []);
  });

  it('sends every poll, so a page that loads late gets a count within one interval, with growing seq', async () => {
    const firstSeq = twitch.messages('5100', 'viewers')[0].envelope.seq;
    twitch.state.pubsub.length = 0;
    const stream = /** @type {any} */ (twitch.state.streams.get('5100'));
    stream.viewer_count = 12345;
    await ebs.pollViewers();
    await ebs.outbox.idle();
    const viewers = twitch.state.pubsub.filter((m) => m.envelope.type === 'viewers');
    assert.equal(viewers.length, LIVE - 20);
    const [message] = twitch.messages('5100', 'viewers');
    assert.deepEqual(message.envelope.payload, { total: 12345 });
    assert.ok(message.envelope.seq > firstSeq);
    assert.deepEqual(twitch.messages('5021', 'viewers')[0].envelope.payload, { total: 63 });
  });

  it('waits out a 429 and renews the app token before it expires and after a 401', async () => {
    twitch.state.throttleNext = 1;
    await ebs.pollViewers();
    assert.ok(ebs.logs.some((line) => line.includes('"event":"helix.retry"') && line.includes('"status":429')));

    // The token lives 2 s and is renewed at half its life: after that, the next poll fetches a new
    // one before any call is refused. The new one lives an hour, so the 401 below is not a renewal.
    twitch.state.tokenLifetimeS = 3600;
    const before = { tokens: twitch.state.tokenRequests, refused: twitch.state.unauthorized };
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await ebs.pollViewers();
    assert.ok(twitch.state.tokenRequests > before.tokens);
    assert.equal(twitch.state.unauthorized, before.refused);

    // Twitch revokes tokens: the next call gets a 401, and the backend fetches a new one and goes on.
    await ebs.outbox.idle();
    const revoked = twitch.state.tokenRequests;
    twitch.state.tokens.clear();
    twitch.state.pubsub.length = 0;
    await ebs.pollViewers();
    assert.ok(twitch.state.unauthorized > before.refused);
    assert.equal(twitch.state.tokenRequests, revoked + 1);
    await ebs.outbox.idle();
    assert.equal(twitch.state.pubsub.filter((m) => m.envelope.type === 'viewers').length, LIVE - 20);
  });

  it('starts a new session board when the channel starts a new stream', async () => {
    const purchase = buy(twitch, { id: 'session-tx-1', channelId: '5200', userId: '42' });
    assert.equal((await call(`${ebs.url}/v1/bits`, purchase)).status, 200);
    const token = viewerToken({ channelId: '5200' });
    const session = async () => (await call(`${ebs.url}/v1/leaderboard?window=session`, { token })).json.entries.length;
    assert.equal(await session(), 1);
    /** @type {any} */ (twitch.state.streams.get('5200')).id = 'stream-5200-b';
    await ebs.pollViewers();
    assert.equal(await session(), 0);
    const all = await call(`${ebs.url}/v1/leaderboard?window=all`, { token });
    assert.equal(all.json.entries[0].total, 100);
    await ebs.outbox.idle();
    const pushed = twitch.messages('5200', 'leaderboard').filter((m) => m.envelope.payload.window === 'session');
    assert.deepEqual(pushed.at(-1)?.envelope.payload.entries, []);
  });
});
