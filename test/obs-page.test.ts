import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../components/platform/platform.js';
import type { OnAirPlatformElement } from '../components/platform/platform.js';
import { mountObsPage, readObsConfig } from '../demo/obs/config.js';

describe('OBS browser-source page', () => {
  it('reads widgets, look and layout from the URL', () => {
    const config = readObsConfig('?platform=streamerbot&port=8080&widgets=leaderboard,%20Viewer-Counter,leaderboard&theme=dark&locale=de-de&reduced-motion&layout=row&align=center&gap=8');
    expect(config).to.deep.equal({
      widgets: ['leaderboard', 'viewer-counter'],
      theme: 'dark',
      locale: 'de-DE',
      reducedMotion: true,
      layout: 'row',
      align: 'center',
      gap: 8,
      attributes: {
        'viewer-counter': {},
        'tip-menu': {},
        'wheel-spinner': { source: 'tip-menu' },
        'status-pill': {},
        leaderboard: {},
        'alert-box': {},
        'goal-bar': {},
      },
      problems: [],
    });
  });

  it('lists the adapter\'s own option problems, from the schema the adapter parses with', () => {
    const config = readObsConfig('?platform=streamerbot&port=99999&scheme=http&widgets=leaderboard&theme=blue');
    expect(config.problems).to.deep.equal([
      'Invalid theme "blue" ignored.',
      'Ignored the invalid `port` option.',
      'Ignored the invalid `scheme` option.',
    ]);
    expect(readObsConfig('?platform=demo&seed=x&widgets=leaderboard').problems).to.deep.equal(['Ignored the invalid `seed` option.']);
  });

  it('sets per-widget attributes from <widget>.<attribute> parameters, refusing handlers and junk', async () => {
    const config = readObsConfig(
      '?widgets=leaderboard,wheel-spinner&leaderboard.window=7d&leaderboard.limit=5&wheel-spinner.source=items&leaderboard.onclick=alert(1)&confetti.size=3&leaderboard.Bad_Name=1&leaderboard.style=x',
    );
    expect(config.attributes.leaderboard).to.deep.equal({ window: '7d', limit: '5' });
    expect(config.attributes['wheel-spinner']).to.deep.equal({ source: 'items' });
    expect(config.problems).to.have.length(4);
    const root = await fixture<HTMLElement>(html`<main></main>`);
    mountObsPage(root, config);
    const board = root.querySelector('onair-leaderboard')!;
    expect(board.getAttribute('window')).to.equal('7d');
    expect(board.getAttribute('limit')).to.equal('5');
    expect(board.hasAttribute('onclick')).to.equal(false);
    expect(board.hasAttribute('style')).to.equal(false);
  });

  it('ignores unknown widgets and bad values, and says so', () => {
    const config = readObsConfig('?widgets=confetti,status-pill&theme=neon&locale=%20&gap=-3&layout=spiral&reduced-motion=false');
    expect(config.widgets).to.deep.equal(['status-pill']);
    expect(config).to.deep.include({ theme: undefined, reducedMotion: false, layout: 'column', gap: 16 });
    expect(config.problems).to.have.length(5);
    expect(config.problems[0]).to.match(/Unknown widget "confetti"/);
    expect(readObsConfig('').problems).to.deep.equal(['Add ?widgets= with one or more of viewer-counter, tip-menu, wheel-spinner, status-pill, leaderboard, alert-box, goal-bar.']);
  });

  it('mounts the widget tags inside a provider and shows problems as text only', async () => {
    const root = await fixture<HTMLElement>(html`<main></main>`);
    mountObsPage(root, readObsConfig('?widgets=viewer-counter,tip-menu,<img src=x>&theme=light&locale=fr-FR&reduced-motion=1'));
    const provider = root.querySelector('onair-platform');
    const widgets = [...(provider?.querySelectorAll('.obs-layout > *') ?? [])];
    expect(widgets.map((w) => [w.localName, w.getAttribute('theme'), w.getAttribute('locale'), w.hasAttribute('reduced-motion')])).to.deep.equal([
      ['onair-viewer-counter', 'light', 'fr-FR', true],
      ['onair-tip-menu', 'light', 'fr-FR', true],
    ]);
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('.obs-problems')?.textContent).to.contain('<img src=x>');
    await expect(root).to.be.accessible();
  });

  it('mounts the alert box and goal bar with their attributes from the URL', async () => {
    await import('../components/index.js');
    const config = readObsConfig(
      '?widgets=alert-box,goal-bar&alert-box.min-amount=5&alert-box.sound&alert-box.tiers=%5B%7B%22min%22%3A100%2C%22template%22%3A%22%7Bname%7D!%22%7D%5D&goal-bar.goal=500&goal-bar.title=New%20mic&goal-bar.stretch=1000,2000&goal-bar.orientation=vertical',
    );
    expect(config.problems).to.deep.equal([]);
    const root = await fixture<HTMLElement>(html`<main></main>`);
    mountObsPage(root, config);
    const box = root.querySelector('onair-alert-box')!;
    const bar = root.querySelector('onair-goal-bar')!;
    await Promise.all([box.updateComplete, bar.updateComplete]);
    expect([box.minAmount, box.sound, box.tiers]).to.deep.equal([5, true, [{ min: 100, template: '{name}!' }]]);
    expect([bar.goal, bar.title, bar.targets, bar.orientation]).to.deep.equal([500, 'New mic', [500, 1000, 2000], 'vertical']);
    root.remove();
  });

  it('is a plain page with no inline script or handler (strict CSP) and a transparent background', async () => {
    const page = new DOMParser().parseFromString(await (await fetch('/demo/obs/index.html')).text(), 'text/html');
    // The test server injects its own reload socket script; the page's own scripts are the rest.
    const scripts = [...page.querySelectorAll('script')].filter((s) => !s.getAttribute('src')?.startsWith('/__web-dev-server'));
    expect(scripts.map((s) => [s.type, s.getAttribute('src'), s.textContent?.trim()])).to.deep.equal([['module', './obs.ts', '']]);
    expect([...page.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on')))).to.deep.equal([]);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await (await fetch('/demo/obs/obs.css')).text());
    const rule = [...sheet.cssRules].find((r) => r instanceof CSSStyleRule && r.selectorText === 'html, body') as CSSStyleRule | undefined;
    expect(rule?.style.backgroundColor).to.equal('transparent');
  });

  it('lets the provider take the Streamer.bot options from the page URL', async () => {
    const { id, port } = (await executeServerCommand('sb-start', { viewers: { count: 3, viewers: [{}, {}, {}] } })) as { id: string; port: number };
    const original = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}&platform=streamerbot&port=${port}&widgets=viewer-counter`);
    try {
      const root = await fixture<HTMLElement>(html`<main></main>`);
      const provider = mountObsPage(root, readObsConfig(location.search)) as OnAirPlatformElement;
      await waitUntil(() => provider.current?.name === 'streamerbot', 'streamerbot platform');
      let total: number | undefined;
      const subscription = provider.current!.viewers$.subscribe((v) => (total = v?.total));
      await waitUntil(() => total === 3, 'viewers from the fake Streamer.bot', { timeout: 4000 });
      subscription.unsubscribe();
      root.remove();
    } finally {
      history.replaceState(null, '', original);
      await executeServerCommand('sb-stop-all', { id });
    }
  });
});
