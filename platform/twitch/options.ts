import { custom, integer, oneOf } from '../kit/options.js';
import { locale } from '../validate.js';
import { backendUrl } from './backend-url.js';
import type { TwitchHelper } from './hub.js';

/** The Twitch adapter's options (`platform="twitch"`). */
export const TWITCH_OPTIONS = {
  ext: custom('object', (value) => (typeof value === 'object' && value !== null ? value : undefined), {
    description: 'The Twitch extension helper (`window.Twitch.ext` by default), for tests and bundlers.',
  }),
  search: custom('object', (value) => (typeof value === 'string' ? value : undefined), {
    description: 'The extension iframe\'s query string; defaults to `location.search`.',
  }),
  locale: custom('string', locale, { description: 'BCP 47 locale over the one Twitch passes in the URL.' }),
  spendTimeoutMs: integer({ attribute: 'spend-timeout', min: 0, max: 3_600_000, default: 5 * 60_000, description: 'Milliseconds a Bits spend may stay open before it counts as cancelled.' }),
  sendIntervalMs: integer({ attribute: 'send-interval', min: 0, max: 60_000, default: 1000, description: 'Least milliseconds between two outgoing PubSub messages (Twitch allows 100 a minute per channel, shared with the backend).' }),
  backend: custom('string', backendUrl, {
    description: 'Origin of onair\'s Twitch backend (an HTTPS origin; `ebs/` in the repository): purchases are posted to it, leaderboards and paid wheel spins come from it. Implies `leaderboard="backend"`.',
  }),
  leaderboard: oneOf(['backend'] as const, { description: '`backend`: a backend (EBS) pushes leaderboard snapshots, so offer the host leaderboard from the start.' }),
};

/** The Twitch adapter's options once parsed (`ext` found). */
export interface TwitchOptions {
  /**
   * The helper, `window.Twitch.ext` (or a fake with the same shape), or a function that finds it:
   * until it returns one, the adapter waits (Twitch's script may load after onair).
   */
  ext: TwitchHelper | (() => TwitchHelper | undefined);
  /** The extension iframe's query string; defaults to `location.search`. */
  search?: string;
  /** Forces a locale over the one Twitch passes in the URL. */
  locale?: string;
  /** How long a Bits spend may stay open before it counts as cancelled (default 5 minutes). */
  spendTimeoutMs?: number;
  /** Least time between two outgoing PubSub messages (default 1000 ms). */
  sendIntervalMs?: number;
  /** `backend`: an EBS pushes leaderboard snapshots, so offer `leaderboardStore` from the start. */
  leaderboard?: 'backend';
  /**
   * onair's backend (`ebs/`): this page posts its purchases' receipts there, reads boards and (the
   * broadcaster's page) paid spin requests from it. Implies `leaderboard: 'backend'`.
   */
  backend?: string;
}
