/** The Stripchat adapter's options as typed values, read through its schema (`options.ts`). */
import { readOptions, type OptionProblem, type PlatformOptions } from '../kit/options.js';
import type { AnnounceKind, AnnounceVoice } from './announce.js';
import { isExtHelper, type ExtHelper } from './ext.js';
import { STRIPCHAT_OPTIONS } from './options.js';

export interface StripchatOptions {
  /** The helper from `createExtHelper()` (way 1). Without it onair speaks the postMessage protocol. */
  ext?: ExtHelper;
  /** Set when an `ext` option was given but is not a helper object. */
  invalidExt?: boolean;
  /** The host origin, from the iframe's `?origin=` parameter (way 2). */
  origin?: string;
  theme?: 'light' | 'dark';
  locale?: string;
  /** A `top` storage key declared in the manifest: enables the host-side leaderboard. */
  topKey?: string;
  /** An `int` storage key declared in the manifest: the goal total, in tokens, since its last reset. */
  goalKey?: string;
  /** A `strings` storage key only the model may write (manifest role): the wheel's anchor. */
  anchorKey?: string;
  /** On the model's background page: add each received tip to the `topKey` and `goalKey` counters. */
  recordTips?: boolean;
  /** This viewer's frame holds the shared overlay slot while a room message asks for it. */
  activity?: boolean;
  /** How long a spend waits for its confirmation before counting as cancelled. */
  spendTimeoutMs?: number;
  /** How long any other request waits for an answer. */
  requestTimeoutMs?: number;
  /** Announce these in chat (off by default): tips this frame shows, results of this page's wheels. */
  announce?: AnnounceKind[];
  /** Who announces: the extension's bot (default), the model, or a system line. */
  announceAs?: AnnounceVoice;
  /** Tip announcement text; `{name}`, `{amount}`, `{message}` are filled in. */
  announceTipText?: string;
  /** Spin announcement text; `{label}` is filled in. */
  announceSpinText?: string;
  /** Share the latest room message among this viewer's frames in one tab (`v1.ext.whisper.local`). */
  sync?: boolean;
}

/** The helper object, or the one a factory function returns. */
function helperFrom(value: unknown): ExtHelper | undefined {
  if (isExtHelper(value)) return value;
  if (typeof value !== 'function') return undefined;
  try {
    const made: unknown = (value as () => unknown)();
    return isExtHelper(made) ? made : undefined;
  } catch {
    return undefined;
  }
}

/** Reads Stripchat options from attributes / query parameters (strings) or typed JS values. */
export function stripchatOptions(options: PlatformOptions): StripchatOptions & { problems: OptionProblem[] } {
  const { values, problems } = readOptions(STRIPCHAT_OPTIONS, options);
  const ext = values.ext === undefined ? undefined : helperFrom(values.ext);
  const parsed: StripchatOptions = { ...values, ext, invalidExt: values.ext !== undefined && !ext };
  const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as StripchatOptions;
  return { ...defined, problems };
}
