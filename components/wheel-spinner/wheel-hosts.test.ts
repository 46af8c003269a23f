/**
 * The fair wheel on each host: who is the room's authority, how a payment buys a spin there, and
 * what a viewer's wheel sees. Uses the hosts' fakes (Stripchat helper object, Twitch helper, a real
 * WebSocket Streamer.bot server) and the demo feed.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';
import type { Platform } from '../../platform/model.js';
import { StripchatPlatform } from '../../platform/stripchat/stripchat-platform.js';
import { TwitchPlatform } from '../../platform/twitch/twitch-platform.js';
import { createStreamerbotPlatform } from '../../platform/streamerbot/streamerbot-platform.js';
import { FakeExt } from '../../test/fakes/stripchat-ext.js';
import { MODEL_USER, VIEWER_USER, paymentData, tipData } from '../../test/fakes/stripchat-room.js';
import { FakeTwitchExt, product } from '../../test/fakes/twitch-ext.js';
import { quietDemo } from '../../test/helpers.js';
import '../platform/platform.js';
import { verifySpin } from './fairness.js';
import { SPIN_MESSAGE, STORAGE_PREFIX, type OnAirWheelSpinnerElement, type SpinPayload } from './wheel-spinner.js';
import './wheel-spinner.js';
import { election } from './wheel-room.js';

// A page here is its room's only authority unless a test opens two: its paid spins need no election window.
const { windowMs } = election;
before(() => (election.windowMs = 0));
after(() => (election.windowMs = windowMs));

const ITEMS = [{ label: 'Hydrate' }, { label: 'Squats', weight: 2 }, { label: 'Song request' }, { label: 'Dance', weight: 3 }];

let disposables: { dispose(): void }[] = [];

afterEach(async () => {
  await resetMouse();
  disposables.splice(0).forEach((d) => d.dispose());
  for (const key of Object.keys(localStorage)) if (key.startsWith(STORAGE_PREFIX)) localStorage.removeItem(key);
});

function shadow(el: OnAirWheelSpinnerElement): ShadowRoot {
  return el.shadowRoot!;
}

function record(el: OnAirWheelSpinnerElement): string[] {
  const log: string[] = [];
  el.addEventListener('onair-spin-start', (e) => log.push(`start:${e.detail.index}`));
  el.addEventListener('onair-spin-end', (e) => log.push(`end:${e.detail.index}`));
  el.addEventListener('onair-spin-rejected', (e) => log.push(`rejected:${e.detail.reason}`));
  el.addEventListener('onair-spin-refused', (e) => log.push(`refused:${e.detail.reason}`));
  el.addEventListener('onair-spin-pending', () => log.push('pending'));
  return log;
}

async function click(el: OnAirWheelSpinnerElement): Promise<void> {
  const box = shadow(el).querySelector('[part="spin-button"]')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Mounts one wheel per platform, each in its own provider; `attrs` apply to every wheel. */
async function wheels(platforms: Platform[], attrs: { price?: string; item?: string; currency?: string; source?: string } = {}) {
  const root = await fixture<HTMLElement>(html`<div>
    ${platforms.map(
      (platform) => html`<onair-platform .adapter=${platform}>
        <onair-wheel-spinner .items=${ITEMS} duration="200" turns="1" price=${ifDefined(attrs.price)} item=${ifDefined(attrs.item)}
          currency=${ifDefined(attrs.currency)} trigger-source=${ifDefined(attrs.source)}></onair-wheel-spinner>
      </onair-platform>`,
    )}
  </div>`);
  const all = Array.from(root.querySelectorAll<OnAirWheelSpinnerElement>('onair-wheel-spinner'));
  await Promise.all(all.map((el) => el.updateComplete));
  return all;
}

describe('fair wheel on Stripchat', () => {
  /** Stripchat's transaction ids are unique; so are the fake's, across the tests of this page. */
  let transactions = 0;

  /**
   * One room: the model's page and viewers' pages, each with its own helper. Whispers reach every
   * page; a viewer's token spend confirms to that viewer (with its payment data) and reaches the
   * model's page as a tip, as Stripchat does.
   */
  async function room(viewerCount: number, confirmAfterMs: number | null = 10) {
    const modelExt = new FakeExt(MODEL_USER);
    // One room's storage: the model alone may write the wheel's anchor key (its manifest role).
    const viewerExts = Array.from({ length: viewerCount }, (_, i) => new FakeExt({ ...VIEWER_USER, id: 7 + i, username: `rex${i}` }, modelExt.state));
    const exts = [modelExt, ...viewerExts];
    for (const ext of exts) {
      ext.handlers['v1.ext.whisper'] = (params) => {
        const data = (params as { data?: unknown }).data;
        queueMicrotask(() => exts.forEach((e) => e.emit('v1.ext.whispered', { data })));
        return null;
      };
    }
    viewerExts.forEach((ext, i) => {
      ext.handlers['v1.payment.tokens.spend'] = (params) => {
        if (confirmAfterMs === null) return null;
        const { tokensAmount, tokensSpendData } = params as { tokensAmount: number; tokensSpendData: unknown };
        const transactionId = `trx_${(transactions += 1)}`;
        setTimeout(() => ext.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData(transactionId), tokensSpendData }), confirmAfterMs);
        // The tip reaches every page of the room a moment later (the payer's marked as its own).
        const user = { ...VIEWER_USER, id: 7 + i, username: `rex${i}` };
        const tip = (mine: boolean) => ({ tipData: tipData({ amount: tokensAmount, transactionId, user, isFromTheCurrentUser: mine }) });
        setTimeout(() => exts.forEach((e) => e.emit('v1.tokens.spent', tip(e === ext))), confirmAfterMs + 140);
        return null;
      };
    });
    const platforms = exts.map((ext) => new StripchatPlatform({ ext, spendTimeoutMs: 300, anchorKey: 'wheel' }));
    disposables.push(...platforms);
    await waitUntil(() => platforms.every((p) => p['status'].getValue().state === 'connected'), 'connected');
    return { modelExt, viewerExts, platforms };
  }

  it('issue 13.1: a viewer who paid the cheapest item cannot choose or forge where wheels stop', async () => {
    const { platforms, viewerExts } = await room(2);
    const [model, viewer, other] = await wheels(platforms, { price: '25' });
    await waitUntil(() => model.commitment !== undefined && viewer.commitment === model.commitment && other.commitment === model.commitment);
    const logs = [model, viewer, other].map(record);
    // Pays 10 tokens (Wave), below the wheel's 25: a tip, but no spin.
    const paid = await platforms[1].requestTip({ id: 'tm-0', label: 'Wave', price: 10, currency: 'tokens' });
    expect(paid.status).to.equal('success');
    expect(await viewer.spinTo(3)).to.equal(undefined);
    // With that payment the viewer's frame may whisper once: a forged spin to index 3.
    const forged: SpinPayload = { ...(await honestLooking(viewer)), index: 3 };
    await platforms[1].broadcast({ type: SPIN_MESSAGE, payload: forged });
    await waitUntil(() => logs[2].length > 0 && logs[0].length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(logs[0]).to.deep.equal(['rejected:a spin from someone other than this room\u2019s authority']);
    expect(logs[1]).to.deep.equal(['refused:outcome-chosen']);
    // The other viewer's wheel ignores it: nothing the model wrote vouches for it.
    expect(logs[2]).to.deep.equal(['rejected:a spin for a payment this wheel never saw']);
    expect([model, viewer, other].some((w) => w.history.length > 0)).to.equal(false);
    expect(viewerExts[0].callsOf('v1.ext.whisper').length).to.equal(1);
  });

  it('a paying viewer: pending until the model\u2019s verified spin, which every wheel plays', async () => {
    const { platforms, viewerExts } = await room(2);
    const [model, viewer, other] = await wheels(platforms, { price: '25' });
    await waitUntil(() => viewer.commitment === model.commitment && other.commitment === model.commitment && model.commitment !== undefined);
    const log = record(viewer);
    expect(shadow(viewer).querySelector('[part="spin-button"]')!.textContent!.trim()).to.equal('Spin for 25 tokens');
    const ends = [model, viewer, other].map((w) => oneEvent(w, 'onair-spin-end'));
    await click(viewer);
    await waitUntil(() => log.includes('pending'));
    await viewer.updateComplete;
    expect(shadow(viewer).querySelector('[part="result"]')!.textContent).to.contain('Paid');
    // The viewer paid for the 25-token item, the cheapest that covers the price.
    expect(viewerExts[0].callsOf('v1.payment.tokens.spend')).to.have.length(1);
    expect((viewerExts[0].callsOf('v1.payment.tokens.spend')[0] as { tokensAmount: number }).tokensAmount).to.equal(25);
    const [m, v, o] = await Promise.all(ends);
    expect(v.detail.index).to.equal(m.detail.index);
    expect(o.detail.index).to.equal(m.detail.index);
    // Stripchat tips carry no id every page shares: the draw id comes from the tip's content and the commitment.
    expect(m.detail.spinId).to.match(/^m-[0-9a-f]{32}-1$/);
    expect(v.detail).to.include({ remote: true, verified: true });
    expect(o.detail).to.include({ remote: true, verified: true });
    expect(await verifySpin(v.detail.proof!, v.detail.items, { commitment: m.detail.proof!.commitment })).to.deep.equal({ ok: true });
    await viewer.updateComplete;
    expect(shadow(viewer).querySelector('[part="result"]')!.textContent).to.contain(m.detail.item.label);
    // The viewer's frame sent nothing to the room: the model's page spun.
    expect(viewerExts[0].callsOf('v1.ext.whisper')).to.have.length(0);
  });

  it('issue 13.3: a viewer whose payment does not go through sees no result', async () => {
    const { platforms } = await room(1, null);
    const [model, viewer] = await wheels(platforms, { price: '25' });
    await waitUntil(() => viewer.commitment === model.commitment && model.commitment !== undefined);
    const log = record(viewer);
    await click(viewer);
    await waitUntil(() => log.length > 0, 'refused', { timeout: 3000 });
    expect(log).to.deep.equal(['refused:not-paid']);
    await viewer.updateComplete;
    const line = shadow(viewer).querySelector('[part="result"]')!.textContent!;
    expect(line).to.contain('Not paid');
    expect(viewer.history).to.deep.equal([]);
    expect(model.history).to.deep.equal([]);
  });

  it('a payment confirmed after the wait timed out is money spent: the request turns pending and the spin plays', async () => {
    // The spend times out at 300 ms; Stripchat confirms at 500 ms.
    const { platforms } = await room(1, 500);
    const [model, viewer] = await wheels(platforms, { price: '25' });
    await waitUntil(() => viewer.commitment === model.commitment && model.commitment !== undefined);
    const log = record(viewer);
    const ended = oneEvent(viewer, 'onair-spin-end');
    await click(viewer);
    const end = await ended;
    expect(log.slice(0, 3)).to.deep.equal(['refused:not-paid', 'pending', `start:${end.detail.index}`]);
    expect(end.detail).to.include({ verified: true });
  });

  it('charges nothing when the model\u2019s wheel is not online', async () => {
    const { platforms, viewerExts } = await room(1);
    const [viewer] = await wheels([platforms[1]], { price: '25' });
    const log = record(viewer);
    await click(viewer);
    expect(log).to.deep.equal(['refused:no-authority']);
    expect(viewerExts[0].callsOf('v1.payment.tokens.spend')).to.have.length(0);
    await viewer.updateComplete;
    expect(shadow(viewer).querySelector('[part="result"]')!.textContent).to.contain('not online');
  });

  it('takes the price from the model\u2019s saved settings when the page sets none', async () => {
    const { platforms, modelExt, viewerExts } = await room(1);
    for (const ext of [modelExt, ...viewerExts]) ext.state.settings = { 'wheel-spinner': { price: 25 } };
    for (const platform of platforms) platform.reconnect();
    const [, viewer] = await wheels(platforms);
    await waitUntil(() => shadow(viewer).querySelector('[part="spin-button"]')!.textContent!.includes('25 tokens'));
  });

  it('spins once per payment, even when the host delivers the tip twice', async () => {
    const { platforms, modelExt } = await room(0);
    const [model] = await wheels(platforms, { price: '25' });
    await waitUntil(() => model.commitment !== undefined);
    const log = record(model);
    const tip = { tipData: tipData({ amount: 30, transactionId: 'trx_dup' }) };
    modelExt.emit('v1.tokens.spent', tip);
    modelExt.emit('v1.tokens.spent', tip);
    await oneEvent(model, 'onair-spin-end');
    await new Promise((r) => setTimeout(r, 400));
    expect(log.filter((e) => e.startsWith('start'))).to.have.length(1);
  });
});

/** A spin message that looks right but was made without the authority's seed. */
async function honestLooking(el: OnAirWheelSpinnerElement): Promise<SpinPayload> {
  const { hashSegments, newSeed } = await import('./fairness.js');
  const seed = newSeed();
  return {
    paymentId: 'trx_forged',
    seed,
    itemsHash: await hashSegments(el.segments),
    index: 0,
    startedAt: Date.now(),
    durationMs: 200,
    turns: 1,
  };
}

describe('fair wheel on Twitch', () => {
  it('the broadcaster\u2019s page spins for another viewer\u2019s Bits, and a viewer\u2019s page verifies it', async () => {
    const streamerFake = new FakeTwitchExt();
    const viewerFake = new FakeTwitchExt();
    const streamer = new TwitchPlatform({ ext: streamerFake.ext, search: '', sendIntervalMs: 0 });
    const viewer = new TwitchPlatform({ ext: viewerFake.ext, search: '', sendIntervalMs: 0 });
    disposables.push(streamer, viewer);
    for (const fake of [streamerFake, viewerFake]) {
      fake.products = [product('spin', 100, 'Spin the wheel'), product('big', 500)];
      fake.setBitsEnabled(true);
    }
    streamerFake.authorize({ role: 'broadcaster', userId: '1234', opaqueUserId: 'U1234' });
    viewerFake.authorize({ role: 'viewer', userId: '5678' });
    const [onStream, onViewer] = await wheels([streamer, viewer], { item: 'spin' });
    await waitUntil(() => onStream.commitment !== undefined && streamerFake.sent.length > 0, 'the commitment is published');
    // PubSub carries the broadcaster's messages to the viewer's page.
    const forward = () => streamerFake.sent.splice(0).forEach((m) => viewerFake.deliver(m.message, m.target, m.contentType));
    forward();
    await waitUntil(() => onViewer.commitment === onStream.commitment);
    const ended = oneEvent(onStream, 'onair-spin-end');
    // Twitch tells every page of the channel about the transaction.
    const purchase = { initiator: 'other', product: product('spin', 100), transactionId: 'tx-other-1', userId: '999', displayName: 'Other' } as const;
    viewerFake.completeTransaction(purchase);
    streamerFake.completeTransaction(purchase);
    const end = await ended;
    expect(end.detail.spinId).to.equal('tx-other-1');
    const sent = [...streamerFake.sent];
    expect(sent.every((m) => new TextEncoder().encode(m.message).length < 5 * 1024)).to.equal(true);
    const following = oneEvent(onViewer, 'onair-spin-end');
    forward();
    const followed = await following;
    expect(followed.detail).to.include({ index: end.detail.index, verified: true });
    expect(followed.detail.proof).to.deep.equal(end.detail.proof);
  });

  it('bound to a product, spins only for that product, whatever other purchases cost', async () => {
    const fake = new FakeTwitchExt();
    const streamer = new TwitchPlatform({ ext: fake.ext, search: '', sendIntervalMs: 0 });
    disposables.push(streamer);
    fake.products = [product('spin', 100), product('big', 500)];
    fake.setBitsEnabled(true);
    fake.authorize({ role: 'broadcaster', userId: '1234', opaqueUserId: 'U1234' });
    const [el] = await wheels([streamer], { item: 'spin' });
    await waitUntil(() => el.commitment !== undefined);
    const log = record(el);
    fake.completeTransaction({ initiator: 'other', product: product('big', 500), transactionId: 'tx-big', userId: '999' });
    const ended = oneEvent(el, 'onair-spin-end');
    fake.completeTransaction({ initiator: 'other', product: product('spin', 100), transactionId: 'tx-spin', userId: '999' });
    expect((await ended).detail.spinId).to.equal('tx-spin');
    expect(log.filter((e) => e.startsWith('start'))).to.have.length(1);
  });

  it('a viewer\u2019s Bits purchase buys a spin: pending, then the broadcaster\u2019s spin with that transaction', async () => {
    const streamerFake = new FakeTwitchExt();
    const viewerFake = new FakeTwitchExt();
    const streamer = new TwitchPlatform({ ext: streamerFake.ext, search: '', sendIntervalMs: 0 });
    const viewer = new TwitchPlatform({ ext: viewerFake.ext, search: '', sendIntervalMs: 0 });
    disposables.push(streamer, viewer);
    for (const fake of [streamerFake, viewerFake]) {
      fake.products = [product('spin', 100, 'Spin the wheel')];
      fake.setBitsEnabled(true);
    }
    streamerFake.authorize({ role: 'broadcaster', userId: '1234', opaqueUserId: 'U1234' });
    viewerFake.authorize({ role: 'viewer', userId: '5678' });
    const [onStream, onViewer] = await wheels([streamer, viewer], { item: 'spin' });
    const forward = () => streamerFake.sent.splice(0).forEach((m) => viewerFake.deliver(m.message, m.target, m.contentType));
    await waitUntil(() => streamerFake.sent.length > 0);
    forward();
    await waitUntil(() => onViewer.commitment === onStream.commitment);
    const log = record(onViewer);
    await click(onViewer);
    expect(viewerFake.useBitsCalls).to.deep.equal(['spin']);
    // Twitch tells every page of the channel about the transaction.
    viewerFake.completeTransaction({ transactionId: 'tx-mine', userId: '5678' });
    streamerFake.completeTransaction({ initiator: 'other', product: product('spin', 100), transactionId: 'tx-mine', userId: '5678' });
    await waitUntil(() => log.includes('pending'));
    await oneEvent(onStream, 'onair-spin-end');
    const ended = oneEvent(onViewer, 'onair-spin-end');
    forward();
    expect((await ended).detail.spinId).to.equal('tx-mine');
    await onViewer.updateComplete;
    expect(shadow(onViewer).querySelector('[part="result"]')!.textContent).to.match(/^Result: /);
  });
});

describe('fair wheel: one lead per room in a browser', () => {
  it('of two broadcaster pages (panel and overlay), one leads; the other takes over, same chain, when it goes', async () => {
    const fakes = [new FakeTwitchExt(), new FakeTwitchExt()];
    const pages = fakes.map((fake) => new TwitchPlatform({ ext: fake.ext, search: '', sendIntervalMs: 0 }));
    disposables.push(...pages);
    for (const fake of fakes) {
      fake.products = [product('spin', 100)];
      fake.setBitsEnabled(true);
      fake.authorize({ role: 'broadcaster', userId: '1234', opaqueUserId: 'U1234' });
    }
    const both = await wheels(pages, { item: 'spin' });
    await waitUntil(() => both.some((w) => w.isAuthority) && both.every((w) => w.commitment !== undefined || !w.isAuthority));
    const leader = both.find((w) => w.isAuthority)!;
    const other = both.find((w) => w !== leader)!;
    expect(other.isAuthority).to.equal(false);
    const logs = both.map(record);
    const ended = oneEvent(leader, 'onair-spin-end');
    // Twitch tells both pages about the same transaction.
    for (const fake of fakes) fake.completeTransaction({ initiator: 'other', product: product('spin', 100), transactionId: 'tx-both', userId: '999' });
    await ended;
    await new Promise((r) => setTimeout(r, 300));
    expect(logs.flat().filter((e) => e.startsWith('start'))).to.have.length(1);
    const next = leader.commitment;
    leader.closest('onair-platform')!.remove();
    await waitUntil(() => other.isAuthority && other.commitment === next, 'the other page takes over the chain');
  });
});

describe('fair wheel on Streamer.bot', () => {
  const sb = <T>(command: string, payload?: Record<string, unknown>) => executeServerCommand(command, payload) as Promise<T>;

  async function connect() {
    const server = await sb<{ id: string; port: number }>('sb-start', {});
    const platform = createStreamerbotPlatform({ port: String(server.port) });
    disposables.push(platform);
    await waitUntil(() => platform['status'].getValue().state === 'connected', 'connected', { timeout: 4000 });
    return { server, platform };
  }

  function cheer(bits: number, msgId: string) {
    return { message: { msgId, userId: '42', username: 'fan', displayName: 'Fan', message: 'spin!', bits, isAnonymous: false } };
  }

  after(() => sb('sb-stop-all'));

  it('the OBS page spins on a cheer of at least the price, once per cheer, and continues its chain after a reload', async () => {
    const { server, platform } = await connect();
    const [el] = await wheels([platform], { price: '100', currency: 'bits', source: 'twitch' });
    await waitUntil(() => el.commitment !== undefined);
    expect(el.isAuthority).to.equal(true);
    const log = record(el);
    await sb('sb-event', { id: server.id, source: 'Twitch', type: 'Cheer', data: cheer(50, 'small-cheer') });
    await sb('sb-event', { id: server.id, source: 'StreamElements', type: 'Tip', data: { id: 'se-1', username: 'x', amount: 500, currency: 'USD', message: '' } });
    const ended = oneEvent(el, 'onair-spin-end');
    await sb('sb-event', { id: server.id, source: 'Twitch', type: 'Cheer', data: cheer(150, 'big-cheer') });
    const end = await ended;
    expect(end.detail.spinId).to.equal('big-cheer');
    expect(log.filter((e) => e.startsWith('start'))).to.have.length(1);
    await el.updateComplete;
    // Viewers of the stream can compare what the wheel showed with the proof.
    el.showProof = true;
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="commitment"]')!.textContent).to.contain(end.detail.proof!.seed.slice(0, 8));
    const next = el.commitment;
    // The OBS page reloads: the same chain goes on.
    el.closest('div')!.remove();
    const [again] = await wheels([platform], { price: '100', currency: 'bits', source: 'twitch' });
    await waitUntil(() => again.commitment !== undefined);
    expect(again.commitment).to.equal(next);
  });
});

describe('fair wheel on Streamer.bot: channel-point redemptions', () => {
  const sb = <T>(command: string, payload?: Record<string, unknown>) => executeServerCommand(command, payload) as Promise<T>;
  after(() => sb('sb-stop-all'));

  it('spins once per redemption of the named reward, sent by the streamer\u2019s action through the relay', async () => {
    const server = await sb<{ id: string; port: number }>('sb-start', {});
    const platform = createStreamerbotPlatform({ port: String(server.port) });
    disposables.push(platform);
    await waitUntil(() => platform['status'].getValue().state === 'connected', 'connected', { timeout: 4000 });
    const root = await fixture<HTMLElement>(html`<onair-platform .adapter=${platform}>
      <onair-wheel-spinner .items=${ITEMS} duration="100" turns="1" redemption="Spin the wheel" controls="none"></onair-wheel-spinner>
    </onair-platform>`);
    const el = root.querySelector<OnAirWheelSpinnerElement>('onair-wheel-spinner')!;
    await waitUntil(() => el.commitment !== undefined);
    const log = record(el);
    const request = (paymentId: string, reward: string) =>
      sb('sb-event', { id: server.id, source: 'General', type: 'Custom', data: { onair: 1, type: 'wheel.request', sentAt: Date.now(), payload: { paymentId, reward } } });
    await request('red-other', 'Hydrate');
    const ended = oneEvent(el, 'onair-spin-end');
    await request('red-1', 'Spin the wheel');
    expect((await ended).detail.spinId).to.equal('red-1');
    await request('red-1', 'Spin the wheel');
    await new Promise((r) => setTimeout(r, 300));
    expect(log.filter((e) => e.startsWith('start'))).to.have.length(1);
  });

  it('refuses spin requests on hosts where the room is not the streamer\u2019s own tooling', async () => {
    const platform = quietDemo();
    disposables.push(platform);
    const [el] = await wheels([platform]);
    el.redemption = 'Spin the wheel';
    await waitUntil(() => el.commitment !== undefined);
    const log = record(el);
    platform.receiveRoomMessage({ type: 'wheel.request', payload: { paymentId: 'x1', reward: 'Spin the wheel' }, from: 'viewer', sentAt: Date.now() });
    await new Promise((r) => setTimeout(r, 300));
    expect(log).to.deep.equal([]);
  });
});

describe('fair wheel on the demo', () => {
  it('the page is its own authority: a tip of at least the price spins, a smaller one does not', async () => {
    const platform = quietDemo();
    disposables.push(platform);
    const [el] = await wheels([platform], { price: '50' });
    expect(el.isAuthority).to.equal(true);
    await waitUntil(() => el.commitment !== undefined);
    const log = record(el);
    platform.fireTip({ id: 'demo-small', amount: 10, currency: 'tokens' });
    platform.fireTip({ id: 'demo-bits', amount: 500, currency: 'bits' });
    const ended = oneEvent(el, 'onair-spin-end');
    platform.fireTip({ id: 'demo-big', amount: 50, currency: 'tokens' });
    expect((await ended).detail.spinId).to.equal('demo-big');
    expect(log.filter((e) => e.startsWith('start'))).to.have.length(1);
  });

  it('one payment buys one spin page-wide, even with two wheels that would both take it', async () => {
    const platform = quietDemo();
    disposables.push(platform);
    const root = await fixture<HTMLElement>(html`<onair-platform .adapter=${platform}>
      <onair-wheel-spinner wheel="one" .items=${ITEMS} duration="100" price="50"></onair-wheel-spinner>
      <onair-wheel-spinner wheel="two" .items=${ITEMS} duration="100" price="50"></onair-wheel-spinner>
    </onair-platform>`);
    const both = Array.from(root.querySelectorAll<OnAirWheelSpinnerElement>('onair-wheel-spinner'));
    await waitUntil(() => both.every((w) => w.commitment !== undefined));
    const logs = both.map(record);
    platform.fireTip({ id: 'demo-once', amount: 80, currency: 'tokens' });
    await waitUntil(() => logs.flat().some((e) => e.startsWith('end')));
    await new Promise((r) => setTimeout(r, 300));
    expect(logs.flat().filter((e) => e.startsWith('start'))).to.have.length(1);
  });

  it('a demo viewer pays and waits; the demo streamer\u2019s wheel spins for that payment', async () => {
    const streamer = quietDemo();
    const viewer = quietDemo({ role: 'viewer' });
    disposables.push(streamer, viewer);
    // One simulated room: the viewer's payment reaches the streamer as a tip, spins come back.
    const pay = viewer.requestTip.bind(viewer);
    viewer.requestTip = async (item) => {
      const result = await pay(item);
      if (result.status === 'success') streamer.fireTip({ id: result.transactionId, amount: item.price, currency: item.currency, user: { id: 'demo-you', name: 'You' } });
      return result;
    };
    const send = streamer.broadcast.bind(streamer);
    streamer.broadcast = async (msg) => {
      await send(msg);
      viewer.receiveRoomMessage({ ...msg, from: streamer.clientId, sentAt: Date.now() });
    };
    const [onStream, onViewer] = await wheels([streamer, viewer], { price: '50' });
    await waitUntil(() => onViewer.commitment !== undefined && onViewer.commitment === onStream.commitment);
    const log = record(onViewer);
    const ended = oneEvent(onViewer, 'onair-spin-end');
    await click(onViewer);
    await waitUntil(() => log.includes('pending'));
    const end = await ended;
    expect(end.detail.remote).to.equal(true);
    await onViewer.updateComplete;
    expect(shadow(onViewer).querySelector('[part="result"]')!.textContent).to.contain(end.detail.item.label);
  });
});
