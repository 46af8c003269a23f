import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { countFrames, countRenders, flood, mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import './event-list.js';
import type { EventsShownDetail, OnAirEventListElement } from './event-list.js';

const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
/** Adopts the rules inside the widget's `@media (forced-colors: active)` blocks unconditionally. */
function forceColors(el: HTMLElement): void {
  const root = el.shadowRoot!;
  const forced = root.adoptedStyleSheets
    .flatMap((sheet) => [...sheet.cssRules])
    .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active'))
    .flatMap((rule) => [...rule.cssRules].map((inner) => inner.cssText));
  expect(forced.length, 'forced-colors rules').to.be.greaterThan(0);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(forced.join('\n'));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

const textOf = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

let keys = 0;
const freshKey = () => `onair-test-events-${Date.now()}-${++keys}`;

let platform: DemoPlatform;

async function mount(template: TemplateResult, demo = quietDemo()) {
  platform = demo;
  return mountWith<OnAirEventListElement>(platform, template, 'onair-event-list');
}

/** Resolves once the list drew a frame with tips in it. */
const nextShown = (el: HTMLElement) => new Promise<EventsShownDetail>((resolve) => el.addEventListener('onair-events-shown', (e) => resolve(e.detail), { once: true }));

const tip = (name: string, amount: number, currency = 'tokens', message?: string) => platform.fireTip({ user: { name }, amount, currency, message });

describe('<onair-event-list>', () => {
  afterEach(async () => {
    platform?.dispose();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('lists tips newest first with name, amount in its currency and message, and passes the accessibility audit', async () => {
    const { el } = await mount(html`<onair-event-list locale="en-US" storage-key=${freshKey()}></onair-event-list>`);
    expect(textOf(parts(el, 'status')[0])).to.equal('No tips yet.');
    const shown = nextShown(el);
    tip('Ada', 5, 'USD', 'hello there');
    tip('Bo', 100, 'bits');
    tip('Cy', 1, 'tokens');
    expect((await shown).count).to.equal(3);
    await el.updateComplete;
    const rows = parts(el, 'row');
    expect(rows.map((row) => textOf(row.querySelector('[part="name"]')))).to.deep.equal(['Cy', 'Bo', 'Ada']);
    expect(rows.map((row) => textOf(row.querySelector('[part="amount"]')))).to.deep.equal(['1 token', '100 bits', '$5.00']);
    expect(parts(el, 'message').map(textOf)).to.deep.equal(['hello there']);
    expect(parts(el, 'list')[0].getAttribute('aria-label')).to.equal('Recent tips');
    // Audited as seen once the rows have slid in (mid-fade, their colours are still blending).
    await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
    await expect(el).to.be.accessible();
  });

  it('shows at most `limit` rows (10 by default) and follows the host\u2019s settings', async () => {
    const { el } = await mount(html`<onair-event-list storage-key=${freshKey()}></onair-event-list>`);
    const shown = nextShown(el);
    for (let i = 0; i < 14; i += 1) tip(`T${i}`, 1);
    await shown;
    await el.updateComplete;
    expect(parts(el, 'row')).to.have.length(10);
    expect(textOf(parts(el, 'name')[0])).to.equal('T13');
    platform.updateContext({ settings: { 'event-list': { limit: 3 } } });
    await el.updateComplete;
    expect(parts(el, 'row')).to.have.length(3);
    el.limit = 12;
    await el.updateComplete;
    expect(parts(el, 'row')).to.have.length(12);
    expect(el.count).to.equal(14);
  });

  it('keeps to the system colours in forced-colors mode', async () => {
    const { el } = await mount(html`<onair-event-list storage-key=${freshKey()}></onair-event-list>`);
    const shown = nextShown(el);
    tip('Ada', 5);
    await shown;
    await el.updateComplete;
    {
      // Headless Chromium does not emulate forced colors: the widget's own forced-colors rules are
      // applied as if the media query matched, and must reach the elements they are for.
      forceColors(el);
      const probe = document.createElement('span');
      document.body.append(probe);
      const system = (color: string) => ((probe.style.color = color), getComputedStyle(probe).color);
      expect(getComputedStyle(parts(el, 'base')[0]).textShadow).to.equal('none');
      const row = getComputedStyle(parts(el, 'row')[0]);
      expect([row.color, row.backgroundColor, row.borderTopColor]).to.deep.equal([system('CanvasText'), system('Canvas'), system('CanvasText')]);
      expect(getComputedStyle(parts(el, 'amount')[0]).color).to.equal(system('CanvasText'));
      probe.remove();
    }
  });

  it('renders hostile names and messages as text', async () => {
    const { el } = await mount(html`<onair-event-list storage-key=${freshKey()}></onair-event-list>`);
    const shown = nextShown(el);
    tip('<img src=x onerror="window.pwned=1">', 5, 'tokens', '<script>window.pwned=1</script><b>bold</b>');
    await shown;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(textOf(parts(el, 'name')[0])).to.equal('<img src=x onerror="window.pwned=1">');
    expect(textOf(parts(el, 'message')[0])).to.equal('<script>window.pwned=1</script><b>bold</b>');
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('leaves out tips below min-amount or in other currencies, from the list and the count', async () => {
    const { el } = await mount(html`<onair-event-list min-amount="10" currencies="tokens,usd" show-total locale="en-US" storage-key=${freshKey()}></onair-event-list>`);
    const shown = nextShown(el);
    tip('small', 9);
    tip('bits', 500, 'bits');
    tip('euro', 50, 'EUR');
    tip('ok', 10);
    tip('dollars', 12, 'USD');
    await shown;
    await el.updateComplete;
    expect(parts(el, 'name').map(textOf)).to.deep.equal(['dollars', 'ok']);
    expect(el.count).to.equal(2);
    expect(textOf(parts(el, 'total')[0])).to.equal('2 tips');
  });

  it('slides a new row in, and not under reduced motion', async () => {
    const { el } = await mount(html`<onair-event-list storage-key=${freshKey()}></onair-event-list>`);
    let shown = nextShown(el);
    tip('first', 1);
    await shown;
    await el.updateComplete;
    const [row] = parts(el, 'new');
    expect(row.getAnimations()).to.have.length(1);
    await emulateMedia({ reducedMotion: 'reduce' });
    await waitUntil(() => el.motionReduced, 'the media query reports reduced motion');
    shown = nextShown(el);
    tip('second', 1);
    await shown;
    await el.updateComplete;
    expect(textOf(parts(el, 'new')[0].querySelector('[part="name"]'))).to.equal('second');
    expect(parts(el, 'new')[0].getAnimations()).to.have.length(0);
  });

  it('keeps its rows and count across a reload (pagehide) without listing a resent tip twice', async () => {
    const key = freshKey();
    const first = await mount(html`<onair-event-list show-total locale="en-US" storage-key=${key}></onair-event-list>`);
    const shown = nextShown(first.el);
    tip('Ada', 5);
    const last = tip('Bo', 7, 'tokens', 'bye');
    await shown;
    // A reload: the page goes away without removing its elements first.
    dispatchEvent(new PageTransitionEvent('pagehide'));
    const stored = JSON.parse(localStorage.getItem(key)!);
    expect(stored.count).to.equal(2);
    first.provider.remove();
    const again = await mountWith<OnAirEventListElement>(platform, html`<onair-event-list show-total locale="en-US" storage-key=${key}></onair-event-list>`, 'onair-event-list');
    expect(parts(again.el, 'name').map(textOf)).to.deep.equal(['Bo', 'Ada']);
    expect(textOf(parts(again.el, 'message')[0])).to.equal('bye');
    expect(parts(again.el, 'new')).to.have.length(0);
    platform.fireTip({ ...last }); // the host sends it again after a reconnect
    const next = nextShown(again.el);
    tip('Cy', 1);
    expect((await next).count).to.equal(1);
    await again.el.updateComplete;
    expect(parts(again.el, 'name').map(textOf)).to.deep.equal(['Cy', 'Bo', 'Ada']);
    expect(textOf(parts(again.el, 'total')[0])).to.equal('3 tips');
    again.el.reset();
    await again.el.updateComplete;
    expect(again.el.count).to.equal(0);
    expect(parts(again.el, 'row')).to.have.length(0);
  });

  it('ignores malformed stored data instead of rendering it', async () => {
    const key = freshKey();
    localStorage.setItem(key, JSON.stringify({ v: 1, count: 'x', rows: [{ key: 'a', name: '<b>x</b>', amount: -5, currency: 'tokens', at: 1 }, 'junk', { key: 'b', name: 'ok', amount: 3, currency: 'tokens', at: 2 }], seen: [1, 'b'] }));
    const { el } = await mount(html`<onair-event-list storage-key=${key}></onair-event-list>`);
    expect(parts(el, 'name').map(textOf)).to.deep.equal(['ok']);
    expect(el.count).to.equal(1);
  });

  it('counts every tip of a 1,000 tips/s flood and draws them at most once per frame', async () => {
    const { el } = await mount(html`<onair-event-list storage-key=${freshKey()}></onair-event-list>`);
    const drawn: EventsShownDetail[] = [];
    el.addEventListener('onair-events-shown', (e) => drawn.push(e.detail));
    const renders = countRenders(el);
    // Frames seen by the page while the flood lasts.
    const frameCount = countFrames();
    await flood((n) => tip(`flood${n}`, 1));
    await waitUntil(() => drawn.reduce((sum, d) => sum + d.count, 0) === 1000, 'every tip drawn', { timeout: 5000 });
    const frames = frameCount.stop();
    expect(el.count).to.equal(1000);
    expect(drawn.at(-1)!.total).to.equal(1000);
    // Coalesced per frame: never more draws than frames, and far fewer than tips.
    expect(drawn.length).to.be.at.most(frames);
    expect(drawn.some((d) => d.count > 1)).to.equal(true);
    expect(renders()).to.be.at.most(frames);
    await el.updateComplete;
    expect(parts(el, 'name').map(textOf)[0]).to.equal('flood999');
  });

  it('leaves no subscription, frame or timer behind when removed', async () => {
    const open = subscriptionsBefore();
    const timers = trackTimers();
    try {
      const { el, provider } = await mount(html`<onair-event-list storage-key=${freshKey()}></onair-event-list>`);
      tip('x', 1);
      tip('y', 2);
      expect(el.count).to.equal(2);
      provider.remove();
      expect(open()).to.equal(0);
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
  });
});

describe('<onair-event-list> layout', () => {
  afterEach(() => platform?.dispose());

  // Panels (318, 420 px), an overlay (1280 × 720) and an OBS scene (1920 × 1080) at scale 1 and 2.
  for (const [width, scale] of [[318, 1], [420, 1], [1280, 1], [1920, 1], [1920, 2]]) {
    it(`fits a ${width}px-wide page at scale ${scale}, long names and messages included`, async () => {
      platform = quietDemo();
      const provider = await mountWith<OnAirEventListElement>(
        platform,
        html`<div style="width: ${width}px; --onair-scale: ${scale}"><onair-event-list storage-key=${freshKey()}></onair-event-list></div>`,
        'onair-event-list',
      );
      const el = provider.el;
      const shown = nextShown(el);
      for (let i = 0; i < 10; i += 1) tip(i % 2 ? 'Wolfeschlegelsteinhausenbergerdorff_the_Elder_of_Twitch' : 'Ada', 123456.78, 'USD', i % 3 ? 'Ein sehr langer Nachrichtentext ohne Pause '.repeat(6) : undefined);
      await shown;
      await el.updateComplete;
      const outer = el.parentElement!.getBoundingClientRect();
      for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
        const box = node.getBoundingClientRect();
        expect(box.left, `${node.getAttribute('part')} left`).to.be.at.least(outer.left - 0.5);
        expect(box.right, `${node.getAttribute('part')} right`).to.be.at.most(outer.right + 0.5);
      }
      // Name and amount share a line and never cover each other.
      const [name, amount] = [parts(el, 'name')[1].getBoundingClientRect(), parts(el, 'amount')[1].getBoundingClientRect()];
      expect(name.right).to.be.at.most(amount.left + 0.5);
    });
  }
});
