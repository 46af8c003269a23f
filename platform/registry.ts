import type { Platform, PlatformName } from './model.js';
import { NoHostPlatform } from './no-host.js';
import { schemaAttributes, type OptionSchema, type PlatformOptions } from './kit/options.js';
import { DEMO_OPTIONS } from './demo/options.js';
import { TWITCH_OPTIONS } from './twitch/options.js';
import { STRIPCHAT_OPTIONS } from './stripchat/options.js';
import { STREAMERBOT_OPTIONS } from './streamerbot/options.js';
import { STREAMNOOK_OPTIONS } from './streamnook/options.js';

export type { PlatformOptions };

export type PlatformFactory = (options: PlatformOptions) => Platform;

interface Adapter {
  /** Loads the adapter on demand, so a page that uses one host never downloads the others. */
  load: () => Promise<PlatformFactory>;
  /** Its options, declared once (small, so every page can list them without loading adapters). */
  options: OptionSchema;
}

/** One line per host. The single-file bundle inlines every adapter. */
export const ADAPTERS: Record<PlatformName, Adapter> = {
  demo: { load: () => import('./demo/demo-platform.js').then((m) => m.createDemoPlatform), options: DEMO_OPTIONS },
  twitch: { load: () => import('./twitch/twitch-platform.js').then((m) => m.createTwitchPlatform), options: TWITCH_OPTIONS },
  stripchat: { load: () => import('./stripchat/stripchat-platform.js').then((m) => m.createStripchatPlatform), options: STRIPCHAT_OPTIONS },
  streamerbot: { load: () => import('./streamerbot/streamerbot-platform.js').then((m) => m.createStreamerbotPlatform), options: STREAMERBOT_OPTIONS },
  streamnook: { load: () => import('./streamnook/streamnook-platform.js').then((m) => m.createStreamNookPlatform), options: STREAMNOOK_OPTIONS },
  'no-host': { load: async () => () => new NoHostPlatform(), options: {} },
};

/** Every attribute some adapter declares, for `<onair-platform>` to observe. */
export function optionAttributes(): string[] {
  return [...new Set(Object.values(ADAPTERS).flatMap((adapter) => schemaAttributes(adapter.options)))].sort();
}

/** Creates the adapter for `name`. Never rejects: a failing adapter becomes a no-host platform. */
export async function createPlatform(name: PlatformName, options: PlatformOptions = {}): Promise<Platform> {
  try {
    const factory = await ADAPTERS[name].load();
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
