import { expect } from '@open-wc/testing';
import type { LateTipResult, TipMenuItem, TipResult } from '../model.js';
import { SpendSlot } from './spend-slot.js';

const rose: TipMenuItem = { id: 'rose', label: 'Rose', price: 10, currency: 'tokens' };
const kiss: TipMenuItem = { id: 'kiss', label: 'Kiss', price: 50, currency: 'tokens' };
const texts = { busy: 'busy' };

function slot(late: LateTipResult[] = []) {
  return new SpendSlot(texts, (result) => late.push(result));
}

const success = (item: TipMenuItem): TipResult => ({ status: 'success', item, transactionId: 't1' });

describe('SpendSlot', () => {
  it('allows one spend per page across slots: a second provider cannot spend while one is open', async () => {
    const first = slot();
    const second = slot();
    let paid = 0;
    const pending = first.spend({ item: rose, timeoutMs: 10_000, pay: () => void (paid += 1) });
    const refused = await second.spend({ item: kiss, timeoutMs: 10_000, pay: () => void (paid += 1) });
    expect(refused).to.deep.equal({ status: 'failed', item: kiss, error: 'busy' });
    expect(paid).to.equal(1);
    expect(SpendSlot.busy).to.equal(true);
    first.settle('rose', success);
    expect(await pending).to.deep.equal(success(rose));
    expect(SpendSlot.busy).to.equal(false);
    first.dispose();
    second.dispose();
  });

  it('is settled only by a result for the same item, and only by the slot that opened it', async () => {
    const first = slot();
    const second = slot();
    const pending = first.spend({ item: rose, timeoutMs: 10_000, pay: () => undefined });
    expect(first.settle('kiss', success)).to.equal(undefined);
    expect(second.settle('rose', success)).to.equal(undefined);
    expect(first.open).to.equal(rose);
    expect(first.settle('rose', success)).to.equal('settled');
    expect((await pending).status).to.equal('success');
    first.dispose();
    second.dispose();
  });

  it('matches a host key other than the item id when given', async () => {
    const spends = slot();
    const pending = spends.spend({ item: rose, key: 'req-1', timeoutMs: 10_000, pay: () => undefined });
    expect(spends.settle('rose', success)).to.equal(undefined);
    spends.settle('req-1', success);
    expect((await pending).item).to.equal(rose);
    spends.dispose();
  });

  it('settles at once with the result pay() returns, and as failed when pay() throws or rejects', async () => {
    const spends = slot();
    expect(await spends.spend({ item: rose, timeoutMs: 10_000, pay: () => success(rose) })).to.deep.equal(success(rose));
    const thrown = await spends.spend({ item: rose, timeoutMs: 10_000, pay: () => { throw new Error('no'); } });
    expect(thrown.status).to.equal('failed');
    const rejected = await spends.spend({ item: rose, timeoutMs: 10_000, pay: () => Promise.reject(new Error('no')) });
    expect(rejected.status).to.equal('failed');
    expect(SpendSlot.busy).to.equal(false);
    spends.dispose();
  });

  it('cancels after the timeout, then reports a late confirmation as a late success', async () => {
    const late: LateTipResult[] = [];
    const spends = slot(late);
    const result = await spends.spend({ item: rose, timeoutMs: 10, pay: () => undefined });
    expect(result).to.deep.equal({ status: 'cancelled', item: rose, reason: 'timeout' });
    expect(SpendSlot.busy).to.equal(false);
    expect(spends.settle('rose', success)).to.equal('late');
    expect(late).to.deep.equal([{ ...success(rose), late: true }]);
    // Reported once: a duplicate confirmation is not a second spend.
    expect(spends.settle('rose', success)).to.equal(undefined);
    expect(late).to.have.length(1);
    spends.dispose();
  });

  it('does not report a late cancel as money spent', async () => {
    const late: LateTipResult[] = [];
    const spends = slot(late);
    await spends.spend({ item: rose, timeoutMs: 10, pay: () => undefined });
    spends.settle('rose', (item) => ({ status: 'cancelled', item }));
    expect(late).to.deep.equal([]);
    spends.dispose();
  });

  it('cancels its open spend on dispose, frees the page, and refuses new spends', async () => {
    const spends = slot();
    const pending = spends.spend({ item: rose, timeoutMs: 10_000, pay: () => undefined });
    spends.dispose();
    expect(await pending).to.deep.equal({ status: 'cancelled', item: rose, reason: 'disposed' });
    expect(SpendSlot.busy).to.equal(false);
    expect((await spends.spend({ item: rose, timeoutMs: 10, pay: () => undefined })).status).to.equal('cancelled');
  });

  it('settleOpen() ends the open spend whatever its key (a host cancel that names no item)', async () => {
    const spends = slot();
    const pending = spends.spend({ item: rose, timeoutMs: 10_000, pay: () => undefined });
    spends.settleOpen((item) => ({ status: 'cancelled', item, reason: 'Cancelled on the host.' }));
    expect((await pending).status).to.equal('cancelled');
    spends.dispose();
  });
});
