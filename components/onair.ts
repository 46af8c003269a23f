/**
 * `dist/onair.js`, the drop-in entry: importing it defines every custom element. `<onair-platform>`
 * and the stream layer are in the entry; each widget loads from its chunk beside it the first time
 * the document holds one (see ./shared/lazy.ts), so a page downloads the widgets it shows. Host
 * adapters and languages other than English load on demand too. A new widget goes in the list
 * below. The named exports are the stream layer, for pages that want the data without our widgets
 * (widget classes are exported as types; `onair/widgets/<name>` exports the class itself).
 * `components/index.ts` is the same without lazy parts (the single-file builds and bundlers).
 */
import { defineWhenUsed } from './shared/lazy.js';

export * from './platform/platform.js';
export type * from './viewer-counter/viewer-counter.js';
export type * from './tip-menu/tip-menu.js';
export type * from './status-pill/status-pill.js';
export type * from './wheel-spinner/wheel-spinner.js';
export type * from './leaderboard/leaderboard.js';
export type * from './alert-box/alert-box.js';
export type * from './goal-bar/goal-bar.js';
export * from '../platform/index.js';
export { setMessages, type MessageId, type Messages } from './shared/messages.js';

const lazyWidgets = [
  defineWhenUsed('onair-viewer-counter', () => import('./viewer-counter/viewer-counter.js')),
  defineWhenUsed('onair-tip-menu', () => import('./tip-menu/tip-menu.js')),
  defineWhenUsed('onair-status-pill', () => import('./status-pill/status-pill.js')),
  defineWhenUsed('onair-wheel-spinner', () => import('./wheel-spinner/wheel-spinner.js')),
  defineWhenUsed('onair-leaderboard', () => import('./leaderboard/leaderboard.js')),
  defineWhenUsed('onair-alert-box', () => import('./alert-box/alert-box.js')),
  defineWhenUsed('onair-goal-bar', () => import('./goal-bar/goal-bar.js')),
];

/**
 * Loads and defines every widget this entry defines on first use. For pages that put widgets in
 * shadow roots, where the entry cannot see them appear.
 */
export function loadAllWidgets(): Promise<void> {
  return Promise.all(lazyWidgets.map((load) => load())).then(() => undefined);
}
