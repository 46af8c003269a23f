import { custom, flag, integer, LOOK_OPTIONS, oneOf, text } from '../kit/options.js';
import { ANNOUNCE_KINDS, ANNOUNCE_VOICES, type AnnounceKind } from './announce.js';

/** `"tips spins"` (or a list): the known kinds, each once; `undefined` when nothing known is named. */
function announceKinds(value: unknown): AnnounceKind[] | undefined {
  const words = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const kinds = ANNOUNCE_KINDS.filter((kind) => words.includes(kind));
  return kinds.length > 0 && words.every((word) => word === '' || (ANNOUNCE_KINDS as readonly unknown[]).includes(word)) ? kinds : undefined;
}

/** The Stripchat adapter's options (`platform="stripchat"`). */
export const STRIPCHAT_OPTIONS = {
  ext: custom('object', (value) => value, {
    description: 'The helper from `createExtHelper()` (or a function returning it); without it onair speaks the postMessage protocol itself.',
  }),
  origin: text({ max: 300, description: 'The host origin, from the extension iframe\'s `?origin=` parameter.' }),
  topKey: text({ max: 64, description: 'A `top` storage key declared in the manifest: enables the host-side leaderboard.' }),
  goalKey: text({ max: 64, description: 'An `int` storage key declared in the manifest: the goal bar\'s total (tokens since the counter was last reset) comes from it.' }),
  anchorKey: text({ max: 64, description: 'A `strings` storage key the manifest lets only the model write: the wheel keeps its commitment there, so viewers\' wheels verify spins and see the model online.' }),
  recordTips: flag({ description: 'On the model\'s background page: add each received tip to the `top-key` and `goal-key` counters.' }),
  activity: flag({ description: 'In a shared overlay slot: this viewer\'s frame holds the slot while a spin plays, then lets it go.' }),
  announce: custom('string', announceKinds, { description: 'Off by default. `tips`, `spins` or both: announce tips this frame shows and this page\'s wheel results in the viewer\'s chat.' }),
  announceAs: oneOf(ANNOUNCE_VOICES, { description: 'Who announces: `bot` (the extension, default), `model`, or `chat` (a system line).' }),
  announceTipText: text({ max: 200, description: 'Tip announcement text; `{name}`, `{amount}`, `{message}` are filled in.' }),
  announceSpinText: text({ max: 200, description: 'Wheel announcement text; `{label}` is filled in.' }),
  sync: flag({ description: 'Share the latest room message among this viewer\'s frames in one tab (`v1.ext.whisper.local`), so a slot mounted mid-spin still shows it.' }),
  spendTimeoutMs: integer({ attribute: 'spend-timeout', min: 50, max: 600_000, default: 120_000, description: 'Milliseconds a spend waits for its confirmation before counting as cancelled.' }),
  requestTimeoutMs: integer({ attribute: 'request-timeout', min: 100, max: 120_000, default: 15_000, description: 'Milliseconds any other request waits for an answer.' }),
  ...LOOK_OPTIONS,
};
