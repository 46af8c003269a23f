import { expect } from '@open-wc/testing';
import * as onair from '../index.js';
import { commitmentOf, draw, freePaymentId, hashSegments, newSeed, paymentIdOf, sha256Hex, verifySpin, type SpinProof } from './fairness.js';

const ITEMS = [
  { label: 'Hydrate', weight: 1 },
  { label: 'Squats', weight: 2 },
  { label: 'Song', weight: 3 },
  { label: 'Dance', weight: 4 },
];
const WEIGHTS = ITEMS.map((i) => i.weight);

/** A proof as the authority makes it, for a seed derived from `n` (so the test is the same every run). */
async function proofFor(n: number, paymentId = `pay-${n}`): Promise<SpinProof> {
  const seed = await sha256Hex(`test seed ${n}`);
  const itemsHash = await hashSegments(ITEMS);
  const { index, offset } = await draw(seed, paymentId, itemsHash, WEIGHTS);
  return { commitment: await commitmentOf(seed), seed, paymentId, itemsHash, index, offset };
}

describe('commit–reveal fairness', () => {
  it('over 10,000 seeds, verified winners follow the weights (chi-square, p > 0.001)', async () => {
    const counts = [0, 0, 0, 0];
    const itemsHash = await hashSegments(ITEMS);
    for (let n = 0; n < 10_000; n += 1) {
      const seed = await sha256Hex(`test seed ${n}`);
      const { index, offset } = await draw(seed, `pay-${n}`, itemsHash, WEIGHTS);
      counts[index] += 1;
      expect(offset).to.be.within(0.1, 0.9);
    }
    const total = WEIGHTS.reduce((a, b) => a + b, 0);
    const chi = counts.reduce((sum, observed, i) => {
      const expected = (10_000 * WEIGHTS[i]) / total;
      return sum + (observed - expected) ** 2 / expected;
    }, 0);
    // 3 degrees of freedom: 16.27 is the 0.1 % critical value.
    expect(chi, `counts ${counts.join(', ')}`).to.be.lessThan(16.27);
  });

  it('verifies an honest proof, and fails when the seed, items or payment id change', async () => {
    for (let n = 0; n < 200; n += 1) {
      const proof = await proofFor(n);
      expect(await verifySpin(proof, ITEMS)).to.deep.equal({ ok: true });
      const otherSeed = await sha256Hex(`other ${n}`);
      expect(await verifySpin({ ...proof, seed: otherSeed }, ITEMS)).to.deep.equal({ ok: false, reason: 'commitment' });
      // A seed that does match its commitment, but not the draw.
      expect((await verifySpin({ ...proof, seed: otherSeed, commitment: await commitmentOf(otherSeed) }, ITEMS)).ok).to.equal(false);
      const swapped = ITEMS.map((item, i) => (i === n % 4 ? { ...item, weight: item.weight + 1 } : item));
      expect(await verifySpin(proof, swapped)).to.deep.equal({ ok: false, reason: 'items' });
      expect(await verifySpin({ ...proof, paymentId: `pay-${n}x` }, ITEMS)).to.deep.equal({ ok: false, reason: 'winner' });
      expect(await verifySpin({ ...proof, index: (proof.index + 1) % 4 }, ITEMS)).to.deep.equal({ ok: false, reason: 'winner' });
    }
  });

  it('issue 21: with the commitment the caller saw, a self-consistent proof for a seed of someone else\u2019s fails', async () => {
    const proof = await proofFor(7);
    expect(await verifySpin(proof, ITEMS, { commitment: proof.commitment })).to.deep.equal({ ok: true });
    // A whole new chain (seed, commitment, winner all consistent): fine alone, not against what was published.
    const seed = newSeed();
    const commitment = await commitmentOf(seed);
    const drawn = await draw(seed, proof.paymentId, proof.itemsHash, WEIGHTS);
    const rechained = { ...proof, seed, commitment, ...drawn };
    expect(await verifySpin(rechained, ITEMS)).to.deep.equal({ ok: true });
    expect(await verifySpin(rechained, ITEMS, { commitment: proof.commitment })).to.deep.equal({ ok: false, reason: 'commitment' });
  });

  it('refuses a streamer\u2019s spin whose id was not fixed by the commitment', async () => {
    const seed = newSeed();
    const commitment = await commitmentOf(seed);
    const itemsHash = await hashSegments(ITEMS);
    const honest = freePaymentId(commitment);
    const drawn = await draw(seed, honest, itemsHash, WEIGHTS);
    expect(await verifySpin({ commitment, seed, paymentId: honest, itemsHash, ...drawn }, ITEMS)).to.deep.equal({ ok: true });
    const chosen = 'free-0123456789abcdef0123456789abcdef';
    const other = await draw(seed, chosen, itemsHash, WEIGHTS);
    expect(await verifySpin({ commitment, seed, paymentId: chosen, itemsHash, ...other }, ITEMS)).to.deep.equal({ ok: false, reason: 'payment' });
  });

  it('rejects malformed proofs without throwing', async () => {
    const proof = await proofFor(1);
    for (const bad of [null, {}, { ...proof, seed: 'x' }, { ...proof, index: 1.5 }, { ...proof, paymentId: 'a b' }, { ...proof, offset: '0.5' }]) {
      expect(await verifySpin(bad as unknown as SpinProof, ITEMS)).to.deep.equal({ ok: false, reason: 'malformed' });
    }
    expect((await verifySpin(proof, 'nope' as unknown as unknown[])).ok).to.equal(false);
  });

  it('is exported from the package entry', () => {
    expect(onair.verifySpin).to.equal(verifySpin);
  });

  it('keeps host payment ids that fit and hashes the others', async () => {
    expect(await paymentIdOf('trx_456')).to.equal('trx_456');
    expect(await paymentIdOf('5f1c1b9e-2a44-4a5e-9d5e-0d1c0f2f9a11')).to.equal('5f1c1b9e-2a44-4a5e-9d5e-0d1c0f2f9a11');
    expect(await paymentIdOf('a b/c')).to.match(/^h-[0-9a-f]{40}$/);
    expect(await paymentIdOf('free-0123')).to.match(/^h-[0-9a-f]{40}$/);
  });
});
