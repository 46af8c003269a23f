// Two instances behind one real Redis (started here, on a free port): each receipt posted to both at
// once counts exactly once, both answer the same boards, they share one PubSub budget per channel,
// one of them polls viewer counts, and a restart of both loses nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeTwitch } from './fake-twitch.mjs';
import { KEY, buy, call, env, startEbs, startRedis, viewerToken } from './helpers.mjs';

const WINDOW_MS = 1000;
const TWITCH_LIMIT = 10;
const BUDGET = 6;

describe('two instances on one Redis', () => {
  /** @type {Awaited<ReturnType<typeof startFakeTwitch>>} */
  let twitch;
  /** @type {Awaited<ReturnType<typeof startRedis>>} */
  let redis;
  /** @type {Record<string, string>} */
  let variables;

  before(async () => {
    redis = await startRedis();
    twitch = await startFakeTwitch({ key: KEY, pubsubLimit: TWITCH_LIMIT, pubsubWindowMs: WINDOW_MS });
    variables = env(twitch, { ONAIR_EBS_STORE: redis.url, ONAIR_EBS_PUBSUB_BUDGET: String(BUDGET), ONAIR_EBS_PUBSUB_WINDOW_MS: String(WINDOW_MS) });
  });
  after(async () => {
    await twitch?.close();
    await redis?.stop();
  });

  it('counts exactly once across instances and restarts', async () => {
    const a = await startEbs({ ...variables, ONAIR_EBS_INSTANCE: 'a' });
    const b = await startEbs({ ...variables, ONAIR_EBS_INSTANCE: 'b' });
    const started = Date.now();
    /** @type {Map<string, number>} */
    const expected = new Map();
    const purchases = Array.from({ length: 300 }, (_, i) => {
      const userId = String(20 + (i % 30));
      const [sku, amount] = i % 10 === 0 ? ['spin', 200] : ['cheer100', 100];
      expected.set(userId, (expected.get(userId) ?? 0) + amount);
      return buy(twitch, { id: `redis-${i}`, channelId: '900', userId, sku, amount });
    });
    let next = 0;
    /** @type {Record<string, number>} */
    const statuses = {};
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < purchases.length) {
          const purchase = purchases[next++];
          const answers = await Promise.all([call(`${a.url}/v1/bits`, purchase), call(`${b.url}/v1/bits`, purchase)]);
          const key = answers.map((answer) => answer.status).sort().join('+');
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
      }),
    );
    assert.deepEqual(statuses, { '200+409': 300 });

    const token = viewerToken({ channelId: '900' });
    const ranked = [...expected].sort((x, y) => y[1] - x[1] || Number(x[0]) - Number(y[0]));
    for (const instance of [a, b]) {
      for (const window of ['all', 'session', '1d', '7d', '30d']) {
        const board = (await call(`${instance.url}/v1/leaderboard?window=${window}`, { token })).json.entries;
        assert.equal(board.length, 30);
        assert.deepEqual(
          board.map((/** @type {any} */ e) => e.total),
          ranked.map(([, total]) => total),
        );
        for (const entry of board) assert.equal(entry.total, expected.get(entry.userId));
      }
    }
    const broadcaster = viewerToken({ channelId: '900', userId: '900', role: 'broadcaster' });
    const spins = (await call(`${b.url}/v1/wheel/requests?limit=100`, { token: broadcaster })).json.requests;
    assert.equal(spins.length, 30);
    assert.equal(new Set(spins.map((/** @type {any} */ s) => s.paymentId)).size, 30);

    await Promise.all([a.outbox.idle(), b.outbox.idle()]);
    // One budget for both instances: Twitch never refused a send.
    assert.deepEqual(twitch.state.violations, []);
    const sent = twitch.messages('900');
    assert.ok(sent.length <= BUDGET * (Math.ceil((Date.now() - started) / WINDOW_MS) + 1), `${sent.length} messages`);
    assert.equal(twitch.messages('900', 'wheel.request').length, 30);
    // The newest `all` snapshot, whichever instance sent it, holds the final totals.
    const newest = twitch
      .messages('900', 'leaderboard')
      .filter((m) => m.envelope.payload.window === 'all')
      .sort((x, y) => x.envelope.seq - y.envelope.seq)
      .at(-1);
    assert.deepEqual(
      newest?.envelope.payload.entries.map((/** @type {any} */ e) => e.total),
      ranked.map(([, total]) => total),
    );

    // One instance holds the viewer-count lease: viewer counts go out once.
    twitch.state.live.push({ broadcaster_id: '900', broadcaster_name: 'c900' });
    twitch.state.streams.set('900', { id: 'stream-900', user_id: '900', viewer_count: 77, started_at: new Date().toISOString() });
    await Promise.all([a.pollViewers(), b.pollViewers()]);
    await Promise.all([a.outbox.idle(), b.outbox.idle()]);
    assert.deepEqual(
      twitch.messages('900', 'viewers').map((m) => m.envelope.payload),
      [{ total: 77 }],
    );

    await Promise.all([a.close(), b.close()]);
    const c = await startEbs({ ...variables, ONAIR_EBS_INSTANCE: 'c' });
    try {
      const all = (await call(`${c.url}/v1/leaderboard?window=all`, { token })).json.entries;
      assert.deepEqual(
        all.map((/** @type {any} */ e) => e.total),
        ranked.map(([, total]) => total),
      );
      assert.equal((await call(`${c.url}/v1/bits`, purchases[123])).status, 409);
      // The store follows live state: every key expires but the all-time board's.
      const { Redis } = await import('ioredis');
      const client = new Redis(redis.url);
      try {
        const keys = await client.keys('onair:*');
        const lasting = [];
        for (const key of keys) if ((await client.pttl(key)) < 0) lasting.push(key.replace(/^onair:ch:\d+:/, ''));
        assert.deepEqual(lasting.sort(), ['all', 'first', 'names']);
        assert.ok(keys.some((key) => key.startsWith('onair:tx:')));
      } finally {
        client.disconnect();
      }
    } finally {
      await c.close();
    }
  });
});
