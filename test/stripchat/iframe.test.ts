/**
 * The drop-in path (way 2): this test page plays Stripchat, hosting real extension iframes that
 * load onair without a helper object and speak the postMessage protocol to us.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { FakeStripchatHost, type HostRequest } from '../fakes/stripchat-host.js';
import { GUEST_USER, MODEL, MODEL_USER, VIEWER_USER, paymentData, tipData } from '../fakes/stripchat-room.js';
import type { SlotRecord } from './frame.js';

interface Slot {
  iframe: HTMLIFrameElement;
  win: Window;
  record: () => SlotRecord;
}

const EVENT_NAMES = [
  'v1.ext.context.updated',
  'v1.ext.viewers.updated',
  'v1.tipMenu.updated',
  'v1.tokens.spent',
  'v1.payment.tokens.spend.succeeded',
  'v1.ext.whispered',
  'v1.ext.whispered.local',
  'v1.ext.activity.busy',
  'v1.ext.activity.available',
];
const EVENT_COUNT = EVENT_NAMES.length;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const opened: HTMLIFrameElement[] = [];
let host: FakeStripchatHost;

function slotUrl(params: Record<string, string>, origin: string | null = location.origin): string {
  const { page = 'frame.html', ...rest } = params;
  const query = new URLSearchParams(origin === null ? rest : { origin, ...rest });
  return `/test/stripchat/${page}?${query}`;
}

async function openSlot(user: unknown, params: Record<string, string> = {}, origin?: string | null, tab?: string): Promise<Slot> {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  opened.push(iframe);
  const win = host.addFrame(iframe, user, location.origin, tab);
  iframe.src = slotUrl(params, origin);
  const record = () => (win as Window & { onairSlot?: SlotRecord }).onairSlot as SlotRecord;
  await waitUntil(() => record()?.platform, 'slot platform created', { timeout: 20_000 });
  return { iframe, win, record };
}

async function openConnected(user: unknown, params: Record<string, string> = {}, tab?: string): Promise<Slot> {
  const slot = await openSlot(user, params, undefined, tab);
  await waitUntil(() => slot.record().status.at(-1)?.state === 'connected', 'slot connected');
  await waitUntil(() => host.subscribed(slot.win).length === EVENT_COUNT, 'slot subscribed');
  return slot;
}

async function openHostile(): Promise<Window> {
  const iframe = document.createElement('iframe');
  const ready = new Promise<void>((resolve) => {
    const onReady = (event: MessageEvent) => {
      if (event.source !== iframe.contentWindow || !(event.data as { hostileReady?: boolean })?.hostileReady) return;
      window.removeEventListener('message', onReady);
      resolve();
    };
    window.addEventListener('message', onReady);
  });
  iframe.src = `http://127.0.0.1:${location.port}/test/stripchat/hostile.html`;
  document.body.append(iframe);
  opened.push(iframe);
  await ready;
  return iframe.contentWindow as Window;
}

/** Has the hostile frame post `messages` to the slot and waits until the slot has seen them all. */
async function forge(hostile: Window, slot: Slot, messages: unknown[]): Promise<void> {
  const before = slot.record().probe.foreignMessages;
  const target = Array.from({ length: window.frames.length }, (_, i) => window.frames[i]).indexOf(slot.win);
  hostile.postMessage({ forge: messages, target }, `http://127.0.0.1:${location.port}`);
  await waitUntil(() => slot.record().probe.foreignMessages === before + messages.length, 'forged messages delivered');
}

function rpcResponse(id: string, result: unknown) {
  return { protocol: 'iframe_rpc', version: '1.0', id, type: 'response', status: 'ok', result };
}

function event(eventName: string, data: unknown) {
  return { protocol: 'iframe_pubsub', version: '1.0', type: 'event', eventName, data };
}

describe('Stripchat slot over postMessage', function () {
  // Each slot is a fresh page that loads onair from source; give a busy machine room.
  this.timeout(30_000);

  beforeEach(() => {
    host = new FakeStripchatHost();
  });

  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    host.dispose();
  });

  it('speaks the protocol: ids, subscriptions with seq, and the mapped streams', async () => {
    const slot = await openConnected(VIEWER_USER, { theme: 'light' });
    const record = slot.record();
    const context = record.context.at(-1)!;
    expect(context).to.deep.include({ role: 'viewer', theme: 'light', user: { id: '7', name: 'rex' }, channel: { id: '101', name: 'lola_live' } });
    // The theme reaches widgets through the context; the adapter leaves the page's DOM alone.
    expect(slot.iframe.contentDocument?.documentElement.dataset.theme).to.equal(undefined);
    await waitUntil(() => record.viewers.at(-1)?.total === 1200 && record.tipMenu.at(-1)?.items.length === 2, 'snapshots');
    await waitUntil(() => record.context.at(-1)?.settings !== undefined, 'settings');
    expect(record.context.at(-1)!.settings).to.deep.equal({ title: 'Lola’s wheel' });

    const ids = host.requests.filter((r) => r.frame === slot.win).map((r) => r.id);
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).to.equal(true);
    expect(new Set(ids).size).to.equal(ids.length);
    const subscribes = host.pubsub.filter((p) => p.frame === slot.win);
    expect(subscribes.every((p) => typeof p.seq === 'string' && ULID.test(p.seq))).to.equal(true);
    expect(host.subscribed(slot.win)).to.have.members(EVENT_NAMES);

    host.emit('v1.ext.viewers.updated', { viewers: { total: 1500, guests: 900, withTokens: 120 } });
    host.emit('v1.tipMenu.updated', { tipMenu: { isEnabled: true, items: [{ activity: 'Dance', price: 50 }] } });
    host.emit('v1.tokens.spent', { tipData: tipData({ amount: 33 }) });
    await waitUntil(() => record.tips.length === 1, 'tip');
    expect(record.viewers.at(-1)).to.deep.equal({ total: 1500, guests: 900, withTokens: 120 });
    expect(record.tipMenu.at(-1)!.items.map((item) => item.label)).to.deep.equal(['Dance']);
    expect(record.tips[0]).to.deep.include({ amount: 33, currency: 'tokens', user: { id: '7', name: 'rex' } });
    expect(record.probe.pageErrors).to.equal(0);
  });

  it('falls back to the parent origin from the browser when ?origin= is missing', async () => {
    const slot = await openSlot(GUEST_USER, { platform: 'stripchat' }, null);
    await waitUntil(() => slot.record().status.at(-1)?.state === 'connected', 'connected through ancestorOrigins');
    expect(slot.record().context.at(-1)).to.deep.include({ role: 'guest', signIn: true, theme: 'dark' });
  });

  it('posts only to the given origin: a wrong one reaches no host and ends in an error status', async () => {
    const slot = await openSlot(VIEWER_USER, { 'request-timeout': '300' }, `http://127.0.0.1:${location.port}`);
    await waitUntil(() => slot.record().status.at(-1)?.state === 'error', 'error status');
    expect(host.requests.filter((r) => r.frame === slot.win)).to.have.length(0);
  });

  it('round-trips a spend and counts a silent modal as cancelled', async () => {
    const slot = await openConnected(VIEWER_USER, { 'spend-timeout': '300' });
    const { platform, tipMenu } = slot.record();
    const item = tipMenu.at(-1)!.items[1];
    const paid = platform!.requestTip(item);
    await waitUntil(() => host.requestsOf('v1.payment.tokens.spend', slot.win).length === 1, 'spend requested');
    const { params } = host.requestsOf('v1.payment.tokens.spend', slot.win)[0] as HostRequest & { params: { tokensAmount: number; tokensSpendData: Record<string, unknown> } };
    expect(params.tokensAmount).to.equal(25);
    host.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_42'), tokensSpendData: params.tokensSpendData });
    expect(await paid).to.deep.equal({ status: 'success', item, transactionId: 'trx_42' });

    const silent = await platform!.requestTip(item);
    expect(silent).to.deep.include({ status: 'cancelled' });
  });

  it('records each tip once in the model background page, replays and duplicates included', async () => {
    const slot = await openConnected(MODEL_USER, { 'top-key': 'tips', 'record-tips': '' });
    const tips = [tipData({ transactionId: 'a', amount: 10 }), tipData({ transactionId: 'a', amount: 10 }), tipData({ transactionId: 'b', amount: 5 }), tipData({ amount: 7, isOriginalSource: false })];
    for (const tip of tips) host.emit('v1.tokens.spent', { tipData: tip });
    await waitUntil(() => slot.record().tips.length === 3, 'three distinct tips, the copy included');
    // tips$ replays nothing to a late subscriber.
    const replayed: unknown[] = [];
    slot.record().platform!.tips$.subscribe((tip) => replayed.push(tip));
    expect(replayed).to.have.length(0);
    await waitUntil(() => host.requestsOf('v1.storage.top.increment').length === 2, 'increments');
    host.emit('v1.tokens.spent', { tipData: tips[0] });
    slot.record().watchLeaderboard();
    await waitUntil(() => slot.record().leaderboard.length === 1, 'leaderboard read');
    expect(host.requestsOf('v1.storage.top.increment').map((r) => r.params)).to.deep.equal([
      { key: 'tips', amount: '10', userId: '7', meta: 'rex' },
      { key: 'tips', amount: '5', userId: '7', meta: 'rex' },
    ]);
    expect(slot.record().leaderboard[0]).to.deep.equal([{ userId: '7', name: 'rex', total: 15, rank: 1, firstAt: new Date(0), currency: 'tokens' }]);
  });

  it('syncs a spin between two slots, and each viewer’s frame holds its own overlay slot', async () => {
    const model = await openConnected(MODEL_USER, { activity: '' });
    const viewer = await openConnected(VIEWER_USER, { activity: '' }, 'tab-2');
    const spin = { spinId: 's-1', index: 3, startedAt: Date.now(), durationMs: 7000, itemsHash: 'abc', turns: 6 };
    await model.record().platform!.broadcast({ type: 'wheel.spin', payload: spin }, { event: true, holdOverlayMs: spin.durationMs + 2000 });
    await waitUntil(() => model.record().room.length === 1 && viewer.record().room.length === 1, 'relayed to both');
    await waitUntil(() => host.runningActivities(model.win).length === 1 && host.runningActivities(viewer.win).length === 1, 'both frames hold the slot');
    expect(host.activities.map((a) => a.durationMs)).to.deep.equal([9000, 9000]);
    const fromModel = model.record().platform!.clientId;
    expect(viewer.record().room[0]).to.deep.include({ type: 'wheel.spin', from: fromModel });
    expect(viewer.record().room[0].payload).to.deep.equal(spin);
    expect(model.record().room[0].from).to.equal(fromModel);

    // The viewer pays, then spins: the whisper carries that payment, and reaches the model.
    const platform = viewer.record().platform!;
    const paid = platform.requestTip(viewer.record().tipMenu.at(-1)!.items[1]);
    await waitUntil(() => host.requestsOf('v1.payment.tokens.spend', viewer.win).length === 1);
    const { tokensSpendData } = host.requestsOf('v1.payment.tokens.spend', viewer.win)[0].params as { tokensSpendData: unknown };
    host.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_9'), tokensSpendData }, viewer.win);
    await paid;
    await platform.broadcast({ type: 'wheel.spin', payload: { ...spin, spinId: 's-2' } });
    expect(host.requestsOf('v1.ext.whisper', viewer.win)[0].params).to.deep.include({ paymentData: paymentData('trx_9') });
    await waitUntil(() => model.record().room.length === 2, 'viewer spin reached the model');
    expect(model.record().room[1].from).to.equal(platform.clientId);
  });

  it('ignores late and duplicate answers and repeated events', async () => {
    host.hold('v1.ext.settings.get');
    host.hold('v1.ext.viewers.get');
    const slot = await openConnected(VIEWER_USER, { 'request-timeout': '300' });
    const record = slot.record();
    const [viewersRequest] = host.requestsOf('v1.ext.viewers.get', slot.win);
    host.respond(viewersRequest, { total: 10, guests: 1, withTokens: 1 });
    host.respond(viewersRequest, { total: 99999, guests: 1, withTokens: 1 });
    await waitUntil(() => record.viewers.at(-1)?.total === 10, 'first answer used');
    await waitUntil(() => record.errors.some((e) => e.message.includes('v1.ext.settings.get')), 'settings timed out');
    host.respond(host.requestsOf('v1.ext.settings.get', slot.win)[0], { settings: { late: true } });
    const whisper = { onair: 1, type: 'wheel.spin', payload: {}, from: 'x', sentAt: 1 };
    host.emit('v1.ext.whispered', whisper);
    host.emit('v1.ext.whispered', whisper);
    host.emit('v1.ext.viewers.updated', { viewers: { total: 11, guests: 1, withTokens: 1 } });
    await waitUntil(() => record.viewers.at(-1)?.total === 11, 'later event applied');
    expect(record.viewers.filter((v) => v?.total === 99999)).to.have.length(0);
    expect(record.context.at(-1)!.settings).to.equal(undefined);
    expect(record.room).to.have.length(1);
  });

  it('reports malformed traffic, skips it, throws nothing and keeps working', async () => {
    const slot = await openConnected(VIEWER_USER);
    const record = slot.record();
    const errorsBefore = record.errors.length;
    for (const junk of ['hello', null, 42, { protocol: 'iframe_rpc', type: 'response', id: 'nope', status: 'ok' }, { protocol: 'other' }]) host.post(slot.win, junk);
    host.emit('v1.tokens.spent', { tipData: { amount: -5 } });
    host.emit('v1.ext.context.updated', { context: { model: MODEL, user: { isGuest: false } } });
    host.emit('v1.tipMenu.updated', 'menu');
    host.emit('v1.ext.viewers.updated', { viewers: { total: 'many' } });
    host.emit('v1.ext.whispered', { onair: 1, type: 'wheel.spin' });
    await waitUntil(() => record.errors.length === errorsBefore + 5, 'five reported');
    expect(record.errors.slice(errorsBefore).every((e) => e.code === 'invalid-payload')).to.equal(true);
    host.emit('v1.tokens.spent', { tipData: tipData() });
    await waitUntil(() => record.tips.length === 1, 'still working');
    expect(record.context.at(-1)!.user?.name).to.equal('rex');
    expect(record.probe.pageErrors).to.equal(0);
  });

  it('accepts nothing from a frame of another origin or from anyone but the parent', async () => {
    host.hold('v1.ext.context.get');
    const slot = await openSlot(VIEWER_USER);
    await waitUntil(() => host.requestsOf('v1.ext.context.get', slot.win).length === 1 && host.subscribed(slot.win).length === EVENT_COUNT);
    const [contextRequest] = host.requestsOf('v1.ext.context.get', slot.win);
    const hostile = await openHostile();
    const evilContext = { model: MODEL, user: { ...VIEWER_USER, id: 666, username: 'mallory', isModel: true } };
    await forge(hostile, slot, [
      rpcResponse(contextRequest.id, evilContext),
      event('v1.tokens.spent', { tipData: tipData({ amount: 9999 }) }),
      event('v1.ext.viewers.updated', { viewers: { total: 666, guests: 0, withTokens: 0 } }),
      event('v1.ext.whispered', { onair: 1, type: 'wheel.spin', payload: {}, from: 'evil', sentAt: 5 }),
      event('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('stolen'), tokensSpendData: {} }),
    ]);
    // A message the slot posts to itself has the right origin but not the parent as its source.
    const before = slot.record().probe.foreignMessages;
    const selfPost = slot.record().probe.selfPost;
    selfPost(rpcResponse(contextRequest.id, evilContext));
    selfPost(event('v1.tokens.spent', { tipData: tipData({ amount: 8888 }) }));
    await waitUntil(() => slot.record().probe.foreignMessages === before + 2, 'self posts delivered');

    const record = slot.record();
    expect(record.tips).to.have.length(0);
    expect(record.room).to.have.length(0);
    expect(record.viewers.some((v) => v?.total === 666)).to.equal(false);
    expect(record.status.at(-1)?.state).to.equal('connecting');
    expect(record.context.some((c) => c.user?.name === 'mallory')).to.equal(false);

    host.respond(contextRequest, { model: MODEL, user: VIEWER_USER });
    await waitUntil(() => record.status.at(-1)?.state === 'connected', 'the real answer is accepted');
    expect(record.context.at(-1)!.user?.name).to.equal('rex');
  });

  it('removes its listener and unsubscribes every event when the provider goes away', async () => {
    const slot = await openConnected(VIEWER_USER);
    const record = slot.record();
    expect(record.probe.messageListeners).to.equal(1);
    record.provider.remove();
    await waitUntil(() => record.probe.messageListeners === 0, 'message listener removed');
    expect(host.subscribed(slot.win)).to.deep.equal([]);
    const unsubscribes = host.pubsub.filter((p) => p.frame === slot.win && p.type === 'unsubscribe');
    expect(unsubscribes.map((p) => p.eventName)).to.have.members(EVENT_NAMES);
    const requestsBefore = host.requests.length;
    host.emit('v1.tokens.spent', { tipData: tipData() });
    slot.record().platform!.updateMovableOverlay?.('live');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.requests.length).to.equal(requestsBefore);
  });
  it('tells the host its size on load and whenever the body changes size', async () => {
    const slot = await openConnected(VIEWER_USER);
    await waitUntil(() => host.resizes.some((r) => r.frame === slot.win), 'the first size');
    const first = host.resizes.filter((r) => r.frame === slot.win).at(-1)!;
    expect(first.width).to.be.greaterThan(0);
    const doc = slot.iframe.contentDocument!;
    const tall = doc.createElement('div');
    tall.style.height = `${first.height + 400}px`;
    doc.body.append(tall);
    await waitUntil(() => (host.resizes.filter((r) => r.frame === slot.win).at(-1)?.height ?? 0) > first.height + 300, 'the grown size');
    tall.style.height = '10px';
    await waitUntil(() => (host.resizes.filter((r) => r.frame === slot.win).at(-1)?.height ?? Infinity) < first.height + 300, 'the shrunk size');
  });

  it('shows a tip marked isOriginalSource: false exactly once', async () => {
    const slot = await openConnected(VIEWER_USER);
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'trx_copy', amount: 40, isOriginalSource: false }) });
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'trx_copy', amount: 40, isOriginalSource: true }) });
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'trx_copy', amount: 40, isOriginalSource: false }) });
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'trx_next', amount: 5 }) });
    await waitUntil(() => slot.record().tips.some((tip) => tip.amount === 5), 'the later tip arrives');
    expect(slot.record().tips.map((tip) => [tip.id, tip.amount])).to.deep.equal([['sc-trx_copy', 40], ['sc-trx_next', 5]]);
  });

  it('adds a tip to the top counter only in the frame that holds the original', async () => {
    const slot = await openConnected(MODEL_USER, { 'top-key': 'tips', 'record-tips': '' });
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'copy', amount: 7, isOriginalSource: false }) });
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'orig', amount: 9, isOriginalSource: true }) });
    await waitUntil(() => slot.record().tips.length === 2, 'both tips shown');
    await waitUntil(() => host.requestsOf('v1.storage.top.increment').length === 1, 'one increment');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.requestsOf('v1.storage.top.increment').map((r) => r.params)).to.deep.equal([{ key: 'tips', amount: '9', userId: '7', meta: 'rex' }]);
  });
});

describe("Stripchat sync between one viewer's frames", function () {
  this.timeout(40_000);

  beforeEach(() => {
    host = new FakeStripchatHost();
  });

  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    host.dispose();
  });

  it('hands the latest room message to a frame that starts later in the same tab, and only with sync', async () => {
    const spin = { onair: 1, type: 'wheel.spin', payload: { spinId: 's-9', index: 1 }, from: 'model-client', sentAt: 1_700_000_000_000 };
    const first = await openConnected(VIEWER_USER, { sync: '' }, 'tab-1');
    const quiet = await openConnected(VIEWER_USER, {}, 'tab-3');
    host.emit('v1.ext.whispered', spin);
    await waitUntil(() => first.record().room.length === 1 && quiet.record().room.length === 1, 'the spin reached the open frames');

    const later = await openConnected(VIEWER_USER, { sync: '', page: 'other.html' }, 'tab-1');
    await waitUntil(() => later.record().room.length === 1, 'the later frame got the spin from its sibling');
    expect(later.record().room[0]).to.deep.include({ type: 'wheel.spin', from: 'model-client', sentAt: spin.sentAt });
    expect(later.record().room[0].payload).to.deep.equal(spin.payload);

    const elsewhere = await openConnected(VIEWER_USER, { sync: '' }, 'tab-2');
    const unsynced = await openConnected(VIEWER_USER, { sync: '' }, 'tab-3');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(elsewhere.record().room).to.deep.equal([]);
    expect(unsynced.record().room).to.deep.equal([]);
    expect(first.record().room).to.have.length(1);
  });
});

describe('Stripchat spend across a reload', function () {
  this.timeout(40_000);

  beforeEach(() => {
    host = new FakeStripchatHost();
  });

  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    host.dispose();
  });

  it('reports a confirmation that arrives after the page reloaded mid-spend, on that page only', async () => {
    const slot = await openConnected(VIEWER_USER);
    const other = await openConnected(VIEWER_USER, { page: 'other.html' });
    const item = slot.record().tipMenu.at(-1)!.items[1];
    void slot.record().platform!.requestTip(item);
    await waitUntil(() => host.requestsOf('v1.payment.tokens.spend', slot.win).length === 1, 'spend requested');
    const { tokensSpendData } = host.requestsOf('v1.payment.tokens.spend', slot.win)[0].params as { tokensSpendData: Record<string, unknown> };
    const before = slot.record();
    slot.win.location.reload();
    await waitUntil(() => slot.record() !== before && slot.record()?.status.at(-1)?.state === 'connected', 'the page is back', { timeout: 20_000 });
    await waitUntil(() => host.subscribed(slot.win).length === EVENT_COUNT, 'subscribed again');
    host.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_late'), tokensSpendData });
    host.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_late'), tokensSpendData });
    await waitUntil(() => slot.record().errors.some((e) => e.code === 'spend-late'), 'the late success is reported');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = slot.record().errors.filter((e) => e.code === 'spend-late');
    expect(late).to.have.length(1);
    expect(String(late[0].payload)).to.include('trx_late').and.to.include(item.id);
    expect(slot.record().late).to.deep.equal([{ status: 'success', item, transactionId: 'trx_late', late: true }]);
    expect(other.record().errors.filter((e) => e.code === 'spend-late')).to.have.length(0);
  });

  it('leaves a payment to the frame that spent, when two frames share the page path', async () => {
    const spender = await openConnected(VIEWER_USER);
    const sibling = await openConnected(VIEWER_USER);
    const item = spender.record().tipMenu.at(-1)!.items[1];
    const lateOf = (slot: Slot) => slot.record().errors.filter((e) => e.code === 'spend-late');

    // The spender is there to take its confirmation: the sibling reports nothing.
    const paid = spender.record().platform!.requestTip(item);
    await waitUntil(() => host.requestsOf('v1.payment.tokens.spend', spender.win).length === 1, 'first spend requested');
    const first = host.requestsOf('v1.payment.tokens.spend', spender.win)[0].params as { tokensSpendData: Record<string, unknown> };
    host.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_live'), tokensSpendData: first.tokensSpendData });
    expect(await paid).to.deep.include({ status: 'success', transactionId: 'trx_live' });

    // The spender reloads mid-spend: its confirmation is its late success, never the sibling's.
    void spender.record().platform!.requestTip(item);
    await waitUntil(() => host.requestsOf('v1.payment.tokens.spend', spender.win).length === 2, 'second spend requested');
    const second = host.requestsOf('v1.payment.tokens.spend', spender.win)[1].params as { tokensSpendData: Record<string, unknown> };
    const before = spender.record();
    spender.win.location.reload();
    await waitUntil(() => spender.record() !== before && spender.record()?.status.at(-1)?.state === 'connected', 'the page is back', { timeout: 20_000 });
    await waitUntil(() => host.subscribed(spender.win).length === EVENT_COUNT, 'subscribed again');
    host.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_reloaded'), tokensSpendData: second.tokensSpendData });
    await waitUntil(() => lateOf(spender).length === 1, 'the spender reports its late success');
    expect(spender.record().late).to.deep.equal([{ status: 'success', item, transactionId: 'trx_reloaded', late: true }]);
    expect(lateOf(sibling), 'the frame that never spent').to.deep.equal([]);
    expect(sibling.record().late).to.deep.equal([]);
  });
});

describe('Stripchat slot with the official helper object', function () {
  this.timeout(30_000);

  beforeEach(() => {
    host = new FakeStripchatHost();
  });

  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    host.dispose();
  });

  it('works like the drop-in client: context, snapshots, tips and a spend', async () => {
    const slot = await openSlot(VIEWER_USER, { sdk: '', theme: 'light' });
    const record = slot.record();
    await waitUntil(() => record.status.at(-1)?.state === 'connected', 'connected through the helper object');
    expect(record.sdk).not.to.equal(undefined);
    expect(record.context.at(-1)).to.deep.include({ role: 'viewer', user: { id: '7', name: 'rex' } });
    await waitUntil(() => record.viewers.at(-1)?.total === 1200 && record.tipMenu.at(-1)?.items.length === 2, 'snapshots');
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'sdk-1', amount: 12 }) });
    await waitUntil(() => record.tips.length === 1, 'the tip');
    expect(record.page['v1.tokens.spent']).to.have.length(1);

    const item = record.tipMenu.at(-1)!.items[0];
    const paid = record.platform!.requestTip(item);
    await waitUntil(() => host.requestsOf('v1.payment.tokens.spend', slot.win).length === 1, 'spend requested');
    const { tokensSpendData } = host.requestsOf('v1.payment.tokens.spend', slot.win)[0].params as { tokensSpendData: unknown };
    host.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData('trx_sdk'), tokensSpendData });
    expect(await paid).to.deep.include({ status: 'success', transactionId: 'trx_sdk' });
    // The helper object sizes the slot itself.
    await waitUntil(() => host.resizes.some((r) => r.frame === slot.win), 'the helper told the host its size');
    expect(record.probe.pageErrors).to.equal(0);
  });

  it("leaves the page's own subscriptions working when onair goes away", async () => {
    const slot = await openSlot(VIEWER_USER, { sdk: '' });
    const record = slot.record();
    await waitUntil(() => record.status.at(-1)?.state === 'connected');
    record.provider.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'after' }) });
    host.emit('v1.ext.context.updated', { context: { model: MODEL, user: VIEWER_USER } });
    await waitUntil(() => (record.page['v1.tokens.spent'] ?? []).length === 1 && (record.page['v1.ext.context.updated'] ?? []).length === 1, "the page's handlers still hear their events");
  });
});

describe("Stripchat slot with onair's createStripchatHelper() object", function () {
  this.timeout(30_000);

  beforeEach(() => {
    host = new FakeStripchatHost();
  });

  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    host.dispose();
  });

  function counterText(slot: Slot): string | undefined {
    const counter = slot.iframe.contentDocument?.querySelector('onair-viewer-counter');
    return counter?.shadowRoot?.querySelector('[part="count"]')?.textContent?.trim();
  }

  it("keeps the page's helper and its subscriptions through a provider restart and removal", async () => {
    const slot = await openSlot(VIEWER_USER, { helper: '' });
    const record = slot.record();
    expect(record.helper).not.to.equal(undefined);
    await waitUntil(() => record.status.at(-1)?.state === 'connected', 'connected through the page helper');
    await waitUntil(() => host.subscribed(slot.win).length === EVENT_COUNT, 'every event subscribed');
    const first = record.platform!;
    const tipsBefore = record.tips.length;
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'before' }) });
    await waitUntil(() => (record.page['v1.tokens.spent'] ?? []).length === 1 && record.tips.length === tipsBefore + 1, 'page and onair hear the tip');

    // An option attribute changes: the provider disposes its platform and creates another.
    record.provider.setAttribute('request-timeout', '20000');
    await waitUntil(() => record.provider.current && record.provider.current !== first, 'the provider restarted');
    const second = record.provider.current!;
    const secondTips: unknown[] = [];
    second.tips$.subscribe((tip) => secondTips.push(tip));
    const secondStatus: string[] = [];
    second.status$.subscribe((status) => secondStatus.push(status.state));
    await waitUntil(() => secondStatus.at(-1) === 'connected', 'the new platform connects through the same helper');

    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'after-restart' }) });
    await waitUntil(() => (record.page['v1.tokens.spent'] ?? []).length === 2, "the page's handler hears the tip after the restart");
    await waitUntil(() => secondTips.length === 1, 'the new platform hears the tip');
    host.emit('v1.ext.viewers.updated', { viewers: { total: 321, guests: 200, withTokens: 21 } });
    await waitUntil(() => counterText(slot) === '321', "onair's viewer counter shows the new count after the restart");

    record.provider.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'after-removal' }) });
    host.emit('v1.ext.context.updated', { context: { model: MODEL, user: VIEWER_USER } });
    await waitUntil(
      () => (record.page['v1.tokens.spent'] ?? []).length === 3 && (record.page['v1.ext.context.updated'] ?? []).length === 1,
      "the page's handlers still hear their events after the provider is gone",
    );
    // onair never ended an event the page's helper had announced, and still holds one handler each.
    expect(host.pubsub.filter((p) => p.frame === slot.win && p.type === 'unsubscribe')).to.deep.equal([]);
    expect(host.subscribed(slot.win)).to.have.members(EVENT_NAMES);
    expect(record.probe.pageErrors).to.equal(0);
  });
});
