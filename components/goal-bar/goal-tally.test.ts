import { expect } from '@open-wc/testing';
import type { Tip } from '../../platform/model.js';
import { GoalTally, goalTargets, reachedCount } from './goal-tally.js';

const T0 = Date.UTC(2026, 11, 1, 12);
const tip = (id: string, amount: number, at = T0, currency = 'tokens'): Tip => ({ id, user: { name: 'x' }, amount, currency, at: new Date(at), source: 'test' });

describe('GoalTally', () => {
  it('adds tips in its currency from `since` on', () => {
    const tally = new GoalTally('tokens', T0);
    expect(tally.add(tip('a', 5))).to.equal(true);
    expect(tally.add(tip('b', 7, T0 + 1000))).to.equal(true);
    expect(tally.add(tip('c', 100, T0 - 1))).to.equal(false);
    expect(tally.add(tip('d', 100, T0, 'USD'))).to.equal(false);
    expect(tally.add(tip('e', -3))).to.equal(false);
    expect(tally.add(tip('f', Number.NaN))).to.equal(false);
    expect(tally.total).to.equal(12);
  });

  it('counts a replayed tip once, but a reused id with a new time again', () => {
    const tally = new GoalTally('tokens', T0);
    tally.add(tip('demo-7-1', 5));
    expect(tally.add(tip('demo-7-1', 5))).to.equal(false);
    expect(tally.add(tip('demo-7-1', 5, T0 + 60_000))).to.equal(true);
    expect(tally.total).to.equal(10);
  });

  it('survives a snapshot round trip through JSON, replays still recognised', () => {
    const tally = new GoalTally('USD', T0);
    tally.add(tip('a', 2.5, T0, 'USD'));
    tally.add(tip('b', 4, T0 + 5, 'USD'));
    const restored = GoalTally.restore(JSON.parse(JSON.stringify(tally.snapshot())), 'USD')!;
    expect(restored.total).to.equal(6.5);
    expect(restored.since).to.equal(T0);
    expect(restored.add(tip('b', 4, T0 + 5, 'USD'))).to.equal(false);
    expect(restored.add(tip('c', 1, T0 + 9, 'USD'))).to.equal(true);
  });

  it('refuses stored data for another currency or start, and anything malformed', () => {
    const stored = new GoalTally('tokens', T0).snapshot();
    expect(GoalTally.restore(stored, 'bits')).to.equal(undefined);
    expect(GoalTally.restore(stored, 'tokens', T0 + 1)).to.equal(undefined);
    expect(GoalTally.restore(stored, 'tokens', T0)).to.be.instanceOf(GoalTally);
    for (const junk of [null, 'x', 42, [], { v: 2 }, { ...stored, since: 'yesterday' }]) expect(GoalTally.restore(junk, 'tokens')).to.equal(undefined);
    const odd = GoalTally.restore({ ...stored, total: 'lots', seen: [1, {}, 'ok'] }, 'tokens')!;
    expect(odd.total).to.equal(0);
  });
});

describe('goal targets', () => {
  it('puts the goal first and the stretch targets above it in order, each once', () => {
    expect(goalTargets(100, [500, 250, 250, 50, -1, Number.NaN])).to.deep.equal([100, 250, 500]);
    expect(goalTargets(undefined, [])).to.deep.equal([]);
    expect(goalTargets(0, [10])).to.deep.equal([10]);
  });

  it('counts the targets a total has reached', () => {
    const targets = [100, 250, 500];
    expect([0, 99, 100, 300, 500, 9999].map((total) => reachedCount(targets, total))).to.deep.equal([0, 0, 1, 2, 3, 3]);
  });
});
