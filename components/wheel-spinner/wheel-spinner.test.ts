import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { BasePlatform } from '../../platform/base.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { Capability, RoomAnchor, RoomMessage, Tip, TipMenuItem, TipResult } from '../../platform/model.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import { nothingWithin, until } from '../../test/wait.js';
import { commitmentOf, draw, freePaymentId, hashSegments, newSeed, sha256Hex, verifySpin } from './fairness.js';
import { drawIdOf } from './room.js';
import { indexAt, type CommitPayload, type SpinPayload, type WheelItem } from './wheel-model.js';
import { COMMIT_MESSAGE, REFUSED_MESSAGE, SPIN_MESSAGE, type OnAirWheelSpinnerElement } from './wheel-spinner.js';
import './wheel-spinner.js';
import { election } from './wheel-room.js';

// A page here is its room's only authority unless a test opens two: its paid spins need no election window.
const { windowMs } = election;
beforeEach(() => (election.windowMs = 0));
after(() => (election.windowMs = windowMs));

const ITEMS: WheelItem[] = [
  { label: 'Hydrate', weight: 1 },
  { label: 'Squats', weight: 2 },
  { label: 'Song request', weight: 1, color: '#ffeb3b' },
  { label: 'Shout-out', weight: 0.5 },
  { label: 'Emote only', weight: 1.5 },
  { label: 'Nothing' },
];

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
  el.addEventListener('onair-spin-refused', (e) => log.push(`refused:${e.detail.reason}`));
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

function message(type: string, payload: unknown, from = 'someone-else'): RoomMessage {
  return { type, payload, from, sentAt: Date.now() };
}

/** An authority of our own, outside any wheel: the real one in some tests, a forger in others. */
class TestAuthority {
  /** A hash chain of its own: each value is the SHA-256 of the one after it. */
  private readonly values = (async () => {
    const values = [newSeed()];
    for (let i = 0; i < 40; i += 1) values.unshift(await commitmentOf(values[0]));
    return values;
  })();
  private position = 0;

  constructor(readonly id = 'test-authority', readonly since = 0) {}

  async commitment(): Promise<string> {
    return (await this.values)[this.position];
  }

  /** Its announcement (`wheel.commit` payload or anchor value) for `items`. */
  async announce(items: WheelItem[] = ITEMS): Promise<CommitPayload> {
    return { commitment: await this.commitment(), itemsHash: await hashSegments(pairsOf(items)), authority: this.id, since: this.since };
  }

  /** The streamer's own spin for `items`: its id fixed by the commitment, revealing the seed behind it. */
  async free(items: WheelItem[] = ITEMS, overrides: Partial<SpinPayload> = {}): Promise<SpinPayload> {
    return this.spin(items, freePaymentId(await this.commitment()), overrides);
  }

  /** A correctly chained spin for `items`: reveals the seed behind the current commitment. */
  async spin(items: WheelItem[], paymentId: string, overrides: Partial<SpinPayload> = {}): Promise<SpinPayload> {
    const segments = pairsOf(items);
    const itemsHash = await hashSegments(segments);
    this.position += 1;
    const seed = (await this.values)[this.position];
    const { index } = await draw(seed, paymentId, itemsHash, segments.map((s) => s.weight));
    return { paymentId, seed, itemsHash, index, startedAt: Date.now(), durationMs: 300, turns: 2, ...overrides };
  }
}

function pairsOf(items: WheelItem[]): { label: string; weight: number }[] {
  return items.map((i) => ({ label: i.label, weight: i.weight ?? 1 }));
}

/** A platform without `broadcast` or `tipMenu`: a host that cannot sync. */
class PlainPlatform extends BasePlatform {
  readonly name = 'demo' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['tips']);

  constructor() {
    super();
    this.patchContext({ role: 'broadcaster' });
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'no spend here' };
  }
}

/** A viewer's page on a host where viewers can send to the room too (Stripchat's paid whispers). */
class StripchatLikeViewer extends BasePlatform {
  readonly name = 'stripchat' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['tips', 'broadcast']);

  /** `roomAnchor`: the model-only storage key, as the wheel reads it (`undefined`: none configured). */
  constructor(readonly roomAnchor?: RoomAnchor) {
    super();
    this.patchContext({ role: 'viewer' });
  }

  tip(tip: Omit<Tip, 'at'>): void {
    this.emitTip({ ...tip, at: new Date() });
  }

  receive(message: RoomMessage): void {
    this.emitRoom(message);
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'not in this test' };
  }
}

describe('<onair-wheel-spinner>', () => {
  let platforms: BasePlatform[] = [];
  const demo = (options: Parameters<typeof quietDemo>[0] = {}) => {
    const p = quietDemo(options);
    platforms.push(p);
    return p;
  };

  afterEach(async () => {
    await resetMouse();
    platforms.forEach((p) => p.dispose());
    platforms = [];
  });

  for (const width of [318, 420]) {
    it(`carries a visible title in a ${width} px panel, above the wheel, without overflow`, async () => {
      const { el, provider } = await mount(demo());
      provider.style.cssText = `display:block;width:${width}px`;
      el.heading = 'Spin for a prize';
      await el.updateComplete;
      const heading = shadow(el).querySelector('h2')!;
      expect(heading.textContent!.trim()).to.equal('Spin for a prize');
      const title = heading.getBoundingClientRect();
      expect(title.height).to.be.greaterThan(0);
      expect(title.bottom).to.be.at.most(shadow(el).querySelector('[part=stage]')!.getBoundingClientRect().top);
      expect(el.scrollWidth).to.be.at.most(width);
      await expect(el).to.be.accessible();
    });
  }

  it('passes the accessibility audit, idle, with a result and with the verify view open', async () => {
    const { el } = await mount(demo());
    await expect(el).to.be.accessible();
    el.showHistory = true;
    await el.spin();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLDetailsElement>('[part="proofs"]')!.open = true;
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


  it('explains when the host has no tip menu', async () => {
    const platform = new PlainPlatform();
    platforms.push(platform);
    const { el } = await mountWith<OnAirWheelSpinnerElement>(platform, html`<onair-wheel-spinner source="tip-menu"></onair-wheel-spinner>`, 'onair-wheel-spinner');
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('no tip menu');
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


  it('shows an empty state with a reason and no button', async () => {
    const { el } = await mount(demo(), { items: [] });
    expect(shadow(el).querySelector('[part="empty"]')!.textContent).to.contain('No segments');
    expect(shadow(el).querySelector('[part="spin-button"]')).to.equal(null);
    expect(await el.spin()).to.equal(undefined);
  });

  it('spins on a click: start, ticks, end, landing on the winner its proof verifies', async () => {
    const { el } = await mount(demo());
    const log = record(el);
    const ended = oneEvent(el, 'onair-spin-end');
    await clickCenter(button(el));
    const end = await ended;
    const { index, proof, items } = end.detail;
    expect(end.detail.item.label).to.equal(ITEMS[index].label);
    expect(end.detail.remote).to.equal(false);
    expect(proof.verified).to.equal(true);
    expect(proof.index).to.equal(index);
    expect(await verifySpin(proof, items)).to.deep.equal({ ok: true });
    expect(await verifySpin(proof, ITEMS)).to.deep.equal({ ok: true });
    expect(log[0]).to.equal(`start:${index}`);
    expect(log.at(-1)).to.equal(`end:${index}`);
    expect(log.filter((e) => e === 'tick').length).to.be.greaterThan(2);
    expect(log.slice(1, -1).every((e) => e === 'tick')).to.equal(true);
    expect(indexAt(el.segments, rotation(el))).to.equal(index);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="result"]')!.textContent).to.contain(ITEMS[index].label);
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

  it('a second spin while one is drawn or running returns that spin', async () => {
    const { el } = await mount(demo());
    const log = record(el);
    const first = el.spin();
    expect(el.spin()).to.equal(first);
    await oneEvent(el, 'onair-spin-start');
    expect(el.spin()).to.equal(first);
    await clickCenter(button(el));
    const result = await first;
    expect(log.filter((e) => e.startsWith('start')).length).to.equal(1);
    expect(indexAt(el.segments, rotation(el))).to.equal(result!.index);
  });

  it('refuses spinTo(): nobody chooses the winner', async () => {
    const { el } = await mount(demo());
    const log = record(el);
    expect(await el.spinTo(3)).to.equal(undefined);
    expect(log).to.deep.equal(['refused:outcome-chosen']);
    expect(el.spinning).to.equal(false);
  });

  it('stops deciding when the page stops being the broadcaster\u2019s', async () => {
    const platform = demo();
    const { el } = await mount(platform);
    await waitUntil(() => el.isAuthority);
    platform.updateContext({ role: 'viewer' });
    await el.updateComplete;
    expect(el.isAuthority).to.equal(false);
    const log = record(el);
    expect(await el.spin()).to.equal(undefined);
    expect(log).to.deep.equal(['refused:not-authority']);
  });

  it('spins right after its items are set, before a render', async () => {
    const { el } = await mount(demo(), { items: [] });
    el.items = [{ label: 'only' }, { label: 'two' }];
    const result = await el.spin();
    expect(['only', 'two']).to.include(result!.item.label);
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
    platform.broadcast = async (msg) => void (msg.type === SPIN_MESSAGE && sent.push(msg.payload as SpinPayload));
    await el.spin();
    await el.spin();
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

  it('under reduced motion fades to the result, firing start and end without ticks, frames or celebration', async () => {
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
    let index: number;
    try {
      index = (await el.spin())!.index;
    } finally {
      window.requestAnimationFrame = raf;
    }
    expect(log).to.deep.equal([`start:${index}`, `end:${index}`]);
    expect(frames).to.equal(0);
    expect(indexAt(el.segments, rotation(el))).to.equal(index);
    await el.updateComplete;
    expect(shadow(el).querySelector('.celebrating, .burst')).to.equal(null);
    expect(shadow(el).querySelector('[part~="winner"]')).to.not.equal(null);
  });

  it('removes the winner after the spin and restores it on reset()', async () => {
    const { el } = await mount(demo());
    el.removeWinner = true;
    await el.updateComplete;
    const ended = oneEvent(el, 'onair-spin-end');
    await el.spin();
    const end = await ended;
    expect(end.detail.removed).to.equal(true);
    await el.updateComplete;
    expect(el.segments.map((s) => s.label)).to.deep.equal(ITEMS.map((i) => i.label).filter((_, i) => i !== end.detail.index));
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
    const labels: string[] = [];
    for (let i = 0; i < 3; i += 1) labels.unshift((await el.spin())!.item.label);
    await el.updateComplete;
    expect(el.history.map((h) => h.label)).to.deep.equal(labels.slice(0, 2));
    const shown = Array.from(shadow(el).querySelectorAll('[part="history"] li'), (li) => li.textContent!);
    expect(shown.length).to.equal(2);
    expect(shown[0].startsWith(labels[0])).to.equal(true);
    expect(shown[1].startsWith(labels[1])).to.equal(true);
  });

  it('requests no animation frame while idle, and none after a spin ends', async () => {
    let frames = 0;
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = (cb) => {
      frames += 1;
      return raf(cb);
    };
    const { el } = await mount(demo());
    el.reducedMotion = false;
    // Tracking starts once mounted and leading (its heartbeat runs from then on, by design): the
    // fixture helpers leave a timeout of their own behind.
    await waitUntil(() => el.commitment !== undefined);
    const timers = trackTimers();
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(frames).to.equal(0);
      await el.spin();
      expect(frames).to.be.greaterThan(0);
      const after = frames;
      await new Promise((r) => setTimeout(r, 1_700));
      expect(frames).to.equal(after);
      // Nothing is left once the short celebration is over.
      expect(timers.pending()).to.equal(0);
    } finally {
      window.requestAnimationFrame = raf;
      timers.restore();
    }
  });

  it('skips frames while the host hides the page and still ends', async () => {
    const platform = demo();
    const { el } = await mount(platform, { duration: 400 });
    const started = oneEvent(el, 'onair-spin-start');
    const ended = oneEvent(el, 'onair-spin-end');
    void el.spin();
    const start = await started;
    const timers = trackTimers();
    try {
      platform.updateContext({ hidden: true });
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      // No frame is queued while hidden: only the end timer is left.
      expect(timers.pending()).to.equal(0);
      const end = await ended;
      expect(end.detail.index).to.equal(start.detail.index);
      expect(indexAt(el.segments, rotation(el))).to.equal(start.detail.index);
    } finally {
      timers.restore();
    }
  });

  it('leaves nothing running when removed mid-spin', async () => {
    const platform = demo();
    const open = subscriptionsBefore();
    const { el, provider } = await mount(platform, { duration: 2000 });
    const log = record(el);
    const running = el.spin();
    await oneEvent(el, 'onair-spin-start');
    const timers = trackTimers();
    try {
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      provider.remove();
      expect((await running)!.index).to.be.a('number');
      await new Promise((r) => setTimeout(r, 50));
      expect(timers.pending()).to.equal(0);
      expect(open()).to.equal(0);
      expect(log.some((e) => e.startsWith('end:'))).to.equal(false);
    } finally {
      timers.restore();
    }
  });

  describe('items and weights', () => {
    it('keeps a weight of 2e9 as it is, and skips (and reports) weights it cannot use instead of making them 1', async () => {
      const { el } = await mount(demo(), { items: [] });
      const skipped = oneEvent(el, 'onair-items-skipped');
      el.items = [
        { label: 'Huge', weight: 2e9 },
        { label: 'One', weight: 1 },
        { label: 'Negative', weight: -1 },
        { label: 'Text', weight: '3' as unknown as number },
        { label: 'Too big', weight: 1e13 },
      ];
      await el.updateComplete;
      expect(el.segments.map((s) => [s.label, s.weight])).to.deep.equal([['Huge', 2e9], ['One', 1]]);
      expect((await skipped).detail.skipped).to.deep.equal([
        { index: 2, reason: 'bad-weight' },
        { index: 3, reason: 'bad-weight' },
        { index: 4, reason: 'bad-weight' },
      ]);
      expect(el.segments[0].end - el.segments[0].start).to.be.greaterThan(359);
    });

    it('sizes by price even above 1e9: the priciest item is the biggest segment', async () => {
      const platform = demo();
      platform.updateTipMenu({
        enabled: true,
        items: [
          { id: 'a', label: 'Cheap', price: 10, currency: 'tokens' },
          { id: 'b', label: 'Dear', price: 2e9, currency: 'tokens' },
        ],
      });
      const { el } = await mountWith<OnAirWheelSpinnerElement>(
        platform,
        html`<onair-wheel-spinner source="tip-menu" weight-by="price"></onair-wheel-spinner>`,
        'onair-wheel-spinner',
      );
      const spans = el.segments.map((s) => s.end - s.start);
      expect(spans[1]).to.be.greaterThan(spans[0]);
    });

    it('takes its items from the items attribute as JSON, with emoji and images', async () => {
      const items = JSON.stringify([{ label: 'Pizza', emoji: '🍕' }, { label: 'Tacos', image: 'https://img.example/t.png' }, { label: 'Bad', image: 'javascript:alert(1)' }]);
      const { el } = await mountWith<OnAirWheelSpinnerElement>(demo(), html`<onair-wheel-spinner items=${items}></onair-wheel-spinner>`, 'onair-wheel-spinner');
      expect(el.segments.map((s) => s.label)).to.deep.equal(['Pizza', 'Tacos', 'Bad']);
      const labels = Array.from(shadow(el).querySelectorAll('[part="label"]'), (l) => l.lastChild!.textContent);
      expect(labels[0]).to.equal('🍕 Pizza');
      const images = Array.from(shadow(el).querySelectorAll('image'), (i) => i.getAttribute('href'));
      expect(images).to.deep.equal(['https://img.example/t.png']);
    });
  });

  describe('polish', () => {
    it('highlights the winner, celebrates briefly, and shows its full label upright over the wheel', async () => {
      const { el } = await mount(demo(), { items: [{ label: 'A label long enough to be cut on its wedge, surely' }, { label: 'B' }, { label: 'C' }, { label: 'D' }, { label: 'E' }, { label: 'F' }] });
      const result = (await el.spin())!;
      await el.updateComplete;
      const winners = shadow(el).querySelectorAll('[part~="winner"]');
      expect(winners.length).to.equal(1);
      expect(shadow(el).querySelectorAll('[part~="segment"]')[result.index]).to.equal(winners[0]);
      expect(shadow(el).querySelector('.stage')!.classList.contains('celebrating')).to.equal(true);
      const label = shadow(el).querySelector<HTMLElement>('[part="winner-label"]')!;
      expect(label.textContent).to.equal(result.item.label);
      // Upright: not rotated with the wheel, whatever angle the wheel stopped at.
      const matrix = new DOMMatrix(getComputedStyle(label).transform);
      expect(matrix.b).to.equal(0);
      expect(matrix.a).to.be.greaterThan(0);
      await waitUntil(() => !shadow(el).querySelector('.stage')!.classList.contains('celebrating'), 'celebration ends', { timeout: 3000 });
      expect(shadow(el).querySelector('.burst')).to.equal(null);
      // The next spin clears the highlight while it runs.
      void el.spin();
      await oneEvent(el, 'onair-spin-start');
      await el.updateComplete;
      expect(shadow(el).querySelector('[part~="winner"]')).to.equal(null);
    });

    it('names long labels in full for assistive tech while the wedge shows them cut', async () => {
      const long = 'An extremely long segment label that has no chance of fitting';
      const { el } = await mount(demo(), { items: [{ label: long }, ...ITEMS.slice(0, 5)] });
      const drawn = shadow(el).querySelector('[part="label"]')!;
      expect(drawn.lastChild!.textContent).to.match(/…$/);
      expect(drawn.querySelector('title')!.textContent).to.equal(long);
      expect(shadow(el).querySelector('ul li')!.textContent).to.contain(long);
    });

    it('plays no sound by default, and a tick and a chime with sounds on', async () => {
      const made: string[] = [];
      const Original = window.AudioContext;
      class CountingContext extends Original {
        constructor() {
          super();
          made.push('context');
        }
        override createOscillator(): OscillatorNode {
          made.push('tone');
          return super.createOscillator();
        }
      }
      window.AudioContext = CountingContext;
      try {
        const { el } = await mount(demo());
        await el.spin();
        expect(made).to.deep.equal([]);
        el.sounds = true;
        await el.spin();
        expect(made.filter((m) => m === 'context').length).to.equal(1);
        expect(made.filter((m) => m === 'tone').length).to.be.greaterThan(3);
      } finally {
        window.AudioContext = Original;
      }
    });

    it('hides the Spin button with controls="none"', async () => {
      const { el } = await mountWith<OnAirWheelSpinnerElement>(demo(), html`<onair-wheel-spinner .items=${ITEMS} controls="none"></onair-wheel-spinner>`, 'onair-wheel-spinner');
      expect(button(el)).to.equal(null);
      el.controls = 'auto';
      await el.updateComplete;
      expect(button(el).textContent!.trim()).to.equal('Spin');
      el.controls = 'none';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('scales with --onair-scale and with the root font size', async () => {
      const size = (el: OnAirWheelSpinnerElement) => shadow(el).querySelector('[part="stage"]')!.getBoundingClientRect().width;
      const { el } = await mount(demo());
      const base = size(el);
      el.style.setProperty('--onair-scale', '1.5');
      await el.updateComplete;
      expect(size(el)).to.be.closeTo(base * 1.5, 1);
      el.style.removeProperty('--onair-scale');
      document.documentElement.style.fontSize = '200%';
      try {
        await el.updateComplete;
        expect(size(el)).to.be.closeTo(base * 2, 1);
      } finally {
        document.documentElement.style.fontSize = '';
      }
    });

    it('issue 21: shrinks to a 240 px slot: the whole wheel shows, nothing scrolls sideways, and the banner sits inside it', async () => {
      const platform = demo();
      const { el } = await mountWith<OnAirWheelSpinnerElement>(
        platform,
        html`<div style="width: 240px"><onair-wheel-spinner .items=${ITEMS} duration="0"></onair-wheel-spinner></div>`,
        'onair-wheel-spinner',
      );
      const slot = el.parentElement!;
      const stage = shadow(el).querySelector('[part="stage"]')!.getBoundingClientRect();
      expect(stage.width).to.be.closeTo(240, 1);
      expect(stage.height).to.be.closeTo(240, 1);
      expect(slot.scrollWidth).to.be.at.most(240);
      await el.spin();
      await el.updateComplete;
      const banner = shadow(el).querySelector('[part="winner-label"]')!.getBoundingClientRect();
      expect(banner.left).to.be.at.least(stage.left);
      expect(banner.right).to.be.at.most(stage.right);
      // Centred over the wheel.
      expect((banner.top + banner.bottom) / 2).to.be.closeTo((stage.top + stage.bottom) / 2, 1);
    });

    it('issue 21: hides proof details on stream by default; with show-proof, one labelled value at a time, never the same hash twice', async () => {
      const { el } = await mount(demo());
      await waitUntil(() => el.commitment !== undefined);
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="commitment"]')).to.equal(null);
      el.showProof = true;
      const sealed = el.commitment!;
      await el.updateComplete;
      const line = () => shadow(el).querySelector('[part="commitment"]')!.textContent!;
      expect(line()).to.contain(sealed.slice(0, 8));
      const end = oneEvent(el, 'onair-spin-end');
      await el.spin();
      const { proof } = (await end).detail;
      expect(proof!.commitment).to.equal(sealed);
      await el.updateComplete;
      // The revealed seed is also the next commitment: shown once, as the seed.
      expect(line().match(/[0-9a-f]{8}/g)).to.deep.equal([proof!.seed.slice(0, 8)]);
      const details = shadow(el).querySelector<HTMLDetailsElement>('[part="proofs"]')!;
      expect(details.open).to.equal(false);
      await clickCenter(details.querySelector('summary')!);
      expect(details.open).to.equal(true);
      const labels = Array.from(details.querySelectorAll('dt'), (dt) => dt.textContent);
      expect(labels).to.deep.equal(['Payment id', 'Commitment published before the payment', 'Revealed seed']);
      details.querySelector<HTMLButtonElement>('.check')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => details.querySelector('.verdict')!.textContent !== '');
      expect(details.querySelector('.verdict')!.textContent).to.equal('Verified: fair');
    });
  });

  describe('sync', () => {
    /** Delivers what `from` broadcasts to `to` as a room message, like a real room would; `skew` shifts the sender's clock. */
    function relay(from: DemoPlatform, to: DemoPlatform, skew = 0): void {
      const original = from.broadcast.bind(from);
      from.broadcast = async (msg) => {
        await original(msg);
        to.receiveRoomMessage({ ...msg, from: from.clientId, sentAt: Date.now() + skew });
      };
    }

    /** The streamer's wheel (authority) and a viewer's wheel following it. */
    async function room(skew = 0) {
      const a = demo();
      const b = demo({ role: 'viewer' });
      relay(a, b, skew);
      relay(b, a);
      const root = await fixture<HTMLElement>(html`<div>
        <onair-platform .adapter=${a}><onair-wheel-spinner id="a" .items=${ITEMS} duration="300" turns="2"></onair-wheel-spinner></onair-platform>
        <onair-platform .adapter=${b}><onair-wheel-spinner id="b" .items=${ITEMS} duration="300" turns="2"></onair-wheel-spinner></onair-platform>
      </div>`);
      const wa = root.querySelector<OnAirWheelSpinnerElement>('#a')!;
      const wb = root.querySelector<OnAirWheelSpinnerElement>('#b')!;
      await waitUntil(() => wa.commitment !== undefined && wb.commitment === wa.commitment, 'the viewer learns the commitment');
      return { a, b, wa, wb };
    }

    it('the streamer\u2019s spin plays verified on the viewer\u2019s wheel', async () => {
      const { a, wa, wb } = await room();
      expect(wa.isAuthority).to.equal(true);
      expect(wb.isAuthority).to.equal(false);
      const sent: { type: string; payload: unknown }[] = [];
      const relayed = a.broadcast;
      a.broadcast = async (msg) => {
        sent.push(msg);
        return relayed(msg);
      };
      const remoteStart = oneEvent(wb, 'onair-spin-start');
      const remoteEnd = oneEvent(wb, 'onair-spin-end');
      await clickCenter(button(wa));
      const start = await remoteStart;
      expect(start.detail).to.include({ remote: true, verified: true });
      const [local, remote] = await Promise.all([oneEvent(wa, 'onair-spin-end'), remoteEnd]);
      expect(remote.detail.index).to.equal(local.detail.index);
      expect(remote.detail.proof).to.deep.equal(local.detail.proof);
      expect(indexAt(wb.segments, rotation(wb))).to.equal(local.detail.index);
      expect(rotation(wb) % 360).to.be.closeTo(rotation(wa) % 360, 1e-6);
      const spin = sent.find((m) => m.type === SPIN_MESSAGE)!.payload as SpinPayload;
      expect(Object.keys(spin).sort()).to.deep.equal(['durationMs', 'index', 'itemsHash', 'paymentId', 'seed', 'startedAt', 'turns']);
      expect(JSON.stringify(spin).length).to.be.lessThan(400);
      // The revealed seed is the next commitment: the seeds form a hash chain.
      expect(wb.commitment).to.equal(spin.seed);
    });

    it('issue 21: a tip both pages saw is bound to the commitment published before it, and plays verified on the viewer', async () => {
      const { a, b, wa, wb } = await room();
      wa.price = 10;
      wb.price = 10;
      const played = oneEvent(wb, 'onair-spin-end');
      const tip = { id: 'tip-1', amount: 25, currency: 'tokens' as const, source: 'demo', user: { id: 'u9', name: 'Nine' } };
      b.fireTip(tip);
      a.fireTip(tip);
      const end = await played;
      expect(end.detail).to.include({ spinId: 'tip-1', verified: true });
      expect(await verifySpin(end.detail.proof!, end.detail.items, { commitment: end.detail.proof!.commitment })).to.deep.equal({ ok: true });
    });

    it('issue 21 (G6): two authority pages opened at the same moment, a payment at once: one spins it, the other says it yields, the viewer verifies', async function () {
      this.timeout(30_000);
      // An OBS dock and a browser tab: no shared storage or Web Lock, a room between them that takes a while.
      election.windowMs = 1_500;
      const [first, second, viewer] = [demo(), demo(), demo({ role: 'viewer' })];
      const slowRelay = (from: DemoPlatform, to: DemoPlatform[]) => {
        const original = from.broadcast.bind(from);
        from.broadcast = async (msg) => {
          await original(msg);
          const sent = { ...msg, from: from.clientId, sentAt: Date.now() };
          setTimeout(() => to.forEach((page) => page.receiveRoomMessage(sent)), 100);
        };
      };
      slowRelay(first, [second, viewer]);
      slowRelay(second, [first, viewer]);
      const root = await fixture<HTMLElement>(html`<div>
        ${[first, second, viewer].map((p) => html`<onair-platform .adapter=${p}><onair-wheel-spinner .items=${ITEMS} price="10" duration="300" turns="2"></onair-wheel-spinner></onair-platform>`)}
      </div>`);
      const [wa, wb, wv] = Array.from(root.querySelectorAll<OnAirWheelSpinnerElement>('onair-wheel-spinner'));
      const starts = new Map<OnAirWheelSpinnerElement, string[]>([[wa, []], [wb, []]]);
      const rejected: string[] = [];
      for (const w of [wa, wb]) {
        // Drawn here, or followed from the room (a page that yielded shows the leader's spins, like a viewer).
        w.addEventListener('onair-spin-start', (e) => starts.get(w)!.push(`${e.detail.spinId}:${e.detail.remote ? 'followed' : 'drawn'}`));
        w.addEventListener('onair-spin-rejected', (e) => rejected.push(e.detail.reason));
      }
      const viewerEnds: { spinId: string; verified: boolean; proof?: unknown; items: unknown }[] = [];
      wv.addEventListener('onair-spin-end', (e) => viewerEnds.push(e.detail));
      const tip = (id: string) => {
        const paid = { id, amount: 25, currency: 'tokens' as const, source: 'demo', user: { id: 'u9', name: 'Nine' } };
        for (const p of [first, second, viewer]) p.fireTip(paid);
      };
      // Paid before the two pages heard each other: both bind it.
      tip('tip-0');
      await until(() => [wa, wb].filter((w) => w.isAuthority).length === 1, 'the pages hear each other and one yields');
      const leader = wa.isAuthority ? wa : wb;
      const other = leader === wa ? wb : wa;
      await until(() => wv.commitment !== undefined && wv.commitment === leader.commitment, 'the viewer follows the leader');
      // Paid while both are still in their election window, after the viewer knew the leader's commitment.
      tip('tip-1');
      await until(() => viewerEnds.some((e) => e.spinId === 'tip-1'), `the viewer plays the leader\u2019s spin ${JSON.stringify([[...starts.values()], rejected, viewerEnds.map((e) => e.spinId)])}`, { timeout: 15_000 });
      await nothingWithin(300, 'the yielded page\u2019s election window ends when the leader\u2019s does');
      // Each payment drawn once, by the leader; the page that yielded drew none.
      expect(starts.get(leader)).to.deep.equal(['tip-0:drawn', 'tip-1:drawn']);
      expect(starts.get(other)!.filter((s) => s.endsWith(':drawn'))).to.deep.equal([]);
      expect(rejected).to.deep.equal(['another page of the streamer leads this wheel: this one stopped spinning']);
      expect(shadow(other).querySelector('[part="result"]')!.textContent!.trim()).to.equal('Another page of the streamer leads this wheel; this one does not spin.');
      const end = viewerEnds.find((e) => e.spinId === 'tip-1')!;
      expect(end.verified).to.equal(true);
      expect(await verifySpin(end.proof as never, end.items as never, { commitment: (end.proof as { commitment: string }).commitment })).to.deep.equal({ ok: true });
    });

    it('issue 21: a spin for a payment the viewer never saw plays marked unverified, with the reason', async () => {
      const { b, wb } = await room();
      const forger = new TestAuthority('forger');
      const played = oneEvent(wb, 'onair-spin-end');
      b.receiveRoomMessage(message(SPIN_MESSAGE, await forger.spin(ITEMS, 'trx_forged', { index: 3 })));
      const end = await played;
      expect(end.detail).to.include({ verified: false, reason: 'payment-unseen' });
      expect(end.detail.proof).to.equal(undefined);
      await wb.updateComplete;
      expect(shadow(wb).querySelector('[part="result"]')!.textContent).to.match(/Unverified: payment-unseen/);
      expect(wb.proofs).to.deep.equal([]);
      // The viewer's own wheel cannot pick either.
      const log = record(wb);
      expect(await wb.spinTo(3)).to.equal(undefined);
      expect(log.at(-1)).to.equal('refused:outcome-chosen');
    });

    it('issue 21: a viewer whose clock is minutes off still verifies and joins spins', async () => {
      const { wa, wb } = await room(-5 * 60_000);
      const ended = oneEvent(wb, 'onair-spin-end');
      const result = await wa.spin();
      const end = await ended;
      expect(end.detail).to.include({ index: result!.index, verified: true });
    });

    it('rejects malformed payloads without breaking', async () => {
      const { b, wa, wb } = await room();
      const log = record(wb);
      const honest = await new TestAuthority().spin(ITEMS, 'p1');
      const bad: unknown[] = [
        null,
        'spin',
        [1, 2],
        { ...honest, paymentId: '<img src=x onerror=alert(1)>' },
        { ...honest, paymentId: 42 },
        { ...honest, seed: 'abc' },
        { ...honest, index: -1 },
        { ...honest, index: 1.5 },
        { ...honest, index: '1' },
        { ...honest, startedAt: Number.NaN },
        { ...honest, startedAt: '2024-01-01' },
        { ...honest, durationMs: 1e9 },
        { ...honest, durationMs: -5 },
        { ...honest, itemsHash: { toString: () => 'x' } },
        { ...honest, turns: 1000 },
        { ...honest, wheel: 7 },
      ];
      for (const payload of bad) b.receiveRoomMessage(message(SPIN_MESSAGE, payload));
      b.receiveRoomMessage(message(COMMIT_MESSAGE, { commitment: 'nope' }));
      await waitUntil(() => log.length === bad.length + 1);
      expect(log.every((e) => e.startsWith('rejected:'))).to.equal(true);
      expect(shadow(wb).querySelector('img')).to.equal(null);
      const ended = oneEvent(wb, 'onair-spin-end');
      const result = await wa.spin();
      expect((await ended).detail.index).to.equal(result!.index);
    });

    it('a wheel that joins late does not replay an old spin it cannot verify, and verifies the next one', async () => {
      const streamer = demo();
      const viewer = demo({ role: 'viewer' });
      relay(streamer, viewer);
      const { el: wa } = await mount(streamer);
      await wa.spin();
      const { el: wb } = await mount(viewer);
      await waitUntil(() => wb.commitment === wa.commitment);
      expect(wb.history).to.deep.equal([]);
      expect(wb.spinning).to.equal(false);
      const ended = oneEvent(wb, 'onair-spin-end');
      const result = await wa.spin();
      expect((await ended).detail).to.include({ index: result!.index, verified: true });
    });

    it('issue 21: segments reordered or edited after the announcement, and a winner off the draw, never play verified', async () => {
      const viewer = demo({ role: 'viewer' });
      const { el } = await mount(viewer);
      const authority = new TestAuthority();
      viewer.receiveRoomMessage(message(COMMIT_MESSAGE, await authority.announce()));
      await waitUntil(() => el.commitment !== undefined);
      const log = record(el);
      // Her segments in another order: the spin's items hash is not the one announced.
      viewer.receiveRoomMessage(message(SPIN_MESSAGE, await authority.free([...ITEMS].reverse())));
      await waitUntil(() => log.length === 1);
      expect(log[0]).to.match(/^rejected:/);
      const honest = await authority.free();
      const wrong = oneEvent(el, 'onair-spin-end');
      viewer.receiveRoomMessage(message(SPIN_MESSAGE, { ...honest, index: (honest.index + 1) % ITEMS.length }));
      expect((await wrong).detail).to.include({ verified: false });
    });

    it('issue 21: a new chain (storage regenerated) is never adopted silently: a payment bound before it plays unverified', async () => {
      const viewer = demo({ role: 'viewer' });
      const { el } = await mount(viewer);
      el.price = 10;
      const first = new TestAuthority('streamer', 5);
      viewer.receiveRoomMessage(message(COMMIT_MESSAGE, await first.announce()));
      await waitUntil(() => el.commitment !== undefined);
      viewer.fireTip({ id: 'paid-1', amount: 25, currency: 'tokens', source: 'demo', user: { id: 'u1', name: 'One' } });
      // She replaces her chain while the payment waits, and announces the new one.
      const regenerated = new TestAuthority('streamer', 5);
      viewer.receiveRoomMessage(message(COMMIT_MESSAGE, await regenerated.announce()));
      const played = oneEvent(el, 'onair-spin-end');
      viewer.receiveRoomMessage(message(SPIN_MESSAGE, await regenerated.spin(ITEMS, 'paid-1')));
      expect((await played).detail).to.include({ spinId: 'paid-1', verified: false, reason: 'seed-not-bound' });
      // Payments after the new announcement bind to it.
      viewer.fireTip({ id: 'paid-2', amount: 25, currency: 'tokens', source: 'demo', user: { id: 'u1', name: 'One' } });
      await new Promise((r) => setTimeout(r, 20));
      const next = oneEvent(el, 'onair-spin-end');
      viewer.receiveRoomMessage(message(SPIN_MESSAGE, await regenerated.spin(ITEMS, 'paid-2')));
      expect((await next).detail).to.include({ spinId: 'paid-2', verified: true });
    });

    it('issue 21 (Stripchat): commitment and liveness come from the model-only anchor; a paid whisper cannot take a fresh wheel over', async () => {
      const authority = new TestAuthority('model', 1);
      let anchored: string | undefined;
      const anchor: RoomAnchor = { read: async () => anchored, write: async () => false };
      const viewer = new StripchatLikeViewer(anchor);
      platforms.push(viewer);
      const { el } = await mount(viewer);
      el.price = 10;
      el.currency = 'tokens';
      const log = record(el);
      // A paying viewer whispers first: a commitment and a spin of their own, and heartbeats.
      const forger = new TestAuthority('forger', -1);
      viewer.receive(message(COMMIT_MESSAGE, await forger.announce()));
      const tip = { id: 'sc-1', amount: 25, currency: 'tokens' as const, source: 'stripchat', user: { id: '7', name: 'rex' } };
      anchored = JSON.stringify(await authority.announce());
      await el.spin().catch(() => undefined);
      expect(el.commitment).to.equal(await authority.commitment());
      viewer.tip(tip);
      await new Promise((r) => setTimeout(r, 20));
      viewer.receive(message(SPIN_MESSAGE, await forger.free()));
      await waitUntil(() => log.some((e) => e.startsWith('rejected:')));
      expect(el.spinning).to.equal(false);
      // The model's real spin for that tip plays verified.
      const played = oneEvent(el, 'onair-spin-end');
      const drawId = await drawIdOf({ id: tip.id, content: '7|25|tokens|' }, await authority.commitment(), 'content', sha256Hex, () => 0);
      const payload = await authority.spin(ITEMS, drawId);
      viewer.receive(message(SPIN_MESSAGE, payload));
      expect((await played).detail).to.include({ verified: true });
    });

    it('issue 21: at most 20 paid spins wait; a payment beyond that is refused, and the room is told who paid it', async () => {
      const streamer = demo();
      const { el } = await mount(streamer, { duration: 60_000 });
      el.price = 10;
      await waitUntil(() => el.isAuthority && el.commitment !== undefined);
      const refused: string[] = [];
      el.addEventListener('onair-spin-refused', (e) => refused.push(`${e.detail.reason}:${e.detail.paymentId}`));
      const sent: { type: string; payload: unknown }[] = [];
      streamer.broadcast = async (msg) => void sent.push(msg);
      for (let i = 1; i <= 22; i += 1) streamer.fireTip({ id: `q-${i}`, amount: 10, currency: 'tokens', user: { id: `u${i}`, name: `U${i}` } });
      await waitUntil(() => refused.length === 2, 'two refused');
      expect(refused).to.deep.equal(['queue-full:q-21', 'queue-full:q-22']);
      const told = sent.filter((m) => m.type === REFUSED_MESSAGE).map((m) => m.payload);
      expect(told).to.deep.equal([
        { paymentId: 'q-21', reason: 'queue-full', payer: 'u21' },
        { paymentId: 'q-22', reason: 'queue-full', payer: 'u22' },
      ]);
      // The same payment again is not a new one.
      streamer.fireTip({ id: 'q-3', amount: 10, currency: 'tokens', user: { id: 'u3', name: 'U3' } });
      await new Promise((r) => setTimeout(r, 50));
      expect(refused).to.have.length(2);
    });

    it('a viewer who clicks Spin on a wheel without a price gets no result', async () => {
      const { wb } = await room();
      const log = record(wb);
      await clickCenter(button(wb));
      await wb.updateComplete;
      expect(log).to.deep.equal(['refused:not-authority']);
      expect(wb.history).to.deep.equal([]);
      expect(shadow(wb).querySelector('[part="result"]')!.textContent).to.equal('Only the streamer\u2019s wheel decides spins.');
    });

    it('does not broadcast on a platform without the capability', async () => {
      const platform = new PlainPlatform();
      platforms.push(platform);
      let broadcasts = 0;
      platform.broadcast = async () => {
        broadcasts += 1;
      };
      const { el } = await mount(platform);
      expect((await el.spin())!.index).to.be.a('number');
      expect(broadcasts).to.equal(0);
    });
  });
});
