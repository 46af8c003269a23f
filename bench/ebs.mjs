// `npm run bench:ebs`: the onair backend. Prints each figure beside its target with the machine and
// its load, and writes bench/ebs-results.json (keyed rows, as bench/results.json). Figures, not
// assertions.
//   - throughput: `npm run ebs` as its own process against the fake Twitch of its tests, 1,000 live
//     channels, receipts posted 50 at a time after a warm-up of 1,000 (file store; Redis too when
//     redis-server is installed), with the backend's CPU time per receipt from /proc,
//     and the time from a purchase to its first `leaderboard` snapshot at Twitch's PubSub endpoint;
//   - store: 1,000,000 purchases by 10,000 viewers on 100 channels over 400 simulated days written
//     through the file store module (each purchase a random viewer on a random channel, a new stream
//     a day, one in ten a paid spin), then the folder's bytes per purchase, then `npm run ebs` started
//     on that folder: spawn → first answer.
// BENCH_EBS_ONLY (`throughput,store`), BENCH_EBS_STORES (`file,redis`), BENCH_EBS_RECEIPTS (5,000)
// and BENCH_EBS_PURCHASES (1,000,000) narrow a run.
import { spawnSync } from 'node:child_process';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from '../ebs/http.mjs';
import { openFileStore } from '../ebs/store/file.mjs';
import { startFakeTwitch } from '../ebs/test/fake-twitch.mjs';
import { KEY, ORIGIN, buy, env, random, startEbsProcess, startRedis, tempDir } from '../ebs/test/helpers.mjs';

const CHANNELS = 1000;
const RECEIPTS = Number(process.env.BENCH_EBS_RECEIPTS ?? 5000);
const CONCURRENCY = 50;
const WARM_UP = 1000;
const PURCHASES = Number(process.env.BENCH_EBS_PURCHASES ?? 1_000_000);
const VIEWERS = 10_000;
const STORE_CHANNELS = 100;
const DAYS = 400;
const DAY = 86_400_000;
const only = (process.env.BENCH_EBS_ONLY ?? 'throughput,store').split(',');

/** @typedef {{ key?: string, figure: string, value: number | string, unit: string, target?: string, met?: boolean }} Row */
/** @type {Row[]} */
const rows = [];
/** @param {Row} row */
const report = (row) => {
  rows.push(row);
  process.stderr.write(`bench:ebs: ${row.figure}: ${row.value} ${row.unit}${row.target ? ` (target ${row.target})` : ''}\n`);
};
/** @type {number[][]} load averages sampled every 5 s */
const loads = [];
const sampler = setInterval(() => loads.push(loadavg()), 5000);
loads.push(loadavg());

const twitch = await startFakeTwitch({ key: KEY });
let run = 0;

/**
 * The receipt post as a page makes it, on a keep-alive connection (node:http, not fetch: the load
 * runs on the same two cores as the backend, so it should cost as little as it can).
 * @param {string} base @param {{ token: string, body: unknown }} purchase
 */
function post(base, { token, body }) {
  return request(`${base}/v1/bits`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Origin: ORIGIN, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    timeoutMs: 60_000,
  });
}

/** @param {string} label @param {string} store @param {string | undefined} key */
async function throughput(label, store, key) {
  const ebs = await startEbsProcess(env(twitch, { ONAIR_EBS_STORE: store }));
  try {
    run += 1;
    twitch.state.pubsub.length = 0;
    const purchases = Array.from({ length: RECEIPTS }, (_, i) =>
      buy(twitch, { id: `bench-${run}-${i}`, channelId: String(100_000 * run + (i % CHANNELS)), userId: String(1 + (i % 997)) }),
    );
    // A warm-up on other channels first (both processes compile their hot paths), then quiet.
    const warmUp = Array.from({ length: WARM_UP }, (_, i) => buy(twitch, { id: `bench-${run}-warm-${i}`, channelId: String(100_000 * run + 90_000 + (i % CHANNELS)), userId: '3' }));
    await pool(warmUp, async (purchase) => {
      await post(ebs.url, purchase);
    });
    await settle();
    process.stderr.write(`bench:ebs: ${label}: ${RECEIPTS} receipts…\n`);
    const cpuBefore = await cpuSeconds(ebs.child.pid);
    const ownBefore = process.cpuUsage();
    const started = performance.now();
    await pool(purchases, async (purchase) => {
      const answer = await post(ebs.url, purchase);
      if (answer.status !== 200) throw new Error(`purchase answered ${answer.status}`);
    });
    const seconds = (performance.now() - started) / 1000;
    const own = process.cpuUsage(ownBefore);
    // Until the outbox is idle again: the PubSub sends those receipts caused are part of their cost.
    await settle();
    const cpuAfter = await cpuSeconds(ebs.child.pid);
    const user = cpuAfter.user - cpuBefore.user;
    const system = cpuAfter.system - cpuBefore.system;
    const cpu = user + system;
    const rate = Math.round(RECEIPTS / seconds);
    report({
      key,
      figure: `receipts per second, one instance, concurrency ${CONCURRENCY}, ${label} (${RECEIPTS} receipts on ${CHANNELS} channels; each marks 5 boards for PubSub)`,
      value: rate,
      unit: '/s',
      ...(key ? { target: '≥ 1000 /s', met: rate >= 1000 } : {}),
    });
    if (Number.isFinite(cpu)) {
      report({
        figure: `the backend process's CPU time per receipt, ${label}, its PubSub sends included (user ${Math.round((user / RECEIPTS) * 1e6) / 1000} + system ${Math.round((system / RECEIPTS) * 1e6) / 1000} ms; one core at this cost serves ${Math.round(RECEIPTS / cpu)} receipts/s)`,
        value: Math.round((cpu / RECEIPTS) * 1e6) / 1000,
        unit: 'ms',
      });
    }
    report({
      figure: `this process (the load and the fake Twitch, which takes every PubSub send) while the receipts were posted, ${label}: CPU busy share of the wall time`,
      value: Math.round(((own.user + own.system) / 1e6 / seconds) * 100),
      unit: '%',
    });

    process.stderr.write(`bench:ebs: ${label}: snapshot latency…\n`);
    // One purchase on each of 1,000 fresh channels, timed until its first board arrives (the other
    // windows follow it, one send each).
    await settle();
    twitch.state.pubsub.length = 0;
    /** @type {Map<string, number>} */
    const postedAt = new Map();
    const fresh = Array.from({ length: CHANNELS }, (_, i) => {
      const channelId = String(100_000 * run + 50_000 + i);
      return { channelId, purchase: buy(twitch, { id: `bench-${run}-fresh-${i}`, channelId, userId: '7' }) };
    });
    await pool(fresh, async ({ channelId, purchase }) => {
      postedAt.set(channelId, Date.now());
      await post(ebs.url, purchase);
    });
    // Arrivals are scanned once each, so waiting costs the fake (in this process) no time.
    /** @type {Map<string, number>} */
    const arrivedAt = new Map();
    let scanned = 0;
    await waitFor(() => {
      for (const pubsub = twitch.state.pubsub; scanned < pubsub.length; scanned++) {
        const { channelId, envelope, at } = pubsub[scanned];
        if (envelope.type === 'leaderboard' && !arrivedAt.has(channelId)) arrivedAt.set(channelId, at);
      }
      return arrivedAt.size >= CHANNELS;
    });
    const latencies = fresh
      .map(({ channelId }) => /** @type {number} */ (arrivedAt.get(channelId)) - /** @type {number} */ (postedAt.get(channelId)))
      .sort((a, b) => a - b);
    const at = (/** @type {number} */ q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    report({
      figure: `purchase → first snapshot at PubSub, p50 / p95 / p99, ${label} (1,000 channels at once; includes the 200 ms coalescing wait)`,
      value: `${at(0.5)} / ${at(0.95)} / ${at(0.99)}`,
      unit: 'ms',
    });
  } finally {
    const exited = new Promise((resolve) => ebs.child.once('exit', resolve));
    ebs.child.kill('SIGTERM');
    await exited;
  }
}

/**
 * CPU time (user and system) a process has used, from /proc (Linux; NaN elsewhere), in seconds.
 * @param {number | undefined} pid
 */
async function cpuSeconds(pid) {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}

/** Runs `work` over `items`, CONCURRENCY at a time. @template T @param {T[]} items @param {(item: T) => Promise<void>} work */
async function pool(items, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Waits until PubSub has been quiet for 3 s: the previous phase's snapshots are all out. */
async function settle() {
  let count = -1;
  while (count !== twitch.state.pubsub.length) {
    count = twitch.state.pubsub.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

/** @param {() => boolean} done */
async function waitFor(done) {
  const deadline = Date.now() + 120_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('snapshots did not arrive within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** @param {string} dir */
async function folderBytes(dir) {
  let bytes = 0;
  for (const name of await readdir(dir)) {
    // A compaction may rename or delete a file between the listing and its stat.
    bytes += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  }
  return bytes;
}

/** 400 days of purchases through the store module, on a simulated clock that ends now. @param {string} dir */
async function storeSize(dir) {
  const end = Date.now();
  let now = end - DAYS * DAY;
  const store = await openFileStore(dir, { now: () => now });
  const next = random(24);
  const step = (DAYS * DAY) / PURCHASES;
  const batch = 1000;
  let day = -1;
  let largest = 0;
  process.stderr.write(`bench:ebs: store: ${PURCHASES} purchases over ${DAYS} days…\n`);
  const started = performance.now();
  for (let i = 0; i < PURCHASES; i += batch) {
    const writes = [];
    for (let j = i; j < Math.min(PURCHASES, i + batch); j++) {
      now = end - DAYS * DAY + Math.floor(j * step);
      const today = Math.floor((now - (end - DAYS * DAY)) / DAY);
      if (today !== day) {
        day = today;
        for (let c = 0; c < STORE_CHANNELS; c++) writes.push(store.startSession(String(c), `stream-${c}-${day}`));
      }
      const userId = String(1 + Math.floor(next() * VIEWERS));
      const wheel = next() < 0.1;
      const amount = wheel ? 100 : [100, 100, 100, 500, 1000][Math.floor(next() * 5)];
      writes.push(
        store.record({
          transactionId: `${(0x10000000 + j).toString(16)}-${Math.floor(next() * 0xffffffff).toString(16)}-4e2a-9c1d-${userId.padStart(12, '0')}`,
          channelId: String(Math.floor(next() * STORE_CHANNELS)),
          userId,
          name: `viewer_${userId}`,
          sku: wheel ? 'spin-100' : `cheer${amount}`,
          amount,
          at: now,
          // Receipts expire 10 minutes after they are signed; ids are kept a day longer (ebs/app.mjs).
          keepUntil: now + 10 * 60_000 + DAY,
          wheel,
        }),
      );
    }
    await Promise.all(writes);
    if (i % 50_000 === 0) largest = Math.max(largest, await folderBytes(dir));
  }
  await store.close();
  const seconds = (performance.now() - started) / 1000;
  const bytes = await folderBytes(dir);
  largest = Math.max(largest, bytes);
  const perPurchase = Math.round((bytes / PURCHASES) * 10) / 10;
  report({
    key: 'ebs-store-bytes-per-purchase',
    figure: `file store folder after ${PURCHASES.toLocaleString('en')} purchases by ${VIEWERS.toLocaleString('en')} viewers on ${STORE_CHANNELS} channels over ${DAYS} days (${(bytes / 2 ** 20).toFixed(1)} MiB: ${(await readdir(dir)).join(', ')}; largest seen at a 50k mark ${(largest / 2 ** 20).toFixed(1)} MiB; written in ${seconds.toFixed(0)} s)`,
    value: perPurchase,
    unit: 'B',
    target: '≤ 20 B',
    met: perPurchase <= 20,
  });
}

/** `npm run ebs` on the folder `storeSize` wrote: spawn → the first answer (GET /health). @param {string} dir */
async function restart(dir) {
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const ebs = await startEbsProcess(env(twitch, { ONAIR_EBS_STORE: `file:${dir}` }));
    try {
      const answer = await request(`${ebs.url}/health`, { method: 'GET', headers: {}, timeoutMs: 60_000 });
      if (answer.status !== 200) throw new Error(`health answered ${answer.status}`);
      times.push(Math.round(performance.now() - started));
    } finally {
      const exited = new Promise((resolve) => ebs.child.once('exit', resolve));
      ebs.child.kill('SIGTERM');
      await exited;
    }
  }
  const median = [...times].sort((a, b) => a - b)[1];
  report({
    key: 'ebs-restart-ms',
    figure: `npm run ebs on that folder: spawn → first answer, median of 3 (${times.join(', ')} ms; Node's own start included)`,
    value: median,
    unit: 'ms',
    target: '≤ 1000 ms',
    met: median <= 1000,
  });
}

const stores = (process.env.BENCH_EBS_STORES ?? 'file,redis').split(',');
const dirs = [await tempDir(), await tempDir()];
try {
  if (only.includes('throughput')) {
    if (stores.includes('file')) await throughput('file store', `file:${dirs[0]}`, 'ebs-receipts-per-s');
    if (stores.includes('redis')) {
      if (spawnSync('redis-server', ['--version']).status !== 0) report({ figure: 'Redis store', value: 'skipped: redis-server is not installed', unit: '' });
      else {
        const redis = await startRedis();
        try {
          await throughput('Redis store', redis.url, undefined);
        } finally {
          await redis.stop();
        }
      }
    }
  }
  if (only.includes('store')) {
    await storeSize(dirs[1]);
    await restart(dirs[1]);
  }
} finally {
  clearInterval(sampler);
  await twitch.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}

loads.push(loadavg());
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  at: new Date().toISOString(),
  load: `1-min load average ${Math.min(...loads.map((l) => l[0])).toFixed(1)}–${Math.max(...loads.map((l) => l[0])).toFixed(1)} during the run (sampled every 5 s)`,
};
console.log(`onair EBS benchmark — ${machine.cpu} × ${machine.cores}, ${machine.memoryGiB} GiB, Node ${machine.node}; ${machine.load}`);
console.table(rows.map(({ figure, value, unit, target, met }) => ({ figure, value: `${value} ${unit}`, target: target ?? '', '': met === undefined ? '' : met ? 'met' : 'MISS' })));
const resultsFile = fileURLToPath(new URL('./ebs-results.json', import.meta.url));
await writeFile(resultsFile, `${JSON.stringify({ machine, rows }, null, 2)}\n`);
console.log('bench:ebs: wrote bench/ebs-results.json');
