/**
 * The example overlay page in demo/stripchat/ as Stripchat would run it: this test page plays the
 * host. The page's own code makes the helper object, subscribes to tips itself and hands the object
 * to onair; both must work.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { FakeStripchatHost } from '../fakes/stripchat-host.js';
import { VIEWER_USER, tipData } from '../fakes/stripchat-room.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { ConnectionStatus, Tip } from '../../platform/model.js';

describe('demo/stripchat/overlay.html with its own page code', function () {
  this.timeout(30_000);
  let host: FakeStripchatHost;
  let iframe: HTMLIFrameElement;

  beforeEach(() => {
    host = new FakeStripchatHost();
  });

  afterEach(() => {
    iframe.remove();
    host.dispose();
  });

  it("runs onair on the page's helper object while the page's own subscription works", async () => {
    iframe = document.createElement('iframe');
    document.body.append(iframe);
    const win = host.addFrame(iframe, VIEWER_USER);
    iframe.src = `/demo/stripchat/overlay.html?origin=${encodeURIComponent(location.origin)}&theme=light`;
    await waitUntil(() => (iframe.contentDocument?.querySelector('onair-platform') as OnAirPlatformElement | null)?.current, 'onair runs', { timeout: 20_000 });
    const doc = iframe.contentDocument!;
    const platform = (doc.querySelector('onair-platform') as OnAirPlatformElement).current!;
    let status: ConnectionStatus | undefined;
    const tips: Tip[] = [];
    platform.status$.subscribe((value) => (status = value));
    platform.tips$.subscribe((tip) => tips.push(tip));
    await waitUntil(() => status?.state === 'connected', 'connected');
    expect(doc.documentElement.dataset.theme).to.equal('light');
    await waitUntil(() => host.resizes.some((r) => r.frame === win), 'the slot told the host its size');

    host.emit('v1.tokens.spent', { tipData: tipData({ transactionId: 'demo-1', amount: 30, isOriginalSource: false }) });
    const thanks = doc.querySelector<HTMLElement>('[data-page="thanks"]')!;
    await waitUntil(() => !thanks.hidden && tips.length === 1, 'the page and onair both saw the tip');
    expect(thanks.textContent).to.equal('Thanks, rex!');
    expect(tips[0]).to.deep.include({ amount: 30, user: { id: '7', name: 'rex' } });
  });
});
