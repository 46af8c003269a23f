// A fake of the Twitch services the backend calls, on 127.0.0.1: the OAuth token endpoint and the
// Helix routes it uses, with Twitch's checks (bearer tokens, 100 ids per request, signed external
// JWTs and the 5 KB limit on PubSub) and its rate-limit headers. Tests drive it and read what it saw.
import { createServer } from 'node:http';
import { verifyJwt } from '../jwt.mjs';

export const CLIENT_ID = 'onairtestclient123';
export const CLIENT_SECRET = 'test-client-secret';
export const OWNER_ID = '9000';

/**
 * @param {{ key: Buffer, pubsubLimit?: number, pubsubWindowMs?: number, tokenLifetimeS?: number }} options
 */
export async function startFakeTwitch({ key, pubsubLimit = 100, pubsubWindowMs = 60_000, tokenLifetimeS = 3600 }) {
  const state = {
    /** @type {{ broadcaster_id: string, broadcaster_name: string }[]} */
    live: [],
    /** @type {Map<string, { id: string, user_id: string, viewer_count: number, started_at: string }>} */
    streams: new Map(),
    /** @type {Map<string, any>} */
    transactions: new Map(),
    /** @type {{ sku: string, cost: { amount: number, type: string } }[]} */
    products: [],
    /** @type {{ at: number, channelId: string, message: string, envelope: any }[]} */
    pubsub: [],
    /** @type {string[]} problems Twitch would refuse; tests expect none */
    violations: [],
    /** @type {Set<string>} */
    tokens: new Set(),
    tokenLifetimeS,
    tokenRequests: 0,
    /** app-token calls refused with 401 */
    unauthorized: 0,
    /** @type {Record<string, number>} */
    calls: {},
    /** answer this many app-token calls with 429 first */
    throttleNext: 0,
    /** answer this many app-token calls with 500 first */
    failHelix: 0,
    /** answer this many PubSub posts with 500 first */
    failPubsub: 0,
    /** @type {Map<string, number[]>} */
    sends: new Map(),
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const route = `${request.method} ${url.pathname}`;
    state.calls[route] = (state.calls[route] ?? 0) + 1;
    const chunks = /** @type {Buffer[]} */ ([]);
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      /** @param {number} status @param {unknown} [json] @param {Record<string, string>} [headers] */
      const reply = (status, json, headers = {}) => {
        response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        response.end(json === undefined ? '' : JSON.stringify(json));
      };
      if (route === 'POST /oauth2/token') {
        const form = new URLSearchParams(body);
        if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET || form.get('grant_type') !== 'client_credentials') {
          return reply(400, { message: 'invalid client' });
        }
        state.tokenRequests += 1;
        const token = `app-token-${state.tokenRequests}`;
        state.tokens.add(token);
        return reply(200, { access_token: token, expires_in: state.tokenLifetimeS, token_type: 'bearer' });
      }
      if (request.headers['client-id'] !== CLIENT_ID) return reply(401, { message: 'bad client id' });
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (route === 'POST /helix/extensions/pubsub') return pubsub(bearer, body, reply);
      if (!state.tokens.has(bearer)) {
        state.unauthorized += 1;
        return reply(401, { message: 'invalid token' });
      }
      const reset = String(Math.ceil(Date.now() / 1000) + 1);
      if (state.throttleNext > 0) {
        state.throttleNext -= 1;
        return reply(429, { message: 'too many requests' }, { 'Ratelimit-Remaining': '0', 'Ratelimit-Reset': reset });
      }
      if (state.failHelix > 0) {
        state.failHelix -= 1;
        return reply(500, { message: 'down' });
      }
      const limits = { 'Ratelimit-Limit': '800', 'Ratelimit-Remaining': '700', 'Ratelimit-Reset': reset };
      if (route === 'GET /helix/extensions/live') {
        if (url.searchParams.get('extension_id') !== CLIENT_ID) return reply(400, { message: 'extension_id' });
        const first = Number(url.searchParams.get('first') ?? 20);
        const start = Number(url.searchParams.get('after') || 0);
        const data = state.live.slice(start, start + first);
        const next = start + first < state.live.length ? String(start + first) : undefined;
        return reply(200, { data, pagination: next ?? '' }, limits);
      }
      if (route === 'GET /helix/streams') {
        const ids = url.searchParams.getAll('user_id');
        if (ids.length > 100) return reply(400, { message: 'too many user_id' });
        return reply(200, { data: ids.map((id) => state.streams.get(id)).filter(Boolean), pagination: {} }, limits);
      }
      if (route === 'GET /helix/extensions/transactions') {
        const ids = url.searchParams.getAll('id');
        if (ids.length > 100 || url.searchParams.get('extension_id') !== CLIENT_ID) return reply(400, { message: 'bad request' });
        return reply(200, { data: ids.map((id) => state.transactions.get(id)).filter(Boolean), pagination: {} }, limits);
      }
      if (route === 'GET /helix/bits/extensions') return reply(200, { data: state.products }, limits);
      return reply(404, { message: 'not found' });
    });
  });

  /** @param {string} bearer @param {string} body @param {(status: number, json?: unknown) => void} reply */
  function pubsub(bearer, body, reply) {
    const verified = verifyJwt(bearer, [key], Date.now());
    if (!verified.ok) return reply(401, { message: `jwt ${verified.reason}` });
    const claims = verified.claims;
    const parsed = JSON.parse(body);
    const problem =
      claims.role !== 'external'
        ? 'role'
        : claims.user_id !== OWNER_ID
          ? 'user_id'
          : claims.channel_id !== parsed.broadcaster_id
            ? 'channel_id'
            : !claims.pubsub_perms?.send?.includes('broadcast')
              ? 'pubsub_perms'
              : claims.exp * 1000 - Date.now() > 120_000
                ? 'long-lived jwt'
                : JSON.stringify(parsed.target) !== '["broadcast"]'
                  ? 'target'
                  : Buffer.byteLength(parsed.message) > 5120
                    ? 'over 5 KB'
                    : undefined;
    if (problem) {
      state.violations.push(problem);
      return reply(problem === 'over 5 KB' ? 422 : 401, { message: problem });
    }
    const now = Date.now();
    const sends = (state.sends.get(parsed.broadcaster_id) ?? []).filter((at) => at > now - pubsubWindowMs);
    if (sends.length >= pubsubLimit) {
      state.violations.push(`rate on ${parsed.broadcaster_id}`);
      state.sends.set(parsed.broadcaster_id, sends);
      return reply(429, { message: 'rate' });
    }
    if (state.failPubsub > 0) {
      state.failPubsub -= 1;
      return reply(500, { message: 'flaky' });
    }
    sends.push(now);
    state.sends.set(parsed.broadcaster_id, sends);
    state.pubsub.push({ at: now, channelId: parsed.broadcaster_id, message: parsed.message, envelope: JSON.parse(parsed.message) });
    reply(204);
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    state,
    helixUrl: `${origin}/helix`,
    authUrl: `${origin}/oauth2`,
    /** Registers a Bits transaction as Twitch would record it. */
    addTransaction(/** @type {{ id: string, channelId: string, userId: string, userName?: string, sku: string, amount: number }} */ t) {
      state.transactions.set(t.id, {
        id: t.id,
        timestamp: new Date().toISOString(),
        broadcaster_id: t.channelId,
        user_id: t.userId,
        user_name: t.userName ?? `User${t.userId}`,
        product_type: 'BITS_IN_EXTENSION',
        product_data: { domain: `twitch.ext.${CLIENT_ID}`, sku: t.sku, cost: { amount: t.amount, type: 'bits' }, inDevelopment: false },
      });
    },
    /** PubSub messages seen on a channel, optionally of one type. @param {string} channelId @param {string} [type] */
    messages(channelId, type) {
      return state.pubsub.filter((m) => m.channelId === channelId && (!type || m.envelope.type === type));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
