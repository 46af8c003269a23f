import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import './goal-bar.js';
import type { GoalReachedDetail, OnAirGoalBarElement } from './goal-bar.js';

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const textOf = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

let keys = 0;
const freshKey = () => `onair-test-goal-${Date.now()}-${++keys}`;

let platform: DemoPlatform;

async function mount(template: TemplateResult, demo = quietDemo()) {
  platform = demo;
  return mountWith<OnAirGoalBarElement>(platform, template, 'onair-goal-bar');
}

const give = (amount: number, currency = 'tokens', at?: Date) => platform.fireTip({ amount, currency, ...(at ? { at } : {}) });

describe('<onair-goal-bar>', () => {
  afterEach(async () => {
    platform?.dispose();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('is a labelled progressbar with its values, and passes the accessibility audit', async () => {
    const key = freshKey();
    const { el } = await mount(html`<onair-goal-bar locale="en-US" title="New mic" goal="100" storage-key=${key}></onair-goal-bar>`);
    give(25);
    await el.updateComplete;
    const track = part(el, 'track')!;
    expect(track.getAttribute('role')).to.equal('progressbar');
    expect(el.shadowRoot!.getElementById(track.getAttribute('aria-labelledby')!)!.textContent).to.equal('New mic');
    expect([track.getAttribute('aria-valuemin'), track.getAttribute('aria-valuenow'), track.getAttribute('aria-valuemax')]).to.deep.equal(['0', '25', '100']);
    expect(track.getAttribute('aria-valuetext')).to.equal('25 tokens of 100 tokens (25%)');
    await expect(el).to.be.accessible();
  });

  it('fills from tips in its currency only, on top of the starting amount', async () => {
    const { el } = await mount(html`<onair-goal-bar locale="en-US" goal="50" currency="USD" start="10" storage-key=${freshKey()}></onair-goal-bar>`);
    give(5, 'USD');
    give(1000, 'tokens');
    give(2.5, 'EUR');
    await el.updateComplete;
    expect(el.total).to.equal(15);
    expect(textOf(part(el, 'amount'))).to.equal('$15.00 / $50.00');
    expect(textOf(part(el, 'percent'))).to.equal('30%');
    expect(textOf(part(el, 'title'))).to.equal('Goal');
  });

  it('counts a session goal\u2019s first tip even when the host\u2019s clock runs behind this page\u2019s', async () => {
    const { el } = await mount(html`<onair-goal-bar locale="en-US" goal="100" storage-key=${freshKey()}></onair-goal-bar>`);
    give(30, 'tokens', new Date(Date.now() - 60_000));
    await el.updateComplete;
    expect(el.total).to.equal(30);
  });

  it('shows a crossing tip at 100 % of the goal and celebrates it, then moves on to each stretch target', async () => {
    const { el } = await mount(
      html`<onair-goal-bar locale="en-US" goal="100" stretch="300, 200" celebration-duration="400" storage-key=${freshKey()}></onair-goal-bar>`,
    );
    const reached: GoalReachedDetail[] = [];
    el.addEventListener('onair-goal-reached', (e) => reached.push(e.detail));
    give(90);
    await el.updateComplete;
    expect(textOf(part(el, 'percent'))).to.equal('90%');
    give(30);
    await el.updateComplete;
    expect(reached.map((d) => [d.target, d.index, d.final])).to.deep.equal([[100, 0, false]]);
    // First the goal itself, full, with the celebration.
    expect(textOf(part(el, 'reached'))).to.equal('Goal reached!');
    expect(textOf(part(el, 'percent'))).to.equal('100%');
    expect(textOf(part(el, 'amount'))).to.equal('120 tokens / 100 tokens');
    expect(part(el, 'stretch')).to.equal(null);
    expect(part(el, 'fill')!.style.getPropertyValue('--_fraction')).to.equal('1');
    expect(part(el, 'track')!.getAttribute('aria-valuemax')).to.equal('100');
    expect([el.target, el.shownTarget]).to.deep.equal([200, 100]);
    // Then the stretch target, once the celebration is over.
    await waitUntil(() => part(el, 'stretch') !== null, 'the bar moved on to the stretch target', { timeout: 3000 });
    expect(textOf(part(el, 'stretch'))).to.equal('Stretch goal 1');
    expect(textOf(part(el, 'amount'))).to.equal('120 tokens / 200 tokens');
    expect(textOf(part(el, 'percent'))).to.equal('60%');
    expect(part(el, 'reached')).to.equal(null);
    give(500);
    await el.updateComplete;
    expect(reached.map((d) => [d.target, d.index, d.final])).to.deep.equal([
      [100, 0, false],
      [200, 1, false],
      [300, 2, true],
    ]);
    expect(textOf(part(el, 'amount'))).to.equal('620 tokens / 300 tokens');
    expect(textOf(part(el, 'percent'))).to.equal('100%');
    expect(part(el, 'base')!.hasAttribute('data-complete')).to.equal(true);
    expect(part(el, 'track')!.getAttribute('aria-valuenow')).to.equal('300');
  });

  for (const [width, height] of [
    [318, 500],
    [420, 500],
    [1280, 720],
  ]) {
    it(`keeps its length through the crossing and the move to a stretch target, ${width}×${height}`, async () => {
      const { el, provider } = await mount(
        html`<onair-goal-bar locale="en-US" title="New microphone" goal="1000" stretch="5000" currency="USD" celebration-duration="300" storage-key=${freshKey()}></onair-goal-bar>`,
      );
      provider.style.cssText = `display:block;width:${width}px;height:${height}px`;
      give(900, 'USD');
      await el.updateComplete;
      const box = () => {
        const r = part(el, 'track')!.getBoundingClientRect();
        return [Math.round(r.width), Math.round(el.getBoundingClientRect().height)];
      };
      const before = box();
      expect(before[0]).to.be.greaterThan(0);
      give(250, 'USD');
      await el.updateComplete;
      expect(textOf(part(el, 'percent'))).to.equal('100%');
      expect(box()[0]).to.equal(before[0]);
      await waitUntil(() => textOf(part(el, 'percent')) === '23%', 'on to the stretch target', { timeout: 3000 });
      expect(box()[0]).to.equal(before[0]);
      expect(el.scrollWidth).to.be.at.most(width);
      await expect(el).to.be.accessible();
    });
  }

  it('celebrates with motion normally and without it under prefers-reduced-motion', async () => {
    const { el } = await mount(html`<onair-goal-bar goal="10" storage-key=${freshKey()}></onair-goal-bar>`);
    give(10);
    await el.updateComplete;
    expect(part(el, 'track')!.getAnimations().length).to.be.greaterThan(0);
    await emulateMedia({ reducedMotion: 'reduce' });
    await waitUntil(() => el.motionReduced, 'the media query reports reduced motion');
    el.reset();
    give(10);
    await el.updateComplete;
    expect(part(el, 'reached')).to.exist;
    expect(part(el, 'track')!.getAnimations()).to.have.length(0);
  });

  it('keeps its total across a reload, without counting a tip twice', async () => {
    const key = freshKey();
    const first = await mount(html`<onair-goal-bar goal="100" storage-key=${key}></onair-goal-bar>`);
    const firstTip = give(30);
    const last = give(12);
    await first.el.updateComplete;
    expect(first.el.total).to.equal(42);
    first.provider.remove(); // an OBS source reloading: saves on the way out
    // The same host again, which replays its latest tip and then sends it once more (a reconnect).
    const again = await mountWith<OnAirGoalBarElement>(platform, html`<onair-goal-bar goal="100" storage-key=${key}></onair-goal-bar>`, 'onair-goal-bar');
    expect(again.el.total).to.equal(42);
    platform.fireTip({ ...last });
    await again.el.updateComplete;
    expect(again.el.total).to.equal(42);
    again.provider.remove();
    platform.dispose();
    // A host that numbers its tips from 1 again after a reload: new tips all the same.
    const reloaded = await mount(html`<onair-goal-bar goal="100" storage-key=${key}></onair-goal-bar>`);
    platform.fireTip({ amount: 8, currency: 'tokens', id: firstTip.id });
    await reloaded.el.updateComplete;
    expect(reloaded.el.total).to.equal(50);
  });

  it('keys its total per goal, so two goals on one page keep their own', async () => {
    localStorage.removeItem('onair-goal-bar:Mic:tokens:session');
    localStorage.removeItem('onair-goal-bar:Chair:tokens:session');
    const { el, provider } = await mount(html`<onair-goal-bar goal="100" title="Mic"></onair-goal-bar>`);
    give(7);
    await el.updateComplete;
    const chair = document.createElement('onair-goal-bar');
    chair.setAttribute('title', 'Chair');
    chair.goal = 100;
    provider.append(chair);
    await chair.updateComplete;
    give(3);
    await chair.updateComplete;
    expect([el.total, chair.total]).to.deep.equal([10, 3]);
    expect(el.effectiveStorageKey).to.equal('onair-goal-bar:Mic:tokens:session');
    provider.remove();
    expect(JSON.parse(localStorage.getItem('onair-goal-bar:Chair:tokens:session')!).total).to.equal(3);
    localStorage.removeItem('onair-goal-bar:Mic:tokens:session');
    localStorage.removeItem('onair-goal-bar:Chair:tokens:session');
  });

  it('shows the total alone while no goal is set, and an empty bar', async () => {
    const { el } = await mount(html`<onair-goal-bar locale="en-US" storage-key=${freshKey()}></onair-goal-bar>`);
    give(5);
    await el.updateComplete;
    expect(textOf(part(el, 'amount'))).to.equal('5 tokens');
    expect(part(el, 'percent')).to.equal(null);
    expect(part(el, 'track')!.hasAttribute('aria-valuenow')).to.equal(false);
    expect(part(el, 'track')!.getAttribute('aria-valuetext')).to.equal('5 tokens');
    await expect(el).to.be.accessible();
    el.goal = 20;
    await el.updateComplete;
    expect(textOf(part(el, 'percent'))).to.equal('25%');
  });

  it('takes its goal from the host’s settings where the page set none', async () => {
    const { el } = await mount(html`<onair-goal-bar locale="en-US" title="Page title" storage-key=${freshKey()}></onair-goal-bar>`);
    platform.updateContext({ settings: { 'goal-bar': { goal: 40, title: 'Host title', stretch: [80], currency: 'USD', start: '4' } } });
    give(16, 'USD');
    await el.updateComplete;
    expect(textOf(part(el, 'title'))).to.equal('Page title');
    expect(el.targets).to.deep.equal([40, 80]);
    expect(textOf(part(el, 'amount'))).to.equal('$20.00 / $40.00');
  });

  it('counts only tips from `since` on', async () => {
    const since = new Date(Date.now() - 60_000);
    const { el } = await mount(html`<onair-goal-bar goal="100" since=${since.toISOString()} storage-key=${freshKey()}></onair-goal-bar>`);
    give(5, 'tokens', new Date(since.getTime() - 1));
    give(6, 'tokens', new Date(since.getTime() + 1));
    give(7);
    await el.updateComplete;
    expect(el.total).to.equal(13);
  });

  it('renders the title as text and lays out vertically on request', async () => {
    const hostile = '<img src=x onerror="window.__goalPwned = true">';
    const { el } = await mount(html`<onair-goal-bar goal="100" orientation="vertical" storage-key=${freshKey()}></onair-goal-bar>`);
    el.title = hostile;
    give(50);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect(textOf(part(el, 'title'))).to.equal(hostile);
    expect(el.dataset.orientation).to.equal('vertical');
    const track = part(el, 'track')!.getBoundingClientRect();
    expect(track.height).to.be.greaterThan(track.width);
    // The fill grows from empty to its fraction (a CSS transition): read it where it ends.
    await Promise.all(part(el, 'fill')!.getAnimations().map((animation) => animation.finished));
    const fill = part(el, 'fill')!.getBoundingClientRect();
    expect(Math.round(fill.height)).to.be.closeTo(Math.round(track.height / 2), 2);
  });

  it('tears down: no subscriptions or timers left, the total saved', async () => {
    const open = subscriptionsBefore();
    const key = freshKey();
    const { el, provider } = await mount(html`<onair-goal-bar goal="10" storage-key=${key}></onair-goal-bar>`);
    const timers = trackTimers();
    try {
      await el.updateComplete;
      expect(timers.pending()).to.equal(0, 'no timer while idle');
      const reached = oneEvent(el, 'onair-goal-reached');
      give(12);
      await reached;
      expect(timers.pending()).to.equal(2, 'a save and the celebration');
      provider.remove();
      expect(open()).to.equal(0);
      expect(timers.pending()).to.equal(0);
      expect(JSON.parse(localStorage.getItem(key)!).total).to.equal(12);
    } finally {
      timers.restore();
      localStorage.removeItem(key);
    }
  });
});
