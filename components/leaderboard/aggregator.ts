/**
 * Local leaderboard aggregation for hosts without their own leaderboard store. Pure: no DOM, no
 * timers, time comes from an injectable clock, storage is a plain snapshot the caller persists.
 *
 * Cost model (100,000 contributors): a tip is O(1) map updates plus an O(K) nudge of a small
 * maintained top-K per window (K = MAX_LIMIT). Rolling windows keep per-window time buckets of
 * per-contributor amounts; buckets that leave the window are subtracted lazily on the next read.
 * Only when such an expiry lowers a top-K member is the top-K rebuilt by one O(n) partial
 * selection, at most once per bucket boundary, never a full sort per tip.
 */
import type { Currency, LeaderboardEntry, LeaderboardWindow, Tip } from '../../platform/model.js';
import { remember } from '../../platform/bounded.js';
import { amount, isRecord, num } from '../../platform/validate.js';

/** The most rows a board can show; also the size of each maintained top-K. */
export const MAX_LIMIT = 100;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Rolling windows: their length and the bucket width that bounds their error and memory. onair's
 * backend (ebs/windows.mjs) counts with the same table: test/wire.test.ts holds them equal.
 */
export const ROLLING: Record<'1d' | '7d' | '30d', { span: number; bucket: number }> = {
  '1d': { span: DAY, bucket: HOUR },
  '7d': { span: 7 * DAY, bucket: 6 * HOUR },
  '30d': { span: 30 * DAY, bucket: DAY },
};
type RollingWindow = keyof typeof ROLLING;
const ROLLING_WINDOWS = Object.keys(ROLLING) as RollingWindow[];


export interface AggregatorOptions {
  /** Milliseconds since the epoch; tests inject a fake clock. */
  now?: () => number;
  /** Contributors kept in memory per currency; the smallest all-time totals go first beyond it. */
  maxContributors?: number;
  /** Contributors per currency written to storage (the union of every window's top). */
  maxStored?: number;
  /**
   * Currencies tracked at once. A tip in a further currency makes room by dropping the currency
   * tipped in least recently (never one `keep()` names), so no currency is shut out for good.
   */
  maxCurrencies?: number;
  /** Recent tip ids remembered to drop replays. */
  maxIds?: number;
}

interface Contributor {
  key: string;
  name: string;
  /** This contributor's standing in each window, by the tally's slot: no map lookup per tip. */
  slots: (Standing | undefined)[];
}

interface Standing {
  who: Contributor;
  total: number;
  /** When the current total was reached: the latest contributing tip. */
  reachedAt: number;
  inTop: boolean;
}

/** Higher total first; equal totals go to whoever reached theirs first. */
function compare(a: Standing, b: Standing): number {
  return b.total - a.total || a.reachedAt - b.reachedAt || (a.who.key < b.who.key ? -1 : a.who.key > b.who.key ? 1 : 0);
}

/** Below this a float total is treated as zero (money amounts subtract with rounding error). */
const EPSILON = 1e-9;

/** Totals of one window with a maintained top-K. */
class Tally {
  readonly standings = new Set<Standing>();
  private top: Standing[] = [];
  private stale = false;

  /** `slot`: where this window's standing sits in each contributor's `slots`. */
  constructor(private readonly slot: number) {}

  of(who: Contributor): Standing | undefined {
    return who.slots[this.slot];
  }

  add(who: Contributor, amount: number, at: number): Standing {
    let standing = who.slots[this.slot];
    if (!standing) {
      standing = { who, total: 0, reachedAt: at, inTop: false };
      who.slots[this.slot] = standing;
      this.standings.add(standing);
    }
    standing.total += amount;
    standing.reachedAt = Math.max(standing.reachedAt, at);
    if (!this.stale) this.promote(standing);
    return standing;
  }

  subtract(who: Contributor, amount: number): void {
    const standing = who.slots[this.slot];
    if (!standing) return;
    standing.total -= amount;
    if (standing.total <= EPSILON) this.drop(who, standing);
    // A top member that shrinks may now rank below someone outside the top: rebuild on read.
    if (standing.inTop) this.stale = true;
  }

  remove(who: Contributor): void {
    const standing = who.slots[this.slot];
    if (standing) this.drop(who, standing);
  }

  private drop(who: Contributor, standing: Standing): void {
    this.standings.delete(standing);
    who.slots[this.slot] = undefined;
    if (standing.inTop) this.stale = true;
  }

  /** True when `who` ranks within the best `limit`, or when only a rebuild could tell. */
  within(who: Contributor, limit: number): boolean {
    const standing = who.slots[this.slot];
    if (!standing) return false;
    if (this.stale) return true;
    return standing.inTop && this.top.indexOf(standing) < limit;
  }

  /** The best `limit` standings, best first. */
  best(limit: number): Standing[] {
    if (this.stale) this.rebuild();
    return this.top.slice(0, limit);
  }

  /**
   * Keeps `top` exact while totals only grow: a grown member moves up; an outsider enters when it
   * beats the last member, which it pushes out.
   */
  private promote(standing: Standing): void {
    const top = this.top;
    if (standing.inTop) {
      let i = top.indexOf(standing);
      for (; i > 0 && compare(standing, top[i - 1]) < 0; i -= 1) top[i] = top[i - 1];
      top[i] = standing;
      return;
    }
    if (top.length >= MAX_LIMIT) {
      if (compare(standing, top[top.length - 1]) >= 0) return;
      top.pop()!.inTop = false;
    }
    insertSorted(top, standing);
    standing.inTop = true;
  }

  /** One pass over every standing, keeping the best K in a small sorted array. */
  private rebuild(): void {
    for (const standing of this.top) standing.inTop = false;
    const top: Standing[] = [];
    for (const standing of this.standings.values()) {
      if (top.length >= MAX_LIMIT) {
        if (compare(standing, top[top.length - 1]) >= 0) continue;
        top.pop();
      }
      insertSorted(top, standing);
    }
    for (const standing of top) standing.inTop = true;
    this.top = top;
    this.stale = false;
  }
}

function insertSorted(list: Standing[], standing: Standing): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid], standing) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, standing);
}

/** A rolling window: a tally plus time buckets of what each contributor gave, expired lazily. */
class Rolling {
  readonly tally: Tally;
  /** Bucket index (time / width) → amounts per contributor. */
  readonly buckets = new Map<number, Map<Contributor, number>>();
  /** Bucket indices, ascending; tips arrive almost always in order, so inserts are appends. */
  private readonly order: number[] = [];

  constructor(
    private readonly span: number,
    readonly width: number,
    slot: number,
  ) {
    this.tally = new Tally(slot);
  }

  /** True when a tip at `at` still falls inside the window at `now`. */
  covers(at: number, now: number): boolean {
    return (Math.floor(at / this.width) + 1) * this.width > now - this.span;
  }

  add(who: Contributor, amount: number, at: number, now: number): void {
    if (!this.covers(at, now)) return;
    const index = Math.floor(at / this.width);
    let bucket = this.buckets.get(index);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(index, bucket);
      insertIndex(this.order, index);
    }
    bucket.set(who, (bucket.get(who) ?? 0) + amount);
    this.tally.add(who, amount, at);
  }

  /** Drops buckets whose whole span has left the window. */
  expire(now: number): void {
    while (this.order.length > 0 && !this.covers(this.order[0] * this.width, now)) {
      const index = this.order.shift()!;
      for (const [who, amount] of this.buckets.get(index)!) this.tally.subtract(who, amount);
      this.buckets.delete(index);
    }
  }

  /** When the oldest bucket leaves the window, or `undefined` when empty. */
  nextExpiry(): number | undefined {
    return this.order.length > 0 ? (this.order[0] + 1) * this.width + this.span : undefined;
  }

  forget(who: Contributor): void {
    for (const bucket of this.buckets.values()) bucket.delete(who);
    this.tally.remove(who);
  }
}

function insertIndex(order: number[], index: number): void {
  let i = order.length;
  while (i > 0 && order[i - 1] > index) i -= 1;
  order.splice(i, 0, index);
}

/** Everything for one currency, so amounts in different currencies are never summed. */
class CurrencyBoard {
  readonly contributors = new Map<string, Contributor>();
  /** When the latest tip in this currency arrived (tip time), to choose which currency makes room. */
  lastAt = -Infinity;
  readonly session = new Tally(0);
  readonly all = new Tally(1);
  readonly rolling: Record<RollingWindow, Rolling> = {
    '1d': new Rolling(ROLLING['1d'].span, ROLLING['1d'].bucket, 2),
    '7d': new Rolling(ROLLING['7d'].span, ROLLING['7d'].bucket, 3),
    '30d': new Rolling(ROLLING['30d'].span, ROLLING['30d'].bucket, 4),
  };

  contributor(key: string, name: string): Contributor {
    let who = this.contributors.get(key);
    if (!who) {
      who = { key, name, slots: [] };
      this.contributors.set(key, who);
    }
    who.name = name;
    return who;
  }

  /** Counts `amount` for `key`: in the session, and unless `sessionOnly` in every stored window too. */
  count(key: string, name: string, amount: number, at: number, now: number, sessionOnly: boolean): void {
    const who = this.contributor(key, name);
    this.lastAt = Math.max(this.lastAt, at);
    this.session.add(who, amount, at);
    if (sessionOnly) return;
    this.all.add(who, amount, at);
    for (const window of ROLLING_WINDOWS) this.rolling[window].add(who, amount, at, now);
  }

  /** Adds everything `source` holds, each amount times `rate` (a combined board built afresh). */
  absorb(source: CurrencyBoard, rate: number, now: number): void {
    this.lastAt = Math.max(this.lastAt, source.lastAt);
    for (const from of source.contributors.values()) {
      const who = this.contributor(from.key, from.name);
      const session = source.session.of(from);
      if (session) this.session.add(who, session.total * rate, session.reachedAt);
      const all = source.all.of(from);
      if (all) this.all.add(who, all.total * rate, all.reachedAt);
    }
    for (const window of ROLLING_WINDOWS) {
      const { buckets, tally, width } = source.rolling[window];
      for (const [index, bucket] of buckets) {
        for (const [from, amount] of bucket) {
          // The contributor's latest bucket carries their reachedAt, so ties break as on the source.
          const reachedAt = tally.of(from)?.reachedAt ?? index * width;
          const at = Math.floor(reachedAt / width) === index ? reachedAt : index * width;
          this.rolling[window].add(this.contributor(from.key, from.name), amount * rate, at, now);
        }
      }
    }
  }

  tally(window: LeaderboardWindow): Tally {
    if (window === 'session') return this.session;
    if (window === 'all') return this.all;
    return this.rolling[window].tally;
  }

  /**
   * Drops the contributors with the smallest all-time totals down to 90% of `max`, keeping any
   * contributor shown in a window's top. Amortised over the many tips that filled the gap.
   */
  prune(max: number): void {
    const candidates = [...this.contributors.values()].filter((who) => !who.slots.some((standing) => standing?.inTop));
    const allTotal = (who: Contributor) => this.all.of(who)?.total ?? 0;
    candidates.sort((a, b) => allTotal(a) - allTotal(b));
    const excess = this.contributors.size - Math.floor(max * 0.9);
    for (const who of candidates.slice(0, excess)) {
      this.contributors.delete(who.key);
      this.session.remove(who);
      this.all.remove(who);
      for (const window of ROLLING_WINDOWS) this.rolling[window].forget(who);
    }
  }
}

/** What `snapshot()` returns and `restore()` accepts: plain JSON, versioned. */
export interface StoredBoard {
  v: 1;
  ids: string[];
  /** Per currency: [key, name, allTotal, allReachedAt, rolling: { window: [reachedAt, [bucketIndex, amount][]] }]. */
  boards: Record<string, StoredContributor[]>;
}

type StoredRolling = Partial<Record<RollingWindow, [reachedAt: number, buckets: [index: number, amount: number][]]>>;
type StoredContributor = [key: string, name: string, total: number, reachedAt: number, rolling: StoredRolling];

/**
 * How tips in other currencies count on a combined board: currency → the value of one unit in the
 * board's currency (`EUR` → 1.08 on a USD board). The board's own currency needs no entry.
 */
export type Rates = ReadonlyMap<Currency, number>;

interface Combined {
  target: Currency;
  rates: Rates;
  /** `target` and `rates` as text, to tell a change from the same rates given again. */
  key: string;
  board: CurrencyBoard;
}

/**
 * Per-currency leaderboards for every window, fed one tip at a time, and optionally one combined
 * board that ranks every currency with a rate together (`combine()`). Session totals count only
 * tips added since this aggregator was created; everything else can be snapshotted and restored.
 */
export class TipAggregator {
  private readonly boards = new Map<string, CurrencyBoard>();
  private combined?: Combined;
  /** Currencies a board is ranking now: never dropped to make room for another. */
  private kept: ReadonlySet<Currency> = new Set();
  /**
   * Tip ids counted since this aggregator was created, for the snapshot (so a later load knows
   * them). Repeats within one load never arrive: the platform's `tips$` drops them.
   */
  private readonly ids = new Set<string>();
  /**
   * Tip ids an earlier page load counted, from a snapshot. A host replaying such a tip must not
   * count twice in the stored windows, but it is news to this load's `session` board: otherwise a
   * fresh session after an earlier visit would drop tips as duplicates and look empty.
   */
  private readonly restoredIds = new Set<string>();
  private readonly now: () => number;
  private readonly maxContributors: number;
  private readonly maxStored: number;
  private readonly maxCurrencies: number;
  private readonly maxIds: number;

  constructor(options: AggregatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxContributors = options.maxContributors ?? 200_000;
    this.maxStored = Math.min(options.maxStored ?? 300, this.maxContributors);
    this.maxCurrencies = Math.max(1, options.maxCurrencies ?? 16);
    this.maxIds = options.maxIds ?? 500;
  }

  /**
   * Counts a tip. Returns false when it was dropped: an invalid amount or time, or every currency
   * slot holds a currency `keep()` names. Tips dated in the future count as now.
   */
  add(tip: Tip): boolean {
    if (!isAmount(tip.amount) || !isTime(tip.at.getTime())) return false;
    const board = this.board(tip.currency);
    if (!board) return false;
    this.remember(tip.id);
    const now = this.now();
    const at = Math.min(tip.at.getTime(), now);
    const key = contributorKey(tip);
    const sessionOnly = this.restoredIds.has(tip.id);
    board.count(key, tip.user.name, tip.amount, at, now, sessionOnly);
    if (board.contributors.size > this.maxContributors) board.prune(this.maxContributors);
    const combined = this.combined;
    const rate = combined && rateFor(combined, tip.currency);
    if (combined && rate) {
      combined.board.count(key, tip.user.name, tip.amount * rate, at, now, sessionOnly);
      if (combined.board.contributors.size > this.maxContributors) combined.board.prune(this.maxContributors);
    }
    return true;
  }

  /**
   * Currencies that must keep their totals when a new currency needs room (the ones boards rank).
   */
  keep(currencies: Iterable<Currency>): void {
    this.kept = new Set(currencies);
  }

  /**
   * Ranks every currency with a rate together, converted into `target`; `undefined` ends it. The
   * combined board is built from the per-currency totals (O(contributors), only when the target or
   * a rate changed) and then follows each tip; per-currency boards stay as they are.
   */
  combine(target: Currency, rates: Rates | undefined): void {
    if (!rates) {
      this.combined = undefined;
      return;
    }
    const key = `${target}|${[...rates].map(([currency, rate]) => `${currency}=${rate}`).sort().join(',')}`;
    if (this.combined?.key === key) return;
    const combined: Combined = { target, rates, key, board: new CurrencyBoard() };
    const now = this.now();
    for (const [currency, board] of this.boards) {
      const rate = rateFor(combined, currency);
      if (rate) combined.board.absorb(board, rate, now);
    }
    this.combined = combined;
  }

  /** The currencies on the combined board now: its target and every currency with a rate. */
  isCombined(currency: Currency): boolean {
    return this.combined !== undefined && rateFor(this.combined, currency) !== undefined;
  }

  /**
   * Each currency with tips in `window`, by how many contributors gave in it, most first (ties:
   * tipped in most recently first).
   */
  currencies(window: LeaderboardWindow): { currency: Currency; contributors: number }[] {
    const now = this.now();
    const list: { currency: Currency; contributors: number; lastAt: number }[] = [];
    for (const [currency, board] of this.boards) {
      if (window !== 'session' && window !== 'all') board.rolling[window].expire(now);
      const contributors = board.tally(window).standings.size;
      if (contributors > 0) list.push({ currency, contributors, lastAt: board.lastAt });
    }
    list.sort((a, b) => b.contributors - a.contributors || b.lastAt - a.lastAt);
    return list.map(({ currency, contributors }) => ({ currency, contributors }));
  }

  /**
   * The top `limit` contributors in `currency` for `window`, ranked 1…n; with `combined`, the
   * combined board's (which must be in `currency`).
   */
  top(window: LeaderboardWindow, currency: Currency, limit: number, combined = false): LeaderboardEntry[] {
    const board = this.boardFor(currency, combined);
    if (!board) return [];
    if (window !== 'session' && window !== 'all') board.rolling[window].expire(this.now());
    const rows = Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
    return board.tally(window).best(rows).map((standing, i) => ({
      userId: standing.who.key,
      name: standing.who.name,
      total: standing.total,
      rank: i + 1,
      firstAt: new Date(standing.reachedAt),
      currency,
    }));
  }

  /**
   * True when the contributor of `tip` (already added) ranks within the top `limit` in `currency`
   * for `window`. Tips only raise totals, so a tip whose contributor is not shown moved no one
   * who is: a board can skip its render.
   */
  shows(tip: Tip, window: LeaderboardWindow, currency: Currency, limit: number, combined = false): boolean {
    const board = this.boardFor(currency, combined);
    const who = board?.contributors.get(contributorKey(tip));
    return board !== undefined && who !== undefined && board.tally(window).within(who, limit);
  }

  /** When a rolling window's board next changes without new tips, if it ever does. */
  nextExpiry(window: LeaderboardWindow, currency: Currency, combined = false): number | undefined {
    if (window === 'session' || window === 'all') return undefined;
    return this.boardFor(currency, combined)?.rolling[window].nextExpiry();
  }

  /** How many contributors are held for `currency`. */
  size(currency: Currency): number {
    return this.boards.get(currency)?.contributors.size ?? 0;
  }

  clear(): void {
    this.boards.clear();
    this.ids.clear();
    this.restoredIds.clear();
    if (this.combined) this.combined = { ...this.combined, board: new CurrencyBoard() };
  }

  /** A bounded, JSON-safe copy: per currency, the union of every persisted window's top. */
  snapshot(): StoredBoard {
    const now = this.now();
    const boards: Record<string, StoredContributor[]> = {};
    for (const [currency, board] of this.boards) {
      const chosen = new Map<string, Contributor>();
      for (const window of ['all', '30d', '7d', '1d'] as const) {
        if (window !== 'all') board.rolling[window].expire(now);
        for (const standing of board.tally(window).best(this.maxStored)) {
          if (chosen.size >= this.maxStored) break;
          chosen.set(standing.who.key, standing.who);
        }
      }
      boards[currency] = [...chosen.values()].map((who) => storeContributor(board, who));
    }
    return { v: 1, ids: [...new Set([...this.restoredIds, ...this.ids])].slice(-100), boards };
  }

  /** Loads a snapshot (from untrusted storage: anything malformed is skipped). */
  restore(data: unknown): void {
    if (!isRecord(data) || data.v !== 1) return;
    const now = this.now();
    // An older snapshot's `first` currency is not read: the board's currency is chosen afresh.
    if (Array.isArray(data.ids)) for (const id of data.ids) if (typeof id === 'string') remember(this.restoredIds, id, undefined, this.maxIds);
    if (!isRecord(data.boards)) return;
    for (const [currency, list] of Object.entries(data.boards)) {
      const board = this.board(currency);
      if (!board || !Array.isArray(list)) continue;
      for (const entry of list.slice(0, this.maxStored)) restoreContributor(board, entry, now);
    }
    const combined = this.combined;
    if (combined) {
      this.combined = undefined;
      this.combine(combined.target, combined.rates);
    }
  }

  private boardFor(currency: Currency, combined: boolean): CurrencyBoard | undefined {
    if (!combined) return this.boards.get(currency);
    return this.combined?.target === currency ? this.combined.board : undefined;
  }

  /** The board for `currency`, made room for when every slot is taken. */
  private board(currency: Currency): CurrencyBoard | undefined {
    let board = this.boards.get(currency);
    if (!board) {
      if (this.boards.size >= this.maxCurrencies && !this.makeRoom()) return undefined;
      board = new CurrencyBoard();
      this.boards.set(currency, board);
    }
    return board;
  }

  /**
   * Drops the currency tipped in least recently that no board ranks. Its amounts leave the combined
   * board too, which is rebuilt from what stays.
   */
  private makeRoom(): boolean {
    let oldest: [Currency, CurrencyBoard] | undefined;
    for (const entry of this.boards) {
      if (this.kept.has(entry[0])) continue;
      if (!oldest || entry[1].lastAt < oldest[1].lastAt) oldest = entry;
    }
    if (!oldest) return false;
    this.boards.delete(oldest[0]);
    const combined = this.combined;
    if (combined && rateFor(combined, oldest[0])) {
      this.combined = undefined;
      this.combine(combined.target, combined.rates);
    }
    return true;
  }

  private remember(id: string): void {
    remember(this.ids, id, undefined, this.maxIds);
  }
}

/** What one unit of `currency` counts for on the combined board, if it is on it. */
function rateFor(combined: Combined, currency: Currency): number | undefined {
  return currency === combined.target ? 1 : combined.rates.get(currency);
}

/** Tips without a user id are keyed by name, which is all the host told us. */
function contributorKey(tip: Tip): string {
  return tip.user.id ?? `name:${tip.user.name}`;
}

function storeContributor(board: CurrencyBoard, who: Contributor): StoredContributor {
  const all = board.all.of(who);
  const rolling: StoredRolling = {};
  for (const window of ROLLING_WINDOWS) {
    const { tally, buckets } = board.rolling[window];
    const standing = tally.of(who);
    if (!standing) continue;
    const amounts: [number, number][] = [];
    for (const [index, bucket] of buckets) {
      const amount = bucket.get(who);
      if (amount !== undefined) amounts.push([index, amount]);
    }
    rolling[window] = [standing.reachedAt, amounts];
  }
  return [who.key, who.name, all?.total ?? 0, all?.reachedAt ?? 0, rolling];
}

function restoreContributor(board: CurrencyBoard, entry: unknown, now: number): void {
  if (!Array.isArray(entry)) return;
  const [key, name, total, reachedAt, rolling] = entry as unknown[];
  if (typeof key !== 'string' || typeof name !== 'string' || !isAmount(total) || !isTime(reachedAt)) return;
  const who = board.contributor(key.slice(0, 200), name.slice(0, 200));
  board.lastAt = Math.max(board.lastAt, reachedAt);
  board.all.add(who, total, reachedAt);
  if (!isRecord(rolling)) return;
  for (const window of ROLLING_WINDOWS) {
    const stored = rolling[window];
    if (!Array.isArray(stored) || !isTime(stored[0]) || !Array.isArray(stored[1])) continue;
    const target = board.rolling[window];
    for (const pair of stored[1] as unknown[]) {
      if (!Array.isArray(pair) || !Number.isInteger(pair[0]) || !isAmount(pair[1])) continue;
      // The bucket's start places the amount; the latest bucket carries the stored reachedAt, so the
      // tie-break survives the round trip.
      const latest = Math.floor(stored[0] / target.width) === pair[0];
      target.add(who, pair[1], latest ? stored[0] : pair[0] * target.width, now);
    }
  }
}

/** A stored amount: a number the tip validator accepts (strings are not numbers here). */
function isAmount(value: unknown): value is number {
  return typeof value === 'number' && amount(value) !== undefined;
}

/** A stored time: ms since the epoch, not before it. */
function isTime(value: unknown): value is number {
  return typeof value === 'number' && num(value, 0, Number.MAX_VALUE) !== undefined;
}
