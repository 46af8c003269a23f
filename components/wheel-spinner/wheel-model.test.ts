import { expect } from '@open-wc/testing';
import { MAX_SEGMENTS, cleanItems, followedElapsed, labelPlacement, parseRequestPayload, parseSpinPayload } from './wheel-model.js';

describe('labelPlacement', () => {
  it('turns labels only past 6 o\'clock', () => {
    expect(labelPlacement(0, 360)).to.deep.equal({ x: 190, anchor: 'end', rotate: 90 });
    expect(labelPlacement(180, 181)).to.deep.equal({ x: 10, anchor: 'start', rotate: -89.5 });
    expect(labelPlacement(350, 360)).to.deep.equal({ x: 10, anchor: 'start', rotate: 85 });
  });
});

describe('followedElapsed', () => {
  const startedAt = 1_700_000_000_000;
  const spin = { startedAt, durationMs: 5000 };

  it('adds the time run on the sender before sending to the time since arrival here', () => {
    expect(followedElapsed(spin, { sentAt: startedAt + 1200, sinceArrival: 300 })).to.equal(1500);
  });

  it('clamps to 0 and to the duration', () => {
    expect(followedElapsed(spin, { sentAt: startedAt - 500, sinceArrival: 0 })).to.equal(0);
    expect(followedElapsed(spin, { sentAt: startedAt + 4000, sinceArrival: 2000 })).to.equal(5000);
    expect(followedElapsed(spin, { sentAt: Number.NaN, sinceArrival: 100 })).to.equal(100);
  });
});

describe('parseSpinPayload', () => {
  const now = 1_700_000_000_000;
  const hex = (c: string) => c.repeat(64);
  const valid = { paymentId: 'trx_1', seed: hex('a'), itemsHash: hex('c'), index: 2, startedAt: now, durationMs: 5000, turns: 5 };

  it('issue 21: accepts a spin whatever the sender\u2019s clock says (a viewer\u2019s clock may be minutes off)', () => {
    for (const startedAt of [now, now - 3_600_000, now + 3_600_000, 8e15]) {
      expect(parseSpinPayload({ ...valid, startedAt })).to.deep.equal({ payload: { ...valid, startedAt } });
    }
  });

  it('refuses, never clamps, what is out of bounds', () => {
    const bad: Record<string, unknown>[] = [
      { startedAt: Number.NaN },
      { startedAt: '2024-01-01' },
      { durationMs: 60_001 },
      { turns: 21 },
      { index: 100 },
      { seed: hex('A') },
      { paymentId: 'has space' },
      { payer: 7 },
    ];
    for (const patch of bad) expect(parseSpinPayload({ ...valid, ...patch }), JSON.stringify(patch)).to.have.property('error');
  });
});

describe('parseRequestPayload', () => {
  it('reads a redemption (reward title) or a paid item (item, amount, currency), nothing in between', () => {
    expect(parseRequestPayload({ paymentId: 'r1', reward: 'Spin the wheel' })).to.deep.equal({ payload: { paymentId: 'r1', reward: 'Spin the wheel' } });
    expect(parseRequestPayload({ paymentId: 't1', item: 'spin', amount: 200, currency: 'bits', payer: '5678' })).to.deep.equal({
      payload: { paymentId: 't1', payer: '5678', item: 'spin', amount: 200, currency: 'bits' },
    });
    expect(parseRequestPayload({ paymentId: 't1', item: 'spin', amount: -1, currency: 'bits' })).to.have.property('error');
    expect(parseRequestPayload({ paymentId: 't1', item: 'spin', amount: 200, currency: 'doubloons' })).to.have.property('error');
    expect(parseRequestPayload({ paymentId: 't1', amount: 200 })).to.deep.equal({ error: 'bad reward' });
  });
});

describe('cleanItems', () => {
  it('keeps weights as given and lists what it skipped, and why', () => {
    const { kept, skipped } = cleanItems([{ label: 'a', weight: 2e9 }, { label: 'b' }, { label: '' }, 'x', { label: 'c', weight: 0 }, { label: 'd', weight: Number.NaN }]);
    expect(kept.map((k) => [k.label, k.weight])).to.deep.equal([['a', 2e9], ['b', 1]]);
    expect(skipped).to.deep.equal([
      { index: 2, reason: 'no-label' },
      { index: 3, reason: 'not-an-object' },
      { index: 4, reason: 'bad-weight' },
      { index: 5, reason: 'bad-weight' },
    ]);
  });

  it('stops at 100 segments and says so', () => {
    const { kept, skipped } = cleanItems(Array.from({ length: 102 }, (_, i) => ({ label: `s${i}` })));
    expect(kept).to.have.length(MAX_SEGMENTS);
    expect(skipped).to.deep.equal([{ index: 100, reason: 'too-many' }, { index: 101, reason: 'too-many' }]);
  });
});
