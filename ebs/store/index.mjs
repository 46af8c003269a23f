// Picks the store from ONAIR_EBS_STORE: `file:<folder>` (the default, one machine) or `redis://…`.
import { resolve } from 'node:path';
import { openFileStore } from './file.mjs';

/**
 * @param {string} spec
 * @param {import('../log.mjs').Logger} [log]
 * @param {{ now?: () => number }} [options] the clock the file store expires ids and buckets by
 * @returns {Promise<import('./types.mjs').Store>}
 */
export async function openStore(spec, log, { now } = {}) {
  if (spec.startsWith('redis://') || spec.startsWith('rediss://')) {
    const { openRedisStore } = await import('./redis.mjs');
    return openRedisStore(spec, { log, now });
  }
  if (spec.startsWith('file:')) return openFileStore(resolve(spec.slice('file:'.length) || '.onair-ebs'), { log, now });
  throw new Error('ONAIR_EBS_STORE must be file:<folder> or redis://host:port.');
}

/** Where the store is, without credentials (for logs). @param {string} spec */
export function describeStore(spec) {
  if (!spec.startsWith('redis')) return spec;
  try {
    const url = new URL(spec);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'redis';
  }
}
