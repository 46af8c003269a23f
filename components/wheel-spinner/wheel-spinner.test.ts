import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { BasePlatform } from '../../platform/base.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { seededRandom } from '../../platform/demo/random.js';
import type { Capability, RoomMessage, TipMenuItem, TipResult } from '../../platform/model.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import { WeightedPicker } from './weighted-picker.js';
import { indexAt, itemsHash, type WheelItem } from './wheel-model.js';
import { SPIN_MESSAGE, type OnAirWheelSpinnerElement, type SpinPayload } from './wheel-spinner.js';
import './wheel-spinner.js';

const ITEMS: WheelItem[] = [
  { label: 'Hydrate', weight: 1 },
  { label: 'Squats', weight: 2 },
  { label: 'Song request', weight: 1, color: '#ffeb3b' },
  { label: 'Shout-out', weight: 0.5 },
  { label: 'Emote only', weight: 1.5 },
  { label: 'Nothing' },
];

function seededUint32(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.floor(random() * 2 ** 32);
}

function shadow(el: OnAirWheelSpinnerElement): ShadowRoot {
  return el.shadowRoot!;
}

function button(el: OnAirWheelSpinnerElement): HTMLButtonElement {
  return shadow(el).querySelector<HTMLButtonElement>('[part="spin-button"]')!;
}

/** The wheel's current rotation in degrees, read from the transform the element set. */
function rotation(el: OnAirWheelSpinnerElement): number {
  const svg = shadow(el).querySelector<SVGSVGElement>('[part="wheel"]')!;
  const match = /rotate\((-?[\d.e+-]+)deg\)/.exec(svg.style.transform);
  if (!match) throw new Error(`no rotation in "${svg.style.transform}"`);
  return Number(match[1]);
}

function record(el: OnAirWheelSpinnerElement): string[] {
  const log: string[] = [];
  el.addEventListener('onair-spin-start', (e) => log.push(`start:${e.detail.index}`));
  el.addEventListener('onair-spin-tick', () => log.push('tick'));
  el.addEventListener('onair-spin-end', (e) => log.push(`end:${e.detail.index}`));
  el.addEventListener('onair-spin-rejected', (e) => log.push(`rejected:${e.detail.reason}`));
  return log;
}

async function clickCenter(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

async function mount(platform: DemoPlatform | BasePlatform, attrs: { duration?: number; items?: WheelItem[] } = {}) {
  const { el, provider } = await mountWith<OnAirWheelSpinnerElement>(
    platform,
    html`<onair-wheel-spinner .items=${attrs.items ?? ITEMS} duration=${attrs.duration ?? 300} turns="2"></onair-wheel-spinner>`,
    'onair-wheel-spinner',
  );
  return { el, provider };
}

function payloadFor(el: OnAirWheelSpinnerElement, overrides: Partial<SpinPayload> = {}): SpinPayload {
  return {
    spinId: `remote${Math.floor(Math.random() * 1e9)}`,
    index: 1,
    startedAt: Date.now(),
    durationMs: 300,
    itemsHash: itemsHash(el.segments),
    turns: 2,
    offset: 0.5,
    ...overrides,
  };
}

function message(payload: unknown, from = 'someone-else'): RoomMessage {
  return { type: SPIN_MESSAGE, payload, from, sentAt: Date.now() };
}

/** Records the delay of every `setTimeout` started until `restore()`. */
function captureTimeouts(): { ms: number[]; restore: () => void } {
  const ms: number[] = [];
  const original = window.setTimeout;
  window.setTimeout = ((fn: TimerHandler, delay?: number, ...args: unknown[]) => {
    ms.push(delay ?? 0);
    return original(fn, delay, ...args);
  }) as typeof setTimeout;
  return { ms, restore: () => void (window.setTimeout = original) };
}

/**
 * Puts this page's wall clock `skew` ms off until `restore()`, like a viewer's badly set PC; with
 * `freeze`, also stops the monotonic clock so "time since arrival" is exactly 0.
 */
function skewClocks(skew: number, freeze = true): { restore: () => void } {
  const dateNow = Date.now;
  const perfNow = performance.now;
  const frozen = performance.now();
  Date.now = () => dateNow() + skew;
  if (freeze) performance.now = () => frozen;
  return {
    restore: () => {
      Date.now = dateNow;
      performance.now = perfNow;
    },
  };
}

/** A platform without `broadcast` or `tipMenu`: a host that cannot sync. */
class PlainPlatform extends BasePlatform {
  readonly name = 'demo' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['tips']);
  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'no spend here' };
  }
}

describe('<onair-wheel-spinner>', () => {
  let platforms: BasePlatform[] = [];
  const demo = () => {
    const p = quietDemo();
    platforms.push(p);
    return p;
  };

  afterEach(async () => {
    await resetMouse();
    platforms.forEach((p) => p.dispose());
    platforms = [];
  });

  it('passes the accessibility audit, idle and with a result', async () => {
    const { el } = await mount(demo());
    await expect(el).to.be.accessible();
    el.showHistory = true;
    await el.spinTo(0);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('lists every segment with its full label and share for assistive tech', async () => {
    const { el } = await mount(demo(), { items: [{ label: 'A very long label that cannot fit in its wedge at all', weight: 3 }, { label: 'B' }] });
    const items = Array.from(shadow(el).querySelectorAll('ul li'), (li) => li.textContent);
    expect(items).to.deep.equal(['A very long label that cannot fit in its wedge at all (75%)', 'B (25%)']);
    const drawn = shadow(el).querySelector('[part="label"]')!;
    expect(drawn.textContent).to.match(/…$/);
    expect(drawn.querySelector('title')!.textContent).to.equal('A very long label that cannot fit in its wedge at all');
  });

  it('turns left-half labels half a turn so no label reads upside down at rest', async () => {
    const { el } = await mount(demo(), { items: [{ label: 'East-north' }, { label: 'East-south' }, { label: 'West-south' }, { label: 'West-north' }] });
    const labels = Array.from(shadow(el).querySelectorAll<SVGTextElement>('[part="label"]'));
    expect(labels.map((l) => [l.getAttribute('text-anchor'), l.getAttribute('x'), l.getAttribute('transform')])).to.deep.equal([
      ['end', '190', 'rotate(-45.000 100 100)'],
      ['end', '190', 'rotate(45.000 100 100)'],
      ['start', '10', 'rotate(-45.000 100 100)'],
      ['start', '10', 'rotate(45.000 100 100)'],
    ]);
    const svgEl = shadow(el).querySelector<SVGSVGElement>('[part="wheel"]')!;
    const box = svgEl.getBoundingClientRect();
    const centre = new DOMPoint(box.x + box.width / 2, box.y + box.height / 2);
    const fromCentre = (label: SVGTextElement, at: DOMPoint) => {
      const p = at.matrixTransform(label.getScreenCTM()!);
      return Math.hypot(p.x - centre.x, p.y - centre.y);
    };
    for (const [i, label] of labels.entries()) {
      // Text runs left to right on screen (upright), whichever half it is on.
      expect(label.getScreenCTM()!.a, label.textContent!).to.be.greaterThan(0);
      const first = fromCentre(label, label.getStartPositionOfChar(0));
      const last = fromCentre(label, label.getEndPositionOfChar(label.getNumberOfChars() - 1));
      // Right half reads hub → rim; left half rim → hub; both end flush with the rim.
      if (i < 2) expect(last).to.be.greaterThan(first);
      else expect(first).to.be.greaterThan(last);
    }
  });

  it('formats shares in its locale attribute, which beats the host locale', async () => {
    const { el } = await mount(demo(), { items: [{ label: 'A', weight: 3 }, { label: 'B' }] });
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(shadow(el).querySelector('ul li')!.textContent).to.equal('A (75\u00a0%)');
  });

  it('sizes segments by weight and picks text colours with contrast', async () => {
    const { el } = await mount(demo());
    const spans = el.segments.map((s) => s.end - s.start);
    expect(spans[1] / spans[0]).to.be.closeTo(2, 1e-9);
    expect(spans[3] / spans[0]).to.be.closeTo(0.5, 1e-9);
    const yellow = el.segments[2];
    expect(yellow.color).to.equal('#ffeb3b');
    expect(yellow.textColor).to.equal('#000000');
    expect(el.segments[4].textColor).to.be.oneOf(['#000000', '#ffffff']);
  });

  it('shows HTML in labels as text and creates no element', async () => {
    const { el } = await mount(demo(), { items: [{ label: '<img src=x onerror=alert(1)>' }, { label: 'ok' }] });
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(shadow(el).querySelector('ul li')!.textContent).to.contain('<img src=x onerror=alert(1)>');
  });

  it('shows an empty state with a reason and no button', async () => {
    const { el } = await mount(demo(), { items: [] });
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('No segments');
    expect(shadow(el).querySelector('[part="spin-button"]')).to.equal(null);
    expect(await el.spin()).to.equal(undefined);
  });

  it('takes its segments from the tip menu, sized by price when asked', async () => {
    const platform = demo();
    const { el } = await mountWith<OnAirWheelSpinnerElement>(
      platform,
      html`<onair-wheel-spinner source="tip-menu" weight-by="price"></onair-wheel-spinner>`,
      'onair-wheel-spinner',
    );
    expect(el.segments.map((s) => s.label)).to.deep.equal(['Say hi', 'Hydrate', 'Spin the wheel', 'Song request', 'Dance', 'Shout-out']);
    expect((el.segments[1].end - el.segments[1].start) / (el.segments[0].end - el.segments[0].start)).to.be.closeTo(3, 1e-9);
    platform.updateTipMenu({ enabled: false, items: [] });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('tip menu is empty');
  });

  it('explains when the host has no tip menu', async () => {
    const platform = new PlainPlatform();
    platforms.push(platform);
    const { el } = await mountWith<OnAirWheelSpinnerElement>(platform, html`<onair-wheel-spinner source="tip-menu"></onair-wheel-spinner>`, 'onair-wheel-spinner');
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('no tip menu');
  });

  it('spins on a click: start, ticks, end, landing on the drawn winner', async () => {
    const { el } = await mount(demo());
    el.picker = new WeightedPicker(seededUint32(7));
    const expected = new WeightedPicker(seededUint32(7)).pick(el.segments.map((s) => s.weight));
    const log = record(el);
    const ended = oneEvent(el, 'onair-spin-end');
    await clickCenter(button(el));
    const end = await ended;
    expect(end.detail.index).to.equal(expected);
    expect(end.detail.item.label).to.equal(ITEMS[expected].label);
    expect(end.detail.remote).to.equal(false);
    expect(log[0]).to.equal(`start:${expected}`);
    expect(log.at(-1)).to.equal(`end:${expected}`);
    expect(log.filter((e) => e === 'tick').length).to.be.greaterThan(2);
    expect(log.slice(1, -1).every((e) => e === 'tick')).to.equal(true);
    expect(indexAt(el.segments, rotation(el))).to.equal(expected);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="result"]')!.textContent).to.contain(ITEMS[expected].label);
  });

  it('spins on Enter on the focused button', async () => {
    const { el } = await mount(demo());
    button(el).focus();
    const started = oneEvent(el, 'onair-spin-start');
    await sendKeys({ press: 'Enter' });
    const start = await started;
    const end = await oneEvent(el, 'onair-spin-end');
    expect(end.detail.index).to.equal(start.detail.index);
    expect(end.detail.spinId).to.equal(start.detail.spinId);
  });

  it('spinTo lands on the given index and a second spin while spinning returns the running one', async () => {
    const { el } = await mount(demo());
    const log = record(el);
    const first = el.spinTo(4);
    expect(el.spin()).to.equal(first);
    expect(el.spinTo(1)).to.equal(first);
    await clickCenter(button(el));
    const result = await first;
    expect(result!.index).to.equal(4);
    expect(log.filter((e) => e.startsWith('start')).length).to.equal(1);
    expect(indexAt(el.segments, rotation(el))).to.equal(4);
    expect(await el.spinTo(99)).to.equal(undefined);
  });

  it('spins right after its items are set, before a render', async () => {
    const { el } = await mount(demo(), { items: [] });
    el.items = [{ label: 'only' }, { label: 'two' }];
    const result = await el.spinTo(1);
    expect(result!.item.label).to.equal('two');
  });

  it('takes host setting defaults only where the page set nothing, and ignores invalid ones', async () => {
    const platform = demo();
    platform.updateContext({ settings: { 'wheel-spinner': { duration: 0, turns: 'many', 'remove-winner': true, 'history-size': 1 } } });
    const { el } = await mountWith<OnAirWheelSpinnerElement>(
      platform,
      html`<onair-wheel-spinner .items=${ITEMS} history-size="3"></onair-wheel-spinner>`,
      'onair-wheel-spinner',
    );
    const sent: SpinPayload[] = [];
    platform.broadcast = async (msg) => void sent.push(msg.payload as SpinPayload);
    await el.spinTo(0);
    await el.spinTo(0);
    expect(sent.map((p) => [p.durationMs, p.turns])).to.deep.equal([[0, 5], [0, 5]]);
    await el.updateComplete;
    expect(el.segments.length).to.equal(ITEMS.length - 2);
    expect(el.history.length).to.equal(2);
  });

  it('fires nothing when properties are set from code', async () => {
    const { el } = await mount(demo());
    const log = record(el);
    el.items = [{ label: 'x' }, { label: 'y' }];
    el.duration = 100;
    el.turns = 3;
    el.removeWinner = true;
    await el.updateComplete;
    expect(log).to.deep.equal([]);
  });

  it('under reduced motion fades to the result, firing start and end without ticks or frames', async () => {
    const { el } = await mount(demo());
    el.reducedMotion = true;
    el.duration = 5000;
    await el.updateComplete;
    const log = record(el);
    let frames = 0;
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = (cb) => {
      frames += 1;
      return raf(cb);
    };
    try {
      const result = await el.spinTo(2);
      expect(result!.index).to.equal(2);
    } finally {
      window.requestAnimationFrame = raf;
    }
    expect(log).to.deep.equal(['start:2', 'end:2']);
    expect(frames).to.equal(0);
    expect(indexAt(el.segments, rotation(el))).to.equal(2);
  });

  it('removes the winner after the spin and restores it on reset()', async () => {
    const { el } = await mount(demo());
    el.removeWinner = true;
    await el.updateComplete;
    const ended = oneEvent(el, 'onair-spin-end');
    await el.spinTo(1);
    const end = await ended;
    expect(end.detail.removed).to.equal(true);
    await el.updateComplete;
    expect(el.segments.map((s) => s.label)).to.deep.equal(['Hydrate', 'Song request', 'Shout-out', 'Emote only', 'Nothing']);
    // A page re-setting an equal list (a framework re-render) keeps the removal.
    el.items = ITEMS.map((item) => ({ ...item }));
    await el.updateComplete;
    expect(el.segments.length).to.equal(ITEMS.length - 1);
    el.reset();
    await el.updateComplete;
    expect(el.segments.length).to.equal(ITEMS.length);
  });

  it('keeps a bounded history, newest first, shown on request', async () => {
    const { el } = await mount(demo(), { duration: 0 });
    el.historySize = 2;
    el.showHistory = true;
    await el.spinTo(0);
    await el.spinTo(1);
    await el.spinTo(2);
    await el.updateComplete;
    expect(el.history.map((h) => h.label)).to.deep.equal(['Song request', 'Squats']);
    const shown = Array.from(shadow(el).querySelectorAll('[part="history"] li'), (li) => li.textContent!);
    expect(shown.length).to.equal(2);
    expect(shown[0].startsWith('Song request')).to.equal(true);
    expect(shown[1].startsWith('Squats')).to.equal(true);
  });

  it('requests no animation frame while idle, and none after a spin ends', async () => {
    let frames = 0;
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = (cb) => {
      frames += 1;
      return raf(cb);
    };
    const { el } = await mount(demo());
    // Tracking starts after mounting: the fixture helpers leave a timeout of their own behind.
    const timers = trackTimers();
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(frames).to.equal(0);
      await el.spin();
      expect(frames).to.be.greaterThan(0);
      const after = frames;
      await new Promise((r) => setTimeout(r, 100));
      expect(frames).to.equal(after);
      expect(timers.pending()).to.equal(0);
    } finally {
      window.requestAnimationFrame = raf;
      timers.restore();
    }
  });

  it('skips frames while the host hides the page and still ends', async () => {
    const platform = demo();
    const { el } = await mount(platform, { duration: 400 });
    const timers = trackTimers();
    try {
      const ended = oneEvent(el, 'onair-spin-end');
      void el.spinTo(3);
      platform.updateContext({ hidden: true });
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      // Only the end timer is left: no frame is queued while hidden.
      expect(timers.pending()).to.equal(1);
      const end = await ended;
      expect(end.detail.index).to.equal(3);
      expect(indexAt(el.segments, rotation(el))).to.equal(3);
    } finally {
      timers.restore();
    }
  });

  it('leaves nothing running when removed mid-spin', async () => {
    const platform = demo();
    const open = subscriptionsBefore();
    const { el, provider } = await mount(platform, { duration: 2000 });
    const timers = trackTimers();
    try {
      const log = record(el);
      const running = el.spinTo(1);
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      provider.remove();
      expect((await running)!.index).to.equal(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(timers.pending()).to.equal(0);
      expect(open()).to.equal(0);
      expect(log.includes('end:1')).to.equal(false);
    } finally {
      timers.restore();
    }
  });

  describe('sync', () => {
    /** Delivers what `from` broadcasts to `to` as a room message, like a real room would. */
    function relay(from: DemoPlatform, to: DemoPlatform, delay: number): void {
      const original = from.broadcast.bind(from);
      from.broadcast = async (msg) => {
        await original(msg);
        const sent = { ...msg, from: from.clientId, sentAt: Date.now() };
        if (delay > 0) setTimeout(() => to.receiveRoomMessage(sent), delay);
        else to.receiveRoomMessage(sent);
      };
    }

    async function pair(delay = 0) {
      const a = demo();
      const b = demo();
      relay(a, b, delay);
      relay(b, a, delay);
      const root = await fixture<HTMLElement>(html`<div>
        <onair-platform .adapter=${a}><onair-wheel-spinner id="a" .items=${ITEMS} duration="300" turns="2"></onair-wheel-spinner></onair-platform>
        <onair-platform .adapter=${b}><onair-wheel-spinner id="b" .items=${ITEMS} duration="300" turns="2"></onair-wheel-spinner></onair-platform>
      </div>`);
      const wa = root.querySelector<OnAirWheelSpinnerElement>('#a')!;
      const wb = root.querySelector<OnAirWheelSpinnerElement>('#b')!;
      await waitUntil(() => wa.segments.length > 0 && wb.segments.length > 0);
      return { a, b, wa, wb };
    }

    it('broadcasts the spin and the other wheel lands on the same winner', async () => {
      const { a, wa, wb } = await pair();
      const sent: unknown[] = [];
      const relayed = a.broadcast;
      a.broadcast = async (msg) => {
        sent.push(msg);
        return relayed(msg);
      };
      const remoteStart = oneEvent(wb, 'onair-spin-start');
      const remoteEnd = oneEvent(wb, 'onair-spin-end');
      await clickCenter(button(wa));
      const start = await remoteStart;
      expect(start.detail.remote).to.equal(true);
      const [local, remote] = await Promise.all([oneEvent(wa, 'onair-spin-end'), remoteEnd]);
      expect(remote.detail.index).to.equal(local.detail.index);
      expect(remote.detail.spinId).to.equal(local.detail.spinId);
      expect(indexAt(wb.segments, rotation(wb))).to.equal(local.detail.index);
      expect(rotation(wb) % 360).to.be.closeTo(rotation(wa) % 360, 1e-6);
      const payload = (sent[0] as { type: string; payload: SpinPayload }).payload;
      expect((sent[0] as { type: string }).type).to.equal('wheel.spin');
      expect(Object.keys(payload).sort()).to.deep.equal(['durationMs', 'index', 'itemsHash', 'offset', 'spinId', 'startedAt', 'turns']);
      expect(payload.itemsHash).to.equal(itemsHash(wa.segments));
      expect(payload.durationMs).to.equal(300);
      expect(payload.turns).to.equal(2);
    });

    it('ignores its own echo', async () => {
      const { a, wa } = await pair();
      const log = record(wa);
      await wa.spinTo(2);
      a.receiveRoomMessage(message(payloadFor(wa, { index: 0 }), a.clientId));
      expect(log).to.deep.equal(['start:2', ...log.slice(1, -1), 'end:2']);
      expect(log.filter((e) => e.startsWith('start')).length).to.equal(1);
    });

    it('offsets a spin by the time already elapsed', async () => {
      const { a, b, wa, wb } = await pair();
      const order: string[] = [];
      wa.addEventListener('onair-spin-end', () => order.push('late'));
      wb.addEventListener('onair-spin-end', () => order.push('fresh'));
      const both = Promise.all([oneEvent(wa, 'onair-spin-end'), oneEvent(wb, 'onair-spin-end')]);
      // Same duration; one began 1.8 s before it reached this wheel, the other just now.
      a.receiveRoomMessage(message(payloadFor(wa, { durationMs: 2000, startedAt: Date.now() - 1800 })));
      b.receiveRoomMessage(message(payloadFor(wb, { durationMs: 2000 })));
      await both;
      expect(order).to.deep.equal(['late', 'fresh']);
    });

    it('shows a spin that already ended at rest, without events (late joiner)', async () => {
      const { a, wa } = await pair();
      const log = record(wa);
      a.receiveRoomMessage(message(payloadFor(wa, { index: 4, startedAt: Date.now() - 10_000 })));
      await wa.updateComplete;
      expect(log).to.deep.equal([]);
      expect(indexAt(wa.segments, rotation(wa))).to.equal(4);
      expect(wa.history[0].label).to.equal('Emote only');
      expect(shadow(wa).querySelector('[part="result"]')!.textContent).to.contain('Emote only');
    });

    it('follows at the same moment whatever its own clock says (±30 s skew)', async () => {
      const landings: [number, number[], number, number][] = [];
      for (const skew of [-30_000, 0, 30_000]) {
        const platform = demo();
        const { el } = await mount(platform, { duration: 1500 });
        const log = record(el);
        // The sender sent 900 ms into a 1.5 s spin, by its own clock.
        const startedAt = Date.now() - 1000;
        const payload = payloadFor(el, { index: 4, offset: 0.3, durationMs: 1500, startedAt });
        const delays = captureTimeouts();
        const clocks = skewClocks(skew);
        try {
          platform.receiveRoomMessage({ type: SPIN_MESSAGE, payload, from: 'someone-else', sentAt: startedAt + 900 });
        } finally {
          clocks.restore();
          delays.restore();
        }
        const ended = oneEvent(el, 'onair-spin-end');
        expect(log[0], `skew ${skew}`).to.equal('start:4');
        const { index } = (await ended).detail;
        expect(indexAt(el.segments, rotation(el))).to.equal(4);
        landings.push([skew, delays.ms, index, rotation(el)]);
      }
      // The end timer covers what is left, 1500 − 900 ms, and the wheel stops at the same angle,
      // on every clock.
      const landed = landings[1][3];
      expect(landings).to.deep.equal([[-30_000, [600], 4, landed], [0, [600], 4, landed], [30_000, [600], 4, landed]]);
    });

    it('settles a replayed spin that ended while nobody watched, even with its clock 30 s behind', async () => {
      const platform = demo();
      const hash = itemsHash(ITEMS.map((i) => ({ label: i.label, weight: i.weight ?? 1 })));
      const now = Date.now();
      // Sent the moment it began: only the time since it arrived here says it is over.
      platform.receiveRoomMessage(message({ spinId: 'gone1', index: 2, startedAt: now, durationMs: 300, itemsHash: hash, turns: 2 }));
      await new Promise((r) => setTimeout(r, 400));
      const clocks = skewClocks(-30_000, false);
      let el: OnAirWheelSpinnerElement;
      try {
        ({ el } = await mount(platform));
      } finally {
        clocks.restore();
      }
      expect(el.spinning).to.equal(false);
      expect(el.history.map((h) => h.spinId)).to.deep.equal(['gone1']);
      expect(indexAt(el.segments, rotation(el))).to.equal(2);
    });

    it('a wheel mounted later settles on the replayed last spin', async () => {
      const platform = demo();
      const hash = itemsHash(ITEMS.map((i) => ({ label: i.label, weight: i.weight ?? 1 })));
      platform.receiveRoomMessage(message({ spinId: 'old1', index: 5, startedAt: Date.now() - 60_000, durationMs: 300, itemsHash: hash, turns: 2 }));
      const { el } = await mount(platform);
      expect(indexAt(el.segments, rotation(el))).to.equal(5);
      expect(el.history.map((h) => h.spinId)).to.deep.equal(['old1']);
      expect(el.spinning).to.equal(false);
    });

    it('ignores duplicate and stale spins', async () => {
      const { a, wa } = await pair();
      const log = record(wa);
      const newer = payloadFor(wa, { index: 1, startedAt: Date.now() - 10_000 });
      a.receiveRoomMessage(message(newer));
      a.receiveRoomMessage(message(newer));
      a.receiveRoomMessage(message(payloadFor(wa, { index: 2, startedAt: newer.startedAt - 1000 })));
      expect(wa.history.map((h) => h.index)).to.deep.equal([1]);
      const live = payloadFor(wa, { index: 3 });
      a.receiveRoomMessage(message(live));
      a.receiveRoomMessage(message(live));
      await oneEvent(wa, 'onair-spin-end');
      expect(log.filter((e) => e.startsWith('start'))).to.deep.equal(['start:3']);
      expect(log.filter((e) => e.startsWith('end'))).to.deep.equal(['end:3']);
    });

    it('converges when two clients spin at once: the later spin wins on both', async () => {
      // Each spin is still on its way to the other client when the second one starts.
      const { wa, wb } = await pair(30);
      const first = wa.spinTo(0);
      await new Promise((r) => setTimeout(r, 5));
      const second = wb.spinTo(5);
      const [ra, rb] = await Promise.all([first, second]);
      expect(ra!.index).to.equal(5);
      expect(rb!.index).to.equal(5);
      expect(indexAt(wa.segments, rotation(wa))).to.equal(5);
    });

    it('ignores spins of other item lists and other wheels', async () => {
      const { a, wa } = await pair();
      const log = record(wa);
      a.receiveRoomMessage(message(payloadFor(wa, { itemsHash: '00000000' })));
      a.receiveRoomMessage(message(payloadFor(wa, { wheel: 'other-wheel' })));
      a.receiveRoomMessage({ type: 'chat.message', payload: payloadFor(wa), sentAt: Date.now() });
      expect(log).to.deep.equal([]);
      expect(wa.spinning).to.equal(false);
    });

    it('rejects malformed payloads without breaking', async () => {
      const { a, wa } = await pair();
      const log = record(wa);
      const bad: unknown[] = [
        null,
        'spin',
        [1, 2],
        { ...payloadFor(wa), spinId: '<img src=x onerror=alert(1)>' },
        { ...payloadFor(wa), spinId: 42 },
        { ...payloadFor(wa), index: -1 },
        { ...payloadFor(wa), index: 1.5 },
        { ...payloadFor(wa), index: '1' },
        { ...payloadFor(wa), startedAt: Number.NaN },
        { ...payloadFor(wa), startedAt: '2024-01-01' },
        { ...payloadFor(wa), durationMs: 1e9 },
        { ...payloadFor(wa), durationMs: -5 },
        { ...payloadFor(wa), itemsHash: { toString: () => 'x' } },
        { ...payloadFor(wa), turns: 1000 },
        { ...payloadFor(wa), offset: 2 },
        { ...payloadFor(wa), wheel: 7 },
      ];
      for (const payload of bad) a.receiveRoomMessage(message(payload));
      expect(log.length).to.equal(bad.length);
      expect(log.every((e) => e.startsWith('rejected:'))).to.equal(true);
      a.receiveRoomMessage(message(payloadFor(wa, { index: 50 })));
      expect(log.at(-1)).to.equal('rejected:index out of range');
      expect(shadow(wa).querySelector('img')).to.equal(null);
      // Still works afterwards.
      const ended = oneEvent(wa, 'onair-spin-end');
      a.receiveRoomMessage(message(payloadFor(wa, { index: 2 })));
      expect((await ended).detail.index).to.equal(2);
    });

    it('does not broadcast on a platform without the capability', async () => {
      const platform = new PlainPlatform();
      platforms.push(platform);
      let broadcasts = 0;
      platform.broadcast = async () => {
        broadcasts += 1;
      };
      const { el } = await mount(platform);
      expect((await el.spinTo(1))!.index).to.equal(1);
      expect(broadcasts).to.equal(0);
    });
  });
});
