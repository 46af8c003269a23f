/** What `onair/api` exports of the stream layer: all of it, and the drop-in Stripchat helper itself. */
export * from './index.js';
export { createStripchatHelper } from './stripchat/ext.js';
