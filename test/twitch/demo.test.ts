/**
 * The example pages in demo/twitch/ as Twitch would run them: each page is loaded in an iframe with
 * Twitch's helper script swapped for a helper that speaks Twitch's protocol, and this test page
 * plays Twitch. The pages' own code registers helper callbacks; onair must still work, and so must
 * that code.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { FakeTwitchParent } from '../fakes/twitch-parent.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { TipMenu, TipResult } from '../../platform/model.js';
import { storageSnapshot } from '../helpers.js';

const HELPER = '<script src="https://extension-files.twitch.tv/helper/v1/twitch-ext.min.js"></script>';
const opened: HTMLIFrameElement[] = [];
let parent: FakeTwitchParent;

async function openDemo(page: string): Promise<{ iframe: HTMLIFrameElement; win: Window; doc: Document }> {
  const source = await (await fetch(`/demo/twitch/${page}`)).text();
  expect(source).to.include(HELPER);
  const iframe = document.createElement('iframe');
  iframe.style.width = '400px';
  iframe.style.height = '600px';
  document.body.append(iframe);
  opened.push(iframe);
  const win = parent.addFrame(iframe);
  iframe.srcdoc = source
    .replace('<head>', `<head><base href="${location.origin}/demo/twitch/">`)
    .replace(HELPER, '<script type="module" src="/test/twitch/helper-script.ts"></script>');
  await waitUntil(() => iframe.contentDocument?.querySelector('onair-platform') !== null, 'the page loaded', { timeout: 20_000 });
  return { iframe, win, doc: iframe.contentDocument! };
}

function provider(doc: Document): OnAirPlatformElement {
  return doc.querySelector('onair-platform') as OnAirPlatformElement;
}

describe('demo/twitch pages with their own page code', function () {
  this.timeout(40_000);

  // The pages' widgets keep state under their default keys: each test starts clean.
  let restoreStorage = () => {};
  beforeEach(() => {
    parent = new FakeTwitchParent();
    restoreStorage = storageSnapshot();
  });

  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    parent.dispose();
    restoreStorage();
  });

  for (const page of ['panel.html', 'video_overlay.html']) {
    it(`${page}: the page's callbacks and onair both work`, async () => {
      const { win, doc } = await openDemo(page);
      await waitUntil(() => provider(doc).current?.name === 'twitch', 'onair runs the Twitch adapter', { timeout: 20_000 });
      const platform = provider(doc).current!;
      let menu: TipMenu | undefined;
      platform.tipMenu$.subscribe((value) => (menu = value));
      await waitUntil(() => menu?.enabled === true, 'the Bits menu', { timeout: 10_000 });
      await waitUntil(() => doc.documentElement.dataset.authorized === 'yes' && doc.documentElement.dataset.twitchTheme === 'light', 'the page code heard auth and context');

      let result: TipResult | undefined;
      void platform.requestTip(menu!.items[0]).then((value) => (result = value));
      await waitUntil(() => parent.useBits.length === 1, 'useBits reached Twitch');
      parent.complete(win, { displayName: 'Ann', transactionId: 'tx-demo' });
      await waitUntil(() => result !== undefined, 'the spend settles');
      expect(result).to.deep.include({ status: 'success', transactionId: 'tx-demo' });
      const thanks = doc.querySelector<HTMLElement>('[data-page="thanks"]')!;
      await waitUntil(() => !thanks.hidden, 'the page thanked the viewer');
      expect(thanks.textContent).to.equal('Thanks, Ann!');
      const board = doc.querySelector('onair-leaderboard')!;
      await waitUntil(() => board.shadowRoot?.querySelectorAll('[part~="row"]').length === 1, 'the leaderboard counts it once');
      expect(doc.documentElement.outerHTML).not.to.include(parent.credentials(win).token.split('.')[1]);
    });
  }
});
