import { expect } from '@open-wc/testing';
import { sha256Hex } from './fairness.js';
import { MAX_QUEUE, PaymentLedger, memoryStore, type LedgerStore } from './ledger.js';

const ITEMS: [string, number][] = [['A', 1], ['B', 2]];
const HASH = 'a'.repeat(64);

/** A store whose writes and removals can be made to fail, as a full or blocked localStorage does. */
function faultyStore() {
  const inner = memoryStore();
  const store: LedgerStore & { full: boolean; broken: boolean; value: unknown } = {
    full: false,
    broken: false,
    get value() {
      return inner.value;
    },
    read: () => (store.broken ? undefined : inner.read()),
    write: (value) => (store.full || store.broken ? false : inner.write(value)),
    remove: () => (store.broken ? false : inner.remove()),
  };
  return store;
}

const open = (store: LedgerStore) => PaymentLedger.open(store, sha256Hex, undefined, 16);

describe('PaymentLedger', () => {
  it('binds each payment once to the commitment published now, keeps it across a reload, and refuses beyond the queue limit', async () => {
    const store = memoryStore();
    const ledger = await open(store);
    const commitment = ledger.commitment;
    expect(ledger.accept({ id: 'p1', drawId: 'p1' }, HASH, ITEMS)).to.equal('queued');
    expect(ledger.accept({ id: 'p1', drawId: 'p1' }, HASH, ITEMS)).to.equal('duplicate');
    expect(ledger.pending[0]).to.include({ id: 'p1', commitment });
    expect(await sha256Hex(ledger.pending[0].seed)).to.equal(commitment);
    const reloaded = await open(store);
    expect(reloaded.commitment).to.equal(commitment);
    expect(reloaded.pending.map((p) => p.id)).to.deep.equal(['p1']);
    for (let i = 2; i <= MAX_QUEUE; i += 1) expect(reloaded.accept({ id: `p${i}`, drawId: `p${i}` }, HASH, ITEMS)).to.equal('queued');
    expect(reloaded.accept({ id: 'one-too-many', drawId: 'x' }, HASH, ITEMS)).to.equal('full');
    // Spun payments stay spent after a reload.
    expect(await reloaded.spend(reloaded.pending[0])).to.equal(true);
    const again = await open(store);
    expect(again.accept({ id: 'p1', drawId: 'p1' }, HASH, ITEMS)).to.equal('duplicate');
    expect(again.commitment).to.equal(reloaded.pending[0].seed);
  });

  it('issue 21: with storage full it still reveals only after removing the stale record, so a reload starts a new chain', async () => {
    const store = faultyStore();
    const ledger = await open(store);
    const first = ledger.commitment;
    ledger.accept({ id: 'p1', drawId: 'p1' }, HASH, ITEMS);
    store.full = true;
    expect(await ledger.spend(ledger.pending[0])).to.equal(true);
    expect(ledger.saved).to.equal(false);
    expect(store.value).to.equal(undefined);
    const reloaded = await open(faultyStoreFrom(store));
    expect(reloaded.commitment).not.to.equal(first);
  });

  it('issue 21: with storage that throws on everything it refuses to reveal, and nothing moves', async () => {
    const store = faultyStore();
    const ledger = await open(store);
    ledger.accept({ id: 'p1', drawId: 'p1' }, HASH, ITEMS);
    const before = ledger.commitment;
    store.broken = true;
    expect(await ledger.spend(ledger.pending[0])).to.equal(false);
    expect(ledger.commitment).to.equal(before);
    expect(ledger.pending.map((p) => p.id)).to.deep.equal(['p1']);
    store.broken = false;
    // What storage holds still has the seed unused: a reload would publish `before` again, rightly.
    expect((await open(store)).commitment).to.equal(before);
  });

  it('reads what another version or a person left in storage defensively', async () => {
    for (const junk of [null, 'x', { generator: 'nope' }, { generator: 'a'.repeat(64), position: -1 }, { generator: 'a'.repeat(64), position: 0, pending: [{ id: 1 }] }]) {
      const store = memoryStore();
      store.write(junk);
      const ledger = await open(store);
      expect(ledger.pending).to.deep.equal([]);
    }
  });
});

function faultyStoreFrom(store: { value: unknown }): LedgerStore {
  const copy = memoryStore();
  if (store.value !== undefined) copy.write(store.value);
  return copy;
}
