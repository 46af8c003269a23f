import type { PlatformName } from './model.js';
import { oneOf } from './validate.js';

export const PLATFORM_NAMES: readonly PlatformName[] = ['demo', 'twitch', 'stripchat', 'streamerbot', 'streamnook', 'no-host'];

export interface DetectionInput {
  /** The provider's `platform` attribute (`auto` or empty means: detect). */
  attribute?: string | null;
  /** The page URL's query string, e.g. `?platform=demo`. */
  search?: string;
  /** The page's global object. */
  win?: object;
}

interface HostGlobals {
  Twitch?: { ext?: unknown };
  obsstudio?: unknown;
  onairStreamNook?: unknown;
}

/** Twitch serves extension pages with its client query parameters, `anchor`, `mode` and `platform` among them. */
export function isTwitchFrame(params: URLSearchParams): boolean {
  return params.has('anchor') && params.has('mode') && params.has('platform');
}

function asName(value: string | null | undefined): PlatformName | undefined {
  const name = value?.trim().toLowerCase();
  return oneOf(PLATFORM_NAMES, name);
}

/**
 * What the page itself holds, in order: the Twitch extension helper, or Twitch's client query
 * parameters (`anchor`, `mode`, `platform`: an extension frame whose helper script may still be
 * loading; the adapter waits for it), a Stripchat extension iframe (its URL carries `?origin=`), a
 * StreamNook UI plugin (its entry module sets `onairStreamNook`), an OBS browser source (whose usual
 * local host is Streamer.bot).
 */
function probeHost(win: HostGlobals, params: URLSearchParams): PlatformName {
  if (win.Twitch?.ext) return 'twitch';
  if (isTwitchFrame(params)) return 'twitch';
  if (params.has('origin')) return 'stripchat';
  if (win.onairStreamNook) return 'streamnook';
  if (win.obsstudio) return 'streamerbot';
  return 'no-host';
}

/**
 * Chooses the adapter. Precedence: the provider's `platform` attribute, the URL's `?platform=`,
 * then what the page holds; otherwise `no-host`, which shows empty states rather than fake data.
 */
export function detectPlatform({ attribute, search = '', win = {} }: DetectionInput = {}): PlatformName {
  const params = new URLSearchParams(search);
  return asName(attribute) ?? asName(params.get('platform')) ?? probeHost(win as HostGlobals, params);
}

export const TWITCH_HELPER_SCRIPT = 'script[src*="twitch-ext"]';

/**
 * Like `detectPlatform`, but when the page includes Twitch's helper script that has not run yet,
 * waits up to `waitMs` for `window.Twitch.ext` to appear before settling on another answer.
 */
export async function detectPlatformWhenReady(input: DetectionInput, waitMs = 2000): Promise<PlatformName> {
  const first = detectPlatform(input);
  const doc = typeof document !== 'undefined' ? document : undefined;
  if (first !== 'no-host' || !doc?.querySelector(TWITCH_HELPER_SCRIPT)) return first;
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = detectPlatform(input);
    if (next !== 'no-host') return next;
  }
  return first;
}
