/** The stream layer: platform-neutral types, the adapters' common interface, and helpers. */
export type * from './model.js';
export { LEADERBOARD_WINDOWS } from './model.js';
export { BasePlatform } from './base.js';
export { platformContext } from './context.js';
export { liveSubscriptionCount, PlatformController, SubscriptionController } from './controllers.js';
export { detectPlatform, detectPlatformWhenReady, PLATFORM_NAMES } from './detect.js';
export { NoHostPlatform } from './no-host.js';
export { pagePlatform, setPagePlatform } from './page.js';
export { createPlatform, optionsFromSearch, type PlatformFactory, type PlatformOptions } from './registry.js';
export { select } from './select.js';
export { loadStripchatHelper } from './stripchat/helper.js';
