import { expect } from '@open-wc/testing';
import { CLOCK_SKEW_MARGIN_MS, followedElapsed, labelPlacement } from './wheel-model.js';

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
    expect(followedElapsed(spin, { sentAt: startedAt + 1200, sinceArrival: 300, now: startedAt + 1500 })).to.equal(1500);
  });

  it('does not depend on this page\'s wall clock within the skew margin', () => {
    const at = (skew: number) => followedElapsed(spin, { sentAt: startedAt + 1200, sinceArrival: 300, now: startedAt + 1500 + skew });
    expect([at(-30_000), at(30_000), at(CLOCK_SKEW_MARGIN_MS - 1)]).to.deep.equal([1500, 1500, 1500]);
  });

  it('clamps to 0 and to the duration', () => {
    expect(followedElapsed(spin, { sentAt: startedAt - 500, sinceArrival: 0, now: startedAt })).to.equal(0);
    expect(followedElapsed(spin, { sentAt: startedAt + 4000, sinceArrival: 2000, now: startedAt })).to.equal(5000);
    expect(followedElapsed(spin, { sentAt: Number.NaN, sinceArrival: 100, now: startedAt })).to.equal(100);
  });

  it('counts a spin that began long before the margin as over, even when it just arrived', () => {
    const now = startedAt + spin.durationMs + CLOCK_SKEW_MARGIN_MS;
    expect(followedElapsed(spin, { sentAt: startedAt, sinceArrival: 0, now })).to.equal(5000);
    expect(followedElapsed(spin, { sentAt: startedAt, sinceArrival: 0, now: now - 1 })).to.equal(0);
  });
});
