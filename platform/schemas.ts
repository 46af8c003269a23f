import type { PlatformName } from './model.js';
import { schemaAttributes, type OptionSchema } from './kit/options.js';
import { DEMO_OPTIONS } from './demo/options.js';
import { TWITCH_OPTIONS } from './twitch/options.js';
import { STRIPCHAT_OPTIONS } from './stripchat/options.js';
import { STREAMERBOT_OPTIONS } from './streamerbot/options.js';
import { STREAMNOOK_OPTIONS } from './streamnook/options.js';

/**
 * Every adapter's option schema, by host: for what lists or checks options without running an
 * adapter (the OBS page's settings, the tests). Pages do not import this module: each schema loads
 * with its adapter, and `<onair-platform>` observes `OPTION_ATTRIBUTES` (./registry.ts).
 */
export const ADAPTER_OPTIONS: Record<PlatformName, OptionSchema> = {
  demo: DEMO_OPTIONS,
  twitch: TWITCH_OPTIONS,
  stripchat: STRIPCHAT_OPTIONS,
  streamerbot: STREAMERBOT_OPTIONS,
  streamnook: STREAMNOOK_OPTIONS,
  'no-host': {},
};

/** Every attribute some adapter's schema declares, sorted. */
export function optionAttributes(): string[] {
  return [...new Set(Object.values(ADAPTER_OPTIONS).flatMap((schema) => schemaAttributes(schema)))].sort();
}
