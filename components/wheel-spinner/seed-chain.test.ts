import { expect } from '@open-wc/testing';
import { commitmentOf, newSeed } from './fairness.js';
import { CHAIN_LENGTH, SeedChain } from './seed-chain.js';

const KEY = 'onair.wheel.test.seed-chain';

describe('SeedChain', () => {
  afterEach(() => localStorage.removeItem(KEY));

  it('reveals a hash chain: each seed hashes to the commitment before it and is the next commitment', async () => {
    const chain = await SeedChain.open();
    for (let i = 0; i < 5; i += 1) {
      const { seed, commitment } = chain;
      expect(await commitmentOf(seed)).to.equal(commitment);
      expect(await chain.advance(`p${i}`)).to.equal(false);
      expect(chain.commitment).to.equal(seed);
      expect(chain.spent(`p${i}`)).to.equal(true);
    }
  });

  it('continues from storage after a reload, with its spent payments and waiting spins', async () => {
    const first = await SeedChain.open(KEY);
    await first.advance('paid-1');
    first.enqueue({ paymentId: 'paid-2', payer: '7' });
    const again = await SeedChain.open(KEY);
    expect(again.commitment).to.equal(first.commitment);
    expect(again.seed).to.equal(first.seed);
    expect(again.spent('paid-1')).to.equal(true);
    expect(again.queue).to.deep.equal([{ paymentId: 'paid-2', payer: '7' }]);
  });

  it('starts a new chain after its last seed and says so, and ignores unreadable storage', async () => {
    localStorage.setItem(KEY, JSON.stringify({ generator: newSeed(), position: CHAIN_LENGTH - 1, spent: [], queue: [] }));
    const chain = await SeedChain.open(KEY);
    const { seed, commitment } = chain;
    expect(await commitmentOf(seed)).to.equal(commitment);
    expect(await chain.advance('last')).to.equal(true);
    expect(chain.commitment).to.not.equal(seed);
    expect(await commitmentOf(chain.seed)).to.equal(chain.commitment);
    localStorage.setItem(KEY, '{"generator":"nope"');
    expect((await SeedChain.open(KEY)).commitment).to.match(/^[0-9a-f]{64}$/);
  });
});
