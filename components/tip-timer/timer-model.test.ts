import { expect } from '@open-wc/testing';
import { announcement, crossedThreshold, formatClock, parseAnnouncement, parseRates, restoreTimer, storedTimer, tipTime, type TimerState } from './timer-model.js';

const plain = (value: number, digits: number) => String(value).padStart(digits, '0');

describe('tip timer model', () => {
  it('reads rates per currency, and values Bits and dollars at 100 Bits = $1 when only one is given', () => {
    expect([...parseRates('USD:60, tokens:2', undefined, 'tokens')]).to.deep.equal([['USD', 60], ['tokens', 2], ['bits', 0.6]]);
    expect(parseRates(undefined, 0.5, 'bits').get('USD')).to.equal(50);
    expect(parseRates({ bits: 1, USD: 30 }, undefined, 'tokens').get('bits')).to.equal(1);
    // Malformed pairs are skipped; a rate attribute for the timer's currency loses to its own entry.
    expect([...parseRates('eur:10, nope, xx:-1, tokens:abc, tokens:3', 1, 'tokens')]).to.deep.equal([['tokens', 3], ['EUR', 10]]);
  });

  it('adds time per unit within the per-tip and total caps, and nothing for a currency without a rate', () => {
    const rules = { rates: parseRates('USD:60', undefined, 'tokens'), maxPerTipMs: 300_000, maxTotalMs: 400_000 };
    expect(tipTime(2, 'USD', rules, 0)).to.equal(120_000);
    expect(tipTime(100, 'bits', rules, 0)).to.equal(60_000);
    expect(tipTime(10, 'USD', rules, 0)).to.equal(300_000);
    expect(tipTime(10, 'USD', rules, 350_000)).to.equal(50_000);
    expect(tipTime(10, 'USD', rules, 400_000)).to.equal(0);
    expect(tipTime(10, 'EUR', rules, 0)).to.equal(0);
    expect(tipTime(-5, 'USD', rules, 0)).to.equal(0);
  });

  it('formats the clock with and without hours, rounding up to the second', () => {
    expect(formatClock(600_000, plain)).to.equal('10:00');
    expect(formatClock(3_723_000, plain)).to.equal('1:02:03');
    expect(formatClock(59_001, plain)).to.equal('1:00');
    expect(formatClock(0, plain)).to.equal('0:00');
  });

  it('speaks at thresholds only, once per jump', () => {
    expect(crossedThreshold(11_000, 10_000)).to.equal(10);
    expect(crossedThreshold(10_000, 9_000)).to.equal(undefined);
    expect(crossedThreshold(12_000, 11_000)).to.equal(undefined);
    expect(crossedThreshold(400_000, 20_000)).to.equal(30);
    expect(crossedThreshold(7_201_000, 7_200_000)).to.equal(7200);
    expect(crossedThreshold(5_000, 65_000)).to.equal(undefined);
  });

  it('announces relative time only, and reads announcements field by field', () => {
    const state: TimerState = { status: 'running', remainingMs: 10_000, since: 1000, durationMs: 60_000, addedMs: 5000 };
    expect(announcement(state, 3500, 'a')).to.deep.equal({ status: 'running', remainingMs: 7500, durationMs: 60_000, addedMs: 5000, timer: 'a' });
    expect(parseAnnouncement({ status: 'paused', remainingMs: 5, durationMs: 6, addedMs: 0 })).to.deep.equal({ status: 'paused', remainingMs: 5, durationMs: 6, addedMs: 0 });
    for (const bad of [null, 'x', { status: 'exploded', remainingMs: 1, durationMs: 1, addedMs: 0 }, { status: 'running', remainingMs: -1, durationMs: 1, addedMs: 0 }, { status: 'running', remainingMs: 1e20, durationMs: 1, addedMs: 0 }, { status: 'running', remainingMs: 1, durationMs: 1, addedMs: 0, timer: {} }]) {
      expect(parseAnnouncement(bad)).to.equal(undefined);
    }
  });

  it('restores a running timer by its wall-clock end, ended if it ran out meanwhile', () => {
    const state: TimerState = { status: 'running', remainingMs: 10_000, since: 0, durationMs: 60_000, addedMs: 0 };
    const stored = storedTimer(state, 2000, 1_000_000, ['a@1']);
    expect(stored.endsAt).to.equal(1_008_000);
    const later = restoreTimer(JSON.parse(JSON.stringify(stored)), 50, 1_003_000)!;
    expect(later.state).to.deep.include({ status: 'running', remainingMs: 5000, since: 50 });
    expect(later.seen).to.deep.equal(['a@1']);
    expect(later.expired).to.equal(false);
    const over = restoreTimer(stored, 50, 1_100_000)!;
    expect(over.state.status).to.equal('ended');
    expect(over.expired).to.equal(true);
    expect(restoreTimer({ ...stored, endsAt: 'soon' }, 0, 0)).to.equal(undefined);
    expect(restoreTimer({ v: 2 }, 0, 0)).to.equal(undefined);
  });
});
