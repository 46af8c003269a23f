import type { Platform, PlatformName } from './model.js';
import { NoHostPlatform } from './no-host.js';
import type { PlatformOptions } from './kit/options.js';

export type { PlatformOptions };

export type PlatformFactory = (options: PlatformOptions) => Platform;

/**
 * One line per host: loads the adapter (and its option schema) on demand, so a page that uses one
 * host never downloads the others. The single-file bundle inlines every adapter.
 */
export const ADAPTERS: Record<PlatformName, () => Promise<PlatformFactory>> = {
  demo: () => import('./demo/demo-platform.js').then((m) => m.createDemoPlatform),
  twitch: () => import('./twitch/twitch-platform.js').then((m) => m.createTwitchPlatform),
  stripchat: () => import('./stripchat/stripchat-platform.js').then((m) => m.createStripchatPlatform),
  streamerbot: () => import('./streamerbot/streamerbot-platform.js').then((m) => m.createStreamerbotPlatform),
  streamnook: () => import('./streamnook/streamnook-platform.js').then((m) => m.createStreamNookPlatform),
  'no-host': async () => () => new NoHostPlatform(),
};

/**
 * Every attribute the adapters' option schemas declare (`optionAttributes()` in ./schemas.ts),
 * for `<onair-platform>` to observe. Listed here rather than read from the schemas so a page does
 * not download every adapter's schema to know them; components/platform/platform.test.ts checks
 * the two lists are the same.
 */
export const OPTION_ATTRIBUTES: readonly string[] = [
  'activity', 'anchor-key', 'announce', 'announce-as', 'announce-spin-text', 'announce-tip-text', 'backend', 'backoff-max', 'backoff-min',
  'call-timeout', 'connect-delay', 'currency', 'elixir-rate', 'endpoint', 'gift-value', 'gift-value-2', 'gift-value-3',
  'goal-key', 'hello-timeout', 'host', 'jitter', 'kicks-rate', 'leaderboard', 'locale', 'membership-value', 'menu',
  'menu-action', 'origin', 'password', 'ping-interval', 'ping-timeout', 'plugin-id', 'port', 'prime-value', 'rate',
  'record-tips', 'relay-action', 'request-timeout', 'role', 'scheme', 'seed', 'send-interval', 'spend', 'spend-cooldown',
  'spend-delay', 'spend-timeout', 'sub-currency', 'sub-value', 'sub-value-2', 'sub-value-3', 'sync', 'theme', 'top-key',
  'treat-value', 'viewer-count', 'viewer-interval', 'viewers',
];

/** Creates the adapter for `name`. Never rejects: a failing adapter becomes a no-host platform. */
export async function createPlatform(name: PlatformName, options: PlatformOptions = {}): Promise<Platform> {
  try {
    const factory = await ADAPTERS[name]();
    return factory(options);
  } catch (error) {
    return new NoHostPlatform(`The ${name} adapter failed to start: ${String(error)}`, 'adapter-failed');
  }
}

/** Query parameters as adapter options; provider attributes take precedence over these. */
export function optionsFromSearch(search: string): PlatformOptions {
  const options: PlatformOptions = {};
  new URLSearchParams(search).forEach((value, key) => {
    options[key] = value;
  });
  return options;
}
