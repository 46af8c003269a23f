/**
 * Layout is behaviour: the README's layouts at the sizes they live in, in frames of that size.
 * A Twitch panel or Stripchat slot (318 and 420 px) with counter, tip menu, status pill and
 * leaderboard; the Twitch video overlay (1280 × 720) with wheel, board, timer, recent tips, goal
 * and alerts; the Stripchat overlay slot (318 and 420 px) with its timer; the OBS page at
 * 1920 × 1080 over http (the same page from file:// is checked in test/node/obs-file.test.mjs).
 * Nothing covers anything clickable (`elementFromPoint` at each control's centre), nothing moves
 * when an alert shows, nothing falls off the canvas without the page saying so.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { OnAirPlatformElement } from '../components/platform/platform.js';
import type { OnAirAlertBoxElement } from '../components/alert-box/alert-box.js';
import type { OnAirStatusPillElement } from '../components/status-pill/status-pill.js';
import type { DemoPlatform } from '../platform/demo/demo-platform.js';
import { storageSnapshot } from './helpers.js';
import { rendered, until } from './wait.js';

const HELPER = '<script src="https://extension-files.twitch.tv/helper/v1/twitch-ext.min.js"></script>';
const DEMO = 'platform="demo" seed="7" rate="0" connect-delay="0" viewer-interval="0"';
const NAMES = ['PixelPirate', 'Ada Lovelace', 'GraceHopperFan', 'Linus', 'Margaret Hamilton-Smith', 'Bob', 'Xx_Sniper_xX', 'Carol', 'Dave the Destroyer', 'Eve', 'Frank'];
const opened: HTMLIFrameElement[] = [];

interface Frame {
  win: Window;
  doc: Document;
  demo: DemoPlatform;
}

function frameOf(width: number, height: number): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.style.cssText = `width: ${width}px; height: ${height}px; border: 0; display: block`;
  document.body.append(iframe);
  opened.push(iframe);
  return iframe;
}

async function ready(iframe: HTMLIFrameElement): Promise<Frame> {
  await waitUntil(() => (iframe.contentDocument?.querySelector('onair-platform') as OnAirPlatformElement | null)?.current?.name === 'demo', 'the demo feed runs', { timeout: 20_000 });
  const doc = iframe.contentDocument!;
  await rendered(doc);
  return { win: iframe.contentWindow!, doc, demo: (doc.querySelector('onair-platform') as OnAirPlatformElement).current as DemoPlatform };
}

/** A demo page of demo/twitch/ on the demo feed instead of Twitch (same markup and CSS). */
async function openTwitchPage(page: string, width: number, height: number, edit: (source: string) => string = (source) => source): Promise<Frame> {
  const source = await (await fetch(`/demo/twitch/${page}`)).text();
  expect(source).to.include(HELPER);
  const iframe = frameOf(width, height);
  iframe.srcdoc = edit(
    source
      .replace('<head>', `<head><base href="${location.origin}/demo/twitch/">`)
      .replace(HELPER, '')
      .replace('<script type="module" src="./page.ts"></script>', '')
      .replace('platform="twitch"', DEMO),
  );
  return ready(iframe);
}

/** The Stripchat overlay slot page of demo/stripchat/ on the demo feed (same markup and CSS). */
async function openStripchatOverlay(width: number, height: number): Promise<Frame> {
  const source = await (await fetch('/demo/stripchat/overlay.html')).text();
  const provider = /<onair-platform platform="stripchat"[^>]*>/;
  expect(source).to.match(provider);
  const iframe = frameOf(width, height);
  iframe.srcdoc = source
    .replace('<head>', `<head><base href="${location.origin}/demo/stripchat/">`)
    .replace('<script type="module" src="./page.ts"></script>', '')
    .replace(provider, `<onair-platform ${DEMO}>`);
  return ready(iframe);
}

async function openObsPage(query: string): Promise<Frame> {
  const iframe = frameOf(1920, 1080);
  iframe.src = `/demo/obs/index.html?platform=demo&rate=0&connect-delay=0&viewer-interval=0&${query}`;
  return ready(iframe);
}

function tipFromEveryone(demo: DemoPlatform, count = 10): void {
  NAMES.slice(0, count).forEach((name, i) => demo.fireTip({ amount: 500 - i * 37, currency: 'tokens', user: { id: `u${i}`, name } }));
}

const widgets = (doc: Document) => [...doc.querySelectorAll<HTMLElement>('onair-platform *')].filter((el) => el.localName.startsWith('onair-'));
const box = (el: Element) => el.getBoundingClientRect();
const boxes = (els: Element[]) => els.map((el) => [el.localName, ...['x', 'y', 'width', 'height'].map((k) => Math.round(box(el)[k as 'x']))]);
const intersect = (a: DOMRect, b: DOMRect) => a.width > 0 && a.height > 0 && b.width > 0 && b.height > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const shadow = (el: Element | null, selector: string) => [...(el?.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];

/** Every control of `widget` answers a click at its centre: nothing lies over it. */
function expectReachable(doc: Document, widget: Element, selector: string): void {
  const controls = shadow(widget, selector);
  expect(controls.length, `${widget.localName} ${selector}`).to.be.greaterThan(0);
  for (const control of controls) {
    const r = box(control);
    const hit = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    expect(hit?.localName, `${control.textContent?.trim()} at ${Math.round(r.left + r.width / 2)},${Math.round(r.top + r.height / 2)}`).to.equal(widget.localName);
    expect(widget.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest(selector)).to.equal(control);
  }
}

/** No two widgets overlap (but `layers`, which take no clicks), and each lies inside the frame's width (and height, when given). */
function expectApartAndInside(doc: Document, width: number, height?: number, layers: string[] = []): void {
  const laid = widgets(doc).filter((el) => !layers.includes(el.localName));
  laid.forEach((el, i) => {
    const r = box(el);
    expect(r.left, `${el.localName} left`).to.be.at.least(0);
    expect(r.right, `${el.localName} inside ${width} px`).to.be.at.most(width);
    if (height !== undefined) expect(r.bottom, `${el.localName} inside ${height} px`).to.be.at.most(height);
    for (const other of laid.slice(i + 1)) expect(intersect(r, box(other)), `${el.localName} and ${other.localName} overlap`).to.equal(false);
  });
  expect(doc.documentElement.scrollWidth, 'nothing runs off the side').to.be.at.most(width);
}

/** Ends the alert showing and every queued one (their tips were counted; only the layer is cleared). */
async function skipAlerts(alert: OnAirAlertBoxElement): Promise<void> {
  await until(() => {
    alert.skip();
    return alert.current === undefined && alert.queueLength === 0;
  }, 'the queued alerts skipped');
}

/** The pill's own box (its host is empty while it floats) covers no other widget. */
function expectPillCoversNothing(doc: Document, layers: string[] = []): void {
  const pill = doc.querySelector<OnAirStatusPillElement>('onair-status-pill')!;
  const pillBox = box(pill.shadowRoot!.querySelector('[part=base]')!);
  expect(pillBox.height).to.be.greaterThan(0);
  for (const other of widgets(doc).filter((el) => el !== pill && !layers.includes(el.localName))) expect(intersect(pillBox, box(other)), `the pill over ${other.localName}`).to.equal(false);
}

describe('layouts at the sizes they live in', function () {
  this.timeout(60_000);

  // The pages' widgets keep totals and positions under their default keys: each test starts clean.
  let restoreStorage = () => {};
  beforeEach(() => (restoreStorage = storageSnapshot()));
  afterEach(() => {
    for (const iframe of opened.splice(0)) iframe.remove();
    restoreStorage();
  });

  for (const width of [318, 420]) {
    it(`a ${width} px panel with counter, tip menu, pill and leaderboard: every tip item can be clicked, the pill covers no widget`, async () => {
      const { doc, demo } = await openTwitchPage('panel.html', width, 900, (source) =>
        source.replace('<onair-tip-menu></onair-tip-menu>', '<onair-tip-menu></onair-tip-menu>\n<onair-status-pill></onair-status-pill>'),
      );
      tipFromEveryone(demo);
      const menu = doc.querySelector('onair-tip-menu')!;
      const pill = doc.querySelector<OnAirStatusPillElement>('onair-status-pill')!;
      await waitUntil(() => shadow(menu, 'button.item').length > 0 && shadow(doc.querySelector('onair-leaderboard'), '.row').length === 10, 'menu items and ten rows');
      await waitUntil(() => !pill.floats, 'the pill docks: its corner is over the counter and the menu');
      await rendered(doc);
      expectReachable(doc, menu, 'button.item');
      expectPillCoversNothing(doc);
      for (const el of widgets(doc)) expect(box(el).right, `${el.localName} inside the ${width} px frame`).to.be.at.most(width);
    });
  }

  it('the 1280 × 720 video overlay: the pill stays off the wheel, the board keeps its width and shows every row', async () => {
    const { doc, demo } = await openTwitchPage('video_overlay.html', 1280, 720);
    tipFromEveryone(demo);
    const wheel = doc.querySelector('onair-wheel-spinner')!;
    const board = doc.querySelector('onair-leaderboard')!;
    const pill = doc.querySelector<OnAirStatusPillElement>('onair-status-pill')!;
    await waitUntil(() => shadow(wheel, '[part=spin-button]').length === 1 && shadow(board, '.row').length === 10, 'the wheel and ten rows');
    await waitUntil(() => !pill.floats, 'the pill docks: its corner is the wheel\'s');
    expectPillCoversNothing(doc);
    expectReachable(doc, wheel, '[part=spin-button]');
    const pointer = box(shadow(wheel, '[part=pointer]')[0]);
    expect(doc.elementFromPoint(pointer.left + pointer.width / 2, pointer.top + pointer.height / 2)).to.equal(wheel);
    expect(box(board).width, 'the board is not stretched across the video').to.be.at.most(28 * 16);
    for (const row of shadow(board, '.row')) expect(box(row).bottom, `row ${row.textContent?.trim().slice(0, 20)} on screen`).to.be.at.most(720);
    expect(intersect(box(board), box(wheel))).to.equal(false);
  });

  it('the 1280 × 720 video overlay with timer, last tips, goal and alerts: apart, on screen, every control clickable, nothing moves when an alert shows', async () => {
    const { doc, demo } = await openTwitchPage('video_overlay.html', 1280, 720);
    tipFromEveryone(demo);
    const wheel = doc.querySelector('onair-wheel-spinner')!;
    const board = doc.querySelector('onair-leaderboard')!;
    const timer = doc.querySelector('onair-tip-timer')!;
    const events = doc.querySelector('onair-event-list')!;
    const alert = doc.querySelector<OnAirAlertBoxElement>('onair-alert-box')!;
    const pill = doc.querySelector<OnAirStatusPillElement>('onair-status-pill')!;
    await waitUntil(
      () => shadow(wheel, '[part=spin-button]').length === 1 && shadow(board, '.row').length === 10 && shadow(events, '[part~=row]').length === 5 && shadow(timer, '[part=button]').length > 0,
      'the wheel, ten rows, five recent tips and the timer\'s buttons',
    );
    await waitUntil(() => !pill.floats, 'the pill docks');
    await skipAlerts(alert);
    await rendered(doc);
    expectApartAndInside(doc, 1280, 720, ['onair-alert-box']);
    expectPillCoversNothing(doc, ['onair-alert-box']);
    expectReachable(doc, wheel, '[part=spin-button]');
    expectReachable(doc, timer, '[part=button]');
    for (const row of shadow(events, '[part~=row]')) expect(box(row).bottom, 'recent tips on screen').to.be.at.most(720);
    // The board has room here: its amounts keep their unit words.
    expect(shadow(board, '.unit').every((unit) => getComputedStyle(unit).position === 'static')).to.equal(true);

    const others = widgets(doc).filter((el) => el !== alert);
    const before = boxes(others);
    alert.test();
    await waitUntil(() => shadow(alert, '[part=alert]').some((el) => box(el).height > 0), 'the test alert shows');
    await rendered(doc);
    expect(boxes(others), 'nothing moved for the alert').to.deep.equal(before);
    const shown = box(shadow(alert, '[part=alert]')[0]);
    expect(shown.top).to.be.at.least(0);
    expect(shown.bottom).to.be.at.most(720);
    for (const other of others) expect(intersect(shown, box(other)), `the alert over ${other.localName}`).to.equal(false);
    expectReachable(doc, wheel, '[part=spin-button]');
    expectReachable(doc, timer, '[part=button]');
  });

  for (const width of [318, 420]) {
    it(`the Stripchat overlay slot at ${width} px with timer, wheel and board: apart, inside, every control clickable`, async () => {
      const { doc, demo } = await openStripchatOverlay(width, 720);
      tipFromEveryone(demo, 5);
      const wheel = doc.querySelector('onair-wheel-spinner')!;
      const timer = doc.querySelector('onair-tip-timer')!;
      const board = doc.querySelector('onair-leaderboard')!;
      await waitUntil(() => shadow(wheel, '[part=spin-button]').length === 1 && shadow(board, '.row').length === 5 && shadow(timer, '[part=button]').length > 0, 'the wheel, five rows and the timer\'s buttons');
      await rendered(doc);
      expectApartAndInside(doc, width);
      expectReachable(doc, wheel, '[part=spin-button]');
      expectReachable(doc, timer, '[part=button]');
      for (const name of shadow(board, '.name')) expect(name.scrollWidth, `${name.textContent} whole`).to.be.at.most(name.clientWidth);
    });
  }

  describe('the OBS page at 1920 × 1080 over http', () => {
    const ALL = 'widgets=viewer-counter,tip-menu,wheel-spinner,status-pill,leaderboard,alert-box,goal-bar&goal-bar.goal=1000';

    it('an alert overlays the page: no other widget moves or resizes; the goal bar keeps its length', async () => {
      const { doc, demo } = await openObsPage(`${ALL}&goal-bar.goal=1000000&goal-bar.storage-key=layout-${Date.now()}`);
      tipFromEveryone(demo, 3);
      const alert = doc.querySelector<OnAirAlertBoxElement>('onair-alert-box')!;
      await waitUntil(() => shadow(doc.querySelector('onair-leaderboard'), '.row').length === 3 && alert.current === undefined && alert.queueLength === 0, 'three rows, no alert showing', { timeout: 30_000 });
      await rendered(doc);
      const others = widgets(doc).filter((el) => el !== alert);
      // The alert box is a layer over the whole page; the pill's top right corner is free.
      const pill = doc.querySelector<OnAirStatusPillElement>('onair-status-pill')!;
      await waitUntil(() => pill.floats && getComputedStyle(pill.shadowRoot!.querySelector('[part=base]')!).position === 'fixed', 'the pill floats');
      expectPillCoversNothing(doc, ['onair-alert-box']);
      const before = boxes(others);
      alert.test();
      await waitUntil(() => shadow(alert, '[part=alert]').some((el) => box(el).height > 0), 'the test alert shows');
      expect(boxes(others)).to.deep.equal(before);
      const shown = box(shadow(alert, '[part=alert]')[0]);
      expect(shown.bottom).to.be.at.most(1080);
      expect(shown.right).to.be.at.most(1920);

      const bar = doc.querySelector('onair-goal-bar')!;
      const length = box(bar).width;
      demo.fireTip({ amount: 987_654, currency: 'tokens', user: { id: 'big', name: 'Big Spender' } });
      await waitUntil(() => /9\d\d,\d{3} tokens \//.test(bar.shadowRoot!.textContent!), 'the goal bar counted the tip');
      expect(box(bar).width, 'the goal bar length with six-figure numbers').to.equal(length);
    });

    it('layout=row keeps names readable and the alert\'s "!" with its amount', async () => {
      const { doc, demo } = await openObsPage(`${ALL}&layout=row`);
      demo.fireTip({ amount: 250, currency: 'tokens', user: { id: 'm', name: 'Margaret Hamilton-Smith' } });
      const board = doc.querySelector('onair-leaderboard')!;
      await waitUntil(() => shadow(board, '.name').length === 1, 'one row');
      const name = shadow(board, '.name')[0];
      expect(name.scrollWidth, 'the name is not cut').to.be.at.most(name.clientWidth);
      const alert = doc.querySelector<OnAirAlertBoxElement>('onair-alert-box')!;
      await waitUntil(() => shadow(alert, '[part=headline]').length === 1, 'the alert shows');
      const headline = shadow(alert, '[part=headline]')[0];
      // The "!" after the amount stays on the amount's line.
      const texts = document.createTreeWalker(headline, NodeFilter.SHOW_TEXT);
      let bang: Node | undefined;
      for (let node = texts.nextNode(); node; node = texts.nextNode()) if (node.textContent?.trim() === '!') bang = node;
      expect(bang, 'the headline ends with "!"').to.not.equal(undefined);
      const range = document.createRange();
      range.selectNodeContents(bang!);
      const amount = box(shadow(alert, '[part=amount]')[0]);
      expect(Math.abs(range.getBoundingClientRect().top - amount.top), '"!" on the amount\'s line').to.be.below(amount.height / 2);
      expect(box(headline).width, 'the alert is wider than a word').to.be.above(300);
      for (const el of widgets(doc).filter((el) => el !== alert)) expect(box(el).right, el.localName).to.be.at.most(1920);
    });

    it('at scale=2 with every widget stacked, the page lists what falls off; scale=fit fits them all', async () => {
      const stacked = await openObsPage(`${ALL}&scale=2`);
      await waitUntil(() => stacked.doc.querySelector('.obs-problems')?.textContent?.includes('At scale 2'), 'the page says what does not fit');
      await rendered(stacked.doc);
      const problem = stacked.doc.querySelector('.obs-problems')!.textContent!;
      const off = widgets(stacked.doc).filter((el) => el.localName !== 'onair-alert-box' && box(el).height > 0 && box(el).bottom > 1080);
      expect(off.length).to.be.greaterThan(0);
      for (const el of off) expect(problem).to.include(el.localName.replace('onair-', ''));
      expect(problem).to.include('1920 × 1080');

      const fit = await openObsPage(`${ALL}&scale=fit`);
      const layout = fit.doc.querySelector<HTMLElement>('.obs-layout')!;
      await waitUntil(() => layout.style.getPropertyValue('--onair-scale') !== '', 'a scale was chosen');
      await rendered(fit.doc);
      // fit.ts measures again in the frame after a widget changes size, so one that rendered after
      // the first choice is fitted a frame or two later.
      await until(() => widgets(fit.doc).every((el) => box(el).bottom <= 1080.5), 'every widget fits once all have rendered');
      for (const el of widgets(fit.doc)) expect(box(el).bottom, el.localName).to.be.at.most(1080.5);
      expect(Number(layout.style.getPropertyValue('--onair-scale'))).to.be.within(1, 2);
      expect(fit.doc.querySelector('.obs-problems')).to.equal(null);
    });
  });
});
