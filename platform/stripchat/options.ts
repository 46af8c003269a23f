import { custom, flag, integer, LOOK_OPTIONS, text } from '../kit/options.js';

/** The Stripchat adapter's options (`platform="stripchat"`). */
export const STRIPCHAT_OPTIONS = {
  ext: custom('object', (value) => value, {
    description: 'The helper from `createExtHelper()` (or a function returning it); without it onair speaks the postMessage protocol itself.',
  }),
  origin: text({ max: 300, description: 'The host origin, from the extension iframe\'s `?origin=` parameter.' }),
  topKey: text({ max: 64, description: 'A `top` storage key declared in the manifest: enables the host-side leaderboard.' }),
  recordTips: flag({ description: 'On the model\'s background page: add each received tip to the `top-key` counter.' }),
  activity: flag({ description: 'The page sits in a shared activity slot (right or video decorative overlay).' }),
  spendTimeoutMs: integer({ attribute: 'spend-timeout', min: 50, max: 600_000, default: 120_000, description: 'Milliseconds a spend waits for its confirmation before counting as cancelled.' }),
  requestTimeoutMs: integer({ attribute: 'request-timeout', min: 100, max: 120_000, default: 15_000, description: 'Milliseconds any other request waits for an answer.' }),
  ...LOOK_OPTIONS,
};
