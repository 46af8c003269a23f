/**
 * The Twitch adapter against a helper object that behaves like Twitch's own (test/fakes/twitch-ext.ts):
 * the last callback wins, transactions carry `transactionId`, products come once. Covers page code
 * that registers its own helper callbacks, purchases of another product, and credentials in errors.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Observable } from 'rxjs';
import { FakeTwitchExt, fakeToken, product } from '../fakes/twitch-ext.js';
import '../../components/platform/platform.js';
import '../../components/leaderboard/leaderboard.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { HostContext, PlatformError, Tip, TipResult } from '../../platform/model.js';
import { joinHelper } from '../../platform/twitch/hub.js';
import { createTwitchPlatform, TwitchPlatform, type TwitchOptions } from '../../platform/twitch/twitch-platform.js';

interface Setup {
  fake: FakeTwitchExt;
  platform: TwitchPlatform;
  errors: PlatformError[];
  tips: Tip[];
}

const created: Array<{ dispose(): void }> = [];

function setup(options: Partial<TwitchOptions> = {}, fake = new FakeTwitchExt()): Setup {
  const platform = new TwitchPlatform({ ext: fake.ext, search: '', sendIntervalMs: 0, ...options });
  created.push(platform);
  const errors: PlatformError[] = [];
  const tips: Tip[] = [];
  platform.errors$.subscribe((e) => errors.push(e));
  platform.tips$.subscribe((t) => tips.push(t));
  return { fake, platform, errors, tips };
}

function now<T>(stream: Observable<T>): T {
  let value: T | undefined;
  stream.subscribe((v) => (value = v)).unsubscribe();
  return value as T;
}

const ctx = (p: TwitchPlatform): HostContext => now(p.context$);
const codes = (errors: PlatformError[]) => errors.map((e) => e.code);
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function withBits(s: Setup) {
  s.fake.products = [product('big', 500, 'Big cheer'), product('small', 100, 'Small cheer')];
  s.fake.setBitsEnabled(true);
  await nextTask();
}

afterEach(() => {
  created.splice(0).forEach((p) => p.dispose());
  delete (window as { Twitch?: unknown }).Twitch;
});

describe('Twitch adapter with a helper that behaves like Twitch’s', () => {
  describe('Bits transactions', () => {
    it('settles a spend with the helper’s transactionId and counts one tip', async () => {
      const s = setup();
      s.fake.authorize({ userId: '5' });
      await withBits(s);
      const item = now(s.platform.tipMenu$).items[0];
      const pending = s.platform.requestTip(item);
      const tx = s.fake.completeTransaction({ displayName: 'Me', transactionId: 'tx-mine', userId: '5' });
      expect(await pending).to.deep.equal({ status: 'success', item, transactionId: 'tx-mine' });
      expect(Object.keys(tx).sort()).to.deep.equal(['displayName', 'initiator', 'product', 'transactionId', 'transactionReceipt', 'userId']);
      expect(s.tips.map((t) => [t.id, t.user.name, t.user.id, t.amount, t.currency, t.message])).to.deep.equal([['tx-mine', 'Me', '5', 100, 'bits', 'Small cheer']]);
      expect(s.errors).to.deep.equal([]);
    });

    it('accepts the documented transactionID spelling as well', async () => {
      const s = setup();
      s.fake.authorize({ userId: '5' });
      await withBits(s);
      const pending = s.platform.requestTip(now(s.platform.tipMenu$).items[0]);
      s.fake.transactionRaw({ product: product('small', 100, 'Small cheer'), transactionID: 'tx-doc', userId: '5', displayName: 'Me', initiator: 'current_user', transactionReceipt: 'r' });
      expect(await pending).to.deep.include({ status: 'success', transactionId: 'tx-doc' });
      expect(s.tips.map((t) => t.id)).to.deep.equal(['tx-doc']);
    });

    it('shows another viewer’s purchase as a tip and keeps the receipt out of it', async () => {
      const s = setup();
      s.fake.authorize({ userId: '5' });
      await withBits(s);
      const tx = s.fake.completeTransaction({ initiator: 'other', displayName: 'Ann', userId: '77', product: product('big', 500, 'Big cheer') });
      expect(s.tips).to.have.length(1);
      expect(s.tips[0]).to.deep.include({ id: tx.transactionId, amount: 500, currency: 'bits', message: 'Big cheer', user: { id: '77', name: 'Ann' } });
      expect(JSON.stringify(s.tips)).not.to.include(String(tx.transactionReceipt));
    });

    it('settles a spend only with a purchase of the same product; another one is just a tip', async () => {
      const s = setup();
      s.fake.authorize({ userId: '5' });
      await withBits(s);
      const big = now(s.platform.tipMenu$).items.find((item) => item.id === 'big')!;
      let settled: TipResult | undefined;
      const pending = s.platform.requestTip(big).then((result) => (settled = result));
      s.fake.completeTransaction({ product: product('small', 100, 'Small cheer'), transactionId: 'tx-small' });
      await nextTask();
      expect(settled).to.equal(undefined);
      expect(s.tips.map((t) => [t.id, t.amount])).to.deep.equal([['tx-small', 100]]);
      s.fake.completeTransaction({ product: product('big', 500, 'Big cheer'), transactionId: 'tx-big' });
      await pending;
      expect(settled).to.deep.equal({ status: 'success', item: big, transactionId: 'tx-big' });
    });

    it('puts a transactionId purchase on the leaderboard once', async () => {
      const s = setup();
      s.fake.authorize({ userId: '5' });
      await withBits(s);
      const provider = await fixture<OnAirPlatformElement>(html`<onair-platform .adapter=${s.platform}>
        <onair-leaderboard locale="en-US" storage-key=${`twitch-board-${Math.random()}`}></onair-leaderboard>
      </onair-platform>`);
      const board = provider.querySelector('onair-leaderboard')!;
      const pending = s.platform.requestTip(now(s.platform.tipMenu$).items[0]);
      s.fake.completeTransaction({ displayName: 'Ann', userId: '5', transactionId: 'tx-board' });
      s.fake.completeTransaction({ displayName: 'Ann', userId: '5', transactionId: 'tx-board' });
      expect((await pending).status).to.equal('success');
      await waitUntil(() => board.shadowRoot?.querySelectorAll('[part~="row"]').length === 1, 'one leaderboard row');
      expect(board.shadowRoot!.querySelector('[part~="name"]')!.textContent).to.include('Ann');
      expect(board.shadowRoot!.querySelector('[part~="amount"]')!.textContent).to.include('100');
      provider.remove();
    });
  });

  describe('credentials', () => {
    it('keeps the token and the Helix token out of every error, however auth is malformed', () => {
      const { fake, errors } = setup();
      const token = fakeToken({ role: 'viewer', opaque_user_id: 'U1', channel_id: '1' });
      const helixToken = 'helix-secret-abc123';
      fake.authorizeRaw({ clientId: 'c', token, helixToken, userId: 'U1' });
      fake.authorizeRaw({ channelId: { nested: token }, token, helixToken });
      fake.authorizeRaw({ channelId: '', token: { evil: helixToken }, helixToken: [helixToken] });
      fake.authorize({ channelId: '7', token: `${token}x`, helixToken });
      fake.fail(new Error(`refresh failed for ${token} and ${helixToken}`));
      expect(errors.length).to.be.greaterThan(3);
      const everything = JSON.stringify(errors);
      expect(everything).not.to.include(token.split('.')[1]);
      expect(everything).not.to.include(helixToken);
    });
  });

  describe('page code sharing the helper', () => {
    it('runs the page callbacks registered after onair next to its own', async () => {
      const s = setup();
      const page: Record<string, unknown[][]> = {};
      const note = (kind: string) => (...args: unknown[]) => (page[kind] ??= []).push(args);
      s.fake.ext.onAuthorized(note('authorized'));
      s.fake.ext.onContext(note('context'));
      s.fake.ext.onVisibilityChanged(note('visibility'));
      s.fake.ext.onError(note('error'));
      s.fake.ext.bits.onTransactionComplete(note('complete'));
      s.fake.ext.bits.onTransactionCancelled(note('cancelled'));
      s.fake.authorize({ userId: '5' });
      await withBits(s);
      s.fake.setContext({ theme: 'light' });
      s.fake.setVisible(false);
      s.fake.setVisible(true);
      s.fake.fail(new Error('oops'));
      const small = now(s.platform.tipMenu$).items[0];
      const first = s.platform.requestTip(small);
      s.fake.cancelTransaction();
      expect((await first).status).to.equal('cancelled');
      const second = s.platform.requestTip(small);
      s.fake.completeTransaction({ transactionId: 'tx-p' });
      expect((await second).status).to.equal('success');
      expect(Object.fromEntries(Object.entries(page).map(([kind, calls]) => [kind, calls.length]))).to.deep.equal({
        authorized: 1, context: 1, visibility: 2, error: 1, cancelled: 1, complete: 1,
      });
      expect(page.complete[0][0]).to.have.property('transactionId', 'tx-p');
      expect(ctx(s.platform).theme).to.equal('light');
      expect(now(s.platform.status$).state).to.equal('connected');
      expect(codes(s.errors)).to.deep.equal(['host-error']);
    });

    it('replays to a page callback what the helper would replay to it', () => {
      const s = setup();
      s.fake.authorize({ userId: '5' });
      s.fake.setContext({ theme: 'dark' });
      s.fake.setVisible(false);
      const auth: unknown[] = [];
      const contexts: unknown[] = [];
      const visibility: unknown[] = [];
      s.fake.ext.onAuthorized((value) => auth.push(value));
      s.fake.ext.onContext((value) => contexts.push(value));
      s.fake.ext.onVisibilityChanged((value: boolean) => visibility.push(value));
      expect(auth).to.have.length(1);
      expect(contexts).to.deep.equal([{ theme: 'dark' }]);
      expect(visibility).to.deep.equal([false]);
    });

    it('lets the page replace its own callback: only the latest page callback runs', () => {
      const s = setup();
      const calls: string[] = [];
      s.fake.ext.onContext(() => calls.push('first'));
      s.fake.ext.onContext(() => calls.push('second'));
      s.fake.setContext({ theme: 'light' });
      expect(calls).to.deep.equal(['second']);
      expect(ctx(s.platform).theme).to.equal('light');
    });

    it('lets a page callback that throws throw, after onair has had its turn', () => {
      const s = setup();
      s.fake.ext.onContext(() => {
        throw new Error('page bug');
      });
      expect(() => s.fake.setContext({ theme: 'light' })).to.throw('page bug');
      expect(ctx(s.platform).theme).to.equal('light');
    });

    it('keeps calling the page callbacks after the last adapter is gone', () => {
      const s = setup();
      const calls: string[] = [];
      s.fake.ext.onContext(() => calls.push('page'));
      s.platform.dispose();
      s.fake.setContext({ theme: 'light' });
      expect(calls).to.deep.equal(['page']);
    });

    it('waits for a helper script that loads after onair', async () => {
      const platform = createTwitchPlatform({ search: '?anchor=panel&mode=viewer&platform=web&state=testing' });
      created.push(platform);
      expect(now(platform.status$).state).to.equal('connecting');
      const fake = new FakeTwitchExt();
      (window as { Twitch?: unknown }).Twitch = { ext: fake.ext };
      await waitUntil(() => fake.registrations.onAuthorized === 1, 'onair found the helper', { timeout: 5000 });
      fake.authorize({ userId: '5' });
      expect(now(platform.status$).state).to.equal('connected');
    });
  });
});

describe('Twitch hub inside Twitch’s frame', () => {
  const quiet = { context() {}, visibility() {}, error() {}, featuresChanged() {}, configurationChanged() {}, viewerChanged() {}, transactionComplete() {}, transactionCancelled() {} };

  it('registers no page-facing callback and still hears a new token through the viewer object', () => {
    const fake = new FakeTwitchExt();
    // A frame window: a parent, the page's own helper, and no message from Twitch's page at all.
    const frame = { parent: {}, Twitch: { ext: fake.ext }, addEventListener: () => undefined } as unknown as Window;
    const auths: unknown[] = [];
    const leave = joinHelper(fake.ext, { ...quiet, authorized: (auth) => auths.push(auth) }, frame);
    fake.authorize({ channelId: '42', userId: '5' });
    fake.authorize({ channelId: '42', userId: '5' });
    expect(auths).to.have.length(1);
    fake.authorize({ channelId: '42', userId: '5', role: 'moderator' });
    expect(auths).to.have.length(2);
    expect(auths[0]).to.deep.include({ channelId: '42', userId: 'U5678' });
    expect(fake.registrations).to.deep.equal({});
    leave();
  });
});
