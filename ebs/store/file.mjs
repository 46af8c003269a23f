// The embedded store: one machine, one process, no setup. Every counted purchase and session change
// is one JSON line appended to the current ledger segment and flushed to disk (fsync) before the
// purchase is reported as counted; lines written while a flush is under way share the next flush
// (group commit). The ledger does not grow with history: once the segments written since the last
// snapshot weigh as much as that snapshot (at least COMPACT_MIN_BYTES), and every hour, the live state
// (totals per channel, viewer and window, the ids of receipts that can still be replayed, the last
// paid spins) is written as a new gzipped snapshot and the older segments are deleted. A restart
// reads the snapshot and the few segments after it. A lock file keeps a second process off the
// same folder: several instances need the Redis store.
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { MAX_ENTRIES, ROLLING_WINDOWS, bucketOf, bucketsIn } from '../windows.mjs';

/** @typedef {import('./types.mjs').Purchase} Purchase */
/** @typedef {import('./types.mjs').WheelRequest} WheelRequest */
/** @typedef {{ expiresAt: number, totals: Map<string, number> }} Bucket */

const WHEEL_KEPT = 100;
const WHEEL_KEPT_MS = 30 * 24 * 3_600_000;
const SNAPSHOT = 'snapshot.json.gz';
const SNAPSHOT_VERSION = 1;
/** The ledger file of the store's first version, read once and folded into the first snapshot. */
const LEGACY_LEDGER = 'ledger.jsonl';
const SEGMENT = /^ledger-(\d{10})\.jsonl$/;
const COMPACT_MIN_BYTES = 1 << 20;
const COMPACT_EVERY_MS = 3_600_000;
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

class Channel {
  /** @type {Map<string, number>} user → all-time total */ all = new Map();
  /** @type {Map<string, number>} user → first purchase on the channel (ms) */ firstAt = new Map();
  sessionId = '';
  /** @type {Map<string, number>} */ session = new Map();
  /** @type {Map<string, Bucket>} */ buckets = new Map();
  /** @type {WheelRequest[]} newest first */ wheel = [];
  /** @type {number[]} */ sends = [];
}

/**
 * Everything a snapshot holds; what the ledger segments after it change. A snapshot is one header
 * line (names, transaction ids) and one line per channel; a channel's line is parsed the first time
 * the channel is used (or when something in it expires), so a restart reads the file but builds only
 * the header, and a compaction writes an untouched channel's line back as it was.
 */
class State {
  /** @type {Map<string, Channel>} */ channels = new Map();
  /** @type {Map<string, { line: string, expires: number }>} channels not parsed yet: their snapshot line, and when something in it expires */ lines = new Map();
  /** @type {Map<string, string>} user → latest display name (Twitch's names are per user, not per channel) */ names = new Map();
  /** @type {Map<string, number>} transaction id → keep until (ms): a receipt that can still be replayed */ transactions = new Map();

  /** The channel, created when new. @param {string} id */
  channel(id) {
    let found = this.find(id);
    if (!found) {
      found = new Channel();
      this.channels.set(id, found);
    }
    return found;
  }

  /** The channel if it has any state. @param {string} id @returns {Channel | undefined} */
  find(id) {
    const found = this.channels.get(id);
    if (found) return found;
    const raw = this.lines.get(id);
    if (!raw) return undefined;
    this.lines.delete(id);
    const ch = readChannel(raw.line);
    this.channels.set(id, ch);
    return ch;
  }

  /** @param {Purchase} p */
  apply(p) {
    if (this.transactions.has(p.transactionId)) return;
    this.transactions.set(p.transactionId, p.keepUntil);
    const ch = this.channel(p.channelId);
    add(ch.all, p.userId, p.amount);
    add(ch.session, p.userId, p.amount);
    this.names.set(p.userId, p.name);
    if (!ch.firstAt.has(p.userId)) ch.firstAt.set(p.userId, p.at);
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
  }

  /** @param {string} channelId @param {string} sessionId */
  applySession(channelId, sessionId) {
    const ch = this.channel(channelId);
    if (ch.sessionId === sessionId) return;
    // A first session adopts what was bought before the backend first saw the stream.
    if (ch.sessionId !== '') ch.session = new Map();
    ch.sessionId = sessionId;
  }

  /** @param {any} line a ledger line: an array (purchaseLine, or ['s', channel, session]), or the first version's objects */
  applyLine(line) {
    if (Array.isArray(line)) {
      const [t, a, b, c, d, e, f, g, h, i] = line;
      if (t === 'p') this.apply({ transactionId: a, channelId: b, userId: c, name: d, sku: e, amount: f, at: g, keepUntil: h, wheel: i === 1 });
      else if (t === 's') this.applySession(a, b);
    } else if (line.t === 'p') this.apply(line.p);
    else if (line.t === 's') this.applySession(line.channelId, line.sessionId);
  }

  /**
   * Forgets buckets past their window, the ids of receipts that can no longer be replayed and a
   * channel's paid spins 30 days after the last one (as the Redis store's keys expire).
   * @param {number} now @returns {boolean} whether anything was forgotten
   */
  prune(now) {
    let pruned = false;
    for (const [id, keepUntil] of this.transactions) {
      if (keepUntil <= now) {
        this.transactions.delete(id);
        pruned = true;
      }
    }
    for (const [id, raw] of this.lines) if (raw.expires <= now) this.find(id);
    for (const ch of this.channels.values()) {
      for (const [key, bucket] of ch.buckets) {
        if (bucket.expiresAt <= now) {
          ch.buckets.delete(key);
          pruned = true;
        }
      }
      if (ch.wheel.length > 0 && Date.parse(ch.wheel[0].at) <= now - WHEEL_KEPT_MS) {
        ch.wheel = [];
        pruned = true;
      }
    }
    return pruned;
  }

  /**
   * The state as text: a header line, then one line per channel (`id`, tab, when something in it
   * expires, tab, JSON with flat lists of user id and total, and first purchase for all-time).
   * @param {number} segment the first ledger segment that is not in this snapshot
   */
  serialize(segment) {
    const names = [];
    for (const [user, name] of this.names) names.push(user, name);
    const transactions = [];
    for (const [id, keepUntil] of this.transactions) transactions.push(id, keepUntil);
    const lines = [JSON.stringify({ v: SNAPSHOT_VERSION, segment, names, transactions })];
    for (const [id, raw] of this.lines) lines.push(`${id}\t${raw.expires}\t${raw.line}`);
    for (const [id, ch] of this.channels) lines.push(`${id}\t${expiryOf(ch)}\t${writeChannel(ch)}`);
    return lines.join('\n');
  }

  /** @param {string} text a snapshot's text */
  static from(text) {
    const state = new State();
    let end = text.indexOf('\n');
    if (end < 0) end = text.length;
    const header = JSON.parse(text.slice(0, end));
    if (header?.v !== SNAPSHOT_VERSION) throw new Error(`The store's snapshot has version ${header?.v}; this backend reads ${SNAPSHOT_VERSION}.`);
    for (let i = 0; i < header.names.length; i += 2) state.names.set(header.names[i], header.names[i + 1]);
    for (let i = 0; i < header.transactions.length; i += 2) state.transactions.set(header.transactions[i], header.transactions[i + 1]);
    while (end < text.length) {
      const start = end + 1;
      end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const idEnd = text.indexOf('\t', start);
      const expiresEnd = text.indexOf('\t', idEnd + 1);
      state.lines.set(text.slice(start, idEnd), { expires: Number(text.slice(idEnd + 1, expiresEnd)), line: text.slice(expiresEnd + 1, end) });
    }
    return { state, segment: /** @type {number} */ (header.segment) };
  }
}

/** @param {Channel} ch */
function writeChannel(ch) {
  /** @param {Map<string, number>} totals */
  const pairs = (totals) => {
    const out = [];
    for (const [user, total] of totals) out.push(user, total);
    return out;
  };
  const all = [];
  for (const [user, total] of ch.all) all.push(user, total, ch.firstAt.get(user) ?? 0);
  return JSON.stringify({
    sessionId: ch.sessionId,
    all,
    session: pairs(ch.session),
    buckets: [...ch.buckets].map(([key, bucket]) => [key, bucket.expiresAt, pairs(bucket.totals)]),
    wheel: ch.wheel,
  });
}

/** @param {string} line @returns {Channel} */
function readChannel(line) {
  const data = JSON.parse(line);
  const ch = new Channel();
  /** @param {any[]} flat */
  const totals = (flat) => {
    const map = new Map();
    for (let i = 0; i < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
    return map;
  };
  ch.sessionId = data.sessionId;
  for (let i = 0; i < data.all.length; i += 3) {
    ch.all.set(data.all[i], data.all[i + 1]);
    ch.firstAt.set(data.all[i], data.all[i + 2]);
  }
  ch.session = totals(data.session);
  for (const [key, expiresAt, flat] of data.buckets) ch.buckets.set(key, { expiresAt, totals: totals(flat) });
  ch.wheel = data.wheel;
  return ch;
}

/** When something in the channel expires next (a bucket, the paid spins). @param {Channel} ch */
function expiryOf(ch) {
  let next = ch.wheel.length > 0 ? Date.parse(ch.wheel[0].at) + WHEEL_KEPT_MS : Infinity;
  for (const bucket of ch.buckets.values()) next = Math.min(next, bucket.expiresAt);
  return next;
}

/**
 * @param {string} folder
 * @param {{ now?: () => number, compactMinBytes?: number, log?: import('../log.mjs').Logger }} [options]
 *   `now`: the clock (tests and the benchmark simulate days); `compactMinBytes`: the least ledger
 *   that triggers a compaction
 * @returns {Promise<import('./types.mjs').Store & { compact: () => Promise<void> }>}
 */
export async function openFileStore(folder, { now = Date.now, compactMinBytes = COMPACT_MIN_BYTES, log } = {}) {
  await mkdir(folder, { recursive: true });
  const lockPath = join(folder, 'lock');
  await takeLock(lockPath);
  /** @type {Map<string, number>} */
  const tickets = new Map();

  const snapshot = await readSnapshot(join(folder, SNAPSHOT));
  const { state, segment: base } = snapshot ? State.from(snapshot.text) : { state: new State(), segment: 0 };
  let snapshotBytes = snapshot?.bytes ?? 0;
  const files = await readdir(folder);
  const segments = files
    .map((name) => SEGMENT.exec(name))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
  if (!snapshot && files.includes(LEGACY_LEDGER)) await replay(join(folder, LEGACY_LEDGER), (line) => state.applyLine(line));
  let tailBytes = 0;
  for (const n of segments) {
    if (n >= base) tailBytes += await replay(join(folder, segmentName(n)), (line) => state.applyLine(line));
  }
  state.prune(now());

  // Each start appends to a new segment, so a line torn by a crash never has a new line appended to it.
  let segment = Math.max(base, (segments.at(-1) ?? -1) + 1);
  const ledger = new Ledger(await open(join(folder, segmentName(segment)), 'a'));
  /** @type {Promise<void> | undefined} */
  let compacting;
  /** @type {Set<string>} ids being written: a second request for one is a repeat */
  const pending = new Set();

  /** Writes the live state as a snapshot and drops the segments it replaces. */
  const compact = () => {
    compacting ??= (async () => {
      try {
        const next = segment + 1;
        const file = await open(join(folder, segmentName(next)), 'a');
        // Between two flushes, so the snapshot holds exactly the lines of the segments before `next`.
        const { text, previous } = await ledger
          .switchTo(file, () => {
            state.prune(now());
            return state.serialize(next);
          })
          .catch(async (error) => {
            await file.close();
            throw error;
          });
        segment = next;
        tailBytes = 0;
        await previous.close();
        const packed = await gzipAsync(text, { level: 6 });
        await writeDurably(folder, SNAPSHOT, packed);
        snapshotBytes = packed.length;
        log?.debug('store.compacted', { segment: next, bytes: packed.length });
        for (const name of await readdir(folder)) {
          const match = SEGMENT.exec(name);
          if ((match && Number(match[1]) < next) || name === LEGACY_LEDGER) await rm(join(folder, name), { force: true });
        }
      } finally {
        compacting = undefined;
      }
    })();
    return compacting;
  };

  /** @param {string} line @param {() => void} apply */
  const write = async (line, apply) => {
    tailBytes += Buffer.byteLength(line) + 1;
    await ledger.write(line, apply);
    if (tailBytes >= Math.max(compactMinBytes, snapshotBytes) && !compacting) {
      // On failure the ledger still holds everything; the next write or the hourly pass retries.
      compact().catch((error) => log?.warn('store.compact-failed', { error }));
    }
  };

  // A long tail (the last process died before it compacted) is compacted in the background: the
  // state is already complete, and answering sooner matters more.
  if (tailBytes > 0 && tailBytes >= Math.max(compactMinBytes, snapshotBytes)) compact().catch((error) => log?.warn('store.compact-failed', { error }));
  const compactor = setInterval(() => {
    if (state.prune(now()) || tailBytes > 0) compact().catch((error) => log?.warn('store.compact-failed', { error }));
  }, COMPACT_EVERY_MS);
  compactor.unref();

  return {
    async record(purchase) {
      const id = purchase.transactionId;
      if (state.transactions.has(id) || pending.has(id)) return false;
      pending.add(id);
      try {
        await write(purchaseLine(purchase), () => state.apply(purchase));
        return true;
      } finally {
        pending.delete(id);
      }
    },
    async seen(transactionId) {
      return state.transactions.has(transactionId) || pending.has(transactionId);
    },
    async board(channelId, window, limit, at) {
      const ch = state.find(channelId);
      if (!ch) return [];
      /** @type {Map<string, number>} */
      let totals;
      if (window === 'all') totals = ch.all;
      else if (window === 'session') totals = ch.session;
      else {
        totals = new Map();
        for (const key of bucketsIn(window, at)) {
          for (const [user, amount] of ch.buckets.get(key)?.totals ?? []) add(totals, user, amount);
        }
      }
      const rows = [];
      for (const [userId, total] of totals) rows.push({ userId, total, first: ch.firstAt.get(userId) ?? 0 });
      // The order of compareEntries (windows.mjs), on numbers: ISO times compare as the times do.
      rows.sort((a, b) => b.total - a.total || a.first - b.first || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
      return rows.slice(0, Math.min(limit, MAX_ENTRIES)).map(({ userId, total, first }) => ({
        userId,
        name: state.names.get(userId) ?? userId,
        total,
        firstAt: new Date(first).toISOString(),
      }));
    },
    async startSession(channelId, sessionId) {
      if (state.channel(channelId).sessionId === sessionId) return false;
      await write(JSON.stringify(['s', channelId, sessionId]), () => state.applySession(channelId, sessionId));
      return true;
    },
    async wheelRequests(channelId, limit) {
      return (state.find(channelId)?.wheel ?? []).slice(0, limit);
    },
    async takeSlot(channelId, budget, windowMs) {
      const at = now();
      const sends = state.channel(channelId).sends;
      while (sends.length > 0 && sends[0] <= at - windowMs) sends.shift();
      if (sends.length < budget) {
        sends.push(at);
        return 0;
      }
      return sends[0] + windowMs - at;
    },
    async ticket(channelId, stream) {
      const key = `${channelId}\u0000${stream}`;
      const seq = Math.max(now(), (tickets.get(key) ?? 0) + 1);
      tickets.set(key, seq);
      return seq;
    },
    async lease() {
      return true;
    },
    compact,
    async close() {
      clearInterval(compactor);
      await compacting?.catch(() => {});
      await ledger.drain();
      await ledger.file.close();
      await rm(lockPath, { force: true });
    },
  };
}

/**
 * A purchase as a ledger line: an array, not an object, so a line is half as long (the segments
 * since the last snapshot are the part of the store that grows between compactions).
 * @param {Purchase} p
 */
function purchaseLine(p) {
  return JSON.stringify(['p', p.transactionId, p.channelId, p.userId, p.name, p.sku, p.amount, p.at, p.keepUntil, p.wheel ? 1 : 0]);
}

/** @param {number} n */
function segmentName(n) {
  return `ledger-${String(n).padStart(10, '0')}.jsonl`;
}

/** @param {Map<string, number>} map @param {string} key @param {number} amount */
function add(map, key, amount) {
  map.set(key, (map.get(key) ?? 0) + amount);
}

/** @param {string} path @returns {Promise<{ text: string, bytes: number } | undefined>} */
async function readSnapshot(path) {
  let packed;
  try {
    packed = await readFile(path);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
    throw error;
  }
  return { text: (await gunzipAsync(packed)).toString('utf8'), bytes: packed.length };
}

/**
 * Replaces `name` in `folder` all at once: written to a temporary file, flushed, renamed over the
 * old one, and the folder flushed, so a crash leaves either the old file or the new one.
 * @param {string} folder @param {string} name @param {Buffer} data
 */
async function writeDurably(folder, name, data) {
  const temporary = join(folder, `${name}.tmp`);
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, join(folder, name));
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * Reads a ledger segment back. A torn last line (the process died mid-write, before its fsync
 * returned, so that purchase was never reported as counted) is skipped.
 * @param {string} path @param {(line: any) => void} each @returns {Promise<number>} the bytes read
 */
async function replay(path, each) {
  const text = await readFile(path, 'utf8');
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      each(JSON.parse(line));
    } catch {
      // A torn line: see above.
    }
  }
  return Buffer.byteLength(text);
}

/**
 * Appends lines to the current segment and applies each to the state once it is on disk (before its
 * write resolves); lines queued during a flush go together. `switchTo` moves to a new segment between
 * two flushes.
 */
class Ledger {
  /** @param {import('node:fs/promises').FileHandle} file */
  constructor(file) {
    this.file = file;
    /** @type {{ line: string, apply: () => void, resolve: () => void, reject: (error: unknown) => void }[]} */
    this.queue = [];
    /** @type {Promise<void> | undefined} */
    this.flushing = undefined;
    /** @type {(() => void) | undefined} a segment switch waiting for the flush under way to end */
    this.switching = undefined;
  }

  /** @param {string} line @param {() => void} apply @returns {Promise<void>} */
  write(line, apply) {
    return new Promise((resolve, reject) => {
      this.queue.push({ line, apply, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  async flush() {
    for (;;) {
      this.switchNow();
      if (this.queue.length === 0) break;
      const batch = this.queue;
      this.queue = [];
      try {
        await this.file.appendFile(batch.map((item) => `${item.line}\n`).join(''));
        await this.file.datasync();
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      for (const item of batch) item.apply();
      for (const item of batch) item.resolve();
    }
    this.flushing = undefined;
  }

  switchNow() {
    const run = this.switching;
    this.switching = undefined;
    run?.();
  }

  /**
   * Between two flushes (every line written so far applied, none of the next batch), runs `capture`
   * and appends to `file` from then on: the lines queued meanwhile go to `file`.
   * @template T
   * @param {import('node:fs/promises').FileHandle} file @param {() => T} capture
   * @returns {Promise<{ text: T, previous: import('node:fs/promises').FileHandle }>}
   */
  switchTo(file, capture) {
    return new Promise((resolve, reject) => {
      this.switching = () => {
        try {
          const text = capture();
          const previous = this.file;
          this.file = file;
          resolve({ text, previous });
        } catch (error) {
          reject(error);
        }
      };
      if (!this.flushing) this.switchNow();
    });
  }

  async drain() {
    while (this.flushing) await this.flushing;
  }
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
