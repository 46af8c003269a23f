/**
 * `dist/onair.js`, the drop-in entry: importing it defines every custom element. The wheel and the
 * leaderboard, the two largest widgets, load from chunks beside it the first time the document
 * holds one (see ./shared/lazy.ts); host adapters and languages other than English load on demand
 * too. The named exports are the stream layer, for pages that want the data without our widgets.
 * `components/index.ts` is the same without lazy parts (the single-file builds and bundlers).
 */
import { defineWhenUsed } from './shared/lazy.js';

export * from './platform/platform.js';
export * from './viewer-counter/viewer-counter.js';
export * from './tip-menu/tip-menu.js';
export * from './status-pill/status-pill.js';
export type * from './wheel-spinner/wheel-spinner.js';
export type * from './leaderboard/leaderboard.js';
export * from '../platform/index.js';
export { setMessages, type MessageId, type Messages } from './shared/messages.js';

const lazyWidgets = [
  defineWhenUsed('onair-wheel-spinner', () => import('./wheel-spinner/wheel-spinner.js')),
  defineWhenUsed('onair-leaderboard', () => import('./leaderboard/leaderboard.js')),
];

/**
 * Loads and defines every widget this entry defines on first use. For pages that put widgets in
 * shadow roots, where the entry cannot see them appear.
 */
export function loadAllWidgets(): Promise<void> {
  return Promise.all(lazyWidgets.map((load) => load())).then(() => undefined);
}
