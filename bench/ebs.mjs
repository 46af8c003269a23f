// `npm run bench:ebs`: the onair backend (`npm run ebs`, as its own process) against the fake Twitch
// of its tests, simulating 1,000 live channels. Prints receipts per second for one instance (file
// store, and Redis when redis-server is installed) and the latency from a purchase being posted to
// its first `leaderboard` snapshot reaching Twitch's PubSub endpoint. Figures, not assertions.
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { startFakeTwitch } from '../ebs/test/fake-twitch.mjs';
import { KEY, buy, call, env, startEbsProcess, startRedis, tempDir } from '../ebs/test/helpers.mjs';

const CHANNELS = 1000;
// BENCH_EBS_RECEIPTS and BENCH_EBS_STORES (`file,redis`) narrow a run.
const RECEIPTS = Number(process.env.BENCH_EBS_RECEIPTS ?? 5000);
const CONCURRENCY = 50;

const twitch = await startFakeTwitch({ key: KEY });
/** @type {{ figure: string, value: string }[]} */
const rows = [];
let run = 0;

/** @param {string} label @param {string} store */
async function measure(label, store) {
  const ebs = await startEbsProcess(env(twitch, { ONAIR_EBS_STORE: store }));
  try {
    run += 1;
    twitch.state.pubsub.length = 0;
    const purchases = Array.from({ length: RECEIPTS }, (_, i) =>
      buy(twitch, { id: `bench-${run}-${i}`, channelId: String(100_000 * run + (i % CHANNELS)), userId: String(1 + (i % 997)) }),
    );
    process.stderr.write(`bench: ${label}: ${RECEIPTS} receipts…\n`);
    const started = performance.now();
    await pool(purchases, async (purchase) => {
      const answer = await call(`${ebs.url}/v1/bits`, purchase);
      if (answer.status !== 200) throw new Error(`purchase answered ${answer.status}`);
    });
    const seconds = (performance.now() - started) / 1000;
    rows.push({ figure: `receipts per second, one instance, ${label}`, value: `${Math.round(RECEIPTS / seconds)} /s (${RECEIPTS} receipts, ${CHANNELS} channels)` });

    process.stderr.write(`bench: ${label}: snapshot latency…\n`);
    // Latency: one purchase on each of 1,000 fresh channels, timed until its first board arrives
    // (the other windows follow it, one send each).
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
      await call(`${ebs.url}/v1/bits`, purchase);
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
    rows.push({ figure: `purchase → first snapshot at PubSub, p50 / p95 / p99, ${label}`, value: `${at(0.5)} / ${at(0.95)} / ${at(0.99)} ms (1,000 channels at once; includes the 200 ms coalescing wait)` });
  } finally {
    const exited = new Promise((resolve) => ebs.child.once('exit', resolve));
    ebs.child.kill('SIGTERM');
    await exited;
  }
}

/** Runs `work` over `items`, CONCURRENCY at a time. @template T @param {T[]} items @param {(item: T) => Promise<void>} work */
async function pool(items, work) {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
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

async function measureRedis() {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    rows.push({ figure: 'Redis store', value: 'skipped: redis-server is not installed' });
    return;
  }
  const redis = await startRedis();
  try {
    await measure('Redis store', redis.url);
  } finally {
    await redis.stop();
  }
}

const stores = (process.env.BENCH_EBS_STORES ?? 'file,redis').split(',');
const dir = await tempDir();
try {
  if (stores.includes('file')) await measure('file store', `file:${dir}`);
  if (stores.includes('redis')) await measureRedis();
} finally {
  await twitch.close();
  await rm(dir, { recursive: true, force: true });
}
console.log(`onair EBS benchmark — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`);
console.table(rows);
