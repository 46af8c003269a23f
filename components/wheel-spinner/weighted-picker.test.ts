import { expect } from '@open-wc/testing';
import { seededRandom } from '../../platform/demo/random.js';
import { WeightedPicker, integerUnits } from './weighted-picker.js';

/** A reproducible uint32 source for the distribution test. */
function seededUint32(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.floor(random() * 2 ** 32);
}

/** Yields the given draws in order, then fails the test if asked for more. */
function scripted(draws: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= draws.length) throw new Error('source exhausted');
    return draws[i++];
  };
}

describe('WeightedPicker', () => {
  const weights = [1, 2.5, 0.5, 4, 2];
  const picks = 20_000;
  // 4 degrees of freedom, p = 0.001.
  const threshold = 18.47;

  function chiSquare(pickWeights: number[]): number {
    const counts = new Array(weights.length).fill(0);
    const picker = new WeightedPicker(seededUint32(42));
    for (let i = 0; i < picks; i += 1) counts[picker.pick(pickWeights)] += 1;
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.reduce((sum, w, i) => {
      const expected = (w / total) * picks;
      return sum + (counts[i] - expected) ** 2 / expected;
    }, 0);
  }

  it('matches the weights statistically (20,000 seeded picks, chi-square)', () => {
    expect(chiSquare(weights)).to.be.below(threshold);
  });

  it('has the power to catch a picker that ignores weights', () => {
    expect(chiSquare([1, 1, 1, 1, 1])).to.be.above(threshold);
  });

  it('maps every draw exactly onto non-integer weights (0.5 : 1.5 is 1 : 3)', () => {
    const draws = Array.from({ length: 400 }, (_, i) => i);
    const picker = new WeightedPicker(scripted(draws));
    const counts = [0, 0];
    for (let i = 0; i < 400; i += 1) counts[picker.pick([0.5, 1.5])] += 1;
    expect(counts).to.deep.equal([100, 300]);
  });

  it('rejects draws above the largest multiple of the range instead of folding them (no modulo bias)', () => {
    // 2^32 mod 3 = 1, so the top draw (2^32 - 1) would favour index 0; it must be redrawn.
    const picker = new WeightedPicker(scripted([2 ** 32 - 1, 4]));
    expect(picker.uniform(3)).to.equal(1);
    expect(new WeightedPicker(scripted([2 ** 32 - 1])).uniform(2 ** 32)).to.equal(2 ** 32 - 1);
  });

  it('scales weights to exact integer units and falls back to a 2^32 quantisation', () => {
    expect(integerUnits([0.1, 0.2, 0.3])).to.deep.equal([1, 2, 3]);
    expect(integerUnits([3e9, 3e9, 6e9])).to.deep.equal([1, 1, 2]);
    const units = integerUnits([Math.PI, 1]);
    expect(units[0] + units[1]).to.be.at.most(2 ** 32);
    expect(units[0] / units[1]).to.be.closeTo(Math.PI, 1e-8);
  });

  it('uses crypto by default and stays within range', () => {
    const picker = new WeightedPicker();
    for (let i = 0; i < 200; i += 1) expect(picker.pick([1, 1, 1])).to.be.within(0, 2);
    expect(picker.fraction()).to.be.within(0, 1);
  });
});
