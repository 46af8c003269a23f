import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { obsUrl, setupObsBuilder } from '../../demo/obs-builder.js';

const page = (query: string) => `${new URL('./obs/index.html', location.href).href}?${query}`;

async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

async function mount() {
  const root = await fixture<HTMLElement>(html`<div><section></section><p role="status"></p></div>`);
  const section = root.querySelector('section')!;
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  setupObsBuilder(section, status);
  const q = <T extends Element>(selector: string) => section.querySelector<T>(selector)!;
  return { section, status, q, url: () => q('.obs-url code').textContent };
}

describe('OBS URL builder (demo/obs-builder.ts)', () => {
  let writes: string[];
  let original: PropertyDescriptor | undefined;

  beforeEach(() => {
    writes = [];
    original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void writes.push(text) },
    });
  });

  afterEach(async () => {
    delete (navigator as unknown as Record<string, unknown>).clipboard;
    if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    await resetMouse();
  });

  it('is accessible', async () => {
    const { section } = await mount();
    await expect(section).to.be.accessible();
  });

  it('asks for a widget before offering a URL', async () => {
    const { q } = await mount();
    expect(q('.obs-warning').textContent).to.equal('Pick at least one widget.');
    expect(q<HTMLButtonElement>('button.copy').disabled).to.be.true;
    expect(q<HTMLAnchorElement>('.obs-open').hidden).to.be.true;
  });

  it('composes the Streamer.bot URL from clicks and keys, and copies it', async () => {
    const { q, status, url } = await mount();
    await click(q('input[value="leaderboard"]'));
    await click(q('input[value="viewer-counter"]'));
    q<HTMLSelectElement>('select[name="locale"]').focus();
    await sendKeys({ type: 'de-DE' });
    const expected = page('platform=streamerbot&host=127.0.0.1&port=8080&widgets=viewer-counter,leaderboard&theme=dark&locale=de-DE');
    await waitUntil(() => url() === expected, `URL is ${url()}`);
    expect(q<HTMLAnchorElement>('.obs-open').href).to.equal(expected);
    expect(q('.obs-warning').textContent).to.equal('');

    await click(q('button.copy'));
    await waitUntil(() => status.textContent !== '', 'copy announced');
    expect(writes).to.deep.equal([expected]);
    expect(status.textContent).to.equal('Copied to the clipboard.');
    expect(q('button.copy').textContent).to.equal('Copied');
  });

  it('drops the Streamer.bot settings for the demo feed', async () => {
    const { q, url } = await mount();
    await click(q('input[value="status-pill"]'));
    await click(q('input[name="platform"][value="demo"]'));
    expect(q<HTMLFieldSetElement>('.streamerbot-only').disabled).to.be.true;
    expect(url()).to.equal(page('platform=demo&widgets=status-pill&theme=dark'));
  });

  it('selects the URL for Ctrl+C when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
    const { q, status, url } = await mount();
    await click(q('input[value="tip-menu"]'));
    await click(q('button.copy'));
    await waitUntil(() => status.textContent !== '', 'outcome announced');
    expect(getSelection()?.toString()).to.equal(url());
  });
});

describe('obsUrl', () => {
  const base = 'https://example.test/onair/demo/index.html';

  it('writes every Streamer.bot option, escaped, and the looks', () => {
    const url = obsUrl(
      {
        platform: 'streamerbot',
        host: ' 192.168.1.20 ',
        port: '8081',
        endpoint: '/sb',
        password: 'p&ss word',
        scheme: 'wss',
        widgets: ['wheel-spinner', 'tip-menu'],
        theme: 'light',
        locale: 'ja-JP',
        reducedMotion: true,
        layout: 'row',
      },
      base,
    );
    const parsed = new URL(url);
    expect(parsed.pathname).to.equal('/onair/demo/obs/index.html');
    expect(Object.fromEntries(parsed.searchParams)).to.deep.equal({
      platform: 'streamerbot',
      host: '192.168.1.20',
      port: '8081',
      endpoint: '/sb',
      password: 'p&ss word',
      scheme: 'wss',
      widgets: 'wheel-spinner,tip-menu',
      theme: 'light',
      locale: 'ja-JP',
      'reduced-motion': 'true',
      layout: 'row',
    });
  });

  it('leaves out empty options and the default scheme', () => {
    const url = obsUrl({ platform: 'streamerbot', host: '', port: '8080', scheme: 'ws', widgets: ['leaderboard'], theme: 'dark', reducedMotion: false }, base);
    expect(url).to.equal('https://example.test/onair/demo/obs/index.html?platform=streamerbot&port=8080&widgets=leaderboard&theme=dark');
  });
});
