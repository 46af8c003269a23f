import type { createStripchatHelper } from './ext.js';

/**
 * onair's drop-in Stripchat helper, loaded on demand, for slot pages that subscribe to events of
 * their own and hand the helper to `<onair-platform .ext>`:
 * `const createStripchatHelper = await loadStripchatHelper()`. Pages that make none (every other
 * host, and Stripchat pages that let onair make its own) do not download it; bundled pages import
 * `createStripchatHelper` from `onair/api`.
 */
export function loadStripchatHelper(): Promise<typeof createStripchatHelper> {
  return import('./ext.js').then((module) => module.createStripchatHelper);
}
