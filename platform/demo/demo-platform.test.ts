import { expect } from '@open-wc/testing';
import { firstValueFrom, skip, take, toArray } from 'rxjs';
import { filter } from 'rxjs/operators';
import { createDemoPlatform, DemoPlatform } from './demo-platform.js';
import { nothingWithin } from '../../test/wait.js';

/** What the seed decides: everything but the time and the id (which differs per page load). */
const withoutTime = ({ at: _at, id: _id, ...rest }: { at: Date; id: string }) => rest;

describe('DemoPlatform', () => {
  it('produces the same tips and viewer walk for the same seed', () => {
    const a = new DemoPlatform({ seed: 42, rate: 0, connectDelay: 0 });
    const b = new DemoPlatform({ seed: 42, rate: 0, connectDelay: 0 });
    const c = new DemoPlatform({ seed: 43, rate: 0, connectDelay: 0 });
    const tips = (p: DemoPlatform) => Array.from({ length: 50 }, () => withoutTime(p.feed.nextTip()));
    const walk = (p: DemoPlatform) => Array.from({ length: 50 }, (_, i) => p.feed.nextViewers(1000 + i));
    expect(tips(a)).to.deep.equal(tips(b));
    expect(walk(a)).to.deep.equal(walk(b));
    expect(tips(a)).not.to.deep.equal(tips(c));
    [a, b, c].forEach((p) => p.dispose());
  });

  it('reads its options from attribute strings, ignoring invalid ones', () => {
    const platform = createDemoPlatform({ seed: '7', rate: 'NaN', viewers: '99', 'connect-delay': '0', spend: 'steal' });
    let total: number | undefined;
    platform.viewers$.subscribe((v) => (total = v?.total));
    expect(total).to.equal(99);
    platform.dispose();
  });

  it('emits tips at the configured rate and stops when dropped', async () => {
    const platform = new DemoPlatform({ seed: 1, rate: 200, connectDelay: 0 });
    const tips = await firstValueFrom(platform.tips$.pipe(take(10), toArray()));
    expect(tips).to.have.length(10);
    expect(new Set(tips.map((t) => t.id)).size).to.equal(10);
    platform.drop();
    let after = 0;
    const sub = platform.tips$.pipe(skip(1)).subscribe(() => (after += 1));
    await nothingWithin(150, 'thirty tips at 200 a second');
    expect(after).to.equal(0);
    sub.unsubscribe();
    platform.dispose();
  });

  it('resolves spends per the outcome knob and records a successful one as a tip', async () => {
    const platform = new DemoPlatform({ rate: 0, connectDelay: 0, spendDelay: 10 });
    const item = { id: 'x', label: 'X', price: 25, currency: 'tokens' };
    const tip = firstValueFrom(platform.tips$);
    expect((await platform.requestTip(item)).status).to.equal('success');
    expect((await tip).amount).to.equal(25);
    platform.setSpendOutcome('cancel');
    expect((await platform.requestTip(item)).status).to.equal('cancelled');
    platform.setSpendOutcome('fail');
    expect((await platform.requestTip(item)).status).to.equal('failed');
    platform.drop();
    expect((await platform.requestTip(item)).status).to.equal('failed');
    platform.dispose();
  });

  it('cancels pending spends on dispose', async () => {
    const platform = new DemoPlatform({ rate: 0, connectDelay: 0, spendDelay: 60_000 });
    const pending = platform.requestTip({ id: 'x', label: 'X', price: 1, currency: 'tokens' });
    platform.dispose();
    expect((await pending).status).to.equal('cancelled');
  });

  it('echoes room messages with its client id', async () => {
    const platform = new DemoPlatform({ rate: 0, connectDelay: 0 });
    const echoed = firstValueFrom(platform.room$);
    await platform.broadcast({ type: 'wheel.spin', payload: { index: 3 } });
    const message = await echoed;
    expect(message.from).to.equal(platform.clientId);
    expect(message.payload).to.deep.equal({ index: 3 });
    platform.dispose();
  });

  it('goes through reconnecting back to connected on reconnect()', async () => {
    const platform = new DemoPlatform({ rate: 0, connectDelay: 0 });
    platform.drop();
    const states = firstValueFrom(
      platform.status$.pipe(
        filter((s) => s.state !== 'disconnected'),
        take(2),
        toArray(),
      ),
    );
    platform.reconnect();
    expect((await states).map((s) => s.state)).to.deep.equal(['reconnecting', 'connected']);
    platform.dispose();
  });
});
