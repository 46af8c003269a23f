import { remember } from '../../platform/bounded.js';
import type { Currency, Tip } from '../../platform/model.js';
import { tipKey } from '../shared/tip-key.js';
import { amount as asAmount, currency as asCurrency, isRecord, MAX_MESSAGE, num, text } from '../../platform/validate.js';

/** One tip as the list keeps it: plain data, so it stores as JSON and renders as text only. */
export interface ListedEvent {
  /** The tip's id and time: a replay carries both unchanged, a new tip with a reused id does not. */
  key: string;
  /** The tipper's name; empty when the host named nobody (the list shows "Someone"). */
  name: string;
  amount: number;
  currency: Currency;
  message?: string;
  /** When the tip was made, ms since the epoch. */
  at: number;
}

/** What `snapshot()` returns and `restore()` accepts: plain JSON, versioned. */
export interface StoredEvents {
  v: 1;
  /** Tips counted since the last reset, listed or not. */
  count: number;
  rows: ListedEvent[];
  seen: string[];
}

/** The most rows a list keeps (and shows). */
export const MAX_ROWS = 50;
/** Keys of recent tips, so a host that sends a tip again lists it once. */
const MAX_SEEN = 500;
/** What is stored of them: after a reload a host resends its latest few tips at most. */
const STORED_SEEN = 100;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * The newest tips, newest first, each once, and how many were counted in all. Tips are checked
 * again here (the list renders what it keeps), and what it restores from storage is untrusted.
 */
export class RecentEvents {
  private list: ListedEvent[] = [];
  private total = 0;
  private readonly seen = new Set<string>();

  /** Newest first, at most `MAX_ROWS`. */
  get rows(): readonly ListedEvent[] {
    return this.list;
  }

  /** Tips counted since the last reset. */
  get count(): number {
    return this.total;
  }

  /** Counts and lists the tip; `undefined` when it is malformed or already counted. */
  add(tip: Tip): ListedEvent | undefined {
    const key = tipKey(tip);
    const amount = asAmount(tip?.amount);
    const currency = asCurrency(tip?.currency);
    if (!key || amount === undefined || !currency || this.seen.has(key)) return undefined;
    remember(this.seen, key, undefined, MAX_SEEN);
    const message = text(tip.message, MAX_MESSAGE);
    const row: ListedEvent = { key, name: text(tip.user?.name) ?? '', amount, currency, ...(message ? { message } : {}), at: tip.at.getTime() };
    this.total = Math.min(this.total + 1, MAX_COUNT);
    this.list.unshift(row);
    if (this.list.length > MAX_ROWS) this.list.length = MAX_ROWS;
    return row;
  }

  clear(): void {
    this.list = [];
    this.total = 0;
    this.seen.clear();
  }

  snapshot(): StoredEvents {
    return { v: 1, count: this.total, rows: this.list.slice(), seen: [...this.seen].slice(-STORED_SEEN) };
  }

  /** A list from stored data; anything malformed is left out, never rendered. */
  static restore(data: unknown): RecentEvents {
    const events = new RecentEvents();
    if (!isRecord(data) || data.v !== 1) return events;
    if (Array.isArray(data.seen)) {
      for (const key of data.seen.slice(-STORED_SEEN)) if (typeof key === 'string' && key.length <= 300) remember(events.seen, key, undefined, MAX_SEEN);
    }
    if (Array.isArray(data.rows)) {
      for (const raw of data.rows.slice(0, MAX_ROWS)) {
        const row = storedRow(raw);
        if (row) events.list.push(row);
      }
    }
    events.total = Math.max(Math.floor(num(data.count, 0, MAX_COUNT) ?? 0), events.list.length);
    return events;
  }
}

function storedRow(raw: unknown): ListedEvent | undefined {
  if (!isRecord(raw)) return undefined;
  const key = text(raw.key, 300);
  const amount = asAmount(raw.amount);
  const currency = asCurrency(raw.currency);
  const at = num(raw.at, 0, 8.64e15);
  if (!key || amount === undefined || !currency || at === undefined) return undefined;
  const message = text(raw.message, MAX_MESSAGE);
  return { key, name: text(raw.name) ?? '', amount, currency, ...(message ? { message } : {}), at };
}
