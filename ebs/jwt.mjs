// HS256 JSON Web Tokens with node:crypto: Twitch signs extension tokens and Bits receipts with the
// extension's shared secret (base64), and the backend signs its own PubSub tokens with it.
// Only HS256 is accepted; anything else (including "none") is refused before any comparison.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_TOKEN = 8192;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * @param {Record<string, unknown>} payload
 * @param {Buffer} key the decoded extension secret
 * @returns {string}
 */
export function signJwt(payload, key) {
  const head = encodeJson({ alg: 'HS256', typ: 'JWT' });
  const body = encodeJson(payload);
  return `${head}.${body}.${mac(`${head}.${body}`, key)}`;
}

/**
 * Checks the signature against every key (two are active while Twitch rotates a secret) and the
 * expiry. Never throws.
 * @param {unknown} token
 * @param {Buffer[]} keys
 * @param {number} nowMs
 * @returns {{ ok: true, claims: Record<string, any> } | { ok: false, reason: string }}
 */
export function verifyJwt(token, keys, nowMs) {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return { ok: false, reason: 'malformed' };
  const [head, body, signature] = parts;
  const header = decodeJson(head);
  if (!header || header.alg !== 'HS256') return { ok: false, reason: 'algorithm' };
  const given = Buffer.from(signature, 'base64url');
  const signed = keys.some((key) => {
    const expected = Buffer.from(mac(`${head}.${body}`, key), 'base64url');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signed) return { ok: false, reason: 'signature' };
  const claims = decodeJson(body);
  if (!claims) return { ok: false, reason: 'malformed' };
  const exp = typeof claims.exp === 'string' ? Number(claims.exp) : claims.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { ok: false, reason: 'no-expiry' };
  if (exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** @param {string} data @param {Buffer} key */
function mac(data, key) {
  return createHmac('sha256', key).update(data).digest('base64url');
}

/** @param {unknown} value */
function encodeJson(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** @param {string} segment @returns {Record<string, any> | undefined} */
function decodeJson(segment) {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
