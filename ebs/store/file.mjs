// The embedded store: one machine, one process, no setup. Every counted purchase and session change
// is one JSON line appended to `ledger.jsonl` and flushed to disk (fsync) before the purchase is
// reported as counted; on start the ledger is read back, so a restart loses nothing. Lines written
// while a flush is under way share the next flush (group commit). A lock file keeps a second process
// off the same folder: several instances need the Redis store.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_ENTRIES, ROLLING_WINDOWS, bucketOf, bucketsIn, compareEntries } from '../windows.mjs';

/** @typedef {import('./types.mjs').Purchase} Purchase */
/** @typedef {import('./types.mjs').WheelRequest} WheelRequest */

const WHEEL_KEPT = 100;

class Channel {
  /** @type {Map<string, number>} */ all = new Map();
  /** @type {Map<string, string>} */ names = new Map();
  /** @type {Map<string, string>} */ firstAt = new Map();
  sessionId = '';
  /** @type {Map<string, number>} */ session = new Map();
  /** @type {Map<string, { expiresAt: number, totals: Map<string, number> }>} */ buckets = new Map();
  /** @type {WheelRequest[]} */ wheel = [];
  /** @type {number[]} */ sends = [];
}

/**
 * @param {string} folder
 * @returns {Promise<import('./types.mjs').Store>}
 */
export async function openFileStore(folder) {
  await mkdir(folder, { recursive: true });
  const lockPath = join(folder, 'lock');
  await takeLock(lockPath);
  const ledgerPath = join(folder, 'ledger.jsonl');
  /** @type {Map<string, Channel>} */
  const channels = new Map();
  /** @type {Map<string, number>} transaction id → keep until */
  const transactions = new Map();
  /** @type {Map<string, number>} */
  const tickets = new Map();

  /** @param {string} id */
  const channel = (id) => {
    let found = channels.get(id);
    if (!found) {
      found = new Channel();
      channels.set(id, found);
    }
    return found;
  };

  /** @param {Purchase} p */
  const apply = (p) => {
    transactions.set(p.transactionId, p.keepUntil);
    const ch = channel(p.channelId);
    add(ch.all, p.userId, p.amount);
    add(ch.session, p.userId, p.amount);
    ch.names.set(p.userId, p.name);
    if (!ch.firstAt.has(p.userId)) ch.firstAt.set(p.userId, new Date(p.at).toISOString());
    for (const window of ROLLING_WINDOWS) {
      const { key, expiresAt } = bucketOf(window, p.at);
      let bucket = ch.buckets.get(key);
      if (!bucket) {
        bucket = { expiresAt, totals: new Map() };
        ch.buckets.set(key, bucket);
      }
      add(bucket.totals, p.userId, p.amount);
    }
    if (p.wheel) {
      ch.wheel.unshift({ paymentId: p.transactionId, userId: p.userId, name: p.name, sku: p.sku, amount: p.amount, at: new Date(p.at).toISOString() });
      ch.wheel.length = Math.min(ch.wheel.length, WHEEL_KEPT);
    }
  };

  /** @param {string} channelId @param {string} sessionId */
  const applySession = (channelId, sessionId) => {
    const ch = channel(channelId);
    // A first session adopts what was bought before the backend first saw the stream.
    if (ch.sessionId !== '') ch.session = new Map();
    ch.sessionId = sessionId;
  };

  await replay(ledgerPath, (line) => {
    if (line.t === 'p') apply(line.p);
    else if (line.t === 's') applySession(line.channelId, line.sessionId);
  });
  prune(channels, transactions, Date.now());

  const ledger = await open(ledgerPath, 'a');
  const writer = groupWriter(ledger);
  const pruner = setInterval(() => prune(channels, transactions, Date.now()), 3_600_000);
  pruner.unref();
  /** @type {Set<string>} ids being written: a second request for one is a repeat */
  const pending = new Set();

  return {
    async record(purchase) {
      const id = purchase.transactionId;
      if (transactions.has(id) || pending.has(id)) return false;
      pending.add(id);
      try {
        await writer.write(JSON.stringify({ t: 'p', p: purchase }));
        apply(purchase);
        return true;
      } finally {
        pending.delete(id);
      }
    },
    async seen(transactionId) {
      return transactions.has(transactionId) || pending.has(transactionId);
    },
    async board(channelId, window, limit, now) {
      const ch = channels.get(channelId);
      if (!ch) return [];
      /** @type {Map<string, number>} */
      let totals;
      if (window === 'all') totals = ch.all;
      else if (window === 'session') totals = ch.session;
      else {
        totals = new Map();
        for (const key of bucketsIn(window, now)) {
          for (const [user, amount] of ch.buckets.get(key)?.totals ?? []) add(totals, user, amount);
        }
      }
      const entries = [];
      for (const [userId, total] of totals) {
        entries.push({ userId, name: ch.names.get(userId) ?? userId, total, firstAt: ch.firstAt.get(userId) ?? new Date(0).toISOString() });
      }
      return entries.sort(compareEntries).slice(0, Math.min(limit, MAX_ENTRIES));
    },
    async startSession(channelId, sessionId) {
      if (channel(channelId).sessionId === sessionId) return false;
      await writer.write(JSON.stringify({ t: 's', channelId, sessionId }));
      applySession(channelId, sessionId);
      return true;
    },
    async wheelRequests(channelId, limit) {
      return (channels.get(channelId)?.wheel ?? []).slice(0, limit);
    },
    async takeSlot(channelId, budget, windowMs) {
      const now = Date.now();
      const sends = channel(channelId).sends;
      while (sends.length > 0 && sends[0] <= now - windowMs) sends.shift();
      if (sends.length < budget) {
        sends.push(now);
        return 0;
      }
      return sends[0] + windowMs - now;
    },
    async ticket(channelId, stream) {
      const key = `${channelId}\u0000${stream}`;
      const seq = Math.max(Date.now(), (tickets.get(key) ?? 0) + 1);
      tickets.set(key, seq);
      return seq;
    },
    async lease() {
      return true;
    },
    async close() {
      clearInterval(pruner);
      await writer.drain();
      await ledger.close();
      await rm(lockPath, { force: true });
    },
  };
}

/** @param {Map<string, number>} map @param {string} key @param {number} amount */
function add(map, key, amount) {
  map.set(key, (map.get(key) ?? 0) + amount);
}

/** Forgets buckets past their window and transaction ids whose receipts can no longer be replayed. */
function prune(/** @type {Map<string, Channel>} */ channels, /** @type {Map<string, number>} */ transactions, /** @type {number} */ now) {
  for (const [id, keepUntil] of transactions) if (keepUntil <= now) transactions.delete(id);
  for (const ch of channels.values()) {
    for (const [key, bucket] of ch.buckets) if (bucket.expiresAt <= now) ch.buckets.delete(key);
  }
}

/**
 * Reads the ledger back. A torn last line (the process died mid-write, before its fsync returned, so
 * that purchase was never reported as counted) is skipped.
 * @param {string} path @param {(line: any) => void} each
 */
async function replay(path, each) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return;
    throw error;
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      each(JSON.parse(line));
    } catch {
      // A torn line: see above.
    }
  }
}

/**
 * Appends lines and resolves each write once it is on disk; lines queued during a flush go together.
 * @param {import('node:fs/promises').FileHandle} file
 */
function groupWriter(file) {
  /** @type {{ line: string, resolve: () => void, reject: (error: unknown) => void }[]} */
  let queue = [];
  /** @type {Promise<void> | undefined} */
  let flushing;

  const flush = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await file.appendFile(batch.map((item) => `${item.line}\n`).join(''));
        await file.datasync();
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    flushing = undefined;
  };

  return {
    /** @param {string} line @returns {Promise<void>} */
    write(line) {
      return new Promise((resolve, reject) => {
        queue.push({ line, resolve, reject });
        flushing ??= flush();
      });
    },
    async drain() {
      while (flushing) await flushing;
    },
  };
}

/**
 * One process per folder: a lock file holds the owner's pid. A lock left by a process that no longer
 * runs is taken over.
 * @param {string} path
 */
async function takeLock(path) {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
  }
  const owner = Number(await readFile(path, 'utf8').catch(() => ''));
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
    throw new Error(`The store folder is in use by process ${owner}. Run one process per folder, or use a Redis store for several.`);
  }
  if (owner === process.pid) throw new Error('This process already has the store folder open.');
  await rm(path, { force: true });
  await takeLock(path);
}

/** @param {number} pid */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}
