import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Observable } from 'rxjs';
import { FakeTwitchExt, fakeToken, product } from '../../test/fakes/twitch-ext.js';
import { trackTimers } from '../../test/helpers.js';
import '../../components/platform/platform.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { HostContext, LeaderboardEntry, PlatformError, RoomMessage, Tip, TipMenu, Viewers } from '../model.js';
import { createPlatform } from '../registry.js';
import { helperListenerCount } from './hub.js';
import { createTwitchPlatform, TwitchPlatform, type TwitchOptions } from './twitch-platform.js';

interface Setup {
  fake: FakeTwitchExt;
  platform: TwitchPlatform;
  errors: PlatformError[];
  room: RoomMessage[];
  tips: Tip[];
}

const created: TwitchPlatform[] = [];

function setup(options: Partial<TwitchOptions> = {}, fake = new FakeTwitchExt()): Setup {
  const platform = new TwitchPlatform({ ext: fake.ext, search: '', sendIntervalMs: 0, ...options });
  created.push(platform);
  const errors: PlatformError[] = [];
  const room: RoomMessage[] = [];
  const tips: Tip[] = [];
  platform.errors$.subscribe((e) => errors.push(e));
  platform.room$.subscribe((m) => room.push(m));
  platform.tips$.subscribe((t) => tips.push(t));
  return { fake, platform, errors, room, tips };
}

/** The current value of a replaying stream. */
function now<T>(stream: Observable<T>): T {
  let value: T | undefined;
  stream.subscribe((v) => (value = v)).unsubscribe();
  return value as T;
}

const ctx = (p: TwitchPlatform): HostContext => now(p.context$);
const codes = (errors: PlatformError[]) => errors.map((e) => e.code);
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

let seq = 0;
function envelope(type: string, payload: unknown, fields: Record<string, unknown> = {}): string {
  seq += 1;
  return JSON.stringify({ onair: 1, type, seq, from: 'ebs', sentAt: 1_700_000_000_000, payload, ...fields });
}

async function withBits(s: Setup, products: unknown[] = [product('big', 500, 'Big cheer'), product('small', 100, 'Small cheer')]) {
  s.fake.products = products;
  s.fake.setBitsEnabled(true);
  await nextTask();
}

afterEach(() => {
  created.splice(0).forEach((p) => p.dispose());
  delete (window as { Twitch?: unknown }).Twitch;
});

describe('Twitch adapter: creation', () => {
  it('uses options.ext, else window.Twitch.ext, else becomes a no-host platform that says why', async () => {
    const none = createTwitchPlatform({});
    expect(none.name).to.equal('no-host');
    expect(now(none.status$).detail).to.match(/helper/);
    none.dispose();

    const fake = new FakeTwitchExt();
    (window as { Twitch?: unknown }).Twitch = { ext: fake.ext };
    const fromWindow = await createPlatform('twitch', { search: '' });
    expect(fromWindow.name).to.equal('twitch');
    expect(fake.liveListeners()).to.equal(1);
    fromWindow.dispose();

    const explicit = new FakeTwitchExt();
    const fromOption = createTwitchPlatform({ ext: explicit.ext, search: '' });
    expect(explicit.liveListeners()).to.equal(1);
    expect(fake.liveListeners()).to.equal(0);
    fromOption.dispose();
  });

  it('refuses an ext option that does not look like the helper', () => {
    const platform = createTwitchPlatform({ ext: { onAuthorized: 'nope' } });
    expect(platform.name).to.equal('no-host');
    platform.dispose();
  });

  it('reads the client query parameters, ignoring invalid ones', () => {
    const good = setup({ search: '?anchor=panel&language=de&locale=de-DE&mode=viewer&platform=web&popout=false&state=released' });
    expect(good.platform.client).to.deep.equal({
      anchor: 'panel', language: 'de', locale: 'de-DE', mode: 'viewer', platform: 'web', popout: false, state: 'released',
    });
    expect(ctx(good.platform).locale).to.equal('de-DE');

    const bad = setup({ search: '?anchor=sidebar&locale=%3Cscript%3E&mode=god&platform=tv&popout=maybe&state=x' });
    expect(bad.platform.client).to.deep.equal({
      anchor: undefined, language: undefined, locale: undefined, mode: undefined, platform: undefined, popout: undefined, state: undefined,
    });
    expect(ctx(bad.platform).locale).to.equal(navigator.language);
  });

  it('lets an explicit locale option win over the URL', () => {
    const { platform } = setup({ search: '?locale=de-DE', locale: 'fr-CA' });
    expect(ctx(platform).locale).to.equal('fr-CA');
  });
});

describe('Twitch adapter: authorization and context', () => {
  it('is connecting until onAuthorized, then connected with channel, user and role', () => {
    const { fake, platform } = setup();
    expect(now(platform.status$).state).to.equal('connecting');
    fake.authorize({ channelId: '42', opaqueUserId: 'U99', userId: '99', role: 'moderator' });
    expect(now(platform.status$).state).to.equal('connected');
    expect(ctx(platform)).to.include({ role: 'moderator' });
    expect(ctx(platform).channel).to.deep.equal({ id: '42' });
    expect(ctx(platform).user).to.deep.equal({ id: '99' });
  });

  it('maps every Twitch role and treats a logged-out session as a guest', () => {
    const { fake, platform } = setup();
    const roleFor = (auth: Parameters<FakeTwitchExt['authorize']>[0]) => {
      fake.authorize(auth);
      return ctx(platform).role;
    };
    expect(roleFor({ role: 'broadcaster', opaqueUserId: 'U1', userId: '1' })).to.equal('broadcaster');
    expect(roleFor({ role: 'moderator', opaqueUserId: 'U2', userId: '2' })).to.equal('moderator');
    expect(roleFor({ role: 'viewer', opaqueUserId: 'U3' })).to.equal('viewer');
    expect(roleFor({ role: 'external', opaqueUserId: 'U4' })).to.equal('viewer');
    expect(roleFor({ role: 'viewer', opaqueUserId: 'AnonXYZ' })).to.equal('guest');
    expect(ctx(platform).user).to.equal(undefined);
  });

  it('replays the helper state to an adapter created after the helper authorized', () => {
    const fake = new FakeTwitchExt();
    fake.authorize({ role: 'broadcaster', channelId: '7' });
    fake.setContext({ theme: 'light' });
    const { platform } = setup({}, fake);
    expect(now(platform.status$).state).to.equal('connected');
    expect(ctx(platform)).to.include({ role: 'broadcaster', theme: 'light' });
  });

  it('reports an unreadable token and shows the least a viewer has, then a valid token wins', () => {
    const { fake, platform, errors } = setup();
    fake.authorize({ role: 'moderator', userId: '5', token: 'not.a-jwt' });
    expect(codes(errors)).to.include('auth-failed');
    expect(ctx(platform).role).to.equal('viewer');
    expect(now(platform.status$).state).to.equal('connected');
    fake.authorize({ role: 'moderator', userId: '5' });
    expect(ctx(platform).role).to.equal('moderator');
  });

  it('treats the JWT role as a label only: a forged broadcaster token shows the badge but Twitch refuses its send', async () => {
    const sender = setup();
    const listener = setup({}, sender.fake);
    const forged = fakeToken({ role: 'broadcaster', opaque_user_id: 'U3', channel_id: '1234' });
    sender.fake.authorize({ role: 'viewer', opaqueUserId: 'U3', token: forged });
    expect(ctx(sender.platform).role).to.equal('broadcaster');
    expect(sender.platform.capabilities.has('broadcast')).to.equal(true);
    await sender.platform.broadcast({ type: 'wheel.spin', payload: { index: 1 } });
    await waitUntil(() => codes(sender.errors).includes('host-error'), 'the helper reports the refused send');
    expect(sender.fake.sent).to.have.length(0);
    expect(listener.room).to.have.length(0);
  });

  it('ignores malformed authorization payloads and keeps working', () => {
    const { fake, platform, errors } = setup();
    for (const payload of [null, 'token', 42, {}, { channelId: '' }, { channelId: { evil: true } }]) fake.authorizeRaw(payload);
    expect(errors.filter((e) => e.code === 'invalid-payload')).to.have.length(6);
    expect(now(platform.status$).state).to.equal('connecting');
    fake.authorize({ channelId: '1' });
    expect(now(platform.status$).state).to.equal('connected');
  });

  it('maps theme and mode from onContext and reports malformed contexts', () => {
    const { fake, platform, errors } = setup();
    fake.setContext({ theme: 'dark', mode: 'dashboard', isPaused: true });
    expect(ctx(platform).theme).to.equal('dark');
    expect(platform.client.mode).to.equal('dashboard');
    fake.contextRaw(null);
    fake.contextRaw('dark');
    fake.contextRaw({ theme: 'purple' });
    expect(codes(errors)).to.deep.equal(['invalid-payload', 'invalid-payload', 'invalid-payload']);
    expect(ctx(platform).theme).to.equal('dark');
    fake.setContext({ theme: 'light' });
    expect(ctx(platform).theme).to.equal('light');
  });

  it('marks the context hidden while Twitch hides the extension and holds snapshots until shown', () => {
    const { fake, platform, errors } = setup();
    const viewers: Array<Viewers | null> = [];
    platform.viewers$.subscribe((v) => viewers.push(v));
    fake.setVisible(false);
    expect(ctx(platform).hidden).to.equal(true);
    fake.deliver(envelope('viewers', { total: 10 }));
    fake.deliver(envelope('viewers', { total: 11 }));
    expect(viewers).to.deep.equal([null]);
    fake.visibilityRaw('yes');
    expect(codes(errors)).to.deep.equal(['invalid-payload']);
    fake.setContext({ theme: 'dark' });
    fake.setVisible(true);
    expect(ctx(platform).hidden).to.equal(false);
    expect(viewers).to.deep.equal([null, { total: 11 }]);
  });

  it('puts helper errors on errors$', () => {
    const { fake, errors } = setup();
    fake.fail(new Error('jwt refresh failed'));
    fake.fail({ weird: 'object' });
    expect(errors.map((e) => [e.code, e.message])).to.deep.equal([
      ['host-error', 'The Twitch helper reported an error: jwt refresh failed'],
      ['host-error', 'The Twitch helper reported an error: {"weird":"object"}'],
    ]);
  });

  it('re-reads the viewer when viewer.onChanged fires (an identity share)', () => {
    const { fake, platform } = setup();
    fake.authorize({ role: 'viewer', opaqueUserId: 'U8' });
    expect(ctx(platform).user).to.equal(undefined);
    fake.updateViewer({ userId: '8' });
    expect(ctx(platform).user).to.deep.equal({ id: '8' });
  });
});

describe('Twitch adapter: Bits', () => {
  it('turns Bits products into a tip menu sorted by cost, only while Bits are enabled', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    expect(now(s.platform.tipMenu$)).to.deep.equal({ enabled: false, items: [] });
    expect(s.platform.capabilities.has('tipMenu')).to.equal(false);
    await withBits(s);
    expect(now(s.platform.tipMenu$)).to.deep.equal({
      enabled: true,
      items: [
        { id: 'small', label: 'Small cheer', price: 100, currency: 'bits' },
        { id: 'big', label: 'Big cheer', price: 500, currency: 'bits' },
      ],
    });
    expect(s.platform.capabilities.has('tipMenu')).to.equal(true);
    expect(s.platform.capabilities.has('spend')).to.equal(true);
    s.fake.setBitsEnabled(false);
    expect(now(s.platform.tipMenu$)).to.deep.equal({ enabled: false, items: [] });
    expect(s.platform.capabilities.has('spend')).to.equal(false);
    expect(s.platform.capabilities.has('tips')).to.equal(true);
  });

  it('offers spending when the Bits flag and products arrive before authorization', async () => {
    const s = setup();
    await withBits(s);
    expect(now(s.platform.tipMenu$).items).to.have.length(2);
    expect(s.platform.capabilities.has('spend')).to.equal(false);
    s.fake.authorize({ userId: '5' });
    expect(s.platform.capabilities.has('spend')).to.equal(true);
  });

  it('reads the example payloads from the helper reference', async () => {
    const s = setup();
    const documented = { exp: 1484242525, opaque_user_id: 'UG12X345T6J78', channel_id: 'test_channel', role: 'broadcaster', is_unlinked: 'false', pubsub_perms: { listen: ['broadcast', 'whisper-UG12X345T6J78'], send: ['broadcast', 'whisper-*'] } };
    s.fake.authorize({ role: 'broadcaster', opaqueUserId: 'UG12X345T6J78', channelId: 'test_channel', token: fakeToken(documented) });
    expect(ctx(s.platform)).to.deep.include({ role: 'broadcaster', channel: { id: 'test_channel' } });
    await withBits(s, [{ sku: 'carrot', displayName: 'Carrot', cost: { amount: '500', type: 'bits' }, inDevelopment: true }]);
    expect(now(s.platform.tipMenu$).items).to.deep.equal([{ id: 'carrot', label: 'Carrot', price: 500, currency: 'bits' }]);
    expect(s.errors).to.have.length(0);
  });

  it('skips malformed products with a report and keeps the valid ones', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    await withBits(s, [
      null,
      'carrot',
      { sku: 'no-cost', displayName: 'No cost' },
      { sku: 'nan', displayName: 'NaN', cost: { amount: 'abc', type: 'bits' } },
      { sku: 'gold', displayName: 'Gold', cost: { amount: '5', type: 'gold' } },
      { sku: 'free', displayName: 'Free', cost: { amount: '0', type: 'bits' } },
      { sku: '', displayName: 'No sku', cost: { amount: '5', type: 'bits' } },
      { sku: 'noname', displayName: '   ', cost: { amount: '5', type: 'bits' } },
      product('ok', 50, 'Fine'),
      product('ok', 60, 'Same sku'),
    ]);
    expect(now(s.platform.tipMenu$).items.map((i) => i.id)).to.deep.equal(['ok']);
    expect(s.errors.filter((e) => e.code === 'invalid-payload')).to.have.length(9);
  });

  it('reports a product list that fails or is not a list, and offers no menu', async () => {
    const failing = setup();
    failing.fake.authorize({ userId: '5' });
    failing.fake.rejectProducts(new Error('not supported on this client'));
    failing.fake.setBitsEnabled(true);
    await nextTask();
    expect(codes(failing.errors)).to.deep.equal(['request-failed']);
    expect(now(failing.platform.tipMenu$).enabled).to.equal(false);

    const odd = setup();
    odd.fake.authorize({ userId: '5' });
    odd.fake.products = { sku: 'not-a-list' };
    odd.fake.setBitsEnabled(true);
    await nextTask();
    expect(codes(odd.errors)).to.deep.equal(['invalid-payload']);
    expect(now(odd.platform.tipMenu$).enabled).to.equal(false);
  });

  it('lists the first products Twitch sent, as the helper resolves one promise', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    await withBits(s, [product('first', 5)]);
    s.fake.products = [product('second', 6)];
    s.fake.setBitsEnabled(false);
    s.fake.setBitsEnabled(true);
    await nextTask();
    expect(now(s.platform.tipMenu$).items.map((i) => i.id)).to.deep.equal(['first']);
  });

  it('offers no spending to a logged-out guest even with Bits enabled', async () => {
    const s = setup();
    s.fake.authorize({ opaqueUserId: 'Aanon' });
    await withBits(s);
    expect(s.platform.capabilities.has('spend')).to.equal(false);
    const item = now(s.platform.tipMenu$).items[0];
    const result = await s.platform.requestTip(item);
    expect(result).to.deep.include({ status: 'failed', error: 'Log in to Twitch to use Bits.' });
    expect(s.fake.useBitsCalls).to.deep.equal([]);
  });

  it('waits to load products while hidden and loads them when shown', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    s.fake.setVisible(false);
    await withBits(s);
    expect(now(s.platform.tipMenu$).enabled).to.equal(false);
    s.fake.setVisible(true);
    await nextTask();
    expect(now(s.platform.tipMenu$).items).to.have.length(2);
  });

  it('runs a spend through useBits and resolves on the current user\'s completed transaction', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    await withBits(s);
    const item = now(s.platform.tipMenu$).items[1];
    const pending = s.platform.requestTip(item);
    expect(s.fake.useBitsCalls).to.deep.equal(['big']);
    s.fake.completeTransaction({ initiator: 'other', displayName: 'Someone else', transactionId: 'tx-other' });
    const tx = s.fake.completeTransaction({ displayName: 'Me', transactionId: 'tx-mine', userId: '5' });
    expect(await pending).to.deep.equal({ status: 'success', item, transactionId: tx.transactionId });
    expect(s.tips.map((t) => [t.id, t.user.name, t.amount, t.currency, t.message])).to.deep.equal([
      ['tx-other', 'Someone else', 500, 'bits', 'Big cheer'],
      ['tx-mine', 'Me', 500, 'bits', 'Big cheer'],
    ]);
    expect(s.tips[1].user.id).to.equal('5');
  });

  it('accepts the documented upper-case initiator and emits a duplicated transaction once', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    await withBits(s);
    const pending = s.platform.requestTip(now(s.platform.tipMenu$).items[0]);
    s.fake.completeTransaction({ initiator: 'CURRENT_USER', transactionId: 'tx-1' });
    s.fake.completeTransaction({ initiator: 'CURRENT_USER', transactionId: 'tx-1' });
    expect((await pending).status).to.equal('success');
    expect(s.tips).to.have.length(1);
  });

  it('resolves cancelled when Twitch cancels or when the spend times out', async () => {
    const s = setup({ spendTimeoutMs: 20 });
    s.fake.authorize({ userId: '5' });
    await withBits(s);
    const item = now(s.platform.tipMenu$).items[0];
    const first = s.platform.requestTip(item);
    s.fake.cancelTransaction();
    expect(await first).to.deep.equal({ status: 'cancelled', item, reason: 'Cancelled on Twitch.' });
    expect(await s.platform.requestTip(item)).to.deep.equal({ status: 'cancelled', item, reason: 'timeout' });
    expect(s.tips).to.have.length(0);
  });

  it('keeps one spend open at a time', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    await withBits(s);
    const [small, big] = now(s.platform.tipMenu$).items;
    const first = s.platform.requestTip(small);
    const second = await s.platform.requestTip(big);
    expect(second).to.deep.equal({ status: 'failed', item: big, error: 'Another Bits purchase is still open.' });
    expect(s.fake.useBitsCalls).to.deep.equal(['small']);
    s.fake.completeTransaction();
    expect((await first).status).to.equal('success');
    const third = s.platform.requestTip(big);
    expect(s.fake.useBitsCalls).to.deep.equal(['small', 'big']);
    s.fake.cancelTransaction();
    expect((await third).status).to.equal('cancelled');
  });

  it('fails spends for items that are not products or when Bits are off', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    const stranger = { id: 'x', label: 'X', price: 1, currency: 'bits' };
    expect((await s.platform.requestTip(stranger)).status).to.equal('failed');
    await withBits(s);
    expect(await s.platform.requestTip(stranger)).to.deep.include({ status: 'failed', error: 'This item is not a Bits product of this extension.' });
    expect(s.fake.useBitsCalls).to.deep.equal([]);
  });

  it('reports malformed transactions, keeps the spend open, and still completes it', async () => {
    const s = setup();
    s.fake.authorize({ userId: '5' });
    await withBits(s);
    const pending = s.platform.requestTip(now(s.platform.tipMenu$).items[0]);
    for (const bad of [null, 'tx', {}, { transactionId: 'a', initiator: 'current_user' }, { transactionId: 'b', product: product('small', 100), initiator: 'someone' }]) {
      s.fake.transactionRaw(bad);
    }
    expect(codes(s.errors)).to.deep.equal(Array(5).fill('invalid-payload'));
    expect(s.tips).to.have.length(0);
    s.fake.completeTransaction({ transactionId: 'good' });
    expect((await pending).status).to.equal('success');
    expect(s.tips.map((t) => t.id)).to.deep.equal(['good']);
  });
});

describe('Twitch adapter: room over PubSub', () => {
  it('hands onair envelopes to room$ with from and sentAt', () => {
    const { fake, room } = setup();
    fake.deliver(envelope('wheel.spin', { index: 2 }, { from: 'abc', sentAt: 123 }));
    expect(room).to.deep.equal([{ type: 'wheel.spin', payload: { index: 2 }, from: 'abc', sentAt: 123, receivedAt: room[0].receivedAt }]);
    expect(room[0].receivedAt).to.be.a('number');
  });

  it('drops stale and duplicate sequence numbers per sender and tolerates gaps', () => {
    const { fake, room } = setup();
    const send = (from: string, n: number) => fake.deliver(JSON.stringify({ onair: 1, type: 'note', seq: n, from, sentAt: 1, payload: n }));
    send('a', 5);
    send('a', 5);
    send('a', 3);
    send('b', 1);
    send('a', 9);
    send('a', 6);
    expect(room.map((m) => `${m.from}${m.payload}`)).to.deep.equal(['a5', 'b1', 'a9']);
  });

  it('rejects oversize, foreign (reported once) and malformed messages, then keeps working', () => {
    const { fake, room, errors } = setup();
    fake.deliver(envelope('note', 'x'.repeat(6000)));
    fake.deliver('hello');
    fake.deliver('{"type":"update","data":{"score":42}}');
    fake.deliver('[1,2]');
    fake.deliver(envelope('note', 1, { onair: 2 }));
    fake.deliver(envelope('note', 1, { seq: -1 }));
    fake.deliver(envelope('note', 1, { seq: 'one' }));
    fake.deliver(envelope('<b>bold</b>', 1));
    fake.deliver(envelope('note', 1, { from: '' }));
    fake.deliver(envelope('note', 1, { sentAt: 'yesterday' }));
    fake.deliver({ not: 'a string' });
    fake.deliver(envelope('note', 1), 'whisper-U1');
    expect(codes(errors)).to.deep.equal(['oversize', 'foreign-message', ...Array(7).fill('invalid-payload')]);
    expect(room).to.have.length(0);
    fake.deliver(envelope('note', 'fine'));
    expect(room.map((m) => m.payload)).to.deep.equal(['fine']);
  });

  it('offers viewers from the start and shows a backend snapshot, validated', () => {
    const { fake, platform, errors } = setup();
    expect(platform.capabilities.has('viewers')).to.equal(true);
    expect(now(platform.viewers$)).to.equal(null);
    fake.deliver(envelope('viewers', { total: 120, byPlatform: { twitch: 100, youtube: 20 } }));
    expect(now(platform.viewers$)).to.deep.equal({ total: 120, byPlatform: { twitch: 100, youtube: 20 } });
    for (const bad of [null, { total: -1 }, { total: 'many' }, { total: 5, byPlatform: [1] }, { total: 5, byPlatform: { x: 'y' } }]) {
      fake.deliver(envelope('viewers', bad));
    }
    expect(codes(errors)).to.deep.equal(Array(5).fill('invalid-payload'));
    expect(now(platform.viewers$)?.total).to.equal(120);
  });

  it('serves backend leaderboard snapshots per window, ranked and limited', () => {
    const { fake, platform, errors } = setup();
    expect(platform.capabilities.has('leaderboardStore')).to.equal(false);
    expect(platform.leaderboard$('session', 10)).to.equal(undefined);
    fake.deliver(envelope('leaderboard', {
      window: 'session',
      entries: [
        { userId: '1', name: 'Ann', total: 50, firstAt: '2024-01-01T10:00:00Z' },
        { userId: '2', name: 'Bob', total: 80, firstAt: '2024-01-01T10:05:00Z' },
        { userId: '3', name: 'Cy', total: 50, firstAt: '2024-01-01T09:00:00Z' },
        { userId: '4', name: '', total: 90, firstAt: '2024-01-01T09:00:00Z' },
      ],
    }));
    expect(codes(errors)).to.deep.equal(['invalid-payload']);
    expect(platform.capabilities.has('leaderboardStore')).to.equal(true);
    const rows = now(platform.leaderboard$('session', 2)!) as LeaderboardEntry[];
    expect(rows.map((r) => [r.rank, r.name, r.total])).to.deep.equal([[1, 'Bob', 80], [2, 'Cy', 50]]);
    let week: LeaderboardEntry[] | undefined;
    platform.leaderboard$('7d', 5)!.subscribe((r) => (week = r));
    expect(week).to.equal(undefined);
    fake.deliver(envelope('leaderboard', { window: 'forever', entries: [] }));
    fake.deliver(envelope('leaderboard', { window: '7d' }));
    expect(codes(errors)).to.deep.equal(Array(3).fill('invalid-payload'));
    fake.deliver(envelope('leaderboard', { window: '7d', entries: [{ userId: 9, name: 'Dee', total: 1, firstAt: 0 }] }));
    expect(week?.map((r) => r.userId)).to.deep.equal(['9']);
  });

  it('offers leaderboardStore from the start when told a backend pushes leaderboards', () => {
    const { platform } = setup({ leaderboard: 'backend' });
    expect(platform.capabilities.has('leaderboardStore')).to.equal(true);
    expect(platform.leaderboard$('all', 5)).not.to.equal(undefined);
  });

  it('lets only the broadcaster broadcast, as an envelope that echoes back with its clientId', async () => {
    const { fake, platform, room, errors } = setup();
    fake.authorize({ role: 'viewer' });
    expect(platform.capabilities.has('broadcast')).to.equal(false);
    await platform.broadcast({ type: 'wheel.spin', payload: { index: 1 } });
    expect(codes(errors)).to.deep.equal(['unsupported']);
    expect(fake.sent).to.have.length(0);

    fake.authorize({ role: 'broadcaster', userId: '1' });
    expect(platform.capabilities.has('broadcast')).to.equal(true);
    await platform.broadcast({ type: 'wheel.spin', payload: { index: 1 } });
    expect(fake.sent).to.have.length(1);
    expect(fake.sent[0]).to.include({ target: 'broadcast', contentType: 'application/json' });
    expect(JSON.parse(fake.sent[0].message)).to.deep.include({ onair: 1, type: 'wheel.spin', seq: 1, from: platform.clientId, payload: { index: 1 } });
    await waitUntil(() => room.length === 1, 'the echo arrives');
    expect(room[0]).to.include({ type: 'wheel.spin', from: platform.clientId });
  });

  it('never sends an oversize or unserializable message', async () => {
    const { fake, platform, errors } = setup();
    fake.authorize({ role: 'broadcaster' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await platform.broadcast({ type: 'note', payload: 'x'.repeat(5200) });
    await platform.broadcast({ type: 'note', payload: cyclic });
    await platform.broadcast({ type: 'bad type!', payload: 1 });
    expect(codes(errors)).to.deep.equal(['oversize', 'invalid-message', 'invalid-message']);
    expect(fake.sent).to.have.length(0);
    await platform.broadcast({ type: 'note', payload: 'small' });
    expect(fake.sent).to.have.length(1);
  });

  it('paces sends, coalescing snapshots (latest wins) and queueing events (spins) in order', async () => {
    const { fake, platform } = setup({ sendIntervalMs: 25 });
    fake.authorize({ role: 'broadcaster' });
    const done = [
      platform.broadcast({ type: 'viewers', payload: { total: 1 } }),
      platform.broadcast({ type: 'viewers', payload: { total: 2 } }),
      platform.broadcast({ type: 'wheel.spin', payload: { spinId: 'a' } }, { event: true }),
      platform.broadcast({ type: 'viewers', payload: { total: 3 } }),
      platform.broadcast({ type: 'wheel.spin', payload: { spinId: 'b' } }, { event: true }),
    ];
    expect(fake.sent).to.have.length(1);
    await Promise.all(done);
    const sent = fake.sent.map((m) => JSON.parse(m.message));
    expect(sent.map((m) => [m.seq, m.type, m.payload])).to.deep.equal([
      [1, 'viewers', { total: 1 }],
      [2, 'viewers', { total: 3 }],
      [3, 'wheel.spin', { spinId: 'a' }],
      [4, 'wheel.spin', { spinId: 'b' }],
    ]);
  });

  it('bounds the spin queue and reports each spin it cannot keep', async () => {
    const timers = trackTimers();
    try {
      const { fake, platform, errors } = setup({ sendIntervalMs: 60_000 });
      fake.authorize({ role: 'broadcaster' });
      const spins = Array.from({ length: 24 }, (_, i) => platform.broadcast({ type: 'wheel.spin', payload: { i } }, { event: true }));
      await Promise.all(spins.slice(21));
      expect(fake.sent).to.have.length(1);
      expect(codes(errors)).to.deep.equal(['queue-full', 'queue-full', 'queue-full']);
      platform.dispose();
      await Promise.all(spins);
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
  });

  it('survives PubSub reordering, duplication and loss between two pages', async () => {
    const fake = new FakeTwitchExt();
    fake.authorize({ role: 'broadcaster' });
    const sender = setup({}, fake);
    const other = setup({}, fake);
    const spin = (n: number) => sender.platform.broadcast({ type: 'wheel.spin', payload: n });
    const received = () => other.room.map((m) => m.payload);

    fake.holdPubSub = true;
    await Promise.all([spin(1), spin(2), spin(3)]);
    fake.flush({ order: 'reversed' });
    expect(received()).to.deep.equal([3]);

    await Promise.all([spin(4), spin(5)]);
    fake.flush({ duplicate: true });
    expect(received()).to.deep.equal([3, 4, 5]);

    await Promise.all([spin(6), spin(7), spin(8)]);
    fake.flush({ drop: [1] });
    expect(received()).to.deep.equal([3, 4, 5, 6, 8]);
  });
});

describe('Twitch adapter: broadcaster configuration', () => {
  it('maps the broadcaster segment to context.settings, keyed by widget name', () => {
    const fake = new FakeTwitchExt();
    fake.setConfiguration('{"wheel-spinner":{"duration":4000}}');
    const { platform } = setup({}, fake);
    expect(ctx(platform).settings).to.deep.equal({ 'wheel-spinner': { duration: 4000 } });
    fake.setConfiguration('{"leaderboard":{"rows":5}}');
    expect(ctx(platform).settings).to.deep.equal({ leaderboard: { rows: 5 } });
  });

  it('reports invalid configuration and keeps the previous settings', () => {
    const { fake, platform, errors } = setup();
    fake.setConfiguration('{"tip-menu":{"title":"Cheers"}}');
    const good = ctx(platform).settings;
    fake.setConfiguration('{not json');
    fake.setConfiguration('[1,2,3]');
    fake.setConfiguration('"text"');
    fake.setConfiguration(JSON.stringify({ huge: 'x'.repeat(6000) }));
    fake.configurationRaw({ version: '1', content: 42 });
    fake.configurationRaw('broken');
    expect(codes(errors)).to.deep.equal(Array(6).fill('invalid-payload'));
    expect(ctx(platform).settings).to.equal(good);
    fake.setConfiguration('{"wheel-spinner":{"turns":3},"Bad Key":{},"leaderboard":7}');
    expect(ctx(platform).settings).to.deep.equal({ 'wheel-spinner': { turns: 3 } });
    expect(codes(errors)).to.have.length(8);
  });
});

describe('Twitch adapter: teardown', () => {
  it('removes every listener, clears every timer and goes deaf to the helper after dispose', async () => {
    const timers = trackTimers();
    try {
      const s = setup({ sendIntervalMs: 60_000 });
      s.fake.authorize({ role: 'broadcaster', userId: '5' });
      await withBits(s);
      const spend = s.platform.requestTip(now(s.platform.tipMenu$).items[0]);
      const queued = [s.platform.broadcast({ type: 'note', payload: 1 }), s.platform.broadcast({ type: 'note', payload: 2 })];
      expect(s.fake.liveListeners()).to.equal(1);
      expect(helperListenerCount(s.fake.ext)).to.equal(1);
      expect(timers.pending()).to.be.greaterThan(0);

      s.platform.dispose();
      expect(await spend).to.deep.include({ status: 'cancelled', reason: 'disposed' });
      await Promise.all(queued);
      expect(s.fake.liveListeners()).to.equal(0);
      expect(helperListenerCount(s.fake.ext)).to.equal(0);
      expect(timers.pending()).to.equal(0);

      const before = { errors: s.errors.length, room: s.room.length, tips: s.tips.length };
      s.fake.authorize();
      s.fake.setContext({ theme: 'light' });
      s.fake.setVisible(false);
      s.fake.fail('late');
      s.fake.setBitsEnabled(false);
      s.fake.setConfiguration('{}');
      s.fake.completeTransaction();
      s.fake.cancelTransaction();
      s.fake.deliver(envelope('note', 1));
      expect({ errors: s.errors.length, room: s.room.length, tips: s.tips.length }).to.deep.equal(before);
    } finally {
      timers.restore();
    }
  });

  it('reuses one set of helper callbacks across adapters, since the helper cannot remove them', () => {
    const fake = new FakeTwitchExt();
    setup({}, fake).platform.dispose();
    const registered = fake.permanentCallbacks();
    for (let i = 0; i < 5; i += 1) setup({}, fake).platform.dispose();
    expect(fake.permanentCallbacks()).to.equal(registered);
    expect(fake.liveListeners()).to.equal(0);
  });
});

describe('Twitch adapter: inside <onair-platform>', () => {
  it('is chosen for a page with the helper and feeds a plain stream consumer', async () => {
    const fake = new FakeTwitchExt();
    (window as { Twitch?: unknown }).Twitch = { ext: fake.ext };
    const provider = await fixture<OnAirPlatformElement>(html`<onair-platform .options=${{ search: '', 'send-interval': '0' }}></onair-platform>`);
    await waitUntil(() => provider.current?.name === 'twitch', 'the Twitch adapter is provided');
    const platform = provider.current!;
    const seen: { menu?: TipMenu; context?: HostContext } = {};
    const subs = [platform.tipMenu$.subscribe((m) => (seen.menu = m)), platform.context$.subscribe((c) => (seen.context = c))];
    fake.authorize({ role: 'broadcaster', userId: '1' });
    fake.products = [product('a', 10)];
    fake.setBitsEnabled(true);
    await waitUntil(() => seen.menu?.enabled === true, 'the menu arrives');
    expect(seen.context?.role).to.equal('broadcaster');
    subs.forEach((s) => s.unsubscribe());
    provider.remove();
    await nextTask();
    expect(fake.liveListeners()).to.equal(0);
  });
});
