/**
 * Twitch pages with `backend=`: the REAL backend (`ebs/app.mjs`, started by test/servers/ebs-server.mjs
 * with a fake Helix on 127.0.0.1 and JWTs signed by a test secret) and the fake Twitch helper. What
 * the backend sends on PubSub is read from the fake Helix and delivered to the pages' helpers, as
 * Twitch would.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { FakeTwitchExt, product } from '../../test/fakes/twitch-ext.js';
import { nothingWithin } from '../../test/wait.js';
import type { PlatformError } from '../model.js';
import { createTwitchPlatform, TwitchPlatform } from './twitch-platform.js';
import { STORAGE_PREFIX, type OnAirWheelSpinnerElement } from '../../components/wheel-spinner/wheel-spinner.js';
import '../../components/platform/platform.js';
import '../../components/leaderboard/leaderboard.js';
import '../../components/viewer-counter/viewer-counter.js';
import '../../components/wheel-spinner/wheel-spinner.js';
import { election } from '../../components/wheel-spinner/wheel-room.js';

const cmd = <T>(command: string, payload: Record<string, unknown> = {}) => executeServerCommand(command, payload) as Promise<T>;

interface Page {
  fake: FakeTwitchExt;
  platform: TwitchPlatform;
  token: string;
  errors: PlatformError[];
  authorize(): void;
}

let backend: { id: string; url: string };
let channels = 0;
let disposables: { dispose(): void }[] = [];
/** Every backend URL the page fetched, once its answer came. */
const fetched: string[] = [];
/** Every backend URL whose answer the page read, one task after the read (so after it was applied). */
const applied: string[] = [];
const pageFetch = window.fetch;

before(() => {
  window.fetch = async (input, init) => {
    const response = await pageFetch(input, init);
    fetched.push(String(input));
    const json = response.json.bind(response);
    response.json = () => json().finally(() => setTimeout(() => applied.push(String(input))));
    return response;
  };
});
after(() => {
  window.fetch = pageFetch;
});

// Starting and stopping a backend (a process-wide server, a fake Twitch, a store folder) is slow on
// a busy machine: the hooks get the time a test file's setup may need.
before(async function () {
  this.timeout(30_000);
  backend = await cmd('ebs-start', { origin: location.origin });
});
after(async function () {
  this.timeout(30_000);
  await cmd('ebs-stop', { id: backend.id });
});
afterEach(() => {
  disposables.splice(0).forEach((d) => d.dispose());
  for (const key of Object.keys(localStorage)) if (key.startsWith(STORAGE_PREFIX)) localStorage.removeItem(key);
});

/** A channel of its own per test: the backend keeps every board and request. */
function channel(): string {
  channels += 1;
  return String(7000 + channels + Math.floor(Math.random() * 1000) * 100);
}

async function page(channelId: string, role: 'broadcaster' | 'viewer', userId: string, backendUrl: string | null = backend.url): Promise<Page> {
  const fake = new FakeTwitchExt();
  const { token } = await cmd<{ token: string }>('ebs-token', { id: backend.id, channelId, userId, role });
  const platform = new TwitchPlatform({ ext: fake.ext, search: '', sendIntervalMs: 0, ...(backendUrl ? { backend: backendUrl } : {}) });
  disposables.push(platform);
  fake.products = [product('cheer100', 100), product('spin', 200)];
  fake.setBitsEnabled(true);
  const errors: PlatformError[] = [];
  platform.errors$.subscribe((e) => errors.push(e));
  return { fake, platform, token, errors, authorize: () => fake.authorize({ role, userId, opaqueUserId: `U${userId}`, channelId, token }) };
}

function buy(channelId: string, transactionId: string, userId: string, sku = 'cheer100', amount = 100, extra: Record<string, unknown> = {}) {
  return cmd<{ receipt: string }>('ebs-buy', { id: backend.id, transactionId, channelId, userId, sku, amount, ...extra });
}

const bitsAnswers = async () => (await cmd<{ bits: number[] }>('ebs-calls', { id: backend.id })).bits;

/** What the backend sent on the channel's broadcast topic, from the `from`th message on. */
async function pubsub(channelId: string): Promise<string[]> {
  return (await cmd<{ messages: string[] }>('ebs-pubsub', { id: backend.id, channelId })).messages;
}

async function forward(channelId: string, fake: FakeTwitchExt, match: (envelope: { type: string; from: string; payload: any }) => boolean) {
  let found: string[] = [];
  await waitUntil(async () => {
    found = (await pubsub(channelId)).filter((m) => match(JSON.parse(m)));
    return found.length > 0;
  }, 'the backend sent the message on PubSub', { timeout: 5000 });
  for (const message of found) fake.deliver(message);
  return found;
}

function rows(board: HTMLElement): string[] {
  return Array.from(board.shadowRoot!.querySelectorAll('[part="row"]')).map((row) => `${row.querySelector('[part="name"]')!.textContent}:${row.getAttribute('data-user')}`);
}

/** Every piece of a JWT long enough to identify it. */
function pieces(jwt: string): string[] {
  return [jwt, ...jwt.split('.').filter((part) => part.length >= 16)];
}

/** The answers to POST /v1/bits since `before` answers had been seen. */
async function newAnswers(before: number): Promise<number[]> {
  return (await bitsAnswers()).slice(before);
}

describe('Twitch with backend=: purchases', () => {
  it('posts this viewer\u2019s receipt once, and the board shows the backend\u2019s snapshot', async () => {
    const id = channel();
    const viewer = await page(id, 'viewer', '5678');
    const el = await fixture<HTMLElement>(html`<onair-platform .adapter=${viewer.platform}><onair-leaderboard window="all"></onair-leaderboard></onair-platform>`);
    const board = el.querySelector('onair-leaderboard')!;
    viewer.authorize();
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, 'tx-count-1', '5678');
    viewer.fake.completeTransaction({ product: product('cheer100', 100), transactionId: 'tx-count-1', userId: '5678', displayName: 'Fan', transactionReceipt: receipt });
    // Another page of the channel hears of someone else's purchase: it posts nothing.
    viewer.fake.completeTransaction({ initiator: 'other', product: product('cheer100', 100), transactionId: 'tx-count-2', userId: '999', transactionReceipt: receipt });
    await waitUntil(async () => (await newAnswers(seen)).length > 0, 'the receipt is posted', { timeout: 5000 });
    await forward(id, viewer.fake, (e) => e.type === 'leaderboard' && e.payload.window === 'all' && e.payload.entries.length > 0);
    await waitUntil(() => rows(board).length > 0, 'the backend snapshot is shown');
    // The name Twitch's record gives (Helix), not the one the local transaction carried.
    expect(rows(board)).to.deep.equal(['User5678:5678']);
    expect(await newAnswers(seen)).to.deep.equal([200]);
    expect(viewer.errors.filter((e) => e.code.startsWith('receipt'))).to.deep.equal([]);
  });

  it('posts again when the backend says the purchase is pending, and stops once it is counted', async () => {
    const id = channel();
    const viewer = await page(id, 'viewer', '5678');
    viewer.authorize();
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, 'tx-pending', '5678', 'cheer100', 100, { known: false });
    viewer.fake.completeTransaction({ product: product('cheer100', 100), transactionId: 'tx-pending', userId: '5678', transactionReceipt: receipt });
    await waitUntil(async () => (await newAnswers(seen)).includes(202), 'the backend answers pending', { timeout: 5000 });
    await cmd('ebs-know', { id: backend.id, transactionId: 'tx-pending', channelId: id, userId: '5678', sku: 'cheer100', amount: 100 });
    await waitUntil(async () => (await newAnswers(seen)).includes(200), 'the retry is counted', { timeout: 8000 });
    await nothingWithin(300, 'a post after the counted one would reach the backend by then');
    expect(await newAnswers(seen)).to.deep.equal([202, 200]);
  }).timeout(15_000);

  it('reports a refused receipt with its code, once, without the token or the receipt', async () => {
    const id = channel();
    const viewer = await page(id, 'viewer', '5678');
    const el = await fixture<HTMLElement>(html`<onair-platform .adapter=${viewer.platform}><onair-leaderboard window="all"></onair-leaderboard></onair-platform>`);
    viewer.authorize();
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, 'tx-forged', '5678', 'cheer100', 100, { forged: true });
    viewer.fake.completeTransaction({ product: product('cheer100', 100), transactionId: 'tx-forged', userId: '5678', transactionReceipt: receipt });
    await waitUntil(() => viewer.errors.some((e) => e.code === 'receipt-refused'), 'the refusal is reported', { timeout: 5000 });
    await nothingWithin(500, 'a second post of the refused receipt would reach the backend by then');
    expect(await newAnswers(seen)).to.deep.equal([403]);
    const refused = viewer.errors.filter((e) => e.code === 'receipt-refused');
    expect(refused).to.have.length(1);
    expect(refused[0].message).to.include('receipt_invalid');
    const everything = JSON.stringify(viewer.errors) + el.innerHTML + el.querySelector('onair-leaderboard')!.shadowRoot!.innerHTML;
    for (const secret of [...pieces(viewer.token), ...pieces(receipt)]) expect(everything).not.to.include(secret);
  });

  it('posts again with the token Twitch renews when the backend refused an expired one', async () => {
    const id = channel();
    const { token: expired } = await cmd<{ token: string }>('ebs-token', { id: backend.id, channelId: id, userId: '5678', role: 'viewer', expS: -60 });
    const viewer = await page(id, 'viewer', '5678');
    viewer.fake.authorize({ role: 'viewer', userId: '5678', opaqueUserId: 'U5678', channelId: id, token: expired });
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, 'tx-renewed', '5678');
    viewer.fake.completeTransaction({ product: product('cheer100', 100), transactionId: 'tx-renewed', userId: '5678', transactionReceipt: receipt });
    await waitUntil(async () => (await newAnswers(seen)).includes(401), 'the expired token is refused', { timeout: 5000 });
    viewer.authorize();
    await waitUntil(async () => (await newAnswers(seen)).includes(200), 'posted again with the new token', { timeout: 5000 });
    expect(await newAnswers(seen)).to.deep.equal([401, 200]);
    const reported = JSON.stringify(viewer.errors);
    for (const secret of [...pieces(expired), ...pieces(viewer.token), ...pieces(receipt)]) expect(reported).not.to.include(secret);
  });

  it('without backend=, posts nothing and leaves the board to PubSub, as before', async () => {
    const id = channel();
    const viewer = await page(id, 'viewer', '5678', null);
    viewer.authorize();
    expect(viewer.platform.capabilities.has('leaderboardStore')).to.equal(false);
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, 'tx-nobackend', '5678');
    viewer.fake.completeTransaction({ product: product('cheer100', 100), transactionId: 'tx-nobackend', userId: '5678', transactionReceipt: receipt });
    const before = fetched.length;
    await nothingWithin(300, 'without a backend, a post would have been made by then');
    expect(await newAnswers(seen)).to.deep.equal([]);
    expect(fetched.slice(before)).to.deep.equal([]);
  });
});

describe('Twitch backend= option', () => {
  it('takes an https origin (localhost while developing) and reports anything else, using no backend then', () => {
    for (const [value, used] of [
      ['https://ebs.example.com/', true],
      ['http://ebs.example.com', false],
      ['javascript:alert(1)', false],
    ] as const) {
      const platform = createTwitchPlatform({ ext: new FakeTwitchExt().ext, search: '', backend: value });
      disposables.push(platform);
      const errors: PlatformError[] = [];
      platform.errors$.subscribe((e) => errors.push(e));
      expect(platform.capabilities.has('leaderboardStore'), value).to.equal(used);
      expect(errors.map((e) => e.code), value).to.deep.equal(used ? [] : ['invalid-option']);
    }
  });
});

describe('Twitch with backend=: what a page that loads sees', () => {
  it('a viewer who joins late reads the board over HTTP', async () => {
    const id = channel();
    const buyer = await page(id, 'viewer', '5678');
    buyer.authorize();
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, 'tx-late-1', '5678', 'cheer500', 500);
    buyer.fake.completeTransaction({ product: product('cheer500', 500), transactionId: 'tx-late-1', userId: '5678', transactionReceipt: receipt });
    await waitUntil(async () => (await newAnswers(seen)).includes(200), 'counted', { timeout: 5000 });

    const late = await page(id, 'viewer', '4242');
    const el = await fixture<HTMLElement>(html`<onair-platform .adapter=${late.platform}><onair-leaderboard window="7d"></onair-leaderboard></onair-platform>`);
    const board = el.querySelector('onair-leaderboard')!;
    late.authorize();
    await waitUntil(() => rows(board).length > 0, 'the board is read from the backend', { timeout: 5000 });
    expect(rows(board)).to.deep.equal(['User5678:5678']);
  });

  it('keeps a PubSub snapshot that came before the HTTP answer', async () => {
    const id = channel();
    const buyer = await page(id, 'viewer', '5678');
    buyer.authorize();
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, 'tx-race', '5678');
    buyer.fake.completeTransaction({ product: product('cheer100', 100), transactionId: 'tx-race', userId: '5678', transactionReceipt: receipt });
    await waitUntil(async () => (await newAnswers(seen)).includes(200), 'counted', { timeout: 5000 });

    const late = await page(id, 'viewer', '4242');
    const el = await fixture<HTMLElement>(html`<onair-platform .adapter=${late.platform}><onair-leaderboard window="30d"></onair-leaderboard></onair-platform>`);
    const board = el.querySelector('onair-leaderboard')!;
    // A newer snapshot arrives on PubSub before Twitch authorizes the page (so before the read).
    const newer = { onair: 1, type: 'leaderboard', from: 'ebs.leaderboard.30d', seq: Date.now() + 10_000, sentAt: Date.now(), payload: { window: '30d', entries: [{ userId: '77', name: 'Newer', total: 900, firstAt: new Date().toISOString() }] } };
    late.fake.deliver(JSON.stringify(newer));
    late.authorize();
    await waitUntil(() => applied.some((url) => url.includes('/v1/leaderboard?window=30d')), 'the board is read', { timeout: 5000 });
    await board.updateComplete;
    expect(rows(board)).to.deep.equal(['Newer:77']);
  });

  it('shows the viewer count the backend pushes', async () => {
    const id = channel();
    const viewer = await page(id, 'viewer', '5678');
    const el = await fixture<HTMLElement>(html`<onair-platform .adapter=${viewer.platform}><onair-viewer-counter></onair-viewer-counter></onair-platform>`);
    const counter = el.querySelector('onair-viewer-counter')!;
    viewer.authorize();
    await cmd('ebs-viewers', { id: backend.id, channelId: id, viewers: 1234 });
    await forward(id, viewer.fake, (e) => e.type === 'viewers' && e.from === 'ebs.viewers');
    await waitUntil(() => counter.shadowRoot!.querySelector('[part="count"]')?.textContent?.replace(/\D/g, '') === '1234', 'the count is shown', { timeout: 5000 });
  });
});

describe('Twitch with backend=: paid wheel spins', () => {
  // One broadcaster page per test: its paid spins need no election window (wheel-spinner.test.ts tests that).
  const { windowMs } = election;
  beforeEach(() => (election.windowMs = 0));
  after(() => (election.windowMs = windowMs));

  async function streamerWheel(id: string) {
    const streamer = await page(id, 'broadcaster', '1111');
    const el = await fixture<HTMLElement>(html`<onair-platform .adapter=${streamer.platform}>
      <onair-wheel-spinner .items=${[{ label: 'A' }, { label: 'B' }, { label: 'C' }]} duration="100" turns="1" item="spin"></onair-wheel-spinner>
    </onair-platform>`);
    const wheel = el.querySelector<OnAirWheelSpinnerElement>('onair-wheel-spinner')!;
    const spins: string[] = [];
    wheel.addEventListener('onair-spin-start', (e) => spins.push(e.detail.spinId));
    return { streamer, wheel, spins };
  }

  async function paidSpin(id: string, transactionId: string) {
    const buyer = await page(id, 'viewer', '5678');
    buyer.authorize();
    const seen = (await bitsAnswers()).length;
    const { receipt } = await buy(id, transactionId, '5678', 'spin', 200);
    buyer.fake.completeTransaction({ product: product('spin', 200), transactionId, userId: '5678', transactionReceipt: receipt });
    await waitUntil(async () => (await newAnswers(seen)).includes(200), 'the spin is paid', { timeout: 5000 });
  }

  it('the broadcaster\u2019s wheel spins once per payment the backend verified: PubSub twice, then again over HTTP after a gap', async () => {
    const id = channel();
    const { streamer, wheel, spins } = await streamerWheel(id);
    streamer.authorize();
    await waitUntil(() => wheel.isAuthority && wheel.commitment !== undefined, 'the wheel leads');

    await paidSpin(id, 'tx-spin-1');
    const ended = oneEvent(wheel, 'onair-spin-end');
    const sent = await forward(id, streamer.fake, (e) => e.type === 'wheel.request' && e.payload.paymentId === 'tx-spin-1');
    for (const message of sent) streamer.fake.deliver(message);
    await ended;
    // A second purchase whose PubSub message is lost; the page was hidden meanwhile.
    streamer.fake.setVisible(false);
    await paidSpin(id, 'tx-spin-2');
    const second = oneEvent(wheel, 'onair-spin-end');
    streamer.fake.setVisible(true);
    expect((await second).detail.spinId).to.equal('tx-spin-2');
    await nothingWithin(500, 'a second spin of tx-spin-1 would start by then');
    // The read after the gap listed tx-spin-1 too: it is not spun again.
    expect(spins).to.deep.equal(['tx-spin-1', 'tx-spin-2']);
  });

  it('a broadcaster page that loads reads the spins paid while it was away, even before its wheel leads', async () => {
    const id = channel();
    await paidSpin(id, 'tx-away');
    // Another page of the streamer's holds the wheel's lead (its stored chain is keyed by host and wheel) until the read has been answered.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      void navigator.locks.request(`${STORAGE_PREFIX}twitch.`, () => {
        resolve();
        return new Promise<void>((done) => (release = done));
      });
    });
    await held;
    const { streamer, wheel, spins } = await streamerWheel(id);
    const ended = oneEvent(wheel, 'onair-spin-end');
    const before = fetched.length;
    streamer.authorize();
    await waitUntil(() => fetched.slice(before).some((url) => url.includes('/v1/wheel/requests')), 'the requests are read', { timeout: 5000 });
    await nothingWithin(100, 'a wheel that took the lead anyway would say so by then');
    expect(wheel.isAuthority).to.equal(false);
    release();
    expect((await ended).detail.spinId).to.equal('tx-away');
    expect(spins).to.deep.equal(['tx-away']);
  });

  it('spins only for the wheel\u2019s product, at its price, and not for a request paid long ago', async () => {
    const id = channel();
    const { streamer, wheel, spins } = await streamerWheel(id);
    streamer.authorize();
    await waitUntil(() => wheel.isAuthority && wheel.commitment !== undefined, 'the wheel leads');
    let seq = Date.now() + 60_000;
    const send = (payload: Record<string, unknown>, sentAt = Date.now()) =>
      streamer.fake.deliver(JSON.stringify({ onair: 1, type: 'wheel.request', from: 'ebs.wheel', seq: ++seq, sentAt, payload: { userId: '5678', name: 'Fan', ...payload } }));
    send({ paymentId: 'tx-other-product', sku: 'cheer100', amount: 500 });
    send({ paymentId: 'tx-long-ago', sku: 'spin', amount: 200 }, Date.now() - 60 * 60_000);
    send({ paymentId: 'tx-malformed', sku: 'spin', amount: -1 });
    const ended = oneEvent(wheel, 'onair-spin-end');
    send({ paymentId: 'tx-right', sku: 'spin', amount: 200 });
    expect((await ended).detail.spinId).to.equal('tx-right');
    await nothingWithin(300, 'a spin for a refused request would start by then');
    expect(spins).to.deep.equal(['tx-right']);
    expect(streamer.errors.filter((e) => e.code === 'invalid-payload')).to.have.length(1);
  });

  it('refuses a wheel.request that does not come from the backend', async () => {
    const id = channel();
    const { streamer, wheel, spins } = await streamerWheel(id);
    streamer.authorize();
    await waitUntil(() => wheel.isAuthority && wheel.commitment !== undefined, 'the wheel leads');
    // A viewer cannot send on the broadcast topic: onair refuses, and so would Twitch.
    const viewer = await page(id, 'viewer', '5678');
    viewer.authorize();
    const request = { paymentId: 'tx-fake', userId: '5678', name: 'Cheat', sku: 'spin', amount: 200 };
    await viewer.platform.broadcast({ type: 'wheel.request', payload: request });
    expect(viewer.errors.map((e) => e.code)).to.include('unsupported');
    expect(viewer.fake.sent).to.deep.equal([]);
    // Whatever reaches the broadcast topic under another sender's name is dropped and reported.
    streamer.fake.deliver(JSON.stringify({ onair: 1, type: 'wheel.request', from: 'U5678', seq: 1, sentAt: Date.now(), payload: request }));
    await waitUntil(() => streamer.errors.some((e) => e.code === 'untrusted-sender'), 'reported');
    await nothingWithin(300, 'a spin for the untrusted request would start by then');
    expect(spins).to.deep.equal([]);
  });
});
