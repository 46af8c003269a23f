// The file store's compaction: its size follows live state, a restart reads only the snapshot and
// what came after it, and every purchase still counts exactly once, across compactions, restarts and
// crashes (kill -9 at random moments, seeded), until its receipt can no longer be replayed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openFileStore } from '../store/file.mjs';
import { startFakeTwitch } from './fake-twitch.mjs';
import { KEY, buy, call, env, random, startEbs, tempDir, viewerToken } from './helpers.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOWS = /** @type {const} */ (['session', '1d', '7d', '30d', 'all']);

/** @param {string} dir */
async function folderBytes(dir) {
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
  return bytes;
}

/** @param {import('../store/types.mjs').Store} store @param {string[]} channels @param {number} now */
async function boards(store, channels, now) {
  const out = [];
  for (const channel of channels) {
    for (const window of WINDOWS) out.push(await store.board(channel, window, 100, now));
    out.push(await store.wheelRequests(channel, 100));
  }
  return out;
}

describe('file store compaction', () => {
  /** @type {string[]} */
  const dirs = [];
  const folder = async () => {
    const dir = await tempDir();
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('answers the same boards after compactions and a restart, from a folder the size of live state', async () => {
    const dir = await folder();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = () => now;
    const next = random(7);
    const channels = ['1', '2', '3'];
    let store = await openFileStore(dir, { now: clock, compactMinBytes: 16 * 1024 });
    let id = 0;
    // 60 days, 40 purchases a day by 30 viewers, a new stream every other day.
    for (let day = 0; day < 60; day++) {
      if (day % 2 === 0) for (const channel of channels) await store.startSession(channel, `stream-${day}`);
      const purchases = [];
      for (let i = 0; i < 40; i++) {
        now += Math.floor(DAY / 40);
        const userId = String(1 + Math.floor(next() * 30));
        purchases.push(
          store.record({
            transactionId: `tx-${id++}`,
            channelId: channels[Math.floor(next() * channels.length)],
            userId,
            name: `viewer ${userId}`,
            sku: 'cheer100',
            amount: 100 * (1 + Math.floor(next() * 5)),
            at: now,
            keepUntil: now + 10 * 60_000 + DAY,
            wheel: next() < 0.1,
          }),
        );
      }
      assert.deepEqual(new Set(await Promise.all(purchases)), new Set([true]));
    }
    const expected = await boards(store, channels, now);
    await store.compact();
    assert.deepEqual(await boards(store, channels, now), expected);
    await store.close();

    const names = (await readdir(dir)).sort();
    assert.deepEqual(names.filter((name) => name.startsWith('ledger-')).length, 1, names.join());
    assert.ok(names.includes('snapshot.json.gz'));
    // 2,400 purchases: the ledger alone was ~230 bytes each; the folder now holds 30 viewers' totals
    // on 3 channels, a day of transaction ids and the last paid spins.
    const bytes = await folderBytes(dir);
    assert.ok(bytes < 2400 * 20, `${bytes} bytes`);

    store = await openFileStore(dir, { now: clock });
    try {
      assert.deepEqual(await boards(store, channels, now), expected);
      // Ids of the last day are kept, older ones are not.
      assert.equal(await store.seen(`tx-${id - 1}`), true);
      assert.equal(await store.seen('tx-0'), false);
      assert.equal(await store.record({ transactionId: `tx-${id - 1}`, channelId: '1', userId: '1', name: 'x', sku: 'cheer100', amount: 100, at: now, keepUntil: now + DAY, wheel: false }), false);
    } finally {
      await store.close();
    }
  });

  it('reads a first-version ledger and folds it into its first snapshot', async () => {
    const dir = await folder();
    const { writeFile } = await import('node:fs/promises');
    const at = Date.now();
    const purchase = { transactionId: 'old-1', channelId: '5', userId: '9', name: 'nine', sku: 'cheer100', amount: 300, at, keepUntil: at + DAY, wheel: false };
    await writeFile(join(dir, 'ledger.jsonl'), `${JSON.stringify({ t: 'p', p: purchase })}\n{"t":"p","p":{"transac`);
    const store = await openFileStore(dir);
    try {
      assert.deepEqual((await store.board('5', 'all', 10, at)).map((e) => e.total), [300]);
      assert.equal(await store.record(purchase), false);
      await store.compact();
      assert.ok(!(await readdir(dir)).includes('ledger.jsonl'));
      assert.deepEqual((await store.board('5', 'all', 10, at)).map((e) => e.total), [300]);
    } finally {
      await store.close();
    }
  });

  it('counts each purchase once through kill -9 at random moments, compacting all along', async () => {
    const writer = fileURLToPath(new URL('./store-writer.mjs', import.meta.url));
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const dir = await folder();
      const next = random(seed);
      /** @type {Set<string>} ids answered "counted" */
      const counted = new Set();
      for (let round = 0; round < 3; round++) {
        // Killed after a random number of answers: mid-write and mid-compaction alike.
        const lines = await runUntilKilled(writer, [dir, String(seed), String(round)], 50 + Math.floor(next() * 400));
        for (const line of lines) {
          const [verdict, id] = line.split(' ');
          if (verdict !== 'counted') continue;
          assert.ok(!counted.has(id), `${id} counted twice (seed ${seed})`);
          counted.add(id);
        }
      }
      // Each id is bought by its own viewer for 100 Bits, so a total says how often it was counted. An
      // id may have been written but not answered before the kill: counted once, never twice.
      const store = await openFileStore(dir);
      try {
        /** @type {Map<string, number>} */
        const totals = new Map();
        for (let channel = 0; channel < 40; channel++) {
          const board = await store.board(String(channel), 'all', 100, Date.now());
          assert.ok(board.length < 100, 'every viewer of the channel is on its board');
          for (const entry of board) totals.set(entry.userId, entry.total);
        }
        for (const id of counted) assert.equal(totals.get(`u${id}`), 100, `${id} (seed ${seed})`);
        for (const [user, total] of totals) assert.equal(total, 100, `${user} (seed ${seed})`);
        assert.ok(counted.size > 100);
      } finally {
        await store.close();
      }
    }
  });
});

/**
 * Runs a Node script and kills it (SIGKILL) once it has printed `lines` lines.
 * @param {string} script @param {string[]} args @param {number} lines @returns {Promise<string[]>}
 */
function runUntilKilled(script, args, lines) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.split('\n').length > lines) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited with ${code} before it was killed: ${err}`));
      else resolve(out.split('\n').filter((line) => /^(counted|repeat) /.test(line)));
    });
  });
}

describe('exactly once through the backend, across compaction, restart and expiry', () => {
  /** @type {Awaited<ReturnType<typeof startFakeTwitch>>} */
  let twitch;
  let dir = '';

  before(async () => {
    twitch = await startFakeTwitch({ key: KEY });
    dir = await tempDir();
  });
  after(async () => {
    await twitch.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a compacted receipt as counted while it can be replayed, then as expired', async () => {
    let now = Date.now();
    const clock = () => now;
    const variables = env(twitch, { ONAIR_EBS_STORE: `file:${dir}` });
    const purchase = buy(twitch, { id: 'expiry-1', channelId: '700', userId: '71', amount: 500, sku: 'cheer500' });
    // Tokens that outlive the simulated days.
    purchase.token = viewerToken({ channelId: '700', userId: '71', expS: 5 * 86_400 });
    const token = viewerToken({ channelId: '700', expS: 5 * 86_400 });

    let ebs = await startEbs(variables, { now: clock });
    assert.equal((await call(`${ebs.url}/v1/bits`, purchase)).status, 200);
    await /** @type {any} */ (ebs.store).compact();
    await ebs.close();

    now += 5 * 60_000;
    ebs = await startEbs(variables, { now: clock });
    try {
      assert.equal((await call(`${ebs.url}/v1/bits`, purchase)).status, 409);
      assert.deepEqual((await call(`${ebs.url}/v1/leaderboard?window=all`, { token })).json.entries.map((/** @type {any} */ e) => e.total), [500]);
    } finally {
      await ebs.close();
    }

    // The receipt expired 10 minutes after it was signed; its id is kept a day longer, then forgotten.
    now += 2 * DAY;
    ebs = await startEbs(variables, { now: clock });
    try {
      await /** @type {any} */ (ebs.store).compact();
      assert.equal(await ebs.store.seen('expiry-1'), false);
      const replay = await call(`${ebs.url}/v1/bits`, purchase);
      assert.deepEqual([replay.status, replay.json.error], [403, 'receipt_expired']);
      assert.deepEqual((await call(`${ebs.url}/v1/leaderboard?window=all`, { token })).json.entries.map((/** @type {any} */ e) => e.total), [500]);
    } finally {
      await ebs.close();
    }
  });
});
