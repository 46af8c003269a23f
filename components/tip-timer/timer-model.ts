import type { Currency } from '../../platform/model.js';
import { currency as asCurrency, isRecord, num, oneOf } from '../../platform/validate.js';

export const TIMER_STATUSES = ['idle', 'running', 'paused', 'ended'] as const;
/** `idle` before the first start and after a reset; `ended` once time ran out. */
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/** The longest a timer runs or holds: 100 days, in ms. */
export const MAX_MS = 100 * 24 * 3_600_000;
/** Bits at their usual value: 100 Bits are one US dollar. */
export const BITS_PER_USD = 100;
const MAX_RATE = 86_400;
const MAX_RATES = 20;

/** How tips add time. */
export interface TimeRules {
  /** Seconds added per unit of each currency. A currency without a rate adds nothing. */
  rates: ReadonlyMap<Currency, number>;
  /** Most ms one tip may add. */
  maxPerTipMs?: number;
  /** Most ms tips may add in all, since the timer started. */
  maxTotalMs?: number;
}

/**
 * Seconds per unit by currency, from `rates` (`USD:60, tokens:2`, or an object) over `rate` for
 * `currency`. Bits and US dollars stand in for each other at 100 Bits = $1 when only one has a
 * rate; other currencies are never converted (no exchange rates are guessed).
 */
export function parseRates(rates: unknown, rate: number | undefined, currency: Currency): Map<Currency, number> {
  const result = new Map<Currency, number>();
  if (rate !== undefined) result.set(currency, rate);
  const entries: [unknown, unknown][] =
    typeof rates === 'string'
      ? rates.split(',').map((pair) => pair.split(':').map((part) => part.trim()) as [string, string])
      : isRecord(rates)
        ? Object.entries(rates)
        : [];
  for (const [name, value] of entries.slice(0, MAX_RATES)) {
    const code = asCurrency(name);
    const seconds = num(value, 0, MAX_RATE);
    if (code && seconds !== undefined) result.set(code, seconds);
  }
  const usd = result.get('USD');
  const bits = result.get('bits');
  if (bits === undefined && usd !== undefined) result.set('bits', usd / BITS_PER_USD);
  if (usd === undefined && bits !== undefined) result.set('USD', bits * BITS_PER_USD);
  return result;
}

/** The ms a tip of `amount` in `currency` adds, after the caps, when tips already added `addedMs`. */
export function tipTime(amount: number, currency: Currency, rules: TimeRules, addedMs: number): number {
  const rate = rules.rates.get(currency);
  if (rate === undefined || !(amount > 0)) return 0;
  let ms = Math.round(amount * rate * 1000);
  if (rules.maxPerTipMs !== undefined) ms = Math.min(ms, rules.maxPerTipMs);
  if (rules.maxTotalMs !== undefined) ms = Math.min(ms, Math.max(0, rules.maxTotalMs - addedMs));
  return Math.max(0, Math.min(ms, MAX_MS));
}

/**
 * Where a timer stands. While running, `remainingMs` was measured at `since` (this page's
 * `performance.now()`) and counts down from there; otherwise it holds still.
 */
export interface TimerState {
  status: TimerStatus;
  remainingMs: number;
  since: number;
  /** What the timer was started with. */
  durationMs: number;
  /** What tips added since the start (the total cap counts this). */
  addedMs: number;
}

export function remainingAt(state: TimerState, now: number): number {
  return state.status === 'running' ? Math.max(0, state.remainingMs - (now - state.since)) : state.remainingMs;
}

/** The state `state` is in at `now`, measured again (a running timer's remaining time rebased). */
export function rebase(state: TimerState, now: number): TimerState {
  return { ...state, remainingMs: remainingAt(state, now), since: now };
}

/**
 * What the room's authority announces: the state in relative time only (remaining ms as it sent
 * it), since clocks on viewers' devices differ from the streamer's. Receivers count down from the
 * moment the message reached them.
 */
export interface TimerAnnouncement {
  status: TimerStatus;
  remainingMs: number;
  durationMs: number;
  addedMs: number;
  /** Names the timer, when a room has several. */
  timer?: string;
}

export function announcement(state: TimerState, now: number, timer?: string): TimerAnnouncement {
  return {
    status: state.status,
    remainingMs: Math.round(remainingAt(state, now)),
    durationMs: state.durationMs,
    addedMs: state.addedMs,
    ...(timer ? { timer } : {}),
  };
}

/** A room payload checked field by field; `undefined` for anything malformed. */
export function parseAnnouncement(payload: unknown): TimerAnnouncement | undefined {
  if (!isRecord(payload)) return undefined;
  const status = oneOf(TIMER_STATUSES, payload.status);
  const remainingMs = num(payload.remainingMs, 0, MAX_MS);
  const durationMs = num(payload.durationMs, 0, MAX_MS);
  const addedMs = num(payload.addedMs, 0, MAX_MS);
  const timer = payload.timer;
  if (!status || remainingMs === undefined || durationMs === undefined || addedMs === undefined) return undefined;
  if (timer !== undefined && (typeof timer !== 'string' || timer.length > 64)) return undefined;
  return { status, remainingMs, durationMs, addedMs, ...(timer ? { timer } : {}) };
}

/** What the authority keeps across reloads (same device, so a wall-clock end time is sound). */
export interface StoredTimer {
  v: 1;
  status: TimerStatus;
  /** Wall-clock end (ms since the epoch) while running. */
  endsAt?: number;
  remainingMs: number;
  durationMs: number;
  addedMs: number;
  /** Keys of the latest tips counted, so a tip sent again after a reload adds no time. */
  seen: string[];
}

export function storedTimer(state: TimerState, now: number, wallNow: number, seen: readonly string[]): StoredTimer {
  const remainingMs = Math.round(remainingAt(state, now));
  return {
    v: 1,
    status: state.status,
    ...(state.status === 'running' ? { endsAt: wallNow + remainingMs } : {}),
    remainingMs,
    durationMs: state.durationMs,
    addedMs: state.addedMs,
    seen: [...seen],
  };
}

/**
 * A state from stored data (untrusted: anything malformed gives `undefined`). A running timer went
 * on counting while the page was away; if its time ran out meanwhile it comes back ended.
 */
export function restoreTimer(data: unknown, now: number, wallNow: number): { state: TimerState; seen: string[]; expired: boolean } | undefined {
  if (!isRecord(data) || data.v !== 1) return undefined;
  const status = oneOf(TIMER_STATUSES, data.status);
  const durationMs = num(data.durationMs, 0, MAX_MS);
  const addedMs = num(data.addedMs, 0, MAX_MS);
  let remainingMs = num(data.remainingMs, 0, MAX_MS);
  if (!status || durationMs === undefined || addedMs === undefined || remainingMs === undefined) return undefined;
  let restored: TimerStatus = status;
  if (status === 'running') {
    const endsAt = num(data.endsAt, 0, 8.64e15);
    if (endsAt === undefined) return undefined;
    remainingMs = Math.min(Math.max(0, endsAt - wallNow), MAX_MS);
    if (remainingMs === 0) restored = 'ended';
  }
  const seen = Array.isArray(data.seen) ? data.seen.filter((key): key is string => typeof key === 'string' && key.length <= 300) : [];
  return { state: { status: restored, remainingMs, since: now, durationMs, addedMs }, seen, expired: status === 'running' && restored === 'ended' };
}

/** `1:02:03` or `4:05`, digits in the locale's numbering. */
export function formatClock(ms: number, format: (value: number, digits: number) => string): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${format(hours, 1)}:${format(minutes, 2)}:${format(seconds, 2)}` : `${format(minutes, 1)}:${format(seconds, 2)}`;
}

/** Remaining times (s) at which a screen reader hears how long is left, largest first. */
export const SPOKEN_AT = [3600, 1800, 600, 300, 60, 30, 10] as const;

/**
 * The threshold crossed going from `before` to `after` ms remaining (counting down), if any: the
 * smallest one, so a jump across several speaks once. Whole hours above one hour count too.
 */
export function crossedThreshold(before: number, after: number): number | undefined {
  const from = Math.ceil(before / 1000);
  const to = Math.ceil(after / 1000);
  if (to >= from) return undefined;
  let crossed: number | undefined;
  for (const seconds of SPOKEN_AT) if (from > seconds && to <= seconds) crossed = seconds;
  if (crossed === undefined && to >= 3600 && Math.floor((from - 1) / 3600) > Math.floor((to - 1) / 3600)) crossed = Math.ceil(to / 3600) * 3600;
  return crossed;
}
