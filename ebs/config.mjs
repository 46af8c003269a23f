// The backend's settings, read once from the environment. The extension secret and the client secret
// come only from here: never from a file in the repository, never echoed back in errors or logs.
import { LEADERBOARD_WINDOWS } from './windows.mjs';

/**
 * @typedef {object} Config
 * @property {string} clientId the extension's client id
 * @property {Buffer[]} secrets decoded extension secrets (the first signs; all verify, for rotation)
 * @property {string} ownerId the extension owner's Twitch user id (signs PubSub sends)
 * @property {string} clientSecret the extension's API client secret, for Helix app tokens
 * @property {string} store `file:<folder>` or `redis://…`
 * @property {string} host
 * @property {number} port
 * @property {string[]} origins exact origins allowed by CORS
 * @property {Map<string, number> | undefined} products SKU → Bits cost; undefined = read from Helix
 * @property {Set<string>} wheelSkus products that buy a wheel spin
 * @property {number} pubsubBudget messages per channel per window this backend may send
 * @property {number} pubsubWindowMs
 * @property {number} viewersIntervalMs
 * @property {import('./windows.mjs').LeaderboardWindow[]} windows boards pushed on PubSub
 * @property {string} helixUrl
 * @property {string} authUrl
 * @property {string} instanceId names this process in logs and leases
 */

/** @type {Record<string, string>} */
const REQUIRED = {
  ONAIR_EBS_CLIENT_ID: 'the extension client id (Developer Console → Extensions → your extension)',
  ONAIR_EBS_EXTENSION_SECRET: 'the extension secret, base64, as shown under Extension Client Configuration',
  ONAIR_EBS_OWNER_ID: 'the Twitch user id of the extension owner',
  ONAIR_EBS_CLIENT_SECRET: 'the extension client secret, for Helix app access tokens',
};

/**
 * @param {Record<string, string | undefined>} env
 * @returns {Config}
 */
export function readConfig(env) {
  const missing = Object.keys(REQUIRED).filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new Error(`Missing environment variables:\n${missing.map((name) => `  ${name}: ${REQUIRED[name]}`).join('\n')}`);
  }
  const clientId = /** @type {string} */ (env.ONAIR_EBS_CLIENT_ID).trim();
  if (!/^[a-z0-9]{1,64}$/i.test(clientId)) throw new Error('ONAIR_EBS_CLIENT_ID must be letters and digits.');
  return {
    clientId,
    secrets: list(env.ONAIR_EBS_EXTENSION_SECRET).map(decodeSecret),
    ownerId: digits('ONAIR_EBS_OWNER_ID', env.ONAIR_EBS_OWNER_ID),
    clientSecret: /** @type {string} */ (env.ONAIR_EBS_CLIENT_SECRET).trim(),
    store: env.ONAIR_EBS_STORE?.trim() || 'file:.onair-ebs',
    host: env.ONAIR_EBS_HOST?.trim() || '0.0.0.0',
    port: integer('ONAIR_EBS_PORT', env.ONAIR_EBS_PORT, 8080, 0, 65535),
    origins: env.ONAIR_EBS_ORIGINS ? list(env.ONAIR_EBS_ORIGINS) : [`https://${clientId}.ext-twitch.tv`],
    products: env.ONAIR_EBS_PRODUCTS ? parseProducts(env.ONAIR_EBS_PRODUCTS) : undefined,
    wheelSkus: new Set(list(env.ONAIR_EBS_WHEEL_SKUS ?? '')),
    pubsubBudget: integer('ONAIR_EBS_PUBSUB_BUDGET', env.ONAIR_EBS_PUBSUB_BUDGET, 40, 1, 100),
    pubsubWindowMs: integer('ONAIR_EBS_PUBSUB_WINDOW_MS', env.ONAIR_EBS_PUBSUB_WINDOW_MS, 60_000, 100, 3_600_000),
    viewersIntervalMs: integer('ONAIR_EBS_VIEWERS_INTERVAL_MS', env.ONAIR_EBS_VIEWERS_INTERVAL_MS, 60_000, 100, 3_600_000),
    windows: parseWindows(env.ONAIR_EBS_WINDOWS),
    helixUrl: trimSlash(env.ONAIR_EBS_HELIX_URL || 'https://api.twitch.tv/helix'),
    authUrl: trimSlash(env.ONAIR_EBS_AUTH_URL || 'https://id.twitch.tv/oauth2'),
    instanceId: env.ONAIR_EBS_INSTANCE?.trim() || `ebs-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

/** @param {string | undefined} value */
function list(value) {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/** @param {string} value */
function decodeSecret(value) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new Error('ONAIR_EBS_EXTENSION_SECRET must be base64 (comma-separate two while rotating).');
  const key = Buffer.from(value, 'base64');
  if (key.length < 16) throw new Error('ONAIR_EBS_EXTENSION_SECRET is too short to be an extension secret.');
  return key;
}

/** @param {string} name @param {string | undefined} value */
function digits(name, value) {
  const text = (value ?? '').trim();
  if (!/^[0-9]{1,32}$/.test(text)) throw new Error(`${name} must be a numeric Twitch user id.`);
  return text;
}

/**
 * @param {string} name @param {string | undefined} value
 * @param {number} fallback @param {number} min @param {number} max
 */
function integer(name, value, fallback, min, max) {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** `sku=cost,sku=cost` → Map. @param {string} value */
export function parseProducts(value) {
  /** @type {Map<string, number>} */
  const products = new Map();
  for (const item of list(value)) {
    const [sku, cost] = item.split('=').map((part) => part.trim());
    const amount = Number(cost);
    if (!sku || !Number.isInteger(amount) || amount <= 0) throw new Error(`ONAIR_EBS_PRODUCTS: "${item}" is not sku=bits.`);
    products.set(sku, amount);
  }
  return products;
}

/** @param {string | undefined} value */
function parseWindows(value) {
  if (!value) return [...LEADERBOARD_WINDOWS];
  const windows = list(value);
  for (const window of windows) {
    if (!LEADERBOARD_WINDOWS.includes(/** @type {any} */ (window))) throw new Error(`ONAIR_EBS_WINDOWS: unknown window "${window}".`);
  }
  return /** @type {import('./windows.mjs').LeaderboardWindow[]} */ (windows);
}

/** @param {string} url */
function trimSlash(url) {
  return url.replace(/\/+$/, '');
}
