import { expect } from '@open-wc/testing';
import type { Tip } from '../../platform/model.js';
import { MAX_LIMIT, TipAggregator } from './aggregator.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 10, 12, 30);

let seq = 0;
function tip(user: string, amount: number, at: number, currency = 'tokens', id = `t${++seq}`): Tip {
  return { id, user: { id: user, name: user.toUpperCase() }, amount, currency, at: new Date(at), source: 'test' };
}

function clock(start = T0) {
  const c = { now: start, fn: () => c.now };
  return c;
}

const summary = (rows: { userId: string; total: number; rank: number }[]) => rows.map((r) => `${r.rank}:${r.userId}=${r.total}`);

describe('TipAggregator', () => {
  it('ranks contributors by total, highest first', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('a', 5, T0));
    agg.add(tip('b', 20, T0));
    agg.add(tip('c', 10, T0));
    agg.add(tip('a', 30, T0));
    expect(summary(agg.top('all', 'tokens', 10))).to.deep.equal(['1:a=35', '2:b=20', '3:c=10']);
    expect(agg.top('all', 'tokens', 10)[0].name).to.equal('A');
  });

  it('tells whether a tip’s contributor ranks within the shown rows', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    const first = tip('a', 50, T0);
    agg.add(first);
    agg.add(tip('b', 30, T0));
    const small = tip('c', 10, T0);
    agg.add(small);
    expect(agg.shows(first, 'all', 'tokens', 1)).to.equal(true);
    expect(agg.shows(small, 'all', 'tokens', 2)).to.equal(false);
    expect(agg.shows(small, 'all', 'tokens', 3)).to.equal(true);
    expect(agg.shows(small, 'all', 'bits', 3)).to.equal(false);
    const passes = tip('c', 35, T0);
    agg.add(passes);
    expect(agg.shows(passes, 'all', 'tokens', 2)).to.equal(true);
    expect(summary(agg.top('all', 'tokens', 2))).to.deep.equal(['1:a=50', '2:c=45']);
    // A contributor beyond the maintained top is never shown.
    for (let i = 0; i < MAX_LIMIT; i += 1) agg.add(tip(`big${i}`, 1000 + i, T0));
    expect(agg.shows(tip('c', 1, T0), 'all', 'tokens', MAX_LIMIT)).to.equal(false);
  });

  it('breaks ties in favour of whoever reached the total first', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('late', 10, T0 - 1000));
    agg.add(tip('early', 10, T0 - 5000));
    agg.add(tip('late', 5, T0 - 900));
    agg.add(tip('early', 5, T0 - 100));
    // Both have 15; `late` reached 15 at T0-900, `early` only at T0-100.
    const rows = agg.top('all', 'tokens', 10);
    expect(summary(rows)).to.deep.equal(['1:late=15', '2:early=15']);
    expect(rows[0].firstAt.getTime()).to.equal(T0 - 900);
  });

  it('filters rolling windows by the injected clock and expires old tips lazily', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('old', 100, T0 - 3 * DAY));
    agg.add(tip('week', 50, T0 - 2 * DAY));
    agg.add(tip('new', 10, T0 - HOUR));
    expect(summary(agg.top('1d', 'tokens', 10))).to.deep.equal(['1:new=10']);
    expect(summary(agg.top('7d', 'tokens', 10))).to.deep.equal(['1:old=100', '2:week=50', '3:new=10']);
    c.now = T0 + 5 * DAY;
    expect(summary(agg.top('7d', 'tokens', 10))).to.deep.equal(['1:week=50', '2:new=10']);
    expect(summary(agg.top('1d', 'tokens', 10))).to.deep.equal([]);
    c.now = T0 + 40 * DAY;
    expect(summary(agg.top('30d', 'tokens', 10))).to.deep.equal([]);
    expect(summary(agg.top('all', 'tokens', 10))).to.deep.equal(['1:old=100', '2:week=50', '3:new=10']);
  });

  it('counts a tip in the 1d window for 24 hours, within one bucket', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('a', 10, T0));
    c.now = T0 + 23 * HOUR;
    expect(agg.top('1d', 'tokens', 10)).to.have.length(1);
    c.now = T0 + 25 * HOUR;
    expect(agg.top('1d', 'tokens', 10)).to.have.length(0);
    expect(agg.nextExpiry('1d', 'tokens')).to.equal(undefined);
  });

  it('lets an outsider into the top when a top member expires', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    for (let i = 0; i < MAX_LIMIT; i += 1) agg.add(tip(`top${i}`, 1000 + i, T0 - 20 * HOUR));
    agg.add(tip('steady', 5, T0));
    expect(agg.top('1d', 'tokens', MAX_LIMIT).map((r) => r.userId)).not.to.include('steady');
    c.now = T0 + 5 * HOUR;
    expect(summary(agg.top('1d', 'tokens', 3))).to.deep.equal(['1:steady=5']);
  });

  it('subtracts only the expired part of a contributor’s window total', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('a', 10, T0 - 23 * HOUR));
    agg.add(tip('b', 12, T0 - 2 * HOUR));
    agg.add(tip('a', 4, T0 - HOUR));
    expect(summary(agg.top('1d', 'tokens', 10))).to.deep.equal(['1:a=14', '2:b=12']);
    c.now = T0 + 3 * HOUR;
    expect(summary(agg.top('1d', 'tokens', 10))).to.deep.equal(['1:b=12', '2:a=4']);
  });

  it('counts session tips only from its own start, and never restores them', () => {
    const c = clock();
    const first = new TipAggregator({ now: c.fn });
    first.add(tip('a', 10, T0));
    expect(summary(first.top('session', 'tokens', 10))).to.deep.equal(['1:a=10']);
    const second = new TipAggregator({ now: c.fn });
    second.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect(second.top('session', 'tokens', 10)).to.deep.equal([]);
    expect(summary(second.top('all', 'tokens', 10))).to.deep.equal(['1:a=10']);
  });

  it('keeps currencies apart', () => {
    const agg = new TipAggregator({ now: () => T0 });
    agg.add(tip('a', 100, T0, 'tokens'));
    agg.add(tip('a', 5, T0, 'USD'));
    agg.add(tip('b', 50, T0, 'USD'));
    expect(summary(agg.top('all', 'tokens', 10))).to.deep.equal(['1:a=100']);
    expect(summary(agg.top('all', 'USD', 10))).to.deep.equal(['1:b=50', '2:a=5']);
    expect(agg.top('all', 'USD', 10)[0].currency).to.equal('USD');
  });

  it('lists the currencies tipped in a window, most contributors first, and stores no favourite', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('a', 100, T0 - 2 * DAY, 'EUR'));
    agg.add(tip('b', 5, T0, 'USD'));
    agg.add(tip('c', 6, T0, 'USD'));
    agg.add(tip('d', 7, T0, 'tokens'));
    expect(agg.currencies('all')).to.deep.equal([
      { currency: 'USD', contributors: 2 },
      { currency: 'tokens', contributors: 1 },
      { currency: 'EUR', contributors: 1 },
    ]);
    expect(agg.currencies('1d').map((entry) => entry.currency)).to.deep.equal(['USD', 'tokens']);
    expect(agg.snapshot()).not.to.have.property('first');
    const copy = new TipAggregator({ now: c.fn });
    copy.restore({ ...JSON.parse(JSON.stringify(agg.snapshot())), first: 'EUR' });
    expect(copy.currencies('all')[0].currency).to.equal('USD');
  });

  it('makes room for a new currency by dropping the one tipped in least recently, never a kept one', () => {
    const agg = new TipAggregator({ now: () => T0 + 100, maxCurrencies: 3 });
    agg.keep(['AAA']);
    agg.add(tip('a', 1, T0, 'AAA'));
    agg.add(tip('b', 2, T0 + 1, 'BBB'));
    agg.add(tip('c', 3, T0 + 2, 'CCC'));
    expect(agg.add(tip('whale', 500, T0 + 3, 'USD'))).to.equal(true);
    expect(summary(agg.top('all', 'USD', 5))).to.deep.equal(['1:whale=500']);
    expect(agg.currencies('all').map((entry) => entry.currency).sort()).to.deep.equal(['AAA', 'CCC', 'USD']);
    expect(summary(agg.top('all', 'AAA', 5))).to.deep.equal(['1:a=1']);
    agg.keep(['AAA', 'CCC', 'USD']);
    expect(agg.add(tip('x', 1, T0 + 4, 'DDD'))).to.equal(false);
  });

  it('ranks currencies together at the rates given, following later tips and rebuilding on new rates', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('a', 10, T0 - 2 * DAY, 'USD'));
    agg.add(tip('b', 10, T0, 'EUR'));
    agg.add(tip('c', 500, T0, 'bits'));
    agg.add(tip('d', 99, T0, 'tokens'));
    agg.combine('USD', new Map([['EUR', 1.5], ['bits', 0.01]]));
    expect(agg.top('all', 'USD', 10, true).map((r) => [r.userId, +r.total.toFixed(6), r.currency])).to.deep.equal([
      ['b', 15, 'USD'],
      ['a', 10, 'USD'],
      ['c', 5, 'USD'],
    ]);
    expect(summary(agg.top('1d', 'USD', 10, true)).map((row) => row.replace(/=.*/, ''))).to.deep.equal(['1:b', '2:c']);
    expect(agg.isCombined('EUR')).to.equal(true);
    expect(agg.isCombined('tokens')).to.equal(false);
    agg.add(tip('c', 1100, T0, 'bits'));
    expect(agg.top('all', 'USD', 1, true)[0]).to.include({ userId: 'c' });
    expect(agg.top('all', 'USD', 1, true)[0].total).to.be.closeTo(16, 1e-9);
    agg.combine('USD', new Map([['EUR', 3], ['bits', 0.01]]));
    expect(agg.top('all', 'USD', 1, true)[0]).to.include({ userId: 'b', total: 30 });
    // The per-currency boards are untouched.
    expect(summary(agg.top('all', 'bits', 5))).to.deep.equal(['1:c=1600']);
    agg.combine('USD', undefined);
    expect(agg.top('all', 'USD', 5, true)).to.deep.equal([]);
  });

  it('counts a tip an earlier load already stored in this session only, once', () => {
    const earlier = new TipAggregator({ now: () => T0 });
    earlier.add(tip('a', 10, T0, 'tokens', 'same-id'));
    const later = new TipAggregator({ now: () => T0 });
    later.restore(JSON.parse(JSON.stringify(earlier.snapshot())));
    expect(later.add(tip('a', 10, T0, 'tokens', 'same-id'))).to.equal(true);
    expect(summary(later.top('session', 'tokens', 10))).to.deep.equal(['1:a=10']);
    expect(summary(later.top('all', 'tokens', 10))).to.deep.equal(['1:a=10']);
    expect(summary(later.top('1d', 'tokens', 10))).to.deep.equal(['1:a=10']);
    expect(later.snapshot().ids).to.deep.equal(['same-id']);
  });

  it('ignores invalid amounts and dates, and dates future tips to now', () => {
    const agg = new TipAggregator({ now: () => T0 });
    expect(agg.add(tip('a', Number.NaN, T0))).to.equal(false);
    expect(agg.add(tip('a', -5, T0))).to.equal(false);
    expect(agg.add(tip('a', 5, Number.NaN))).to.equal(false);
    agg.add(tip('b', 5, T0 + DAY));
    expect(agg.top('all', 'tokens', 1)[0].firstAt.getTime()).to.equal(T0);
  });

  it('keys tips without a user id by name', () => {
    const agg = new TipAggregator({ now: () => T0 });
    agg.add({ id: 'x1', user: { name: 'anon' }, amount: 3, currency: 'bits', at: new Date(T0), source: 't' });
    agg.add({ id: 'x2', user: { name: 'anon' }, amount: 4, currency: 'bits', at: new Date(T0), source: 't' });
    expect(summary(agg.top('all', 'bits', 5))).to.deep.equal(['1:name:anon=7']);
  });

  it('round-trips every rolling window and tie-break through a snapshot', () => {
    const c = clock();
    const agg = new TipAggregator({ now: c.fn });
    agg.add(tip('a', 10, T0 - 10 * DAY));
    agg.add(tip('a', 5, T0 - 2 * HOUR));
    agg.add(tip('b', 15, T0 - 3 * HOUR));
    const copy = new TipAggregator({ now: c.fn });
    copy.restore(JSON.parse(JSON.stringify(agg.snapshot())));
    for (const window of ['1d', '7d', '30d', 'all'] as const) {
      expect(copy.top(window, 'tokens', 10), window).to.deep.equal(agg.top(window, 'tokens', 10));
    }
    c.now = T0 + 20 * HOUR;
    expect(summary(copy.top('1d', 'tokens', 10))).to.deep.equal(['1:b=15', '2:a=5']);
  });

  it('bounds what it stores and survives malformed snapshots', () => {
    const agg = new TipAggregator({ now: () => T0, maxStored: 20 });
    for (let i = 0; i < 500; i += 1) agg.add(tip(`u${i}`, i + 1, T0));
    const stored = agg.snapshot();
    expect(stored.boards.tokens.length).to.equal(20);
    expect(stored.ids.length).to.be.at.most(100);
    const copy = new TipAggregator({ now: () => T0 });
    for (const bad of [null, 'x', { v: 2 }, { v: 1, boards: { tokens: [[1, 2, 3], ['k', 'n', -1, 0, {}], 'z'] } }]) copy.restore(bad);
    expect(copy.top('all', 'tokens', 10)).to.deep.equal([]);
    copy.restore({ v: 1, ids: [], boards: { tokens: [['k', 'K', 5, T0, { '1d': [T0, [[Math.floor(T0 / HOUR), 'x']]] }]] } });
    expect(summary(copy.top('all', 'tokens', 10))).to.deep.equal(['1:k=5']);
    expect(copy.top('1d', 'tokens', 10)).to.deep.equal([]);
  });

  it('caps contributors in memory, keeping the leaders', () => {
    const agg = new TipAggregator({ now: () => T0, maxContributors: 1000 });
    agg.add(tip('whale', 1e6, T0));
    for (let i = 0; i < 3000; i += 1) agg.add(tip(`u${i}`, 1 + (i % 7), T0));
    expect(agg.size('tokens')).to.be.at.most(1000);
    expect(agg.top('all', 'tokens', 1)[0].userId).to.equal('whale');
    expect(agg.top('1d', 'tokens', 1)[0].userId).to.equal('whale');
  });

  it('keeps an exact top under many contributors without sorting all of them', () => {
    const agg = new TipAggregator({ now: () => T0 });
    const totals = new Map<string, number>();
    let x = 12345;
    const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i += 1) {
      const user = `u${Math.floor(random() * 5000)}`;
      const amount = 1 + Math.floor(random() * 100);
      totals.set(user, (totals.get(user) ?? 0) + amount);
      agg.add(tip(user, amount, T0 - 1000 + i * 0.01));
    }
    const expected = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([, total]) => total);
    expect(agg.top('all', 'tokens', 10).map((r) => r.total)).to.deep.equal(expected);
    expect(agg.top('1d', 'tokens', 10).map((r) => r.total)).to.deep.equal(expected);
  });

  it('limits rows to what was asked, within bounds', () => {
    const agg = new TipAggregator({ now: () => T0 });
    for (let i = 0; i < 200; i += 1) agg.add(tip(`u${i}`, i + 1, T0));
    expect(agg.top('all', 'tokens', 3)).to.have.length(3);
    expect(agg.top('all', 'tokens', 1000)).to.have.length(MAX_LIMIT);
    agg.clear();
    expect(agg.top('all', 'tokens', 3)).to.deep.equal([]);
  });
});
