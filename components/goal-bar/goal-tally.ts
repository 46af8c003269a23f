import { remember } from '../../platform/bounded.js';
import type { Currency, Tip } from '../../platform/model.js';

/** What `snapshot()` returns and `restore()` accepts: plain JSON, versioned. */
export interface StoredGoal {
  v: 1;
  currency: string;
  /** Tips before this time (ms since the epoch) do not count. */
  since: number;
  total: number;
  /** Keys of the latest counted tips, so a replayed tip is not counted again after a reload. */
  seen: string[];
}

/** Enough to recognise a host's replays, which resend recent tips only. */
const MAX_SEEN = 500;
/** What is stored of `seen`: a reload replays at most the latest few tips. */
const STORED_SEEN = 100;
const MAX_TOTAL = 1e15;

/**
 * The running total of one goal: tips in its currency from `since` on, each counted once.
 *
 * A tip is known by its id *and* its time. A host that replays a tip resends both unchanged, so
 * the replay is skipped; a feed that reuses ids for new tips (a restarted simulation numbering
 * from 1 again) still counts them, because new tips carry new times.
 */
export class GoalTally {
  private sum = 0;
  private readonly seen = new Set<string>();

  constructor(
    readonly currency: Currency,
    readonly since: number,
  ) {}

  get total(): number {
    return this.sum;
  }

  /** Counts the tip; false when it is in another currency, before `since`, invalid or seen. */
  add(tip: Tip): boolean {
    const at = tip.at instanceof Date ? tip.at.getTime() : NaN;
    if (tip.currency !== this.currency || !Number.isFinite(at) || at < this.since || !isAmount(tip.amount)) return false;
    const key = `${tip.id}@${at}`;
    if (this.seen.has(key)) return false;
    remember(this.seen, key, undefined, MAX_SEEN);
    this.sum = Math.min(this.sum + tip.amount, MAX_TOTAL);
    return true;
  }

  snapshot(): StoredGoal {
    return { v: 1, currency: this.currency, since: this.since, total: this.sum, seen: [...this.seen].slice(-STORED_SEEN) };
  }

  /**
   * A tally from stored data (untrusted: anything malformed gives `undefined`), when it belongs to
   * a goal in `currency`; `since`, when given, must match too (a goal counted from another date is
   * a different goal).
   */
  static restore(data: unknown, currency: Currency, since?: number): GoalTally | undefined {
    if (typeof data !== 'object' || data === null) return undefined;
    const stored = data as Partial<StoredGoal>;
    if (stored.v !== 1 || stored.currency !== currency || typeof stored.since !== 'number' || !Number.isFinite(stored.since)) return undefined;
    if (since !== undefined && stored.since !== since) return undefined;
    const tally = new GoalTally(currency, stored.since);
    if (typeof stored.total === 'number' && Number.isFinite(stored.total) && stored.total > 0) tally.sum = Math.min(stored.total, MAX_TOTAL);
    if (Array.isArray(stored.seen)) {
      for (const key of stored.seen.slice(-STORED_SEEN)) if (typeof key === 'string' && key.length <= 300) remember(tally.seen, key, undefined, MAX_SEEN);
    }
    return tally;
  }
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 1e12;
}

/**
 * The targets in order: the goal, then the stretch targets above it, each once. The current one
 * is the first the total has not reached; past the last, the last (the goal is complete).
 */
export function goalTargets(goal: number | undefined, stretch: readonly number[]): number[] {
  const targets = [goal, ...stretch].filter((value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0);
  if (targets.length === 0) return [];
  const first = targets[0];
  const rest = [...new Set(targets.slice(1).filter((value) => value > first))].sort((a, b) => a - b);
  return [first, ...rest];
}

/** Index into `targets` of the one being worked towards; `targets.length` once all are reached. */
export function reachedCount(targets: readonly number[], total: number): number {
  let index = 0;
  while (index < targets.length && total >= targets[index]) index += 1;
  return index;
}
