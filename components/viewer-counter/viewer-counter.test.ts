import { expect, html, waitUntil } from '@open-wc/testing';
import { BasePlatform } from '../../platform/base.js';
import type { Capability, TipMenuItem, TipResult, Viewers } from '../../platform/model.js';
import { NoHostPlatform } from '../../platform/no-host.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import type { MilestoneDetail, OnAirViewerCounterElement } from './viewer-counter.js';
import './viewer-counter.js';
import { nothingWithin } from '../../test/wait.js';

/** A connected platform whose viewer payloads the test pushes directly (e.g. with `byPlatform`). */
class FakeViewersPlatform extends BasePlatform {
  readonly name = 'streamnook' as const;
  constructor(readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['viewers'])) {
    super();
    this.setStatus({ state: 'connected' });
  }
  push(viewers: Viewers | null): void {
    this.setViewers(viewers);
  }
  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'not in this test' };
  }
}

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const countText = (el: HTMLElement) => part(el, 'count')?.textContent?.trim() ?? '';
const liveText = (el: HTMLElement) => el.shadowRoot!.querySelector('.live')!.textContent ?? '';
const state = (el: HTMLElement) => part(el, 'base')!.dataset.state;
/** ICU uses no-break spaces in some locales; compare with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(n);
  });

/** Polls once per animation frame, leaving no timer behind (`waitUntil` leaves its timeout timer). */
async function untilFrame(predicate: () => boolean, message: string): Promise<void> {
  for (let left = 600; !predicate(); left -= 1) {
    if (left === 0) throw new Error(`Timeout: ${message}`);
    await frames(1);
  }
}

/** Records every distinct text the live region takes. */
function watchAnnouncements(el: HTMLElement): { list: string[]; stop: () => void } {
  const region = el.shadowRoot!.querySelector('.live')!;
  const list: string[] = [];
  const observer = new MutationObserver(() => {
    const text = region.textContent ?? '';
    if (list[list.length - 1] !== text) list.push(text);
  });
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return { list, stop: () => observer.disconnect() };
}

function collectMilestones(el: HTMLElement): MilestoneDetail[] {
  const seen: MilestoneDetail[] = [];
  el.addEventListener('onair-milestone', (event) => seen.push(event.detail));
  return seen;
}

describe('<onair-viewer-counter>', () => {
  it('passes the accessibility audit', async () => {
    const platform = quietDemo({ viewers: 1280 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter locale="en-US"></onair-viewer-counter>`, 'onair-viewer-counter');
    await expect(el).to.be.accessible();
    platform.dispose();
  });

  it('shows the live total and hides the per-frame number from screen readers', async () => {
    const platform = quietDemo({ viewers: 1280 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter locale="en-US"></onair-viewer-counter>`, 'onair-viewer-counter');
    expect(countText(el)).to.equal('1,280');
    expect(part(el, 'label')!.textContent).to.contain('viewers');
    expect(part(el, 'count')!.closest('[aria-hidden="true"]')).to.exist;
    expect(liveText(el)).to.equal('1,280 viewers');
    expect(el.shadowRoot!.querySelector('.live')!.getAttribute('aria-live')).to.equal('polite');
    platform.dispose();
  });

  it('tweens to exactly the new total through intermediate frames, then requests no more frames', async () => {
    const platform = quietDemo({ viewers: 100 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter announce-interval="0" locale="en-US"></onair-viewer-counter>`, 'onair-viewer-counter');
    const timers = trackTimers();
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(countText(el)));
    observer.observe(el.shadowRoot!, { subtree: true, characterData: true, childList: true });
    try {
      platform.setViewerCount(98_765);
      await untilFrame(() => countText(el) === '98,765', 'tween reaches the target');
      expect([...seen].filter((text) => text !== '100' && text !== '98,765').length).to.be.greaterThan(0);
      await frames(3);
      expect(timers.pending()).to.equal(0);
      expect(countText(el)).to.equal('98,765');
    } finally {
      observer.disconnect();
      timers.restore();
      platform.dispose();
    }
  });

  it('jumps straight to the new total under reduced motion', async () => {
    const platform = quietDemo({ viewers: 100 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter announce-interval="0" reduced-motion locale="en-US"></onair-viewer-counter>`, 'onair-viewer-counter');
    const timers = trackTimers();
    try {
      platform.setViewerCount(5000);
      await el.updateComplete;
      expect(countText(el)).to.equal('5,000');
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
      platform.dispose();
    }
  });

  it('formats compact numbers per locale, with the locale attribute beating the host context', async () => {
    const platform = quietDemo({ viewers: 1_234_567, locale: 'de-DE' });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter notation="compact" reduced-motion></onair-viewer-counter>`, 'onair-viewer-counter');
    expect(plain(countText(el))).to.equal('1,2 Mio.');
    el.locale = 'en-US';
    await el.updateComplete;
    expect(countText(el)).to.equal('1.2M');
    platform.setViewerCount(12_345);
    await el.updateComplete;
    expect(countText(el)).to.equal('12.3K');
    el.notation = 'standard';
    await el.updateComplete;
    expect(countText(el)).to.equal('12,345');
    el.locale = undefined;
    await el.updateComplete;
    expect(plain(countText(el))).to.equal('12.345');
    platform.dispose();
  });

  it('takes its notation from host settings only when the attribute is not set', async () => {
    const platform = quietDemo({ viewers: 12_345, locale: 'en-US' });
    platform.updateContext({ settings: { 'viewer-counter': { notation: 'compact' } } });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter reduced-motion></onair-viewer-counter>`, 'onair-viewer-counter');
    expect(countText(el)).to.equal('12.3K');
    el.setAttribute('notation', 'standard');
    await el.updateComplete;
    expect(countText(el)).to.equal('12,345');
    platform.updateContext({ settings: { 'viewer-counter': { notation: '<b>bad</b>' } } });
    el.removeAttribute('notation');
    el.notation = undefined;
    await el.updateComplete;
    expect(countText(el)).to.equal('12,345');
    platform.dispose();
  });

  it('uses a slotted, localised label in the visible text and the announcement', async () => {
    const platform = quietDemo({ viewers: 42 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter locale="de-DE">Zuschauer</onair-viewer-counter>`, 'onair-viewer-counter');
    const slot = part(el, 'label')!.querySelector('slot')!;
    expect(slot.assignedNodes()[0].textContent).to.equal('Zuschauer');
    expect(liveText(el)).to.equal('42 Zuschauer');
    platform.dispose();
  });

  it('fires onair-milestone once per upward crossing, in order, never for the initial value', async () => {
    const platform = quietDemo({ viewers: 600 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter milestones="1000, 100,500" reduced-motion></onair-viewer-counter>`, 'onair-viewer-counter');
    const seen = collectMilestones(el);
    expect(seen).to.deep.equal([], 'mounting at 600 crosses nothing');
    platform.setViewerCount(700);
    expect(seen).to.deep.equal([]);
    platform.setViewerCount(1000);
    expect(seen).to.deep.equal([{ milestone: 1000, total: 1000 }]);
    platform.setViewerCount(1200);
    platform.setViewerCount(999);
    expect(seen.length).to.equal(1, 'falling back crosses nothing');
    platform.setViewerCount(1001);
    expect(seen.slice(1)).to.deep.equal([{ milestone: 1000, total: 1001 }], 'rising again is a new crossing');
    platform.setViewerCount(50);
    platform.setViewerCount(5000);
    expect(seen.slice(2)).to.deep.equal([
      { milestone: 100, total: 5000 },
      { milestone: 500, total: 5000 },
      { milestone: 1000, total: 5000 },
    ]);
    platform.dispose();
  });

  it('fires no milestone when milestones are set from code or the count stays put', async () => {
    const platform = quietDemo({ viewers: 600 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter reduced-motion></onair-viewer-counter>`, 'onair-viewer-counter');
    const seen = collectMilestones(el);
    el.milestones = '100,500';
    await el.updateComplete;
    platform.setViewerCount(600);
    expect(seen).to.deep.equal([]);
    platform.setViewerCount(499);
    platform.setViewerCount(500);
    expect(seen).to.deep.equal([{ milestone: 500, total: 500 }]);
    platform.dispose();
  });

  it('throttles polite announcements and announces only changed values', async () => {
    const platform = quietDemo({ viewers: 10 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter announce-interval="0.15" reduced-motion locale="en-US"></onair-viewer-counter>`, 'onair-viewer-counter');
    expect(liveText(el)).to.equal('10 viewers');
    // Mounting announced just now, so every change below falls inside one throttle window.
    const announcements = watchAnnouncements(el);
    for (const total of [11, 12, 13, 14, 15]) {
      platform.setViewerCount(total);
      await el.updateComplete;
    }
    expect(announcements.list).to.deep.equal([], 'nothing more until the window ends');
    await waitUntil(() => announcements.list.length > 0, 'the trailing announcement');
    expect(announcements.list).to.deep.equal(['15 viewers']);
    platform.setViewerCount(15);
    await el.updateComplete;
    await nothingWithin(300, 'two throttle windows: an announcement would have come by then');
    expect(announcements.list).to.deep.equal(['15 viewers'], 'an unchanged value is not announced');
    platform.setViewerCount(16);
    platform.setViewerCount(15);
    await el.updateComplete;
    await nothingWithin(300, 'two throttle windows: an announcement would have come by then');
    expect(announcements.list).to.deep.equal(['15 viewers'], 'a value that came back is not announced');
    announcements.stop();
    platform.dispose();
  });

  it('shows an unavailable state when the host reports no count, and recovers', async () => {
    const platform = quietDemo({ viewers: 10 });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter announce-interval="0" reduced-motion locale="en-US"></onair-viewer-counter>`, 'onair-viewer-counter');
    platform.setViewerCount(null);
    await el.updateComplete;
    expect(state(el)).to.equal('unavailable');
    expect(part(el, 'count')).to.equal(null);
    expect(part(el, 'message')!.textContent).to.equal('Viewer count unavailable');
    expect(liveText(el)).to.equal('Viewer count unavailable');
    await expect(el).to.be.accessible();
    platform.setViewerCount(20);
    await el.updateComplete;
    expect(state(el)).to.equal('live');
    expect(countText(el)).to.equal('20');
    platform.dispose();
  });

  it('shows distinct empty states with a reason: no host, unsupported, offline', async () => {
    const noHost = new NoHostPlatform();
    const a = await mountWith<OnAirViewerCounterElement>(noHost, html`<onair-viewer-counter></onair-viewer-counter>`, 'onair-viewer-counter');
    expect(state(a.el)).to.equal('hostless');
    expect(part(a.el, 'message')!.textContent).to.equal('No streaming host connected');
    await expect(a.el).to.be.accessible();

    const noViewers = new FakeViewersPlatform(new Set());
    const b = await mountWith<OnAirViewerCounterElement>(noViewers, html`<onair-viewer-counter></onair-viewer-counter>`, 'onair-viewer-counter');
    expect(state(b.el)).to.equal('unsupported');
    expect(part(b.el, 'message')!.textContent).to.contain('does not share a viewer count');

    const demo = quietDemo({ viewers: 10 });
    const c = await mountWith<OnAirViewerCounterElement>(demo, html`<onair-viewer-counter></onair-viewer-counter>`, 'onair-viewer-counter');
    demo.drop();
    await c.el.updateComplete;
    expect(state(c.el)).to.equal('offline');
    expect(part(c.el, 'message')!.textContent).to.equal('Not connected to the host');
    demo.reconnect();
    await waitUntil(() => state(c.el) === 'live', 'back after reconnecting');
    for (const platform of [noHost, noViewers, demo]) platform.dispose();
  });

  it('shows a per-platform breakdown when asked, as text, skipping bad entries', async () => {
    const platform = new FakeViewersPlatform();
    platform.push({ total: 1500, byPlatform: { twitch: 1200, '<img src=x onerror=alert(1)>': 300, broken: Number.NaN } as Record<string, number> });
    const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter breakdown locale="en-US"></onair-viewer-counter>`, 'onair-viewer-counter');
    const items = [...el.shadowRoot!.querySelectorAll('[part="breakdown-item"]')].map((li) => li.textContent!.replace(/\s+/g, ''));
    expect(items).to.deep.equal(['twitch1,200', '<imgsrc=xonerror=alert(1)>300']);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
    el.breakdown = false;
    await el.updateComplete;
    expect(part(el, 'breakdown')).to.equal(null);
    platform.dispose();
  });

  it('leaves no subscription, timer or animation frame behind when removed mid-tween', async () => {
    const subscriptions = subscriptionsBefore();
    const platform = quietDemo({ viewers: 10 });
    const { el, provider } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter announce-interval="30"></onair-viewer-counter>`, 'onair-viewer-counter');
    // Tracking starts after mounting: the fixture's own waitUntil leaves a timeout timer running.
    const timers = trackTimers();
    try {
      platform.setViewerCount(50_000);
      await el.updateComplete;
      expect(timers.pending()).to.equal(2, 'a tween frame and an announcement timer are pending');
      provider.remove();
      await el.updateComplete;
      expect(timers.pending()).to.equal(0);
      expect(subscriptions()).to.equal(0);
    } finally {
      timers.restore();
      platform.dispose();
    }
  });

  describe('pill appearance', () => {
    for (const [width, height, theme, backdrop] of [
      [318, 200, 'dark', '#ffffff'],
      [420, 200, 'light', '#000000'],
      [1280, 720, 'dark', 'repeating-linear-gradient(45deg, #fff 0 6px, #ff0 6px 12px)'],
    ] as const) {
      it(`stays readable on its own background over a busy ${theme === 'dark' ? 'bright' : 'dark'} frame, ${width}×${height}`, async () => {
        const platform = new FakeViewersPlatform();
        const { el, provider } = await mountWith<OnAirViewerCounterElement>(
          platform,
          html`<onair-viewer-counter locale="en-US" appearance="pill" theme=${theme}></onair-viewer-counter>`,
          'onair-viewer-counter',
        );
        provider.style.cssText = `display:block;width:${width}px;height:${height}px;background:${backdrop}`;
        platform.push({ total: 1234 });
        await untilFrame(() => countText(el) === '1,234', 'the count shows');
        const base = part(el, 'base')!;
        const style = getComputedStyle(base);
        expect(style.backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
        expect(parseFloat(style.paddingInlineStart)).to.be.greaterThan(0);
        // The pill's surface, not the frame, is what the text sits on: axe checks the contrast against it.
        const count = part(el, 'count')!.getBoundingClientRect();
        const pill = base.getBoundingClientRect();
        expect(count.left).to.be.at.least(pill.left);
        expect(count.right).to.be.at.most(pill.right);
        expect(pill.width).to.be.at.most(width);
        await expect(el).to.be.accessible();
        platform.dispose();
      });
    }

    it('is plain by default, and takes the appearance from the host’s settings', async () => {
      const platform = quietDemo();
      const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter></onair-viewer-counter>`, 'onair-viewer-counter');
      expect(el.dataset.appearance).to.equal('plain');
      expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
      platform.updateContext({ settings: { 'viewer-counter': { appearance: 'pill' } } });
      await el.updateComplete;
      expect(el.dataset.appearance).to.equal('pill');
      platform.dispose();
    });
  });
});
