/**
 * onair: everything in one module. Importing it defines every custom element; the named exports
 * are the stream layer for pages that want the data without our widgets.
 */
export * from './platform/platform.js';
export * from '../platform/index.js';
export * from './tip-menu/tip-menu.js';
export * from './leaderboard/leaderboard.js';
