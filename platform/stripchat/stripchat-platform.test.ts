import { expect, waitUntil } from '@open-wc/testing';
import { firstValueFrom, type Observable } from 'rxjs';
import { FakeExt } from '../../test/fakes/stripchat-ext.js';
import { GUEST_USER, MODEL, MODEL_USER, VIEWER_USER, paymentData, tipData } from '../../test/fakes/stripchat-room.js';
import type { HostContext, LeaderboardEntry, PlatformError, RoomMessage, Tip, TipMenu, Viewers } from '../model.js';
import { createPlatform } from '../registry.js';
import { sharedListenerCount } from './events.js';
import { StripchatPlatform, createStripchatPlatform, stripchatOptions, type StripchatOptions } from './stripchat-platform.js';
import { nothingWithin } from '../../test/wait.js';

/** Collects every value a stream emits, like a widget would see them. */
function record<T>(stream: Observable<T>): { values: T[]; stop: () => void } {
  const values: T[] = [];
  const subscription = stream.subscribe((value) => values.push(value));
  return { values, stop: () => subscription.unsubscribe() };
}

async function connected(ext: FakeExt, options: StripchatOptions = {}): Promise<StripchatPlatform> {
  const platform = new StripchatPlatform({ ext, ...options });
  await waitUntil(() => platform['status'].getValue().state === 'connected', 'connected');
  await waitUntil(() => ext.callsOf('v1.ext.settings.get').length > 0 && platform['requests'].waiting === 0, 'initial requests answered');
  return platform;
}

const latest = <T>(stream: Observable<T>) => firstValueFrom(stream);
/** One task: every microtask queued before has run. */
const tick = () => new Promise((resolve) => setTimeout(resolve));

describe('Stripchat adapter with a helper object', () => {
  it('maps a viewer context, viewers, tip menu and settings', async () => {
    const ext = new FakeExt(VIEWER_USER);
    const platform = await connected(ext);
    const context: HostContext = await latest(platform.context$);
    expect(context.role).to.equal('viewer');
    expect(context.user).to.deep.equal({ id: '7', name: 'rex' });
    expect(context.channel).to.deep.equal({ id: '101', name: 'lola_live' });
    expect(context.theme).to.equal('dark');
    expect(context.signIn).to.equal(false);
    expect(context.settings).to.deep.equal({ title: 'Lola’s wheel' });
    expect(await latest(platform.viewers$)).to.deep.equal({ total: 1200, guests: 800, withTokens: 90 });
    const menu: TipMenu = await latest(platform.tipMenu$);
    expect(menu.enabled).to.equal(true);
    expect(menu.items.map(({ label, price, currency }) => ({ label, price, currency }))).to.deep.equal([
      { label: 'Wave', price: 10, currency: 'tokens' },
      { label: 'Spin the wheel', price: 25, currency: 'tokens' },
    ]);
    expect(new Set(menu.items.map((item) => item.id)).size).to.equal(2);
    expect([...platform.capabilities]).to.include.members(['spend', 'broadcast', 'tips', 'viewers', 'tipMenu', 'signIn', 'movableOverlay']);
    expect(platform.capabilities.has('leaderboardStore')).to.equal(false);
    platform.dispose();
  });

  it('makes the model a broadcaster and a guest a guest who can sign in', async () => {
    const model = await connected(new FakeExt(MODEL_USER));
    expect((await latest(model.context$)).role).to.equal('broadcaster');
    expect(model.capabilities.has('broadcast')).to.equal(true);
    expect(model.capabilities.has('spend')).to.equal(false);
    model.dispose();

    const guestExt = new FakeExt(GUEST_USER);
    const guest = await connected(guestExt);
    const context = await latest(guest.context$);
    expect(context.role).to.equal('guest');
    expect(context.user).to.equal(undefined);
    expect(context.signIn).to.equal(true);
    expect(guest.capabilities.has('broadcast')).to.equal(false);
    guest.requestSignIn();
    await waitUntil(() => guestExt.callsOf('v1.ext.signup.open').length === 1);
    expect(guestExt.callsOf('v1.ext.signup.open')[0]).to.deep.equal({ type: 'user' });
    guest.dispose();
  });

  it('accepts the context wrapped as { context } and follows context updates', async () => {
    const ext = new FakeExt();
    ext.handlers['v1.ext.context.get'] = () => ({ context: { model: MODEL, user: GUEST_USER } });
    const platform = await connected(ext);
    expect((await latest(platform.context$)).role).to.equal('guest');
    ext.emit('v1.ext.context.updated', { context: { model: MODEL, user: VIEWER_USER } });
    expect((await latest(platform.context$)).user?.name).to.equal('rex');
    expect(platform.capabilities.has('spend')).to.equal(true);
    platform.dispose();
  });

  it('reports malformed payloads, skips them and keeps working', async () => {
    const ext = new FakeExt();
    const platform = await connected(ext);
    const errors = record(platform.errors$);
    const bad: unknown[] = [undefined, null, 'context', { context: { user: { isGuest: false, id: {} } } }, { context: { model: 'x' } }];
    for (const payload of bad) expect(() => ext.emit('v1.ext.context.updated', payload)).not.to.throw();
    ext.emit('v1.ext.viewers.updated', { viewers: { total: -4 } });
    ext.emit('v1.ext.viewers.updated', 'lots');
    ext.emit('v1.tipMenu.updated', { tipMenu: { isEnabled: true, items: 'nope' } });
    ext.emit('v1.tokens.spent', { tipData: { amount: 'NaN' } });
    ext.emit('v1.tokens.spent', null);
    ext.emit('v1.ext.whispered', { onair: 1, type: 7 });
    expect(errors.values.filter((e) => e.code === 'invalid-payload').length).to.equal(bad.length + 6);
    expect((await latest(platform.context$)).user?.name).to.equal('rex');
    expect(await latest(platform.viewers$)).to.deep.equal({ total: 1200, guests: 800, withTokens: 90 });
    // Still working afterwards.
    ext.emit('v1.ext.viewers.updated', { viewers: { total: 5, guests: 1, withTokens: 0 } });
    expect(await latest(platform.viewers$)).to.deep.equal({ total: 5, guests: 1, withTokens: 0 });
    errors.stop();
    platform.dispose();
  });

  it('skips malformed tip menu items but keeps the rest', async () => {
    const ext = new FakeExt();
    const platform = await connected(ext);
    const errors = record(platform.errors$);
    const before = (await latest(platform.tipMenu$)).items.map((item) => item.id);
    ext.emit('v1.tipMenu.updated', {
      tipMenu: { isEnabled: true, items: [{ activity: 'Wave', price: 10 }, { activity: '', price: 5 }, { activity: 'Dance', price: -1 }, { activity: 'Spin the wheel', price: 25 }] },
    });
    const menu = await latest(platform.tipMenu$);
    expect(menu.items.map((item) => item.label)).to.deep.equal(['Wave', 'Spin the wheel']);
    // The same activity at the same position keeps its id across updates.
    expect(menu.items[0].id).to.equal(before[0]);
    expect(errors.values.at(-1)?.message).to.contain('2 tip menu item(s)');
    ext.emit('v1.tipMenu.updated', { tipMenu: { isEnabled: false, items: [] } });
    expect(await latest(platform.tipMenu$)).to.deep.equal({ enabled: false, items: [] });
    errors.stop();
    platform.dispose();
  });

  it('shows null viewers for private shows and re-fetches when the show status changes', async () => {
    const ext = new FakeExt();
    const platform = await connected(ext);
    const seen = record(platform.viewers$);
    ext.state.viewers = null;
    ext.state.context = { model: { ...MODEL, status: 'private' }, user: VIEWER_USER };
    ext.emit('v1.ext.context.updated', { context: ext.state.context });
    await waitUntil(() => seen.values.at(-1) === null, 'viewers unavailable');
    ext.state.viewers = { total: 40, guests: 10, withTokens: 5 };
    ext.emit('v1.ext.context.updated', { context: { model: { ...MODEL, status: 'groupShow' }, user: VIEWER_USER } });
    await waitUntil(() => (seen.values.at(-1) as Viewers | null)?.total === 40, 'viewers back');
    expect(ext.callsOf('v1.ext.viewers.get').length).to.equal(3);
    seen.stop();
    platform.dispose();
  });

  it('ignores a viewers answer that an update event has overtaken', async () => {
    const ext = new FakeExt();
    let answer: (value: unknown) => void = () => undefined;
    ext.handlers['v1.ext.viewers.get'] = () => new Promise((resolve) => (answer = resolve));
    const platform = new StripchatPlatform({ ext });
    await waitUntil(() => ext.callsOf('v1.ext.viewers.get').length === 1);
    ext.emit('v1.ext.viewers.updated', { viewers: { total: 99, guests: 9, withTokens: 1 } });
    answer({ total: 1, guests: 0, withTokens: 0 });
    await waitUntil(() => platform['requests'].waiting === 0, 'the stale answer arrived');
    await tick();
    expect(await latest(platform.viewers$)).to.deep.equal({ total: 99, guests: 9, withTokens: 1 });
    platform.dispose();
  });

  it('maps received tips, anonymous ones included, once per payment: an original and its copy (isOriginalSource: false) are one', async () => {
    const ext = new FakeExt(MODEL_USER);
    const platform = await connected(ext);
    const tips = record(platform.tips$);
    ext.emit('v1.tokens.spent', { tipData: tipData() });
    ext.emit('v1.tokens.spent', { tipData: tipData() });
    ext.emit('v1.tokens.spent', { tipData: tipData({ isAnonymous: true, amount: '5', message: undefined }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ isOriginalSource: false }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'trx_9' }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'trx_9' }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'trx_9', isOriginalSource: false }) });
    const got: Tip[] = tips.values;
    // The copy of the first tip is that tip delivered again: not a payment of its own.
    expect(got.length).to.equal(4);
    expect(got[0]).to.include({ amount: 25, currency: 'tokens', message: 'hi!', source: 'stripchat' });
    expect(got[0].user).to.deep.equal({ id: '7', name: 'rex' });
    // Two identical tips are two tips: distinct ids.
    expect(got[0].id).not.to.equal(got[1].id);
    expect(got[2].user).to.deep.equal({ name: 'Anonymous' });
    expect(got[2].amount).to.equal(5);
    expect(got[3].id).to.equal('sc-trx_9');
    tips.stop();
    platform.dispose();
  });

  it('names tips without an id so a reload never reuses a name, and a copy that comes first still counts once', async () => {
    const firstExt = new FakeExt(MODEL_USER);
    const first = await connected(firstExt);
    const firstTips = record(first.tips$);
    firstExt.emit('v1.tokens.spent', { tipData: tipData() });
    first.dispose();
    // The model's page reloads: the same viewer's equal tip is a new payment with a new name.
    const ext = new FakeExt(MODEL_USER);
    const reloaded = await connected(ext);
    const tips = record(reloaded.tips$);
    ext.emit('v1.tokens.spent', { tipData: tipData() });
    expect(tips.values[0].id).not.to.equal(firstTips.values[0].id);
    ext.emit('v1.tokens.spent', { tipData: tipData({ message: 'again', isOriginalSource: false }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ message: 'again' }) });
    expect(tips.values.map((t) => t.message)).to.deep.equal(['hi!', 'again']);
    tips.stop();
    firstTips.stop();
    reloaded.dispose();
  });
});

describe('Stripchat wheel anchor (anchor-key)', () => {
  it('the model writes it with a TTL, every page reads it, a viewer cannot write it, and it expires', async () => {
    const modelExt = new FakeExt(MODEL_USER);
    const viewerExt = new FakeExt(VIEWER_USER, modelExt.state);
    const model = await connected(modelExt, { anchorKey: 'wheel' });
    const viewer = await connected(viewerExt, { anchorKey: 'wheel' });
    expect(await viewer.roomAnchor!.read()).to.equal(undefined);
    expect(await model.roomAnchor!.write('{"commitment":"c"}', 45)).to.equal(true);
    expect(modelExt.callsOf('v1.storage.string.set')[0]).to.deep.equal({ key: 'wheel', value: '{"commitment":"c"}', ttl: '45' });
    expect(await viewer.roomAnchor!.read()).to.equal('{"commitment":"c"}');
    const errors = record(viewer.errors$);
    expect(await viewer.roomAnchor!.write('{"commitment":"forged"}', 45)).to.equal(false);
    expect(errors.values.map((e) => e.code)).to.deep.equal(['request-failed']);
    expect(await viewer.roomAnchor!.read()).to.equal('{"commitment":"c"}');
    modelExt.state.strings.get('wheel')!.expires = Date.now() - 1;
    expect(await viewer.roomAnchor!.read()).to.equal(undefined);
    expect(new StripchatPlatform({ ext: new FakeExt(VIEWER_USER) }).roomAnchor).to.equal(undefined);
    errors.stop();
    model.dispose();
    viewer.dispose();
  });
});

describe('Stripchat spends', () => {
  const item = { id: 'tm-1', label: 'Spin the wheel', price: 25, currency: 'tokens' };

  it('opens the spend modal and resolves on the matching confirmation', async () => {
    const ext = new FakeExt(VIEWER_USER);
    const platform = await connected(ext);
    const result = platform.requestTip(item);
    await waitUntil(() => ext.callsOf('v1.payment.tokens.spend').length === 1);
    const params = ext.callsOf('v1.payment.tokens.spend')[0] as { tokensAmount: number; tokensSpendData: { onairRequestId: string; itemId: string } };
    expect(params.tokensAmount).to.equal(25);
    expect(params.tokensSpendData.itemId).to.equal('tm-1');
    // Someone else's confirmation does not settle ours.
    ext.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('other'), tokensSpendData: { action: 'other' } });
    ext.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_7'), tokensSpendData: params.tokensSpendData });
    expect(await result).to.deep.equal({ status: 'success', item, transactionId: 'trx_7' });
    platform.dispose();
  });

  it('counts a spend without confirmation as cancelled, and reports a late one', async () => {
    const ext = new FakeExt(VIEWER_USER);
    const platform = await connected(ext, { spendTimeoutMs: 50 });
    const errors = record(platform.errors$);
    const result = await platform.requestTip(item);
    expect(result.status).to.equal('cancelled');
    const params = ext.callsOf('v1.payment.tokens.spend')[0] as { tokensSpendData: unknown };
    ext.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData(), tokensSpendData: params.tokensSpendData });
    expect(errors.values.at(-1)?.code).to.equal('spend-late');
    // The late payment is not kept for a whisper.
    await platform.broadcast({ type: 'wheel.spin', payload: {} });
    expect(ext.callsOf('v1.ext.whisper')).to.have.length(0);
    errors.stop();
    platform.dispose();
  });

  it('allows one pending spend at a time and fails cleanly', async () => {
    const ext = new FakeExt(VIEWER_USER);
    const platform = await connected(ext, { spendTimeoutMs: 5_000 });
    const first = platform.requestTip(item);
    expect(await platform.requestTip(item)).to.deep.include({ status: 'failed' });
    platform.dispose();
    expect(await first).to.deep.equal({ status: 'cancelled', item, reason: 'disposed' });

    const failing = new FakeExt(VIEWER_USER);
    failing.handlers['v1.payment.tokens.spend'] = () => Promise.reject(new Error('INSUFFICIENT_FUNDS'));
    const second = await connected(failing);
    expect(await second.requestTip(item)).to.deep.equal({ status: 'failed', item, error: 'INSUFFICIENT_FUNDS' });
    second.dispose();

    const guest = await connected(new FakeExt(GUEST_USER));
    expect((await guest.requestTip(item)).status).to.equal('failed');
    guest.dispose();
  });
});

describe('Stripchat room messages', () => {
  const spin = { spinId: 's1', index: 2, startedAt: 1000, durationMs: 6000, itemsHash: 'h', turns: 5 };

  it('whispers a model spin for free; a frame with activity holds the overlay slot when the spin arrives', async () => {
    const ext = new FakeExt(MODEL_USER);
    const platform = await connected(ext, { activity: true });
    const hold = (payload: typeof spin) => ({ event: true, holdOverlayMs: payload.durationMs + 2000 });
    await platform.broadcast({ type: 'wheel.spin', payload: spin }, hold(spin));
    const whisper = ext.callsOf('v1.ext.whisper')[0] as { data: Record<string, unknown>; paymentData?: unknown };
    expect(whisper.paymentData).to.equal(undefined);
    expect(whisper.data).to.include({ onair: 1, type: 'wheel.spin', from: platform.clientId, holdOverlayMs: 8000 });
    expect(whisper.data.payload).to.deep.equal(spin);
    // The sender holds nothing until the spin comes back to it, like every other viewer's frame.
    expect(ext.callsOf('v1.ext.activity.request')).to.deep.equal([]);
    ext.emit('v1.ext.whispered', whisper.data);
    await waitUntil(() => ext.callsOf('v1.ext.activity.request').length === 1, 'the slot is asked for');
    expect(ext.callsOf('v1.ext.activity.request')[0]).to.deep.equal({ durationMs: 8000 });
    await platform.broadcast({ type: 'wheel.spin', payload: { ...spin, spinId: 's2', durationMs: 29_500 } }, hold({ ...spin, durationMs: 29_500 }));
    ext.emit('v1.ext.whispered', (ext.callsOf('v1.ext.whisper')[1] as { data: unknown }).data);
    await waitUntil(() => ext.callsOf('v1.ext.activity.request').length === 2, 'the second spin asks again');
    expect(ext.callsOf('v1.ext.activity.request')[1]).to.deep.equal({ durationMs: 30_000 });
    expect(ext.callsOf('v1.ext.activity.cancel')).to.have.length(1);
    platform.dispose();
    expect(ext.callsOf('v1.ext.activity.cancel')).to.have.length(2);
  });

  it('needs a viewer to have paid, and uses each payment once', async () => {
    const ext = new FakeExt(VIEWER_USER);
    const platform = await connected(ext);
    const errors = record(platform.errors$);
    await platform.broadcast({ type: 'wheel.spin', payload: spin });
    expect(ext.callsOf('v1.ext.whisper')).to.have.length(0);
    expect(errors.values.at(-1)?.code).to.equal('payment-required');
    const paid = platform.requestTip({ id: 'tm-1', label: 'Spin', price: 25, currency: 'tokens' });
    await waitUntil(() => ext.callsOf('v1.payment.tokens.spend').length === 1);
    const { tokensSpendData } = ext.callsOf('v1.payment.tokens.spend')[0] as { tokensSpendData: unknown };
    ext.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_5'), tokensSpendData });
    await paid;
    await platform.broadcast({ type: 'wheel.spin', payload: spin });
    expect(ext.callsOf('v1.ext.activity.request')).to.have.length(0);
    expect((ext.callsOf('v1.ext.whisper')[0] as { paymentData: unknown }).paymentData).to.deep.equal(paymentData('trx_5'));
    await platform.broadcast({ type: 'wheel.spin', payload: spin });
    expect(ext.callsOf('v1.ext.whisper')).to.have.length(1);
    errors.stop();
    platform.dispose();
  });

  it('puts whispered onair messages on room$, once each', async () => {
    const ext = new FakeExt();
    const platform = await connected(ext);
    const room = record(platform.room$);
    const message = { onair: 1, type: 'wheel.spin', payload: spin, from: 'abc', sentAt: 1700000000000 };
    ext.emit('v1.ext.whispered', message);
    ext.emit('v1.ext.whispered', { data: message });
    ext.emit('v1.ext.whispered', { type: 'GAME_STARTED', round: 1 });
    ext.emit('v1.ext.whispered', { ...message, sentAt: 1700000000001 });
    const got: RoomMessage[] = room.values.map(({ receivedAt: _receivedAt, ...message }) => message);
    expect(got).to.deep.equal([
      { type: 'wheel.spin', payload: spin, from: 'abc', sentAt: 1700000000000 },
      { type: 'wheel.spin', payload: spin, from: 'abc', sentAt: 1700000000001 },
    ]);
    room.stop();
    platform.dispose();
  });
});

describe('Stripchat leaderboard store', () => {
  it('has no store without a top key or for windows the host does not keep', async () => {
    const plain = await connected(new FakeExt());
    expect(plain.leaderboard$('7d', 5)).to.equal(undefined);
    plain.dispose();
    const keyed = await connected(new FakeExt(), { topKey: 'tips' });
    expect(keyed.capabilities.has('leaderboardStore')).to.equal(true);
    expect(keyed.leaderboard$('session', 5)).to.equal(undefined);
    expect(keyed.leaderboard$('all', 5)).to.equal(undefined);
    expect(keyed.leaderboard$('7d', 5)).to.equal(keyed.leaderboard$('7d', 5));
    keyed.dispose();
  });

  it('records each tip once on the model page and reads the top counter back with names', async () => {
    const ext = new FakeExt(MODEL_USER);
    ext.state.top.set('tips', new Map([['55', 300]]));
    const platform = await connected(ext, { topKey: 'tips', recordTips: true });
    const board = record(platform.leaderboard$('7d', 3)!);
    await waitUntil(() => board.values.length === 1, 'first read');
    expect(ext.callsOf('v1.storage.top.get')[0]).to.deep.equal({ key: 'tips', top: 'TOP_7D', topN: 3 });
    expect(board.values[0]).to.deep.equal([{ userId: '55', name: '#55', total: 300, rank: 1, firstAt: new Date(0), currency: 'tokens' }]);

    ext.emit('v1.tokens.spent', { tipData: tipData({ amount: 200, transactionId: 't1' }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ amount: 200, transactionId: 't1' }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ amount: 150, transactionId: 't2' }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ amount: 150, isOriginalSource: false }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ amount: 40, isAnonymous: true }) });
    // tips$ replays nothing to a late subscriber.
    const late = record(platform.tips$);
    expect(late.values).to.have.length(0);
    await waitUntil(() => board.values.length === 2, 'debounced re-read', { timeout: 4000 });
    expect(ext.callsOf('v1.storage.top.increment')).to.deep.equal([
      { key: 'tips', amount: '200', userId: '7', meta: 'rex' },
      { key: 'tips', amount: '150', userId: '7', meta: 'rex' },
    ]);
    const entries: LeaderboardEntry[] = board.values[1];
    expect(entries.map(({ name, total, rank }) => ({ name, total, rank }))).to.deep.equal([
      { name: 'rex', total: 350, rank: 1 },
      { name: '#55', total: 300, rank: 2 },
    ]);
    late.stop();
    board.stop();
    platform.dispose();
  });

  it('never records on a viewer page, nor without record-tips', async () => {
    for (const [user, options] of [[VIEWER_USER, { recordTips: true }], [MODEL_USER, {}]] as const) {
      const ext = new FakeExt(user);
      const platform = await connected(ext, { topKey: 'tips', ...options });
      ext.emit('v1.tokens.spent', { tipData: tipData() });
      await nothingWithin(50, 'a recording would have asked for the increment by then');
      expect(ext.callsOf('v1.storage.top.increment')).to.have.length(0);
      platform.dispose();
    }
  });

  it('uses the name stored with the increment when no tip was seen', async () => {
    const ext = new FakeExt();
    ext.handlers['v1.storage.top.get'] = () => ({ topUsers: [{ userId: 9, total: '12', meta: 'mia' }, { userId: null, total: 3 }] });
    const platform = await connected(ext, { topKey: 'tips' });
    const rows = await latest(platform.leaderboard$('30d', 10)!);
    expect(rows.map((row) => row.name)).to.deep.equal(['mia']);
    expect(ext.callsOf('v1.storage.top.get')[0]).to.deep.include({ top: 'TOP_30D' });
    platform.dispose();
  });
});

describe('Stripchat goal store', () => {
  it('has a goal total only with a goal key, and only in tokens', async () => {
    const plain = await connected(new FakeExt());
    expect(plain.goalTotal$('tokens')).to.equal(undefined);
    plain.dispose();
    const keyed = await connected(new FakeExt(), { goalKey: 'goal' });
    expect(keyed.goalTotal$('USD')).to.equal(undefined);
    expect(keyed.goalTotal$('tokens')).to.equal(keyed.goalTotal$('tokens'));
    keyed.dispose();
    expect(keyed.goalTotal$('tokens')).to.equal(undefined);
  });

  it('adds each original tip in whole tokens to the counter on the model page, and reads it elsewhere', async () => {
    const modelExt = new FakeExt(MODEL_USER);
    modelExt.state.ints.set('goal', 100);
    const model = await connected(modelExt, { goalKey: 'goal', recordTips: true });
    const viewerExt = new FakeExt(VIEWER_USER, modelExt.state);
    const viewer = await connected(viewerExt, { goalKey: 'goal', recordTips: true });
    const modelTotals = record(model.goalTotal$('tokens')!);
    const viewerTotals = record(viewer.goalTotal$('tokens')!);
    await waitUntil(() => modelTotals.values.length === 1 && viewerTotals.values.length === 1, 'first reads');
    expect([modelTotals.values[0], viewerTotals.values[0]]).to.deep.equal([100, 100]);

    const tips = [tipData({ amount: 30, transactionId: 'g1' }), tipData({ amount: 30, transactionId: 'g1' }), tipData({ amount: 20, isAnonymous: true }), tipData({ amount: 20, isOriginalSource: false })];
    for (const tip of tips) for (const ext of [modelExt, viewerExt]) ext.emit('v1.tokens.spent', { tipData: tip });
    await waitUntil(() => modelTotals.values.at(-1) === 150 && viewerTotals.values.at(-1) === 150, 'both pages see 150', { timeout: 4000 });
    expect(modelExt.callsOf('v1.storage.int.increment')).to.deep.equal([
      { key: 'goal', delta: '30' },
      { key: 'goal', delta: '20' },
    ]);
    expect(viewerExt.callsOf('v1.storage.int.increment')).to.deep.equal([]);
    expect(viewerExt.callsOf('v1.storage.int.get')[0]).to.deep.equal({ key: 'goal' });

    model.resetGoalTotal();
    await waitUntil(() => modelTotals.values.at(-1) === 0, 'read again after the reset', { timeout: 4000 });
    expect(modelExt.state.ints.get('goal')).to.equal(0);
    modelTotals.stop();
    viewerTotals.stop();
    model.dispose();
    viewer.dispose();
  });

  it('reports a counter it cannot read or write, and keeps the last good total', async () => {
    const ext = new FakeExt(MODEL_USER);
    ext.handlers['v1.storage.int.get'] = () => ({ exists: true, value: 'lots' });
    ext.handlers['v1.storage.int.increment'] = () => ({ success: false, failureReason: 'policy' });
    const platform = await connected(ext, { goalKey: 'goal', recordTips: true });
    const errors: PlatformError[] = [];
    platform.errors$.subscribe((error) => errors.push(error));
    const totals = record(platform.goalTotal$('tokens')!);
    await waitUntil(() => errors.some((error) => error.code === 'invalid-payload'), 'unreadable total reported');
    ext.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'g2' }) });
    await waitUntil(() => errors.some((error) => error.code === 'store-failed'), 'refused increment reported');
    expect(totals.values).to.deep.equal([]);
    totals.stop();
    platform.dispose();
  });
});

describe('Stripchat host features', () => {
  it('mirrors the status pill onto the movable overlay only on change', async () => {
    const ext = new FakeExt(MODEL_USER);
    const platform = await connected(ext);
    platform.updateMovableOverlay('live', 'Wheel ready');
    platform.updateMovableOverlay('live', 'Wheel ready');
    platform.updateMovableOverlay('offline');
    await tick();
    expect(ext.callsOf('v1.ext.movableOverlay.update')).to.deep.equal([
      { status: 'active', message: 'Wheel ready' },
      { status: 'inactive' },
    ]);
    platform.dispose();
  });

  it('forwards errors to Stripchat monitoring, rate-limited and deduplicated', async () => {
    const ext = new FakeExt();
    const platform = await connected(ext);
    ext.emit('v1.ext.viewers.updated', { viewers: 'x' });
    ext.emit('v1.ext.viewers.updated', { viewers: 'y' });
    ext.emit('v1.tipMenu.updated', {});
    await tick();
    const reports = ext.callsOf('v1.monitoring.report.error') as { message: string; data: { detail: string } }[];
    expect(reports).to.have.length(1);
    expect(reports[0].message).to.equal('onair invalid-payload');
    platform.dispose();
  });

  it('takes a factory function as ext, and refuses anything else', async () => {
    const ext = new FakeExt();
    const fromFactory = createStripchatPlatform({ ext: () => ext });
    await waitUntil(() => fromFactory['status'].getValue().state === 'connected');
    fromFactory.dispose();

    const broken = createStripchatPlatform({ ext: { makeRequest: () => null } });
    const status = await latest(broken.status$);
    expect(status.state).to.equal('error');
    broken.dispose();
  });

  it('parses string options from attributes and the URL', () => {
    expect(stripchatOptions({ origin: 'https://stripchat.com', theme: 'light', 'top-key': 'tips', 'record-tips': '', activity: 'true', 'spend-timeout': '60000' })).to.deep.equal({
      problems: [],
      requestTimeoutMs: 15_000,
      invalidExt: false,
      origin: 'https://stripchat.com',
      theme: 'light',
      topKey: 'tips',
      recordTips: true,
      activity: true,
      spendTimeoutMs: 60000,
    });
  });

  it('reports an error status outside an extension slot, through the registry', async () => {
    const platform = await createPlatform('stripchat', { origin: 'javascript:alert(1)' });
    expect(platform.name).to.equal('stripchat');
    expect((await latest(platform.status$)).state).to.equal('error');
    platform.dispose();
  });

  it('reports a failing host and recovers on reconnect', async () => {
    const ext = new FakeExt();
    const context = ext.handlers['v1.ext.context.get'];
    ext.handlers['v1.ext.context.get'] = () => Promise.reject(new Error('boom'));
    const platform = new StripchatPlatform({ ext });
    await waitUntil(() => platform['status'].getValue().state === 'error');
    ext.handlers['v1.ext.context.get'] = context;
    platform.reconnect();
    await waitUntil(() => platform['status'].getValue().state === 'connected');
    platform.dispose();
  });

  it('leaves the page helper one handler per event, goes deaf and completes every stream on dispose', async () => {
    const ext = new FakeExt(MODEL_USER);
    const platform = await connected(ext, { topKey: 'tips' });
    expect(ext.liveHandlers).to.equal(9);
    let completed = 0;
    const board = platform.leaderboard$('1d', 5)!;
    for (const stream of [platform.viewers$, platform.tips$, platform.room$, platform.context$, board] as Observable<unknown>[]) {
      stream.subscribe({ complete: () => (completed += 1) });
    }
    platform.dispose();
    // The official helper would end each event for the page's own handlers too, so onair keeps its one.
    expect(ext.liveHandlers).to.equal(9);
    expect(sharedListenerCount(ext, 'v1.tokens.spent')).to.equal(0);
    (await connected(ext)).dispose();
    expect(ext.liveHandlers).to.equal(9);
    expect(completed).to.equal(5);
    expect(platform['requests'].waiting).to.equal(0);
    // A host event after dispose changes nothing and throws nothing.
    expect(() => ext.emit('v1.tokens.spent', { tipData: tipData() })).not.to.throw();
    const error: PlatformError[] = [];
    platform.errors$.subscribe((e) => error.push(e));
    expect(error.every((e) => e.code !== 'handler-failed')).to.equal(true);
  });
});
