// A burst of 1,000 purchases: every one counted, snapshots coalesced within Twitch's PubSub limits
// (size, and rate per channel — scaled down here to 10 per second so the test runs in seconds), and
// the last snapshot of each board holds the final totals.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { startFakeTwitch } from './fake-twitch.mjs';
import { KEY, buy, call, env, startEbs, tempDir, viewerToken } from './helpers.mjs';

const WINDOW_MS = 1000;
const TWITCH_LIMIT = 10;
const BUDGET = 6;
const PURCHASES = 1000;
const BUYERS = 150;
const CHANNELS = ['700', '701'];

describe('a burst of 1,000 purchases', () => {
  /** @type {Awaited<ReturnType<typeof startFakeTwitch>>} */
  let twitch;
  /** @type {Awaited<ReturnType<typeof startEbs>>} */
  let ebs;
  let dir = '';

  before(async () => {
    twitch = await startFakeTwitch({ key: KEY, pubsubLimit: TWITCH_LIMIT, pubsubWindowMs: WINDOW_MS });
    twitch.state.failPubsub = 3;
    dir = await tempDir();
    ebs = await startEbs(
      env(twitch, { ONAIR_EBS_STORE: `file:${dir}`, ONAIR_EBS_PUBSUB_BUDGET: String(BUDGET), ONAIR_EBS_PUBSUB_WINDOW_MS: String(WINDOW_MS) }),
    );
  });
  after(async () => {
    await ebs.close();
    await twitch.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts each once and ends with the right snapshot, within the size and rate limits', async () => {
    /** @type {Map<string, Map<string, number>>} */
    const expected = new Map(CHANNELS.map((c) => [c, new Map()]));
    const purchases = Array.from({ length: PURCHASES }, (_, i) => {
      const channelId = CHANNELS[i % CHANNELS.length];
      const userId = String(10_000 + ((i * 7) % BUYERS));
      const [sku, amount] = i % 3 === 0 ? ['cheer500', 500] : ['cheer100', 100];
      const totals = /** @type {Map<string, number>} */ (expected.get(channelId));
      totals.set(userId, (totals.get(userId) ?? 0) + amount);
      return buy(twitch, { id: `burst-${i}`, channelId, userId, sku, amount });
    });
    const started = Date.now();
    let next = 0;
    const statuses = /** @type {number[]} */ ([]);
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < purchases.length) statuses.push((await call(`${ebs.url}/v1/bits`, purchases[next++])).status);
      }),
    );
    assert.equal(statuses.filter((s) => s === 200).length, PURCHASES);
    await ebs.outbox.idle();

    // Size: every message fits in 5 KB; 150 buyers do not, so the boards carry the top that fits.
    for (const { message } of twitch.state.pubsub) assert.ok(Buffer.byteLength(message) <= 5120);
    // Rate: Twitch (the fake, at its limit) never refused a send, and over the run each channel got
    // no more than the budget per window (arrival times jitter on a loaded machine, so the budget is
    // checked over the whole run, Twitch's limit on every window).
    assert.deepEqual(twitch.state.violations, []);
    const elapsed = Date.now() - started;
    for (const channelId of CHANNELS) {
      const times = twitch.messages(channelId).map((m) => m.at);
      for (let i = TWITCH_LIMIT; i < times.length; i++) assert.ok(times[i] - times[i - TWITCH_LIMIT] > WINDOW_MS, `over Twitch's limit on ${channelId}`);
      assert.ok(times.length <= BUDGET * (Math.ceil(elapsed / WINDOW_MS) + 1), `over budget on ${channelId}: ${times.length} in ${elapsed} ms`);
      // Coalesced: far fewer messages than purchases × boards.
      assert.ok(times.length < 100, `${times.length} messages on ${channelId}`);
    }

    for (const channelId of CHANNELS) {
      const totals = /** @type {Map<string, number>} */ (expected.get(channelId));
      const ranked = [...totals].sort((a, b) => b[1] - a[1]);
      const sum = ranked.reduce((s, [, t]) => s + t, 0);
      for (const window of ['all', 'session', '1d', '7d', '30d']) {
        const last = twitch
          .messages(channelId, 'leaderboard')
          .filter((m) => m.envelope.payload.window === window)
          .sort((a, b) => a.envelope.seq - b.envelope.seq)
          .at(-1);
        assert.ok(last, `no ${window} snapshot on ${channelId}`);
        const entries = last.envelope.payload.entries;
        assert.ok(entries.length >= 30, `only ${entries.length} entries`);
        assert.deepEqual(
          entries.map((/** @type {any} */ e) => e.total),
          ranked.slice(0, entries.length).map(([, t]) => t),
        );
        for (const entry of entries) assert.equal(entry.total, totals.get(entry.userId));
      }
      const board = await call(`${ebs.url}/v1/leaderboard?window=7d&limit=100`, { token: viewerToken({ channelId }) });
      assert.equal(board.json.entries.length, 75);
      assert.equal(board.json.entries.reduce((/** @type {number} */ s, /** @type {any} */ e) => s + e.total, 0), sum);
    }
  });
});
