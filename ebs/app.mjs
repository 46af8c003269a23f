// The backend: one HTTP server and one outbox for every channel of the extension. See README.md in
// this folder for the endpoints and the messages it pushes.
import { createServer } from 'node:http';
import { Catalogue, TransactionLookup, checkReceipt, matchTransaction } from './bits.mjs';
import { fitLeaderboard, encodeEnvelope } from './envelope.mjs';
import { Helix, HelixError } from './helix.mjs';
import { verifyJwt } from './jwt.mjs';
import { Outbox } from './outbox.mjs';
import { describeStore, openStore } from './store/index.mjs';
import { MAX_ENTRIES, isWindow } from './windows.mjs';

const MAX_BODY_BYTES = 16 * 1024;
const ROLES = new Set(['viewer', 'broadcaster', 'moderator']);
const CHANNEL_ID = /^[0-9]{1,32}$/;
/** How long a counted transaction id is remembered after its receipt expires (clock skew margin). */
const REMEMBER_AFTER_EXPIRY_MS = 24 * 3_600_000;
const PENDING_RETRY_MS = 2000;

/**
 * @typedef {object} Ebs
 * @property {import('node:http').Server} server
 * @property {import('./store/types.mjs').Store} store
 * @property {Outbox} outbox
 * @property {() => Promise<void>} pollViewers one round of viewer counts (also run on a timer)
 * @property {(port?: number, host?: string) => Promise<number>} listen resolves to the bound port
 * @property {() => Promise<void>} close
 */

/**
 * @param {import('./config.mjs').Config} config
 * @param {{ log: import('./log.mjs').Logger, request?: import('./http.mjs').HttpRequest, coalesceMs?: number, now?: () => number }} deps
 *   `now`: the clock that receipts, tokens and stored ids expire by (tests move it)
 * @returns {Promise<Ebs>}
 */
export async function createEbs(config, { log, request, coalesceMs = 200, now = Date.now }) {
  const store = await openStore(config.store, log, { now });
  const helix = new Helix({
    helixUrl: config.helixUrl,
    authUrl: config.authUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    signingKey: config.secrets[0],
    ownerId: config.ownerId,
    log,
    request,
  });
  const transactions = new TransactionLookup((ids) => helix.transactions(ids));
  const catalogue = new Catalogue(config.products, () => helix.bitsProducts());
  const outbox = new Outbox({
    store,
    send: (channelId, message) => helix.sendPubSub(channelId, message),
    log,
    budget: config.pubsubBudget,
    windowMs: config.pubsubWindowMs,
    coalesceMs,
  });

  /** @type {Map<string, number>} latest viewer count per channel, from this instance's polls */
  const viewers = new Map();
  outbox.register('ebs.viewers', async (channelId, seq, from) => {
    const total = viewers.get(channelId);
    return total === undefined ? undefined : encodeEnvelope({ type: 'viewers', seq, from, payload: { total } });
  });
  for (const window of config.windows) {
    outbox.register(`ebs.leaderboard.${window}`, async (channelId, seq, from) => {
      const entries = await store.board(channelId, window, MAX_ENTRIES, now());
      return fitLeaderboard({ seq, from, window, entries }).json;
    });
  }
  const boardKinds = config.windows.map((window) => `ebs.leaderboard.${window}`);

  // ---- Bits -------------------------------------------------------------------------------------

  /** @param {Record<string, any>} viewer @param {unknown} body @returns {Promise<[number, Record<string, unknown>]>} */
  const postBits = async (viewer, body) => {
    const receiptToken = body && typeof body === 'object' ? /** @type {any} */ (body).receipt : undefined;
    const verified = verifyJwt(receiptToken, config.secrets, now());
    if (!verified.ok) return [403, { error: verified.reason === 'expired' ? 'receipt_expired' : 'receipt_invalid' }];
    const sku = verified.claims.data?.product?.sku;
    const cost = typeof sku === 'string' ? await catalogue.cost(sku) : undefined;
    const checked = checkReceipt(verified.claims, viewer, { clientId: config.clientId, cost });
    if (!checked.ok) return [checked.status, { error: checked.code }];
    const { receipt } = checked;
    if (await store.seen(receipt.transactionId)) return [409, { error: 'already_counted', transactionId: receipt.transactionId }];
    const transaction = await transactions.get(receipt.transactionId);
    if (!transaction) return [202, { status: 'pending', transactionId: receipt.transactionId, retryAfterMs: PENDING_RETRY_MS }];
    const mismatch = matchTransaction(transaction, receipt, viewer.channel_id);
    if (mismatch) return [403, { error: mismatch }];
    const wheel = config.wheelSkus.has(receipt.sku);
    const name = typeof transaction.user_name === 'string' && transaction.user_name ? transaction.user_name.slice(0, 64) : receipt.userId;
    const counted = await store.record({
      transactionId: receipt.transactionId,
      channelId: viewer.channel_id,
      userId: receipt.userId,
      name,
      sku: receipt.sku,
      amount: receipt.amount,
      at: receipt.at,
      keepUntil: Math.max(receipt.expiresAt, now()) + REMEMBER_AFTER_EXPIRY_MS,
      wheel,
    });
    if (!counted) return [409, { error: 'already_counted', transactionId: receipt.transactionId }];
    log.info('bits.counted', { channelId: viewer.channel_id, userId: receipt.userId, sku: receipt.sku, amount: receipt.amount, transactionId: receipt.transactionId });
    for (const kind of boardKinds) outbox.mark(viewer.channel_id, kind);
    if (wheel) outbox.wheel(viewer.channel_id, { paymentId: receipt.transactionId, userId: receipt.userId, name, sku: receipt.sku, amount: receipt.amount });
    return [200, { status: 'counted', transactionId: receipt.transactionId, amount: receipt.amount, wheel }];
  };

  // ---- viewer counts ----------------------------------------------------------------------------

  const pollViewers = async () => {
    if (!(await store.lease('viewers', config.instanceId, config.viewersIntervalMs * 2))) return;
    const live = await helix.liveChannels();
    const ids = [...new Set(live.map((channel) => String(channel.broadcaster_id)).filter((id) => CHANNEL_ID.test(id)))];
    const streams = await helix.streams(ids);
    const seen = new Set();
    for (const stream of streams) {
      const channelId = String(stream.user_id);
      const total = Number(stream.viewer_count);
      if (!CHANNEL_ID.test(channelId) || !Number.isInteger(total) || total < 0) continue;
      seen.add(channelId);
      if (typeof stream.id === 'string' && stream.id && (await store.startSession(channelId, stream.id))) {
        if (config.windows.includes('session')) outbox.mark(channelId, 'ebs.leaderboard.session');
      }
      // Sent at every poll, changed or not, so a page that loads late has a count within one interval.
      viewers.set(channelId, total);
      outbox.mark(channelId, 'ebs.viewers');
    }
    for (const channelId of viewers.keys()) if (!seen.has(channelId)) viewers.delete(channelId);
    log.debug('viewers.polled', { live: ids.length, streams: streams.length });
  };

  let polling = false;
  const pollTimer = setInterval(() => {
    if (polling) return;
    polling = true;
    pollViewers()
      .catch((error) => log.warn('viewers.poll-failed', { error }))
      .finally(() => {
        polling = false;
      });
  }, config.viewersIntervalMs);
  pollTimer.unref();

  // ---- HTTP -------------------------------------------------------------------------------------

  const allowed = new Set(config.origins);

  const server = createServer(async (request, response) => {
    const started = Date.now();
    const url = new URL(request.url ?? '/', 'http://ebs');
    const origin = request.headers.origin;
    /** @param {number} status @param {Record<string, unknown>} body */
    const reply = (status, body) => {
      const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      if (origin && allowed.has(origin)) Object.assign(headers, cors(origin));
      response.writeHead(status, headers).end(JSON.stringify(body));
      log.info('http', { method: request.method, path: url.pathname, status, ms: Date.now() - started });
    };
    try {
      if (url.pathname === '/health' && request.method === 'GET') return reply(200, { ok: true, store: describeStore(config.store).split(':')[0] });
      if (origin !== undefined && !allowed.has(origin)) return reply(403, { error: 'origin_not_allowed' });
      if (request.method === 'OPTIONS') {
        response.writeHead(204, origin ? cors(origin) : {}).end();
        return;
      }
      const route = `${request.method} ${url.pathname}`;
      if (!['POST /v1/bits', 'GET /v1/leaderboard', 'GET /v1/wheel/requests'].includes(route)) return reply(404, { error: 'not_found' });
      const viewer = authenticate(request.headers.authorization);
      if (!viewer) return reply(401, { error: 'unauthorized' });
      if (route === 'POST /v1/bits') {
        if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return reply(415, { error: 'json_required' });
        const body = await readJson(request);
        if (body === TOO_LARGE) return reply(413, { error: 'too_large' });
        if (body === INVALID) return reply(400, { error: 'invalid_json' });
        return reply(...(await postBits(viewer, body)));
      }
      if (route === 'GET /v1/leaderboard') {
        const window = url.searchParams.get('window') ?? 'all';
        if (!isWindow(window)) return reply(400, { error: 'unknown_window' });
        const limit = clampLimit(url.searchParams.get('limit'));
        return reply(200, { window, entries: await store.board(viewer.channel_id, window, limit, now()) });
      }
      if (viewer.role !== 'broadcaster' && viewer.role !== 'moderator') return reply(403, { error: 'broadcaster_only' });
      return reply(200, { requests: await store.wheelRequests(viewer.channel_id, clampLimit(url.searchParams.get('limit'))) });
    } catch (error) {
      const status = error instanceof HelixError ? 503 : 500;
      log.error('http.failed', { path: url.pathname, error });
      if (!response.headersSent) reply(status, status === 503 ? { error: 'twitch_unavailable', retryAfterMs: PENDING_RETRY_MS } : { error: 'internal' });
    }
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;

  /** @param {string | undefined} header @returns {Record<string, any> | undefined} */
  const authenticate = (header) => {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? '');
    if (!match) return undefined;
    const verified = verifyJwt(match[1], config.secrets, now());
    if (!verified.ok) return undefined;
    const claims = verified.claims;
    if (!ROLES.has(claims.role) || typeof claims.channel_id !== 'string' || !CHANNEL_ID.test(claims.channel_id)) return undefined;
    return claims;
  };

  return {
    server,
    store,
    outbox,
    pollViewers,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          const bound = typeof address === 'object' && address ? address.port : port;
          log.info('ebs.listening', { host, port: bound, store: describeStore(config.store), instance: config.instanceId });
          resolve(bound);
        });
      });
    },
    async close() {
      clearInterval(pollTimer);
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeIdleConnections();
      await closed;
      await outbox.close();
      await outbox.idle();
      await store.close();
    },
  };
}

/** @param {string} origin */
function cors(origin) {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

/** @param {string | null} value */
function clampLimit(value) {
  const n = Number(value ?? MAX_ENTRIES);
  return Number.isInteger(n) ? Math.min(Math.max(n, 1), MAX_ENTRIES) : MAX_ENTRIES;
}

const TOO_LARGE = Symbol('too large');
const INVALID = Symbol('invalid');

/**
 * Reads a JSON body of at most MAX_BODY_BYTES. A larger one is drained, not kept, so the answer
 * (413) still reaches the client.
 * @param {import('node:http').IncomingMessage} request
 * @returns {Promise<unknown>}
 */
function readJson(request) {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      request.resume();
      resolve(TOO_LARGE);
      return;
    }
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    request.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return resolve(TOO_LARGE);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(INVALID);
      }
    });
  });
}
