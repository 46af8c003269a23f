import type { Platform, PlatformName } from './model.js';
import { NoHostPlatform } from './no-host.js';

/**
 * Adapter options as given by provider attributes, URL query parameters, or JS properties
 * (`ext` for a Stripchat helper object, for example). Every adapter validates its own.
 */
export type PlatformOptions = Record<string, unknown>;

export type PlatformFactory = (options: PlatformOptions) => Platform;

/**
 * Adapters load on demand, so a page that uses one host never downloads the others (the single-file
 * bundle inlines them all).
 */
const loaders: Record<PlatformName, () => Promise<PlatformFactory>> = {
  demo: () => import('./demo/demo-platform.js').then((m) => m.createDemoPlatform),
  twitch: () => import('./twitch/twitch-platform.js').then((m) => m.createTwitchPlatform),
  stripchat: () => import('./stripchat/stripchat-platform.js').then((m) => m.createStripchatPlatform),
  streamerbot: () => import('./streamerbot/streamerbot-platform.js').then((m) => m.createStreamerbotPlatform),
  streamnook: () => import('./streamnook/streamnook-platform.js').then((m) => m.createStreamNookPlatform),
  'no-host': async () => () => new NoHostPlatform(),
};

/** Creates the adapter for `name`. Never rejects: a failing adapter becomes a no-host platform. */
export async function createPlatform(name: PlatformName, options: PlatformOptions = {}): Promise<Platform> {
  try {
    const factory = await loaders[name]();
    return factory(options);
  } catch (error) {
    return new NoHostPlatform(`The ${name} adapter failed to start: ${String(error)}`);
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
