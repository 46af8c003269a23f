// The shared store for several instances behind a load balancer: one Redis (or a replicated
// primary; not Redis Cluster, since the scripts build some keys at run time). Counting is one Lua
// script, so "first time this transaction id is seen" (SET NX) and every increment happen together
// or not at all, whichever instance runs it and however often a receipt is replayed.
import { MAX_ENTRIES, ROLLING_WINDOWS, bucketOf, bucketsIn, compareEntries } from '../windows.mjs';

/** @typedef {import('./types.mjs').Purchase} Purchase */

const WHEEL_KEPT = 100;
const SESSION_KEPT_MS = 7 * 24 * 3_600_000;
const WHEEL_KEPT_MS = 30 * 24 * 3_600_000;

// Every key but the all-time board (all, names, first: the live state) expires: transaction ids
// once their receipt can no longer be replayed, buckets once out of their window, a session's board
// and pointer a week after the session's last purchase or poll, the paid spins after 30 days.
// KEYS: tx, all, names, firstAt, session pointer, 1d bucket, 7d bucket, 30d bucket, wheel list
// ARGV: user, amount, firstAt ISO, name, tx ttl ms, 1d ttl, 7d ttl, 30d ttl, wheel JSON or "", session prefix, session ttl
const RECORD = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[5]) then return 0 end
redis.call('ZINCRBY', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
redis.call('HSETNX', KEYS[4], ARGV[1], ARGV[3])
local session = ARGV[10] .. (redis.call('GET', KEYS[5]) or '')
redis.call('ZINCRBY', session, ARGV[2], ARGV[1])
redis.call('PEXPIRE', session, ARGV[11])
redis.call('PEXPIRE', KEYS[5], ARGV[11])
for i = 6, 8 do
  redis.call('ZINCRBY', KEYS[i], ARGV[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[i])
end
if ARGV[9] ~= '' then
  redis.call('LPUSH', KEYS[9], ARGV[9])
  redis.call('LTRIM', KEYS[9], 0, ${WHEEL_KEPT - 1})
  redis.call('PEXPIRE', KEYS[9], ${WHEEL_KEPT_MS})
end
return 1
`;

// KEYS: a scratch key, then the buckets. ARGV: limit. Sums the buckets and returns the top.
const ROLLING_TOP = `
redis.call('ZUNIONSTORE', KEYS[1], #KEYS - 1, unpack(KEYS, 2))
local top = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
redis.call('DEL', KEYS[1])
return top
`;

// KEYS: sends. ARGV: budget, window ms, unique member. Sliding window on Redis's clock.
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

// KEYS: last seq. The next seq is at least Redis's clock in ms and always above the last one.
const TICKET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local seq = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0') + 1)
redis.call('SET', KEYS[1], string.format('%d', seq), 'PX', 2592000000)
return seq
`;

// KEYS: session pointer, the board of purchases made before any session was known, the new board.
// ARGV: session id, session ttl. A first session adopts what was bought before the backend first saw
// the stream. Every poll of a live stream lands here, so a live session's pointer never expires.
const START_SESSION = `
local old = redis.call('GET', KEYS[1])
if old == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if not old and redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[3]) end
return 1
`;

// KEYS: lease. ARGV: owner, ttl ms.
const LEASE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

/**
 * @param {string} url `redis://[user:password@]host:port[/db]`
 * @param {{ prefix?: string, log?: import('../log.mjs').Logger, now?: () => number }} [options] `now`:
 *   the clock that expiry times are given by (Redis counts the time left on its own clock)
 * @returns {Promise<import('./types.mjs').Store>}
 */
export async function openRedisStore(url, { prefix = 'onair:', log, now = Date.now } = {}) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true });
  // ioredis reconnects by itself; requests made meanwhile fail and are answered 500 (or retried).
  redis.on('error', (error) => log?.warn('redis.error', { error: error.message }));
  await redis.connect();
  redis.defineCommand('onairRecord', { numberOfKeys: 9, lua: RECORD });
  redis.defineCommand('onairRollingTop', { lua: ROLLING_TOP });
  redis.defineCommand('onairTakeSlot', { numberOfKeys: 1, lua: TAKE_SLOT });
  redis.defineCommand('onairTicket', { numberOfKeys: 1, lua: TICKET });
  redis.defineCommand('onairStartSession', { numberOfKeys: 3, lua: START_SESSION });
  redis.defineCommand('onairLease', { numberOfKeys: 1, lua: LEASE });
  const r = /** @type {any} */ (redis);
  /** @param {string} channelId */
  const ch = (channelId) => `${prefix}ch:${channelId}:`;
  let unique = 0;

  /** @param {string} channelId @param {string[]} users */
  const details = async (channelId, users) => {
    if (users.length === 0) return { names: [], firsts: [] };
    const [names, firsts] = await Promise.all([redis.hmget(`${ch(channelId)}names`, ...users), redis.hmget(`${ch(channelId)}first`, ...users)]);
    return { names, firsts };
  };

  return {
    async record(p) {
      const c = ch(p.channelId);
      const at = now();
      const buckets = ROLLING_WINDOWS.map((window) => bucketOf(window, p.at));
      const wheel = p.wheel
        ? JSON.stringify({ paymentId: p.transactionId, userId: p.userId, name: p.name, sku: p.sku, amount: p.amount, at: new Date(p.at).toISOString() })
        : '';
      const counted = await r.onairRecord(
        `${prefix}tx:${p.transactionId}`,
        `${c}all`,
        `${c}names`,
        `${c}first`,
        `${c}session`,
        ...buckets.map((bucket) => `${c}b:${bucket.key}`),
        `${c}wheel`,
        p.userId,
        p.amount,
        new Date(p.at).toISOString(),
        p.name,
        Math.max(1000, p.keepUntil - at),
        ...buckets.map((bucket) => Math.max(1000, bucket.expiresAt - at)),
        wheel,
        `${c}s:`,
        SESSION_KEPT_MS,
      );
      return counted === 1;
    },
    async seen(transactionId) {
      return (await redis.exists(`${prefix}tx:${transactionId}`)) === 1;
    },
    async board(channelId, window, limit, now) {
      const c = ch(channelId);
      const n = Math.min(limit, MAX_ENTRIES);
      /** @type {string[]} */
      let flat;
      if (window === 'all') flat = await redis.zrevrange(`${c}all`, 0, n - 1, 'WITHSCORES');
      else if (window === 'session') {
        const session = (await redis.get(`${c}session`)) ?? '';
        flat = await redis.zrevrange(`${c}s:${session}`, 0, n - 1, 'WITHSCORES');
      } else {
        const keys = bucketsIn(window, now).map((key) => `${c}b:${key}`);
        flat = await r.onairRollingTop(keys.length + 1, `${c}tmp:${window}:${process.pid}:${unique++}`, ...keys, n);
      }
      /** @type {string[]} */
      const users = [];
      /** @type {number[]} */
      const totals = [];
      for (let i = 0; i < flat.length; i += 2) {
        users.push(flat[i]);
        totals.push(Number(flat[i + 1]));
      }
      const { names, firsts } = await details(channelId, users);
      return users
        .map((userId, i) => ({ userId, name: names[i] ?? userId, total: totals[i], firstAt: firsts[i] ?? new Date(0).toISOString() }))
        .filter((entry) => entry.total > 0)
        .sort(compareEntries);
    },
    async startSession(channelId, sessionId) {
      const c = ch(channelId);
      return (await r.onairStartSession(`${c}session`, `${c}s:`, `${c}s:${sessionId}`, sessionId, SESSION_KEPT_MS)) === 1;
    },
    async wheelRequests(channelId, limit) {
      const items = await redis.lrange(`${ch(channelId)}wheel`, 0, limit - 1);
      return items.map((item) => JSON.parse(item));
    },
    async takeSlot(channelId, budget, windowMs) {
      return Number(await r.onairTakeSlot(`${ch(channelId)}sends`, budget, windowMs, `${process.pid}:${Date.now()}:${unique++}:${Math.random()}`));
    },
    async ticket(channelId, stream) {
      return Number(await r.onairTicket(`${ch(channelId)}seq:${stream}`));
    },
    async lease(name, owner, ttlMs) {
      return (await r.onairLease(`${prefix}lease:${name}`, owner, ttlMs)) === 1;
    },
    async close() {
      await redis.quit();
    },
  };
}

