import { custom, integer, oneOf } from '../kit/options.js';
import { locale } from '../validate.js';
import { backendUrl } from './backend-url.js';

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
