// A small Twitch Helix client for what the backend needs. App access tokens (client credentials) are
// fetched on first use, renewed before they expire and again on a 401. Calls made with the app token
// share Helix's per-client bucket: when Ratelimit-Remaining reaches 0 the next call waits for
// Ratelimit-Reset, and a 429 waits and retries. PubSub sends use an extension JWT signed here.
import { request } from './http.mjs';
import { signJwt } from './jwt.mjs';

const PAGE = 100;
const MAX_PAGES = 1000;
const TIMEOUT_MS = 10_000;
const RETRIES = 3;
const RENEW_BEFORE_MS = 5 * 60_000;

export class HelixError extends Error {
  /** @param {string} message @param {number} status */
  constructor(message, status) {
    super(message);
    this.name = 'HelixError';
    this.status = status;
  }
}

/**
 * @typedef {object} HelixOptions
 * @property {string} helixUrl
 * @property {string} authUrl
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {Buffer} signingKey the extension secret that signs PubSub JWTs
 * @property {string} ownerId
 * @property {import('./log.mjs').Logger} log
 * @property {import('./http.mjs').HttpRequest} [request] the HTTP client (tests may replace it)
 */

export class Helix {
  /** @param {HelixOptions} options */
  constructor(options) {
    this.options = options;
    this.request = options.request ?? request;
    /** @type {{ value: string, renewAt: number } | undefined} */
    this.token = undefined;
    /** @type {Promise<string> | undefined} */
    this.tokenRequest = undefined;
    /** @type {Map<string, { jwt: string, renewAt: number }>} PubSub JWTs by channel */
    this.pubsubTokens = new Map();
    /** Helix's bucket for the app token, from the latest response headers. */
    this.bucket = { remaining: Infinity, resetAt: 0 };
  }

  /** Live channels that have the extension active, all pages. @returns {Promise<{ broadcaster_id: string }[]>} */
  async liveChannels() {
    const channels = [];
    let after = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ extension_id: this.options.clientId, first: String(PAGE) });
      if (after) query.set('after', after);
      const body = await this.call('GET', `/extensions/live?${query}`);
      channels.push(...list(body.data));
      // The live list has returned `pagination` as a bare string as well as as an object.
      after = typeof body.pagination === 'string' ? body.pagination : (body.pagination?.cursor ?? '');
      if (!after || list(body.data).length === 0) break;
    }
    return channels;
  }

  /**
   * Streams (live channels only) for up to any number of user ids, 100 per request.
   * @param {string[]} userIds
   * @returns {Promise<{ user_id: string, id: string, viewer_count: number, started_at: string }[]>}
   */
  async streams(userIds) {
    const streams = [];
    for (let i = 0; i < userIds.length; i += PAGE) {
      const query = new URLSearchParams({ first: String(PAGE) });
      for (const id of userIds.slice(i, i + PAGE)) query.append('user_id', id);
      streams.push(...list((await this.call('GET', `/streams?${query}`)).data));
    }
    return streams;
  }

  /**
   * Bits transactions by id (up to 100): who bought what, on which channel.
   * @param {string[]} ids
   * @returns {Promise<any[]>}
   */
  async transactions(ids) {
    const query = new URLSearchParams({ extension_id: this.options.clientId, first: String(PAGE) });
    for (const id of ids.slice(0, PAGE)) query.append('id', id);
    return list((await this.call('GET', `/extensions/transactions?${query}`)).data);
  }

  /** The extension's Bits products. @returns {Promise<any[]>} */
  async bitsProducts() {
    const query = new URLSearchParams({ extension_id: this.options.clientId, should_include_all: 'true' });
    return list((await this.call('GET', `/bits/extensions?${query}`)).data);
  }

  /**
   * Sends one message on a channel's broadcast topic.
   * @param {string} channelId @param {string} message
   */
  async sendPubSub(channelId, message) {
    const jwt = this.pubsubToken(channelId);
    // No retry here: a retry would be a second send on the same budget slot; the outbox retries
    // with a new slot.
    await this.call('POST', '/extensions/pubsub', {
      jwt,
      retries: 0,
      body: { target: ['broadcast'], broadcaster_id: channelId, is_global_broadcast: false, message },
    });
  }

  /**
   * The JWT a PubSub send on the channel is signed with: valid 60 s, reused for 30 s (a busy channel
   * sends up to 40 messages a minute; signing each cost as much as building its message).
   * @param {string} channelId
   */
  pubsubToken(channelId) {
    const now = Date.now();
    const kept = this.pubsubTokens.get(channelId);
    if (kept && now < kept.renewAt) return kept.jwt;
    if (this.pubsubTokens.size >= 10_000) for (const [id, token] of this.pubsubTokens) if (now >= token.renewAt) this.pubsubTokens.delete(id);
    const jwt = signJwt(
      {
        exp: Math.floor(now / 1000) + 60,
        user_id: this.options.ownerId,
        role: 'external',
        channel_id: channelId,
        pubsub_perms: { send: ['broadcast'] },
      },
      this.options.signingKey,
    );
    this.pubsubTokens.set(channelId, { jwt, renewAt: now + 30_000 });
    return jwt;
  }

  /**
   * @param {string} method @param {string} path
   * @param {{ body?: unknown, jwt?: string, retries?: number }} [options] `jwt`: an extension JWT
   *   instead of the app token
   * @returns {Promise<any>}
   */
  async call(method, path, { body, jwt, retries = RETRIES } = {}) {
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      if (!jwt) await this.waitForBucket();
      const bearer = jwt ?? (await this.appToken());
      /** @type {import('./http.mjs').HttpResponse} */
      let response;
      try {
        response = await this.request(`${this.options.helixUrl}${path}`, {
          method,
          headers: {
            'Client-Id': this.options.clientId,
            Authorization: `Bearer ${bearer}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          timeoutMs: TIMEOUT_MS,
        });
      } catch (error) {
        if (attempt >= retries) throw new HelixError(`Helix ${method} ${route(path)} failed: ${describe(error)}`, 0);
        await sleep(backoff(attempt));
        continue;
      }
      if (!jwt) this.readBucket(response.headers);
      if (response.ok) return response.status === 204 ? {} : response.json().catch(() => ({}));
      if (response.status === 401 && !jwt && !renewed) {
        renewed = true;
        this.token = undefined;
        continue;
      }
      if ((response.status === 429 || response.status >= 500) && attempt < retries) {
        const wait = response.status === 429 ? this.retryAfter(response.headers, attempt) : backoff(attempt);
        this.options.log.warn('helix.retry', { method, route: route(path), status: response.status, waitMs: wait });
        await sleep(wait);
        continue;
      }
      throw new HelixError(`Helix ${method} ${route(path)} answered ${response.status}`, response.status);
    }
  }

  /** @returns {Promise<string>} */
  async appToken() {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  /** @returns {Promise<string>} */
  async requestToken() {
    const form = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      grant_type: 'client_credentials',
    });
    /** @type {import('./http.mjs').HttpResponse} */
    let response;
    try {
      response = await this.request(`${this.options.authUrl}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        timeoutMs: TIMEOUT_MS,
      });
    } catch (error) {
      throw new HelixError(`The app access token request failed: ${describe(error)}`, 0);
    }
    if (!response.ok) {
      throw new HelixError(`The app access token request answered ${response.status}`, response.status);
    }
    const data = /** @type {any} */ (await response.json());
    if (typeof data.access_token !== 'string' || typeof data.expires_in !== 'number') throw new HelixError('The app access token response is malformed', 0);
    const lifetime = data.expires_in * 1000;
    this.token = { value: data.access_token, renewAt: Date.now() + Math.max(lifetime / 2, lifetime - RENEW_BEFORE_MS) };
    this.options.log.info('helix.token', { expiresInS: data.expires_in });
    return data.access_token;
  }

  /** @param {import('./http.mjs').HttpResponse['headers']} headers */
  readBucket(headers) {
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset'));
    if (headers.has('ratelimit-remaining') && Number.isFinite(remaining)) this.bucket.remaining = remaining;
    if (headers.has('ratelimit-reset') && Number.isFinite(reset)) this.bucket.resetAt = reset * 1000;
  }

  async waitForBucket() {
    while (this.bucket.remaining <= 0 && Date.now() < this.bucket.resetAt) {
      await sleep(Math.min(this.bucket.resetAt - Date.now() + 50, 60_000));
    }
    if (Date.now() >= this.bucket.resetAt) this.bucket.remaining = Infinity;
    else this.bucket.remaining -= 1;
  }

  /** @param {import('./http.mjs').HttpResponse['headers']} headers @param {number} attempt */
  retryAfter(headers, attempt) {
    const reset = Number(headers.get('ratelimit-reset')) * 1000;
    const wait = Number.isFinite(reset) && reset > Date.now() ? reset - Date.now() + 50 : backoff(attempt);
    return Math.min(wait, 60_000);
  }
}

/** @param {unknown} value @returns {any[]} */
function list(value) {
  return Array.isArray(value) ? value : [];
}

/** The path without its query, for logs. @param {string} path */
function route(path) {
  return path.split('?')[0];
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? error.name : 'error';
}

/** @param {number} attempt */
function backoff(attempt) {
  return Math.min(250 * 2 ** attempt, 5_000) + Math.floor(Math.random() * 100);
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
