// Shared test setup: a test extension secret, real JWTs signed with it, the backend in-process or as
// a child process, and a real redis-server on a free port.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEbs } from '../app.mjs';
import { readConfig } from '../config.mjs';
import { signJwt } from '../jwt.mjs';
import { createLogger } from '../log.mjs';
import { CLIENT_ID, CLIENT_SECRET, OWNER_ID } from './fake-twitch.mjs';

export const SECRET_BASE64 = randomBytes(32).toString('base64');
export const KEY = Buffer.from(SECRET_BASE64, 'base64');
export const ORIGIN = `https://${CLIENT_ID}.ext-twitch.tv`;
export const PRODUCTS = 'cheer100=100,cheer500=500,spin=200';
const here = dirname(fileURLToPath(import.meta.url));

/** @param {{ channelId: string, userId?: string, role?: string, expS?: number, key?: Buffer }} claims */
export function viewerToken({ channelId, userId, role = 'viewer', expS = 300, key = KEY }) {
  return signJwt(
    {
      exp: Math.floor(Date.now() / 1000) + expS,
      opaque_user_id: userId ? `U${userId}` : 'A1234',
      ...(userId ? { user_id: userId } : {}),
      role,
      channel_id: channelId,
      pubsub_perms: { listen: ['broadcast', 'global'], send: role === 'broadcaster' ? ['broadcast'] : [] },
    },
    key,
  );
}

/**
 * A Bits receipt as Twitch signs it.
 * @param {{ transactionId: string, userId: string, sku: string, amount: number, expS?: number, key?: Buffer, clientId?: string }} r
 */
export function receipt({ transactionId, userId, sku, amount, expS = 600, key = KEY, clientId = CLIENT_ID }) {
  return signJwt(
    {
      topic: 'bits_transaction_receipt',
      exp: Math.floor(Date.now() / 1000) + expS,
      data: {
        transactionId,
        time: new Date().toISOString(),
        userId,
        product: { domainId: `twitch.ext.${clientId}`, sku, displayName: sku, cost: { amount, type: 'bits' } },
      },
    },
    key,
  );
}

/**
 * A purchase Twitch knows about, and what the buyer's frame would post for it.
 * @param {ReturnType<typeof import('./fake-twitch.mjs').startFakeTwitch> extends Promise<infer T> ? T : never} twitch
 * @param {{ id: string, channelId: string, userId: string, sku?: string, amount?: number }} p
 */
export function buy(twitch, { id, channelId, userId, sku = 'cheer100', amount = 100 }) {
  twitch.addTransaction({ id, channelId, userId, sku, amount });
  return { token: viewerToken({ channelId, userId }), body: { receipt: receipt({ transactionId: id, userId, sku, amount }) } };
}

/** @param {{ helixUrl: string, authUrl: string }} twitch @param {Record<string, string>} [extra] */
export function env(twitch, extra = {}) {
  return {
    ONAIR_EBS_CLIENT_ID: CLIENT_ID,
    ONAIR_EBS_EXTENSION_SECRET: SECRET_BASE64,
    ONAIR_EBS_OWNER_ID: OWNER_ID,
    ONAIR_EBS_CLIENT_SECRET: CLIENT_SECRET,
    ONAIR_EBS_HELIX_URL: twitch.helixUrl,
    ONAIR_EBS_AUTH_URL: twitch.authUrl,
    ONAIR_EBS_PRODUCTS: PRODUCTS,
    ONAIR_EBS_WHEEL_SKUS: 'spin',
    ONAIR_EBS_HOST: '127.0.0.1',
    ONAIR_EBS_PORT: '0',
    ONAIR_EBS_VIEWERS_INTERVAL_MS: '3600000',
    ...extra,
  };
}

/** The backend in this process; its logs are kept for assertions. @param {Record<string, string>} variables */
export async function startEbs(variables, { coalesceMs = 20, now = Date.now } = {}) {
  const logs = /** @type {string[]} */ ([]);
  const log = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const ebs = await createEbs(readConfig(variables), { log, coalesceMs, now });
  const port = await ebs.listen(0, '127.0.0.1');
  return { ...ebs, url: `http://127.0.0.1:${port}`, logs };
}

/**
 * `npm run ebs`'s entry point as a child process; resolves once it listens.
 * @param {Record<string, string>} variables
 */
export async function startEbsProcess(variables) {
  const child = spawn(process.execPath, [join(here, '..', 'main.mjs')], { env: { ...process.env, ...variables }, stdio: ['ignore', 'pipe', 'pipe'] });
  /** @type {string[]} the latest output, for error messages */
  const output = [];
  const keep = (/** @type {unknown} */ chunk) => {
    output.push(String(chunk));
    if (output.length > 50) output.shift();
  };
  child.stderr.on('data', keep);
  child.stdout.on('data', keep);
  const port = await new Promise((resolve, reject) => {
    let buffer = '';
    const listening = (/** @type {Buffer} */ chunk) => {
      buffer += chunk;
      const match = /"event":"ebs\.listening".*?"port":(\d+)/.exec(buffer);
      if (!match) return;
      child.stdout.off('data', listening);
      child.off('exit', exited);
      resolve(Number(match[1]));
    };
    const exited = (/** @type {number | null} */ code) => reject(new Error(`ebs exited with ${code}: ${output.join('')}`));
    child.stdout.on('data', listening);
    child.once('exit', exited);
  });
  return { child, url: `http://127.0.0.1:${port}`, output };
}

/** @param {string} url @param {{ token?: string, body?: unknown, origin?: string, method?: string, raw?: string, contentType?: string }} [options] */
export async function call(url, { token, body, origin = ORIGIN, method, raw, contentType = 'application/json' } = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (origin) headers.Origin = origin;
  if (body !== undefined || raw !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(url, {
    method: method ?? (body !== undefined || raw !== undefined ? 'POST' : 'GET'),
    headers,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

export async function tempDir() {
  return mkdtemp(join(tmpdir(), 'onair-ebs-'));
}

export async function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** A real redis-server on a free port with a temporary folder; fails clearly when it is missing. */
export async function startRedis() {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('redis-server is not installed: run `apt-get install -y redis-server` (Debian) — the multi-instance tests need a real Redis.');
  }
  const dir = await tempDir();
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      if (buffer.includes('Ready to accept connections')) resolve(undefined);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${buffer}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A small deterministic generator (mulberry32), so a seeded history or fault run can be replayed. @param {number} seed */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
