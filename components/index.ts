/**
 * onair: everything in one module. Importing it defines every custom element; the named exports
 * are the stream layer for pages that want the data without our widgets.
 */
export * from './platform/platform.js';
export * from './viewer-counter/viewer-counter.js';
export * from './tip-menu/tip-menu.js';
export * from './wheel-spinner/wheel-spinner.js';
export * from './status-pill/status-pill.js';
export * from './leaderboard/leaderboard.js';
export * from './alert-box/alert-box.js';
export * from './goal-bar/goal-bar.js';
export * from './event-list/event-list.js';
export * from './tip-timer/tip-timer.js';
export * from './api.js';
