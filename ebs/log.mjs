// Structured logs: one JSON object per line on stdout. Fields whose names suggest a credential are
// replaced, and so is any string that looks like a JWT, so no token or secret reaches a log even
// when an error message quotes one.

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_NAME = /token|secret|authorization|password|receipt|jwt|cookie/i;
const JWT_LIKE = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

/**
 * @typedef {{ [K in keyof typeof LEVELS]: (event: string, fields?: Record<string, unknown>) => void }} Logger
 */

/**
 * @param {{ level?: string, write?: (line: string) => void, base?: Record<string, unknown> }} [options]
 * @returns {Logger}
 */
export function createLogger({ level = 'info', write = (line) => process.stdout.write(line), base = {} } = {}) {
  const threshold = LEVELS[/** @type {keyof typeof LEVELS} */ (level)] ?? LEVELS.info;
  /** @param {keyof typeof LEVELS} name */
  const at = (name) => (/** @type {string} */ event, /** @type {Record<string, unknown>} */ fields = {}) => {
    if (LEVELS[name] < threshold) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: name, event, ...base, ...clean(fields) })}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** @param {Record<string, unknown>} fields @param {number} [depth] @returns {Record<string, unknown>} */
function clean(fields, depth = 0) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_NAME.test(key) ? '[redacted]' : scrub(value, depth);
  return out;
}

/** @param {unknown} value @param {number} depth @returns {unknown} */
function scrub(value, depth) {
  if (typeof value === 'string') return value.replace(JWT_LIKE, '[jwt]');
  if (value instanceof Error) return scrub(value.message, depth);
  if (Array.isArray(value)) return depth > 3 ? '[…]' : value.map((item) => scrub(item, depth + 1));
  if (value && typeof value === 'object') return depth > 3 ? '[…]' : clean(/** @type {Record<string, unknown>} */ (value), depth + 1);
  return value;
}
