import { expect, waitUntil } from '@open-wc/testing';

/**
 * The full bundle and a per-widget entry on one page, in either order (run `npm run build` first):
 * each defines the same tags, and the first definition must win without a NotSupportedError.
 */
async function load(first: string, second: string): Promise<{ errors: string[]; tag?: string; rendered: boolean }> {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  const win = iframe.contentWindow as Window & typeof globalThis;
  const errors: string[] = [];
  win.addEventListener('error', (event) => errors.push(event.message));
  const doc = iframe.contentDocument!;
  const run = (src: string) =>
    new Promise<void>((resolve) => {
      const script = doc.createElement('script');
      script.type = 'module';
      script.src = src;
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => (errors.push(`failed to load ${src}`), resolve()));
      doc.head.append(script);
    });
  await run(first);
  await run(second);
  doc.body.innerHTML = '<onair-platform platform="demo" rate="0" connect-delay="0"><onair-leaderboard locale="en-US"></onair-leaderboard></onair-platform>';
  const board = doc.querySelector('onair-leaderboard') as HTMLElement & { updateComplete?: Promise<unknown> };
  await win.customElements.whenDefined('onair-leaderboard');
  await board.updateComplete;
  const result = { errors, tag: win.customElements.get('onair-leaderboard')?.name, rendered: Boolean(board.shadowRoot?.querySelector('[part=base]')) };
  iframe.remove();
  return result;
}

describe('two copies of onair on one page', () => {
  for (const [first, second] of [
    ['/dist/onair.js', '/dist/widgets/leaderboard.js'],
    ['/dist/widgets/leaderboard.js', '/dist/onair.js'],
  ]) {
    it(`loads ${first} then ${second} without errors`, async () => {
      const result = await load(first, second);
      expect(result.errors).to.deep.equal([]);
      expect(result.tag).to.be.a('string');
      expect(result.rendered).to.equal(true);
    });
  }
});

describe('onair/api beside the full bundle', () => {
  it('setMessages from the API entry reaches widgets the bundle defined', async () => {
    const iframe = document.createElement('iframe');
    document.body.append(iframe);
    const win = iframe.contentWindow as Window & typeof globalThis;
    const doc = iframe.contentDocument!;
    // Load both into the frame, the bundle first so it defines the tags.
    for (const src of ['/dist/onair.js', '/dist/widgets/api.js']) {
      await new Promise<void>((resolve) => {
        const script = doc.createElement('script');
        script.type = 'module';
        script.src = src;
        script.addEventListener('load', () => resolve());
        doc.head.append(script);
      });
    }
    const api = (await win.eval(`import('/dist/widgets/api.js')`)) as { setMessages: (locale: string, messages: Record<string, string>) => void; createPlatform?: unknown };
    expect(api.createPlatform).to.be.a('function');
    api.setMessages('en', { boardEmpty: 'Be the first!' });
    // An empty board says "Be the first!": no totals left under its key by an earlier run.
    localStorage.removeItem('two-copies-test');
    doc.body.innerHTML = '<onair-platform platform="demo" rate="0" connect-delay="0"><onair-leaderboard locale="en-US" storage-key="two-copies-test"></onair-leaderboard></onair-platform>';
    const board = doc.querySelector('onair-leaderboard') as HTMLElement & { updateComplete: Promise<unknown> };
    await win.customElements.whenDefined('onair-leaderboard');
    const status = () => board.shadowRoot?.querySelector('[part=status]')?.textContent?.trim();
    await waitUntil(() => status() === 'Be the first!', `the board says ${status()}`);
    iframe.remove();
  });
});

describe('onair/api alone', () => {
  it('defines no element and still creates platforms', async () => {
    const iframe = document.createElement('iframe');
    document.body.append(iframe);
    const win = iframe.contentWindow as Window & typeof globalThis;
    const api = (await win.eval(`import('/dist/widgets/api.js')`)) as { createPlatform(name: string, options?: object): Promise<{ name: string; dispose(): void }> };
    for (const tag of ['onair-platform', 'onair-leaderboard', 'onair-tip-menu', 'onair-viewer-counter', 'onair-wheel-spinner', 'onair-status-pill']) {
      expect(win.customElements.get(tag), tag).to.equal(undefined);
    }
    const platform = await api.createPlatform('demo', { rate: '0' });
    expect(platform.name).to.equal('demo');
    platform.dispose();
    iframe.remove();
  });
});
