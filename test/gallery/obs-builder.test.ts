import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/index.js';
import { obsFileUrl, obsSettingsScript, obsUrl, setupObsBuilder } from '../../demo/obs-builder.js';

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

  it('starts with a widget ticked and a URL to copy; asks for one when none is ticked', async () => {
    const { q, url } = await mount();
    expect(q<HTMLInputElement>('input[value="viewer-counter"]').checked).to.be.true;
    expect(url()).to.equal(page('platform=streamerbot&host=127.0.0.1&port=8080&widgets=viewer-counter&theme=dark'));
    expect(q<HTMLButtonElement>('button.copy').disabled).to.be.false;
    await click(q('input[value="viewer-counter"]'));
    expect(q('.obs-warning').textContent).to.equal('Pick at least one widget.');
    expect(q<HTMLButtonElement>('button.copy').disabled).to.be.true;
    expect(q<HTMLAnchorElement>('.obs-open').hidden).to.be.true;
  });

  it('composes the Streamer.bot URL from clicks and keys, and copies it', async () => {
    const { q, status, url } = await mount();
    await click(q('input[value="leaderboard"]'));
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

  it('sets gap, align, scale, per-widget attributes, menu and sub/gift values', async () => {
    const { q, url } = await mount();
    await click(q('input[value="leaderboard"]'));
    const type = async (selector: string, text: string) => {
      const input = q<HTMLInputElement>(selector);
      input.focus();
      input.select();
      await sendKeys({ type: text });
    };
    await type('input[name="attrs-leaderboard"]', 'window=7d&limit=5');
    await type('input[name="gap"]', '8');
    await type('input[name="scale"]', '2');
    q<HTMLSelectElement>('select[name="align"]').focus();
    await sendKeys({ type: 'center' });
    await type('input[name="sub-value"]', '2.5');
    await type('input[name="gift-value"]', '2');
    await type('textarea[name="menu"]', '[{"id":"a","label":"A","price":1}]');
    const params = Object.fromEntries(new URL(url()!).searchParams);
    expect(params).to.deep.include({
      widgets: 'viewer-counter,leaderboard',
      'leaderboard.window': '7d',
      'leaderboard.limit': '5',
      gap: '8',
      scale: '2',
      align: 'center',
      'sub-value': '2.5',
      'gift-value': '2',
      menu: '[{"id":"a","label":"A","price":1}]',
    });
    expect(q('.obs-warning').textContent).to.equal('');
    await click(q('input[name="scale-fit"]'));
    expect(new URL(url()!).searchParams.get('scale')).to.equal('fit');
    expect(q('.obs-warning').textContent).to.equal('');
  });

  it('refuses a bad port, a bad attribute value and a broken menu, as the page would', async () => {
    const { q } = await mount();
    const port = q<HTMLInputElement>('input[name="port"]');
    port.focus();
    port.select();
    await sendKeys({ type: '80a80' });
    await click(q('input[value="leaderboard"]'));
    q<HTMLInputElement>('input[name="attrs-leaderboard"]').focus();
    await sendKeys({ type: 'window=8d' });
    q<HTMLTextAreaElement>('textarea[name="menu"]').focus();
    await sendKeys({ type: '[{' });
    const warnings = Array.from(q('.obs-warning ul').children, (li) => li.textContent);
    expect(warnings).to.have.length(3);
    expect(warnings[0]).to.match(/Invalid port "80a80"/);
    expect(warnings[1]).to.match(/Invalid leaderboard.window "8d"/);
    expect(warnings[2]).to.match(/not valid JSON/);
    expect(q<HTMLButtonElement>('button.copy').disabled).to.be.true;
  });

  it('offers the page from a folder on this PC: a file:// URL and a settings.js for "Local file"', async () => {
    const { q, url } = await mount();
    await click(q('input[name="where"][value="file"]'));
    expect(q('.obs-warning').textContent).to.match(/full path of the obs folder/);
    q<HTMLInputElement>('input[name="folder"]').focus();
    await sendKeys({ type: 'C:\\Overlays\\on air\\obs' });
    expect(url()).to.equal('file:///C:/Overlays/on%20air/obs/index.html?platform=streamerbot&host=127.0.0.1&port=8080&widgets=viewer-counter&theme=dark');
    expect(q<HTMLButtonElement>('button.copy').disabled).to.be.false;
    expect(q('.obs-settings-text').textContent).to.contain('window.onairObsSettings = "platform=streamerbot&host=127.0.0.1&port=8080&widgets=viewer-counter&theme=dark";');
    const download = q<HTMLAnchorElement>('.obs-download');
    expect(download.getAttribute('download')).to.equal('settings.js');
    expect(decodeURIComponent(download.href.split(',')[1])).to.equal(q('.obs-settings-text').textContent);
    await click(q('input[name="where"][value="hosted"]'));
    expect(q<HTMLElement>('.obs-settings').hidden).to.be.true;
  });

  it('drops the Streamer.bot settings for the demo feed', async () => {
    const { q, url } = await mount();
    await click(q('input[value="viewer-counter"]'));
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

describe('obsFileUrl and obsSettingsScript', () => {
  const options = { platform: 'demo', widgets: ['leaderboard'], theme: 'dark', reducedMotion: false } as const;

  it('turns Windows and POSIX folders into file:// URLs, and nothing else', () => {
    expect(obsFileUrl(options, 'D:\\OBS\\obs\\')).to.equal('file:///D:/OBS/obs/index.html?platform=demo&widgets=leaderboard&theme=dark');
    expect(obsFileUrl(options, '/home/me/onair/obs')).to.equal('file:///home/me/onair/obs/index.html?platform=demo&widgets=leaderboard&theme=dark');
    expect(obsFileUrl(options, 'obs')).to.equal(undefined);
  });

  it('writes the query as a JavaScript string, quotes escaped', () => {
    const script = obsSettingsScript({ ...options, platform: 'streamerbot', password: 'a"b' });
    const value = script.split('window.onairObsSettings = ')[1].trim().replace(/;$/, '');
    expect(new URLSearchParams(JSON.parse(value)).get('password')).to.equal('a"b');
  });
});
