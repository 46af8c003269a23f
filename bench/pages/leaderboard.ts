// Benchmark page: the leaderboard's TipAggregator and <onair-leaderboard> with 100,000 contributors,
// against a naive aggregator (a Map of totals, sorted on every read). Hooks for bench/suites/leaderboard.mjs.
import '../../components/index.js';
import { TipAggregator } from '../../components/leaderboard/aggregator.js';
import type { OnAirLeaderboardElement } from '../../components/leaderboard/leaderboard.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { Tip } from '../../platform/model.js';
import { seededRandom } from '../../platform/demo/random.js';

const CURRENCY = 'tokens';
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));


let serial = 0;
function tip(user: number, amount: number): Tip {
  serial += 1;
  return { id: `t${serial}`, user: { id: `u${user}`, name: `User ${user}` }, amount, currency: CURRENCY, at: new Date(), source: 'bench' };
}

/** Amounts like a real feed: mostly small, a few large. */
const amountFrom = (next: () => number) => Math.round(1 + 500 * next() ** 4);

interface Board {
  add(tip: Tip): unknown;
  top(limit: number): unknown[];
}

/** The obvious implementation: totals in a Map, one full sort per read. */
class NaiveBoard implements Board {
  private readonly totals = new Map<string, { name: string; total: number }>();
  add(tip: Tip): void {
    const key = tip.user.id!;
    const entry = this.totals.get(key);
    if (entry) entry.total += tip.amount;
    else this.totals.set(key, { name: tip.user.name, total: tip.amount });
  }
  top(limit: number): unknown[] {
    return [...this.totals.values()].sort((a, b) => b.total - a.total).slice(0, limit);
  }
}

function onairBoard(window: 'session' | '1d'): Board {
  const aggregator = new TipAggregator();
  return { add: (t) => aggregator.add(t), top: (limit) => aggregator.top(window, CURRENCY, limit) };
}

/** Per-op timings: each op alone (resolution-limited) and the mean over the whole loop. */
function time(count: number, op: (i: number) => void): { mean: number; each: number[] } {
  const each = new Array<number>(count);
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    op(i);
    each[i] = performance.now() - t0;
  }
  return { mean: (performance.now() - started) / count, each };
}

/** Loads `contributors` distinct contributors, then times `adds` further tips and `reads` top-10 reads. */
function aggregator(kind: 'onair' | 'onair-1d' | 'naive', contributors: number, adds: number, reads: number) {
  const next = seededRandom(42);
  const board = kind === 'naive' ? new NaiveBoard() : onairBoard(kind === 'onair' ? 'session' : '1d');
  for (let user = 0; user < contributors; user += 1) board.add(tip(user, amountFrom(next)));
  board.top(10);
  const tips = Array.from({ length: adds }, () => tip(Math.floor(next() * contributors), amountFrom(next)));
  const add = time(adds, (i) => board.add(tips[i]));
  const read = time(reads, () => board.top(10));
  return { add, read };
}

/** The timer's resolution as this page sees it (coarsened unless cross-origin isolated). */
function timerResolution(): number {
  let smallest = Infinity;
  for (let i = 0; i < 1000; i += 1) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

let provider: OnAirPlatformElement | undefined;

/**
 * <onair-leaderboard> (top 10, session window) on a demo platform with `contributors` behind it;
 * then `count` new tips, each timed from the tip to the element's updateComplete, one per frame.
 * `who`: `other` tips 1 to a random contributor (with many contributors, almost never one shown);
 * `leader` tips 1 to the one in first place (shown, no reorder); `reorder` tips enough to move a
 * random contributor to first place (rows slide, one may enter).
 */
async function element(contributors: number, count: number, who: 'other' | 'leader' | 'reorder'): Promise<number[]> {
  provider?.remove();
  localStorage.clear();
  provider = document.createElement('onair-platform');
  for (const [name, value] of Object.entries({ platform: 'demo', rate: '0', 'viewer-interval': '0', 'connect-delay': '0' })) {
    provider.setAttribute(name, value);
  }
  const board = document.createElement('onair-leaderboard') as OnAirLeaderboardElement;
  board.storageKey = `bench-${contributors}-${who}`;
  provider.append(board);
  document.body.append(provider);
  while (!provider.current) await frame();
  const demo = provider.current as DemoPlatform;
  const next = seededRandom(7);
  const fire = (t: Tip) => demo.fireTip({ ...t, user: { id: t.user.id!, name: t.user.name } });
  for (let user = 0; user < contributors; user += 1) fire(tip(user, amountFrom(next)));
  await board.updateComplete;
  await frame();
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = who === 'leader' ? Number(board.entries[0].userId.slice(1)) : Math.floor(next() * contributors);
    const amount = who === 'reorder' ? 2000 + i * 50 : 1;
    const t0 = performance.now();
    fire(tip(user, amount));
    await board.updateComplete;
    times.push(performance.now() - t0);
    await frame();
  }
  if (board.entries.length !== Math.min(10, contributors)) throw new Error(`leaderboard shows ${board.entries.length} rows`);
  return times;
}

Object.assign(window, { bench: { aggregator, element, timerResolution } });
Object.assign(window, { benchReady: true });
