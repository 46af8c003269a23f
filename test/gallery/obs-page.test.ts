import { expect, waitUntil } from '@open-wc/testing';
import { obsUrl } from '../../demo/obs-builder.js';

/**
 * The contract between the gallery's URL builder and the OBS page (demo/obs/, built into
 * dist/demo/obs/ by `npm run build`): the URL the builder composes opens the page with exactly the
 * chosen widgets, on the chosen feed, under the strict policy the dist/demo/ folder is served with.
 */
describe('OBS page opened with a builder URL', function () {
  this.timeout(20_000);
  let iframe: HTMLIFrameElement | undefined;

  afterEach(() => iframe?.remove());

  it('shows the chosen widgets, in order, with the chosen looks, on the demo feed', async () => {
    const base = new URL('/dist/demo/index.html', location.href).href;
    const url = obsUrl({ platform: 'demo', widgets: ['leaderboard', 'status-pill'], theme: 'light', locale: 'de-DE', reducedMotion: true }, base);
    expect((await fetch(url)).ok, `${url} (run npm run build)`).to.be.true;

    iframe = document.createElement('iframe');
    iframe.style.cssText = 'width: 800px; height: 600px';
    const loaded = new Promise((resolve) => iframe!.addEventListener('load', resolve, { once: true }));
    iframe.src = url;
    document.body.append(iframe);
    await loaded;
    const doc = iframe.contentDocument!;

    const widgets = () => Array.from(doc.querySelectorAll('onair-platform *')).filter((el) => el.localName.startsWith('onair-'));
    await waitUntil(() => widgets().length === 2 && widgets().every((el) => el.shadowRoot?.childElementCount), 'two widgets rendered', { timeout: 8000 });
    expect(widgets().map((el) => el.localName)).to.deep.equal(['onair-leaderboard', 'onair-status-pill']);
    for (const el of widgets()) {
      expect(el.getAttribute('theme'), el.localName).to.equal('light');
      expect(el.getAttribute('locale'), el.localName).to.equal('de-DE');
      expect(el.hasAttribute('reduced-motion'), el.localName).to.be.true;
    }
    const provider = doc.querySelector('onair-platform') as HTMLElement & { current?: { name: string } };
    await waitUntil(() => provider.current?.name === 'demo', 'the demo feed is provided');
  });
});
