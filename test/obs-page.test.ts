import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../components/index.js';
import type { OnAirPlatformElement } from '../components/platform/platform.js';
import { mountObsPage, readObsConfig } from '../demo/obs/config.js';

describe('OBS browser-source page', () => {
  it('reads widgets, look and layout from the URL', () => {
    const config = readObsConfig('?platform=streamerbot&port=8080&widgets=leaderboard,%20Viewer-Counter,leaderboard&theme=dark&locale=de-de&reduced-motion&layout=row&align=center&gap=8&scale=1.5&sub-value=2.5');
    expect(config).to.deep.equal({
      widgets: ['leaderboard', 'viewer-counter'],
      platform: 'streamerbot',
      theme: 'dark',
      locale: 'de-DE',
      reducedMotion: true,
      layout: 'row',
      align: 'center',
      gap: 8,
      scale: 1.5,
      adapter: { port: '8080', 'sub-value': '2.5' },
      attributes: {
        'viewer-counter': {},
        'tip-menu': {},
        'wheel-spinner': { source: 'tip-menu', controls: 'none' },
        'status-pill': {},
        leaderboard: {},
        'alert-box': {},
        'goal-bar': {},
        'event-list': {},
        'tip-timer': { controls: 'none' },
      },
      problems: [],
    });
  });

  it('lists the adapter\'s own option problems, from the schema the adapter parses with', () => {
    const config = readObsConfig('?platform=streamerbot&port=99999&scheme=http&password=s3cret%20x&widgets=leaderboard&theme=blue&prot=8080');
    expect(config.problems).to.have.length(4);
    expect(config.problems[0]).to.equal('Invalid theme "blue" ignored: use light or dark.');
    expect(config.problems[1]).to.match(/^Unknown setting "prot" ignored: streamerbot takes host, port, /);
    expect(config.problems.slice(2)).to.deep.equal([
      'Invalid port "99999" ignored: use a whole number from 1 to 65535.',
      'Invalid scheme "http" ignored: use one of ws, wss.',
    ]);
    expect(config.adapter).to.deep.equal({ password: 's3cret x' });
    expect(readObsConfig('?platform=demo&seed=x&widgets=leaderboard').problems).to.deep.equal(['Invalid seed "x" ignored: use a whole number from 0 to 4294967296.']);
  });

  it('sets per-widget attributes from <widget>.<attribute> parameters, refusing handlers and junk', async () => {
    const config = readObsConfig(
      '?widgets=leaderboard,wheel-spinner&leaderboard.window=7d&leaderboard.limit=5&wheel-spinner.source=items&leaderboard.onclick=alert(1)&confetti.size=3&leaderboard.Bad_Name=1&leaderboard.style=x',
    );
    expect(config.attributes.leaderboard).to.deep.equal({ window: '7d', limit: '5' });
    expect(config.attributes['wheel-spinner']).to.deep.equal({ source: 'items', controls: 'none' });
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
    expect(readObsConfig('').problems).to.deep.equal(['Add ?widgets= with one or more of viewer-counter, tip-menu, wheel-spinner, status-pill, leaderboard, alert-box, goal-bar, event-list, tip-timer.']);
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

  it('mounts the event list and tip timer with their attributes from the URL, and checks their values', async () => {
    const config = readObsConfig(
      '?widgets=event-list,tip-timer&event-list.limit=5&event-list.min-amount=2.5&event-list.currencies=tokens,usd&event-list.show-total&tip-timer.duration=3600&tip-timer.rates=USD:60,%20tokens:5&tip-timer.max-per-tip=600',
    );
    expect(config.problems).to.deep.equal([]);
    const root = await fixture<HTMLElement>(html`<main></main>`);
    mountObsPage(root, config);
    const list = root.querySelector('onair-event-list')!;
    const timer = root.querySelector('onair-tip-timer')!;
    await Promise.all([list.updateComplete, timer.updateComplete]);
    expect([list.limit, list.minAmount, list.currencies, list.showTotal]).to.deep.equal([5, 2.5, 'tokens,usd', true]);
    expect([timer.duration, timer.controls, timer.maxPerTip]).to.deep.equal([3600, 'none', 600]);
    expect([...timer.rules.rates]).to.deep.equal([['tokens', 5], ['USD', 60], ['bits', 0.6]]);
    root.remove();
    const bad = readObsConfig('?widgets=tip-timer,event-list&tip-timer.rates=USD:lots&tip-timer.controls=maybe&event-list.limit=99');
    expect(bad.problems.map((problem) => problem.split(':')[0])).to.deep.equal(['Invalid tip-timer.rates "USD', 'Invalid tip-timer.controls "maybe" ignored', 'Invalid event-list.limit "99" ignored']);
  });

  it('is a plain page with no inline script or handler (strict CSP) and a transparent background', async () => {
    const page = new DOMParser().parseFromString(await (await fetch('/demo/obs/index.html')).text(), 'text/html');
    // The test server injects its own reload socket script; the page's own scripts are the rest.
    const scripts = [...page.querySelectorAll('script')].filter((s) => !s.getAttribute('src')?.startsWith('/__web-dev-server'));
    expect(scripts.map((s) => [s.type, s.getAttribute('src'), s.textContent?.trim()])).to.deep.equal([
      ['', './settings.js', ''],
      ['module', './obs.ts', ''],
    ]);
    expect([...page.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on')))).to.deep.equal([]);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await (await fetch('/demo/obs/obs.css')).text());
    const rule = [...sheet.cssRules].find((r) => r instanceof CSSStyleRule && r.selectorText === 'html, body') as CSSStyleRule | undefined;
    expect(rule?.style.backgroundColor).to.equal('transparent');
  });

  it('lists a wrong platform, host, port, scheme, endpoint and attribute values instead of replacing them', () => {
    const config = readObsConfig(
      '?widgets=leaderboard,wheel-spinner,status-pill&platform=twitchh&host=my%20pc&port=80a80&scheme=wsss&endpoint=sb&leaderboard.window=8d&leaderboard.limit=abc&wheel-spinner.show-history=maybe&status-pill.floating=no&leaderboard.colour=red&scale=9',
    );
    const expected = [
      /Unknown platform "twitchh"/,
      /Invalid host "my pc"/,
      /Invalid port "80a80"/,
      /Invalid scheme "wsss"/,
      /Invalid endpoint "sb"/,
      /Invalid leaderboard.window "8d".*session, 1d, 7d, 30d, all/,
      /Invalid leaderboard.limit "abc".*whole number from 1 to 100/,
      /Invalid wheel-spinner.show-history "maybe".*use true or false/,
      /Invalid status-pill.floating "no"/,
      /<onair-leaderboard> has no attribute "colour"/,
      /Invalid scale "9" ignored: use a number from 0.25 to 5 .*or fit\./,
    ];
    for (const pattern of expected) expect(config.problems.some((p) => pattern.test(p)), String(pattern)).to.be.true;
    expect(config.problems).to.have.length(expected.length);
    expect(config.platform).to.equal('auto');
    expect(config.adapter).to.deep.equal({});
    expect(config.attributes.leaderboard).to.deep.equal({});
    expect(config.scale).to.equal(1);
  });

  it('turns a boolean attribute off with false, 0, off or no, and refuses other words', () => {
    const config = readObsConfig('?widgets=alert-box,wheel-spinner&alert-box.tts=false&alert-box.sound=0&wheel-spinner.show-history=true&wheel-spinner.remove-winner&wheel-spinner.sounds=off&wheel-spinner.hide-button=maybe');
    expect(config.attributes['alert-box']).to.deep.equal({});
    expect(config.attributes['wheel-spinner']).to.deep.equal({ source: 'tip-menu', controls: 'none', 'show-history': '', 'remove-winner': '' });
    expect(config.problems).to.deep.equal(['Invalid wheel-spinner.hide-button "maybe" ignored: use true or false.']);
    expect(readObsConfig('?widgets=alert-box&alert-box.tts=TRUE&alert-box.sound=1').attributes['alert-box']).to.deep.equal({ tts: '', sound: '' });
    expect(readObsConfig('?widgets=leaderboard&reduced-motion=off').reducedMotion).to.equal(false);
    expect(readObsConfig('?widgets=leaderboard&reduced-motion=maybe').problems).to.deep.equal(['Invalid reduced-motion "maybe" ignored: use true or false.']);
  });

  it('checks the alert box\'s and goal bar\'s values as the widgets read them, and names what they take', () => {
    const tiers = (value: unknown) => encodeURIComponent(JSON.stringify(value));
    const config = readObsConfig(
      `?widgets=alert-box,goal-bar&goal-bar.goal=-5&goal-bar.start=abc&goal-bar.since=yesterday&goal-bar.orientation=diagonal&alert-box.volume=2&alert-box.max-queue=0&alert-box.currencies=tokens,dollars&alert-box.tiers=${tiers([{ min: 1, image: 'javascript:alert(1)' }])}`,
    );
    expect(config.problems).to.deep.equal([
      'Invalid goal-bar.goal "-5" ignored: use a number above 0 up to 1000000000000.',
      'Invalid goal-bar.start "abc" ignored: use a number from 0 to 1000000000000.',
      'Invalid goal-bar.since "yesterday" ignored: use a date such as 2026-12-01 or 2026-12-01T18:00:00Z.',
      'Invalid goal-bar.orientation "diagonal" ignored: use one of horizontal, vertical.',
      'Invalid alert-box.volume "2" ignored: use a number from 0 to 1.',
      'Invalid alert-box.max-queue "0" ignored: use a whole number from 1 to 50.',
      'Invalid alert-box.currencies "tokens,dollars" ignored: use currencies separated by commas, such as tokens,USD.',
      `Invalid alert-box.tiers "${decodeURIComponent(tiers([{ min: 1, image: 'javascript:alert(1)' }])).slice(0, 40)}" ignored: use tier 1 with an image named as a file next to index.html, an http(s) URL or a data:image/… URL ("javascript:alert(1)" is refused).`,
    ]);
    expect(config.attributes['goal-bar']).to.deep.equal({});
    expect(readObsConfig(`?widgets=alert-box&alert-box.tiers=${tiers({ min: 1 })}`).problems).to.deep.equal([
      'Invalid alert-box.tiers "{"min":1}" ignored: use a JSON list of 1 to 20 tiers such as [{"min":1}].',
    ]);
    expect(readObsConfig(`?widgets=alert-box&alert-box.tiers=${tiers([{ min: -1 }])}`).problems[0]).to.match(/tier 1 with "min", an amount of 0 or more/);
    expect(readObsConfig(`?widgets=alert-box&alert-box.tiers=${tiers([{ min: 1, colour: 'red' }])}`).problems[0]).to.match(/tier 1 with only min, currency, image, sound, duration, template \(not "colour"\)/);
    const good = readObsConfig(
      `?widgets=alert-box,goal-bar&goal-bar.goal=500.5&goal-bar.start=0&goal-bar.since=2026-12-01&goal-bar.stretch=1000,2000&alert-box.volume=0.5&alert-box.tiers=${tiers([{ min: 1, image: 'star.svg', sound: 'ding.wav' }, { min: 100, currency: 'USD', duration: 8000, template: '{name}!' }])}`,
    );
    expect(good.problems).to.deep.equal([]);
    expect(good.attributes['goal-bar']).to.deep.equal({ goal: '500.5', start: '0', since: '2026-12-01', stretch: '1000,2000' });
  });

  it('says which settings were left out because their widget is not in widgets=', () => {
    const config = readObsConfig('?widgets=leaderboard&goal-bar.goal=500&goal-bar.title=Mic&alert-box.tts&leaderboard.limit=5');
    expect(config.attributes.leaderboard).to.deep.equal({ limit: '5' });
    expect(config.problems).to.deep.equal([
      '"goal-bar.goal", "goal-bar.title" ignored: goal-bar is not in widgets=. Add it there, or remove these settings.',
      '"alert-box.tts" ignored: alert-box is not in widgets=. Add it there, or remove the setting.',
    ]);
  });

  it('takes scale=fit, and names what scale and the other page settings allow', () => {
    expect(readObsConfig('?widgets=leaderboard&scale=fit').scale).to.equal('fit');
    expect(readObsConfig('?widgets=leaderboard&layout=grid&align=middle&gap=300').problems).to.deep.equal([
      'Invalid layout "grid" ignored: use column or row.',
      'Invalid align "middle" ignored: use one of start, center, end, stretch.',
      'Invalid gap "300" ignored: use a whole number of pixels from 0 to 200.',
    ]);
  });

  it('accepts good values: a port, an IPv6 host, wss, attribute values the widgets take', () => {
    const config = readObsConfig('?widgets=leaderboard&platform=STREAMERBOT&host=[::1]&port=8081&scheme=wss&endpoint=/sb&leaderboard.window=7d&leaderboard.limit=5&leaderboard.currency=USD&leaderboard.theme=light&leaderboard.aria-label=Top');
    expect(config.problems).to.deep.equal([]);
    expect(config.platform).to.equal('streamerbot');
    expect(config.adapter).to.deep.equal({ host: '[::1]', port: '8081', scheme: 'wss', endpoint: '/sb' });
    expect(config.attributes.leaderboard).to.deep.equal({ window: '7d', limit: '5', currency: 'USD', theme: 'light', 'aria-label': 'Top' });
  });

  it('hands adapter options to the provider without putting them in the DOM, and scales the widgets', async () => {
    const root = await fixture<HTMLElement>(html`<main></main>`);
    const provider = mountObsPage(root, readObsConfig('?platform=streamerbot&port=9&widgets=tip-menu&password=hunter2&scale=2')) as OnAirPlatformElement;
    expect(provider.getAttribute('platform')).to.equal('streamerbot');
    expect(provider.options).to.deep.equal({ port: '9', password: 'hunter2' });
    expect(root.innerHTML).not.to.contain('hunter2');
    // The widgets inherit --onair-scale through the provider's <slot>: until the provider has rendered
    // it they are outside the flat tree, and current Chromium computes no style for them at all.
    const menu = root.querySelector('onair-tip-menu') as HTMLElement & { updateComplete: Promise<unknown> };
    await provider.updateComplete;
    await menu.updateComplete;
    expect(getComputedStyle(menu).getPropertyValue('--onair-scale').trim()).to.equal('2');
    await waitUntil(() => provider.current?.name === 'streamerbot', 'streamerbot provided');
    root.remove();
  });

  it('shows the problem list above the status pill, not under it', async () => {
    const root = await fixture<HTMLElement>(html`<main style="position: fixed; inset: 0"></main>`);
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/demo/obs/obs.css';
    const loaded = new Promise((resolve) => style.addEventListener('load', resolve, { once: true }));
    document.head.append(style);
    await loaded;
    try {
      const provider = mountObsPage(root, readObsConfig('?platform=demo&widgets=status-pill,nope&port=x&status-pill.collapsed=no')) as OnAirPlatformElement;
      const pill = root.querySelector('onair-status-pill') as HTMLElement & { updateComplete: Promise<unknown> };
      // The pill is laid out only once the provider has rendered the <slot> it sits in.
      await provider.updateComplete;
      await pill.updateComplete;
      const pillBox = pill.shadowRoot!.querySelector('[part=base]')!.getBoundingClientRect();
      const note = root.querySelector<HTMLElement>('.obs-problems')!;
      const noteBox = note.getBoundingClientRect();
      expect(note.textContent).to.contain('Unknown widget "nope"');
      expect(noteBox.height).to.be.greaterThan(0);
      // Wherever the two meet, the list is on top: every point of it shows the list itself.
      for (const [x, y] of [
        [noteBox.left + 4, noteBox.top + 4],
        [noteBox.right - 4, noteBox.top + 4],
        [noteBox.left + noteBox.width / 2, noteBox.top + noteBox.height / 2],
        [noteBox.right - 4, noteBox.bottom - 4],
      ]) {
        expect(note.contains(document.elementFromPoint(x, y)), `list at ${x},${y}`).to.be.true;
      }
      const overlaps = pillBox.bottom > noteBox.top && pillBox.top < noteBox.bottom && pillBox.right > noteBox.left && pillBox.left < noteBox.right;
      expect(overlaps, 'the floating pill (top right) and the list (bottom) are apart on a normal source').to.be.false;
    } finally {
      style.remove();
    }
  });

  it('lets the provider take the Streamer.bot options from the page URL', async () => {
    const { id, port } = (await executeServerCommand('sb-start', { viewers: { count: 3, viewers: [{}, {}, {}] } })) as { id: string; port: number };
    const original = location.href;
    // Chatters: read with GetActiveViewers at once (stream viewers wait for a viewer-count event).
    history.replaceState(null, '', `${location.pathname}${location.search}&platform=streamerbot&port=${port}&viewer-count=chatters&widgets=viewer-counter`);
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
