/**
 * onair inside a Twitch extension frame served the way Twitch serves it: this test page plays
 * Twitch's page (FakeTwitchParent, speaking the helper's postMessage protocol) and each iframe loads
 * a helper that behaves like Twitch's (last callback wins, `transactionId`), page code of its own
 * that registers helper callbacks, and onair.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { FakeTwitchParent } from '../fakes/twitch-parent.js';
import type { FakeAuth } from '../fakes/twitch-ext.js';
import type { TwitchFrameRecord } from './frame.js';

interface Frame {
  iframe: HTMLIFrameElement;
  win: Window;
  record: () => TwitchFrameRecord;
}

const opened: HTMLIFrameElement[] = [];
let parent: FakeTwitchParent;

async function openFrame(query: Record<string, string> = {}, auth: Partial<FakeAuth> = {}): Promise<Frame> {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  opened.push(iframe);
  const win = parent.addFrame(iframe, auth);
  const search = new URLSearchParams({ anchor: 'panel', mode: 'viewer', platform: 'web', state: 'testing', language: 'en', locale: 'en-US', ...query });
  iframe.src = `/test/twitch/frame.html?${search}`;
  const record = () => (win as Window & { onairTwitch?: TwitchFrameRecord }).onairTwitch as TwitchFrameRecord;
  await waitUntil(() => record()?.platform, 'the frame has a platform', { timeout: 20_000 });
  return { iframe, win, record };
}

async function openReady(query: Record<string, string> = {}, auth: Partial<FakeAuth> = {}): Promise<Frame> {
  const frame = await openFrame(query, auth);
  await waitUntil(() => frame.record().status.at(-1)?.state === 'connected', 'onair is connected', { timeout: 10_000 });
  await waitUntil(() => frame.record().tipMenu.at(-1)?.enabled === true, 'the Bits products are on the menu', { timeout: 10_000 });
  return frame;
}

const pageCalls = (frame: Frame, kind: string) => frame.record().page[kind]?.length ?? 0;

describe('Twitch frame served like Twitch serves it', function () {
  this.timeout(40_000);

  beforeEach(() => {
    parent = new FakeTwitchParent();
  });

  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    parent.dispose();
  });

  it('follows the bootstrap order: loaded, then auth, context, visibility and Bits products', async () => {
    const frame = await openReady();
    const actions = parent.received.filter((entry) => entry.frame === frame.win).map((entry) => entry.action);
    expect(actions[0]).to.equal('twitch-ext-loaded');
    const record = frame.record();
    expect(record.context.at(-1)).to.deep.include({ role: 'viewer', theme: 'light', channel: { id: '1234' }, user: { id: '5678' } });
    expect(record.tipMenu.at(-1)!.items.map((item) => [item.id, item.price])).to.deep.equal([['small', 100], ['big', 10_000]]);
    expect(record.errors).to.deep.equal([]);
  });

  for (const order of ['before', 'after'] as const) {
    it(`runs both the page's callbacks and onair's when the page registers ${order} onair`, async () => {
      const frame = await openReady({ page: order });
      await waitUntil(() => pageCalls(frame, 'authorized') > 0 && pageCalls(frame, 'context') > 0, 'the page heard auth and context');
      parent.setContext({ theme: 'dark' });
      await waitUntil(() => frame.record().context.at(-1)?.theme === 'dark', 'onair hears the new context');
      await waitUntil(() => (frame.record().page.context ?? []).some(([context]) => (context as { theme?: string })?.theme === 'dark'), 'the page hears it too');

      frame.record().spend('small');
      await waitUntil(() => parent.useBits.length === 1, 'useBits reached Twitch');
      parent.complete(frame.win, { transactionId: 'tx-1' });
      await waitUntil(() => frame.record().results.length === 1, 'the spend settled');
      expect(frame.record().results[0]).to.deep.include({ status: 'success', transactionId: 'tx-1' });
      expect(pageCalls(frame, 'complete')).to.equal(1);
      expect(frame.record().page.complete[0][0]).to.have.property('transactionId', 'tx-1');

      frame.record().spend('big');
      await waitUntil(() => parent.useBits.length === 2, 'the second useBits reached Twitch');
      parent.cancel(frame.win);
      await waitUntil(() => frame.record().results.length === 2, 'the cancel settled');
      expect(frame.record().results[1].status).to.equal('cancelled');
      expect(pageCalls(frame, 'cancelled')).to.equal(1);

      parent.error('something broke');
      await waitUntil(() => frame.record().errors.some((error) => error.code === 'host-error'), 'onair hears the error');
      await waitUntil(() => pageCalls(frame, 'error') === 1, 'the page hears it too');
    });
  }

  it('keeps working when the page replaces its callbacks again later', async () => {
    const frame = await openReady({ page: 'after' });
    frame.record().registerPageCallbacks();
    frame.record().registerPageCallbacks();
    parent.setContext({ theme: 'dark' });
    await waitUntil(() => frame.record().context.at(-1)?.theme === 'dark', 'onair still hears contexts');
    frame.record().spend('small');
    await waitUntil(() => parent.useBits.length === 1);
    parent.complete(frame.win);
    await waitUntil(() => frame.record().results.length === 1);
    expect(frame.record().results[0].status).to.equal('success');
  });

  it('starts when the helper script loads after onair', async () => {
    const frame = await openFrame({ helper: 'late', page: 'before' });
    await waitUntil(() => frame.record().status.at(-1)?.state === 'connected', 'connected once the helper arrived', { timeout: 10_000 });
    await waitUntil(() => frame.record().tipMenu.at(-1)?.enabled === true, 'the menu arrives');
    await waitUntil(() => pageCalls(frame, 'authorized') > 0, 'the page heard auth as well');
  });

  it('turns a transactionId purchase into one success and one tip', async () => {
    const frame = await openReady();
    frame.record().spend('small');
    await waitUntil(() => parent.useBits.length === 1);
    parent.complete(frame.win, { transactionId: 'tx-only', displayName: 'Ann' });
    await waitUntil(() => frame.record().results.length === 1);
    expect(frame.record().results).to.have.length(1);
    expect(frame.record().results[0]).to.deep.include({ status: 'success', transactionId: 'tx-only' });
    expect(frame.record().tips.map((tip) => [tip.id, tip.user.name, tip.amount, tip.currency])).to.deep.equal([['tx-only', 'Ann', 100, 'bits']]);
    expect(frame.record().errors).to.deep.equal([]);
  });

  it("never settles a spend with another item's purchase: that one is just a tip", async () => {
    const big = await openReady({}, { opaqueUserId: 'U5678', userId: '5678' });
    const other = await openReady({}, { opaqueUserId: 'U5678', userId: '5678' });
    big.record().spend('big');
    await waitUntil(() => parent.useBits.length === 1);
    other.record().spend('small');
    await waitUntil(() => parent.useBits.length === 2);
    parent.complete(other.win, { sku: 'small', transactionId: 'tx-small' });
    await waitUntil(() => big.record().tips.length === 1 && other.record().results.length === 1, 'both frames heard it');
    expect(other.record().results[0]).to.deep.include({ status: 'success', transactionId: 'tx-small' });
    expect(big.record().results).to.deep.equal([]);
    parent.complete(big.win, { sku: 'big', transactionId: 'tx-big' });
    await waitUntil(() => big.record().results.length === 1, 'the big spend settles with its own purchase');
    expect(big.record().results[0]).to.deep.include({ status: 'success', transactionId: 'tx-big' });
    expect(big.record().results[0].item.id).to.equal('big');
  });

  it('keeps credentials out of errors and the page', async () => {
    const frame = await openReady();
    const { token, helixToken } = parent.credentials(frame.win);
    parent.post(frame.win, { action: 'twitch-ext-auth', auth: { clientId: 'fake-client', token, helixToken, userId: 'U5678' } });
    await waitUntil(() => frame.record().errors.length > 0, 'the channel-less auth is reported');
    const reported = JSON.stringify(frame.record().errors);
    expect(reported).not.to.include(token.split('.')[1]);
    expect(reported).not.to.include(helixToken);
    const dom = frame.iframe.contentDocument!.documentElement.outerHTML;
    expect(dom).not.to.include(token.split('.')[1]);
    expect(dom).not.to.include(helixToken);
  });

  it('reads PubSub messages delivered as a content array of strings', async () => {
    const frame = await openReady();
    const envelope = (seq: number) => JSON.stringify({ onair: 1, type: 'note', seq, from: 'ebs', sentAt: 1, payload: seq });
    parent.pubsub('broadcast', [envelope(1), envelope(2)]);
    await waitUntil(() => frame.record().room.length === 2, 'both messages of one delivery arrive');
    expect(frame.record().room.map((message) => message.payload)).to.deep.equal([1, 2]);
  });
});
