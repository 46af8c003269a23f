import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { OutgoingRoomMessage } from '../../platform/model.js';
import { countFrames, countRenders, flood, mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import './tip-timer.js';
import { CONTROL_MESSAGE, TIMER_MESSAGE, type OnAirTipTimerElement, type TimerChangeDetail, type TimerEndDetail } from './tip-timer.js';

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const button = (el: HTMLElement, action: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
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
const spoken = (el: HTMLElement) => textOf(el.shadowRoot!.querySelector('[role="status"]'));

let keys = 0;
const freshKey = () => `onair-test-timer-${Date.now()}-${++keys}`;

let platforms: DemoPlatform[] = [];

async function mount(template: TemplateResult, demo = quietDemo()) {
  platforms.push(demo);
  const mounted = await mountWith<OnAirTipTimerElement>(demo, template, 'onair-tip-timer');
  return { ...mounted, platform: demo };
}

/** Resolves on the first frame where `condition` holds; frames, unlike waitUntil, leave no timer behind. */
function frameWhen(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : requestAnimationFrame(check));
    check();
  });
}

async function lead(template: TemplateResult, demo = quietDemo()) {
  const mounted = await mount(template, demo);
  // The lead is a Web Lock, granted asynchronously.
  await frameWhen(() => mounted.el.isAuthority);
  await mounted.el.updateComplete;
  return mounted;
}

async function click(target: Element) {
  const rect = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] });
}

/** Two demo pages in one room: what `from` broadcasts reaches `to` as a room message. */
function link(from: DemoPlatform, to: DemoPlatform): OutgoingRoomMessage[] {
  const sent: OutgoingRoomMessage[] = [];
  from.broadcast = async (message) => {
    sent.push(message);
    // The sender's clock is hours off: followers must not use it.
    to.receiveRoomMessage({ ...message, from: from.clientId, sentAt: Date.now() - 5 * 3_600_000 });
  };
  return sent;
}

const seconds = (el: OnAirTipTimerElement) => Math.ceil(el.remaining / 1000);

describe('<onair-tip-timer>', () => {
  afterEach(async () => {
    for (const platform of platforms) platform.dispose();
    platforms = [];
    await resetMouse();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('on the streamer\u2019s page: starts from its duration, shows the time large as a timer, with buttons, and passes the accessibility audit', async () => {
    const { el } = await lead(html`<onair-tip-timer locale="en-US" duration="600" storage-key=${freshKey()}></onair-tip-timer>`);
    const time = part(el, 'time')!;
    expect(time.getAttribute('role')).to.equal('timer');
    expect(time.getAttribute('aria-live')).to.equal('off');
    expect(textOf(time)).to.equal('10:00');
    expect(textOf(part(el, 'state'))).to.equal('Not started');
    expect(parseFloat(getComputedStyle(time).fontSize)).to.be.at.least(40);
    await expect(el).to.be.accessible();
    await click(button(el, 'start')!);
    await el.updateComplete;
    expect(el.status).to.equal('running');
    expect(spoken(el)).to.equal('10 minutes left');
    expect(button(el, 'pause')).to.exist;
    expect(textOf(button(el, 'add'))).to.equal('+1 min');
    await expect(el).to.be.accessible();
  });

  it('keeps to the system colours in forced-colors mode', async () => {
    const { el } = await lead(html`<onair-tip-timer storage-key=${freshKey()}></onair-tip-timer>`);
    {
      // Headless Chromium does not emulate forced colors: the widget's own forced-colors rules are
      // applied as if the media query matched, and must reach the elements they are for.
      forceColors(el);
      const probe = document.createElement('span');
      document.body.append(probe);
      const system = (color: string) => ((probe.style.color = color), getComputedStyle(probe).color);
      const base = getComputedStyle(part(el, 'base')!);
      expect(base.textShadow).to.equal('none');
      expect([base.color, base.backgroundColor]).to.deep.equal([system('CanvasText'), system('Canvas')]);
      expect(getComputedStyle(part(el, 'time')!).color).to.equal(system('CanvasText'));
      const start = getComputedStyle(button(el, 'start')!);
      expect([start.color, start.backgroundColor, start.borderTopColor]).to.deep.equal([system('ButtonText'), system('ButtonFace'), system('ButtonText')]);
      probe.remove();
    }
  });

  it('adds time per tip by its rules: per-currency rates, Bits at 100 = $1, caps per tip and in all', async () => {
    const { el, platform } = await lead(html`<onair-tip-timer rates="USD:60, tokens:2" max-per-tip="300" max-total="420" storage-key=${freshKey()}></onair-tip-timer>`);
    expect(el.start(100)).to.equal(true);
    el.pause();
    const held = el.remaining;
    const tip = (amount: number, currency: string) => platform.fireTip({ amount, currency });
    tip(10, 'tokens'); // 20 s
    tip(100, 'bits'); // $1: 60 s
    tip(3, 'EUR'); // no rate: nothing
    tip(10, 'USD'); // 600 s, capped at 300
    expect(el.added).to.equal(380_000);
    tip(5, 'USD'); // only 40 s left under max-total
    tip(5, 'USD');
    expect(el.added).to.equal(420_000);
    expect(el.remaining).to.equal(held + 420_000);
  });

  it('pauses, resumes, adds and resets through buttons and keys, and counts no tip before the start', async () => {
    const { el, platform } = await lead(html`<onair-tip-timer locale="en-US" duration="90" rate="1" storage-key=${freshKey()}></onair-tip-timer>`);
    const changes: TimerChangeDetail[] = [];
    el.addEventListener('onair-timer-change', (e) => changes.push(e.detail));
    platform.fireTip({ amount: 50, currency: 'tokens' });
    expect(el.added).to.equal(0);
    button(el, 'start')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await click(button(el, 'pause')!);
    await el.updateComplete;
    expect(el.status).to.equal('paused');
    expect(spoken(el)).to.match(/^Paused with 1 minute (30|29) seconds left$/);
    expect(textOf(part(el, 'state'))).to.equal('Paused');
    const held = el.remaining;
    await click(button(el, 'add')!);
    await el.updateComplete;
    expect(el.remaining).to.equal(held + 60_000);
    await click(button(el, 'resume')!);
    await el.updateComplete;
    expect(el.status).to.equal('running');
    await click(button(el, 'reset')!);
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    expect(textOf(part(el, 'time'))).to.equal('1:30');
    expect(changes.map((c) => c.cause)).to.deep.equal(['start', 'pause', 'add', 'resume', 'reset']);
    el.duration = 3600;
    await el.updateComplete;
    expect(textOf(part(el, 'time'))).to.equal('1:00:00');
  });

  it('says time is up with an event and a visual, with motion only without reduced motion', async () => {
    const { el } = await lead(html`<onair-tip-timer locale="en-US" storage-key=${freshKey()}></onair-tip-timer>`);
    const ended = new Promise<TimerEndDetail>((resolve) => el.addEventListener('onair-timer-end', (e) => resolve(e.detail), { once: true }));
    el.start(1);
    expect(await ended).to.deep.equal({ remote: false, addedMs: 0 });
    await el.updateComplete;
    expect(el.status).to.equal('ended');
    expect(textOf(part(el, 'ended'))).to.equal('Time\u2019s up!');
    expect(textOf(part(el, 'time'))).to.equal('0:00');
    expect(spoken(el)).to.equal('Time\u2019s up!');
    expect(part(el, 'time')!.getAnimations().length).to.be.greaterThan(0);
    await emulateMedia({ reducedMotion: 'reduce' });
    await waitUntil(() => el.motionReduced, 'reduced motion');
    el.start(1);
    await new Promise((resolve) => el.addEventListener('onair-timer-end', resolve, { once: true }));
    await el.updateComplete;
    expect(part(el, 'time')!.getAnimations()).to.have.length(0);
  });

  it('keeps its time and counted tips across a reload, neither losing nor counting a tip twice', async () => {
    const key = freshKey();
    const demo = quietDemo();
    const first = await lead(html`<onair-tip-timer rate="2" storage-key=${key}></onair-tip-timer>`, demo);
    first.el.start(600);
    const tip = demo.fireTip({ amount: 10, currency: 'tokens' });
    expect(first.el.added).to.equal(20_000);
    // The page goes away: pagehide writes what the save timer had not yet.
    dispatchEvent(new PageTransitionEvent('pagehide'));
    const before = first.el.remaining;
    first.provider.remove();
    const again = await lead(html`<onair-tip-timer rate="2" storage-key=${key}></onair-tip-timer>`, demo);
    expect(again.el.status).to.equal('running');
    expect(again.el.added).to.equal(20_000);
    expect(again.el.remaining).to.be.at.most(before).and.above(before - 5000);
    demo.fireTip({ ...tip }); // the host sends the tip again after the reload
    expect(again.el.added).to.equal(20_000);
    demo.fireTip({ amount: 1, currency: 'tokens' });
    expect(again.el.added).to.equal(22_000);
  });

  it('comes back ended, and says so, when its time ran out while the page was away', async () => {
    const key = freshKey();
    localStorage.setItem(key, JSON.stringify({ v: 1, status: 'running', endsAt: Date.now() - 1000, remainingMs: 5000, durationMs: 5000, addedMs: 0, seen: [] }));
    const demo = quietDemo();
    let ended = 0;
    document.addEventListener('onair-timer-end', () => (ended += 1), { once: true });
    const { el } = await lead(html`<onair-tip-timer storage-key=${key}></onair-tip-timer>`, demo);
    expect(el.status).to.equal('ended');
    expect(ended).to.equal(1);
  });

  it('on extension hosts every viewer shows the streamer\u2019s time, in relative time, and never counts tips itself', async () => {
    const streamer = quietDemo({ role: 'broadcaster' });
    const viewerHost = quietDemo({ role: 'viewer' });
    const sent = link(streamer, viewerHost);
    const key = freshKey();
    const { el: viewer } = await mount(html`<onair-tip-timer locale="en-US" rate="1000" storage-key=${`${key}-viewer`}></onair-tip-timer>`, viewerHost);
    expect(viewer.isAuthority).to.equal(false);
    expect(textOf(part(viewer, 'state'))).to.equal('Waiting for the streamer\u2019s timer\u2026');
    expect(textOf(part(viewer, 'time'))).to.equal('\u2013:\u2013\u2013');
    const { el: source } = await lead(html`<onair-tip-timer rate="10" storage-key=${key}></onair-tip-timer>`, streamer);
    // The streamer's timer tells the room where it stands as soon as it can.
    await waitUntil(() => textOf(part(viewer, 'state')) === 'Not started', 'the viewer hears the idle timer');
    expect(viewer.shadowRoot!.querySelector('button')).to.equal(null);
    expect(viewer.start(5)).to.equal(false);
    source.start(3600);
    await waitUntil(() => viewer.status === 'running', 'the viewer follows the start');
    expect(seconds(viewer)).to.be.within(3598, 3600);
    // Tips reach viewers' pages too; only the authority counts them.
    viewerHost.fireTip({ amount: 5, currency: 'tokens' });
    expect(viewer.added).to.equal(0);
    streamer.fireTip({ amount: 6, currency: 'tokens' });
    await waitUntil(() => viewer.added === 60_000, 'the viewer hears the tip\u2019s time', { timeout: 3000 });
    expect(Math.abs(viewer.remaining - source.remaining)).to.be.below(1500);
    source.pause();
    await waitUntil(() => viewer.status === 'paused', 'the viewer pauses too');
    expect(viewer.remaining).to.equal(sent.at(-1)!.payload && (sent.at(-1)!.payload as { remainingMs: number }).remainingMs);
    expect(sent.every((message) => message.type === TIMER_MESSAGE)).to.equal(true);
    // Nonsense in the room changes nothing.
    viewerHost.receiveRoomMessage({ type: TIMER_MESSAGE, payload: { status: 'running', remainingMs: -5 }, sentAt: Date.now() });
    viewerHost.receiveRoomMessage({ type: TIMER_MESSAGE, payload: '<img src=x>', sentAt: Date.now() });
    expect(viewer.status).to.equal('paused');
    await viewer.updateComplete;
    await expect(viewer).to.be.accessible();
  });

  it('lets one of two deciding timers with the same storage keep the time; the other follows and takes over when it goes', async () => {
    const demo = quietDemo();
    platforms.push(demo);
    const key = freshKey();
    const provider = await mountWith<OnAirTipTimerElement>(demo, html`<onair-tip-timer storage-key=${key}></onair-tip-timer><onair-tip-timer storage-key=${key}></onair-tip-timer>`, 'onair-tip-timer');
    const [a, b] = [...provider.provider.querySelectorAll('onair-tip-timer')];
    await frameWhen(() => a.isAuthority || b.isAuthority);
    const [leader, follower] = a.isAuthority ? [a, b] : [b, a];
    expect(follower.isAuthority).to.equal(false);
    leader.start(300);
    demo.fireTip({ amount: 5, currency: 'tokens' });
    await waitUntil(() => follower.status === 'running' && follower.added === 5000, 'the other follows', { timeout: 3000 });
    expect(follower.shadowRoot!.querySelector('button')).to.equal(null);
    leader.remove();
    await frameWhen(() => follower.isAuthority);
    expect(follower.status).to.equal('running');
    expect(follower.added).to.equal(5000);
  });

  it('where viewers can send to the room too, follows only what the streamer\u2019s key signed, never a forgery or a replay', async () => {
    // Stripchat's room: a paying viewer can whisper anything to every viewer.
    const untrusted = (role: 'broadcaster' | 'viewer') => Object.assign(quietDemo({ role }), { name: 'stripchat' }) as unknown as DemoPlatform;
    const streamer = untrusted('broadcaster');
    const viewerHost = untrusted('viewer');
    const sent = link(streamer, viewerHost);
    const key = freshKey();
    const { el: viewer } = await mount(html`<onair-tip-timer storage-key=${`${key}-viewer`}></onair-tip-timer>`, viewerHost);
    const { el: source } = await lead(html`<onair-tip-timer storage-key=${key}></onair-tip-timer>`, streamer);
    source.start(600);
    await waitUntil(() => viewer.status === 'running', 'the viewer follows the signed start', { timeout: 3000 });
    const start = sent.find((message) => (message.payload as { status: string }).status === 'running')!;
    expect((start.payload as { sig?: { key: string } }).sig?.key).to.match(/^[\w-]{87}$/);
    source.pause();
    await waitUntil(() => viewer.status === 'paused', 'the viewer follows the signed pause', { timeout: 3000 });
    const held = viewer.remaining;
    const followed: TimerChangeDetail[] = [];
    viewer.addEventListener('onair-timer-change', (e) => followed.push(e.detail));
    const forge = (payload: unknown) => viewerHost.receiveRoomMessage({ type: TIMER_MESSAGE, payload, from: streamer.clientId, sentAt: Date.now() });
    // Unsigned; signed by someone else's key; the streamer's signature on other numbers; a replay.
    forge({ status: 'ended', remainingMs: 0, durationMs: 600_000, addedMs: 0 });
    const { TimerSigner } = await import('./signing.js');
    const attacker = await TimerSigner.open(`${key}-attacker`);
    const fake = { status: 'running', remainingMs: 5_000, durationMs: 600_000, addedMs: 0 } as const;
    forge({ ...fake, sig: await attacker.sign(fake) });
    forge({ ...(start.payload as object), remainingMs: 1000 });
    forge(start.payload);
    // A genuine announcement after them: once it shows, every forgery before it was refused.
    source.add(60);
    await waitUntil(() => Math.round(viewer.remaining) === Math.round(held) + 60_000, 'the genuine change arrives', { timeout: 3000 });
    expect(viewer.status).to.equal('paused');
    expect(followed.map((change) => [change.status, change.remainingMs])).to.deep.equal([['paused', Math.round(held) + 60_000]]);
  });

  it('obeys controls from the room only where the room is the streamer\u2019s own, and never a replayed one', async () => {
    const streamerbot = Object.assign(quietDemo(), { name: 'streamerbot' }) as unknown as DemoPlatform;
    const control = (payload: unknown) => streamerbot.receiveRoomMessage({ type: CONTROL_MESSAGE, payload, sentAt: Date.now() });
    control({ action: 'start', seconds: 999 }); // before the timer was there: replayed to it, not obeyed
    const { el } = await lead(html`<onair-tip-timer storage-key=${freshKey()}></onair-tip-timer>`, streamerbot);
    expect(el.status).to.equal('idle');
    control({ action: 'start', seconds: 120 });
    expect(el.status).to.equal('running');
    control({ action: 'pause' });
    const held = el.remaining;
    control({ action: 'add', seconds: 30 });
    control({ action: 'add', seconds: 'lots' });
    control({ action: 'explode' });
    control({ action: 'reset', timer: 'another' });
    expect([el.status, el.remaining]).to.deep.equal(['paused', held + 30_000]);
    // The demo's room is not the streamer's own tooling: nothing there controls the timer.
    const demo = quietDemo();
    const { el: other } = await lead(html`<onair-tip-timer storage-key=${freshKey()}></onair-tip-timer>`, demo);
    demo.receiveRoomMessage({ type: CONTROL_MESSAGE, payload: { action: 'start' }, sentAt: Date.now() });
    expect(other.status).to.equal('idle');
  });

  it('starts on its own with autostart when it finds the timer not started, and not again after a reload', async () => {
    const key = freshKey();
    const demo = quietDemo();
    const first = await lead(html`<onair-tip-timer autostart duration="300" storage-key=${key}></onair-tip-timer>`, demo);
    expect(first.el.status).to.equal('running');
    first.el.pause();
    first.provider.remove();
    const again = await lead(html`<onair-tip-timer autostart duration="300" storage-key=${key}></onair-tip-timer>`, demo);
    expect(again.el.status).to.equal('paused');
  });

  it('counts every tip of a 1,000 tips/s flood, drawing and announcing per frame, not per tip', async () => {
    const streamer = quietDemo();
    const sent: OutgoingRoomMessage[] = [];
    streamer.broadcast = async (message) => void sent.push(message);
    const { el } = await lead(html`<onair-tip-timer rate="1" storage-key=${freshKey()}></onair-tip-timer>`, streamer);
    el.start(60);
    const changes: TimerChangeDetail[] = [];
    el.addEventListener('onair-timer-change', (e) => changes.push(e.detail));
    const renders = countRenders(el);
    const frameCount = countFrames();
    const announcedBefore = sent.length;
    await flood(() => streamer.fireTip({ amount: 1, currency: 'tokens' }));
    await waitUntil(() => changes.reduce((sum, c) => sum + (c.tips ?? 0), 0) === 1000, 'every tip drawn', { timeout: 5000 });
    const frames = frameCount.stop();
    expect(el.added).to.equal(1_000_000);
    const drawn = changes.filter((c) => c.cause === 'tips');
    expect(drawn.length).to.be.at.most(frames);
    expect(drawn.some((c) => (c.tips ?? 0) > 1)).to.equal(true);
    // Tips and the countdown's ticks are both drawn in frames: never more renders than frames.
    expect(renders()).to.be.at.most(frames);
    expect(sent.length - announcedBefore).to.be.below(drawn.length);
  });

  it('ticks only while running and leaves nothing behind when removed', async () => {
    const open = subscriptionsBefore();
    const timers = trackTimers();
    try {
      const { el, provider } = await lead(html`<onair-tip-timer storage-key=${freshKey()}></onair-tip-timer>`);
      const idle = timers.pending();
      el.start(100);
      await el.updateComplete;
      expect(timers.pending()).to.equal(idle + 1); // the tick
      el.pause();
      expect(timers.pending()).to.equal(idle);
      el.resume();
      expect(timers.pending()).to.equal(idle + 1);
      provider.remove();
      expect(open()).to.equal(0);
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
  });

  it('tells screen readers the time at thresholds, not every second', async () => {
    const { el } = await lead(html`<onair-tip-timer locale="en-US" storage-key=${freshKey()}></onair-tip-timer>`);
    el.start(12);
    await el.updateComplete;
    expect(spoken(el)).to.equal('12 seconds left');
    await waitUntil(() => seconds(el) === 11, 'a second passed', { timeout: 3000 });
    await el.updateComplete;
    expect(spoken(el)).to.equal('12 seconds left');
    await waitUntil(() => spoken(el) === '10 seconds left', 'the 10 seconds threshold is spoken', { timeout: 4000 });
    el.pause();
  });
});

describe('<onair-tip-timer> layout', () => {
  afterEach(() => {
    for (const platform of platforms) platform.dispose();
    platforms = [];
  });

  const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

  // Panels (318, 420 px), an overlay (1280 × 720) and an OBS scene (1920 × 1080) at scale 1 and 2.
  for (const [width, scale] of [[318, 1], [420, 1], [1280, 1], [1920, 1], [1920, 2]]) {
    it(`fits a ${width}px-wide page at scale ${scale}, with hours on the clock and every button`, async () => {
      const demo = quietDemo();
      platforms.push(demo);
      const { el } = await mountWith<OnAirTipTimerElement>(
        demo,
        html`<div style="width: ${width}px; --onair-scale: ${scale}"><onair-tip-timer locale="de-DE" storage-key=${freshKey()}></onair-tip-timer></div>`,
        'onair-tip-timer',
      );
      await frameWhen(() => el.isAuthority);
      el.start(100 * 3600 - 1);
      el.pause();
      await el.updateComplete;
      expect(textOf(part(el, 'time'))).to.equal('99:59:59');
      const outer = el.parentElement!.getBoundingClientRect();
      const boxes = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')].map((node) => [node.getAttribute('part')!, node.getBoundingClientRect()] as const);
      for (const [name, box] of boxes) {
        expect(box.left, `${name} left`).to.be.at.least(outer.left - 0.5);
        expect(box.right, `${name} right`).to.be.at.most(outer.right + 0.5);
      }
      const time = part(el, 'time')!.getBoundingClientRect();
      for (const node of el.shadowRoot!.querySelectorAll('button')) expect(overlaps(node.getBoundingClientRect(), time), node.textContent!).to.equal(false);
      // Pausing and resuming changes no size: nothing around the timer moves.
      const before = el.getBoundingClientRect();
      el.resume();
      await el.updateComplete;
      el.pause();
      await el.updateComplete;
      expect(el.getBoundingClientRect().width).to.equal(before.width);
    });
  }
});
