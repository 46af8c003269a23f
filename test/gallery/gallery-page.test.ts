import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import type { Viewers } from '../../platform/model.js';
import { nothingWithin, rendered } from '../wait.js';
import { storageSnapshot } from '../helpers.js';

/**
 * The gallery page itself (demo/index.html, from the sources), in a frame filling the viewport,
 * at a desktop and a phone width: layout, the demo feed controls, and a second visit.
 */
type Frame = { doc: Document; win: Window; frame: HTMLIFrameElement };
type DemoLike = { name: string; viewers$: { subscribe(fn: (v: Viewers | null) => void): { unsubscribe(): void } } };

let frame: HTMLIFrameElement | undefined;

async function openGallery(width: number, height = 900): Promise<Frame> {
  await setViewport({ width, height });
  frame?.remove();
  frame = document.createElement('iframe');
  frame.style.cssText = 'position: fixed; inset: 0; width: 100vw; height: 100vh; border: 0; z-index: 1';
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  frame.src = '/demo/index.html';
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await waitUntil(() => doc.querySelectorAll('.widget-card').length >= 5 && (doc.querySelector('#provider') as unknown as { current?: DemoLike }).current?.name === 'demo', 'gallery ready', { timeout: 8000 });
  // Every widget defined (its chunk loaded) and rendered once, the provider too.
  await rendered(doc);
  await new Promise((resolve) => frame!.contentWindow!.requestAnimationFrame(resolve));
  return { doc, win: frame.contentWindow!, frame };
}

async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Elements of `root` and of the open shadow roots below it, skipping what scrolls or is clipped on purpose. */
function boxesIn(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (el: Element) => {
    found.push(el);
    const style = getComputedStyle(el);
    if (style.overflowX !== 'visible' && el !== root) return; // scrolls or clips its own content
    for (const child of [...el.children, ...(el.shadowRoot?.children ?? [])]) visit(child);
  };
  visit(root);
  return found;
}

/** What sticks out of a card's content box, described for the failure message. */
function overflowing(doc: Document): string[] {
  const problems: string[] = [];
  for (const card of doc.querySelectorAll<HTMLElement>('.widget-card, .controls, .obs-builder, fieldset')) {
    const outer = card.getBoundingClientRect();
    for (const el of boxesIn(card)) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // visually hidden text
      if (box.right > outer.right + 0.5 || box.left < outer.left - 0.5) {
        problems.push(`${card.querySelector('h2, legend')?.textContent}: <${el.localName} class="${el.getAttribute('class') ?? ''}"> ${Math.round(box.left)}–${Math.round(box.right)} outside ${Math.round(outer.left)}–${Math.round(outer.right)}`);
      }
    }
  }
  return problems;
}

describe('the gallery page', function () {
  this.timeout(30_000);

  // The gallery's widgets keep state under their default keys: later files must not see it.
  let restoreStorage = () => {};
  before(() => (restoreStorage = storageSnapshot()));
  after(async () => {
    frame?.remove();
    restoreStorage();
    await setViewport({ width: 800, height: 600 });
    await resetMouse();
  });

  for (const width of [1400, 390]) {
    it(`fits every card's content inside its card at ${width} px, and the page has no sideways scroll`, async () => {
      const { doc } = await openGallery(width);
      expect(overflowing(doc)).to.deep.equal([]);
      expect(doc.documentElement.scrollWidth).to.be.at.most(width);
      const wheel = doc.querySelector('onair-wheel-spinner')!;
      const stage = wheel.closest('.stage')!.getBoundingClientRect();
      const disc = wheel.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
      expect(disc.width, 'the wheel is drawn').to.be.greaterThan(100);
      expect(disc.right).to.be.at.most(stage.right);
    });

    it(`keeps "Tips per second" on one line and styles the controls at ${width} px`, async () => {
      const { doc, win } = await openGallery(width);
      const text = doc.querySelector('.controls .label-text')!;
      expect(text.textContent).to.equal('Tips per second');
      expect(text.getClientRects().length).to.equal(1);
      expect(text.getBoundingClientRect().height).to.be.below(parseFloat(win.getComputedStyle(text).lineHeight) * 1.5 || 30);
      for (const control of doc.querySelectorAll<HTMLElement>('.controls button, .controls select, .widget-card button')) {
        const style = win.getComputedStyle(control);
        expect(style.borderTopLeftRadius, control.textContent ?? '').to.equal('8px');
        expect(control.getBoundingClientRect().height, control.textContent ?? '').to.be.at.least(32);
      }
    });
  }

  it('has a favicon', async () => {
    const { doc } = await openGallery(1400);
    const icon = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
    expect(icon).to.exist;
    const response = await fetch(icon!.href);
    expect(response.ok).to.be.true;
    expect(response.headers.get('content-type')).to.contain('svg');
  });

  it('keeps "Unavailable" viewers until a count is set, and ±250 starts from the count shown', async () => {
    const { doc } = await openGallery(1400);
    const provider = doc.querySelector('#provider') as unknown as HTMLElement & { current?: DemoLike & { setViewerCount(n: number | null): void } };
    // A fast viewer walk, so "flips back after a while" would show within the test.
    const first = provider.current;
    provider.setAttribute('viewer-interval', '20');
    await waitUntil(() => provider.current !== first && provider.current?.name === 'demo', 'a new demo feed with the fast walk');
    let latest: Viewers | null | undefined;
    const seen: (number | null)[] = [];
    const subscription = provider.current!.viewers$.subscribe((v) => {
      latest = v;
      seen.push(v?.total ?? null);
    });
    await waitUntil(() => seen.length >= 3, 'the count walks');
    await click(doc.querySelector('button[data-action="viewers-none"]')!);
    expect(latest).to.equal(null);
    const counter = doc.querySelector('onair-viewer-counter')!;
    await waitUntil(() => counter.shadowRoot!.querySelector('[part=base]')?.getAttribute('data-state') === 'unavailable', 'the counter says unavailable');
    const before = seen.length;
    await nothingWithin(200, 'ten steps of the viewer walk');
    expect(latest, 'still unavailable after the walk ran').to.equal(null);
    expect(seen.length).to.equal(before);

    // Each click moves the count by exactly 250 from the value shown just before it, while the walk
    // keeps changing that value (a stale copy of the count would jump by some other amount).
    await click(doc.querySelector('button[data-action="viewers-up"]')!);
    const lastShown = seen[before - 2];
    expect(seen[before], 'from "Unavailable": the last count shown, plus 250').to.equal((lastShown ?? 0) + 250);
    const mark = seen.length;
    await waitUntil(() => seen.length >= mark + 4, 'the count walks again');
    for (const action of ['viewers-up', 'viewers-down']) {
      const from = seen.length;
      await click(doc.querySelector(`button[data-action="${action}"]`)!);
      const steps = seen.slice(from - 1).map((total, i, all) => (i === 0 ? 0 : total! - all[i - 1]!));
      expect(steps, `${action}: ${seen.slice(from - 1).join(' → ')}`).to.include(action === 'viewers-up' ? 250 : -250);
    }
    subscription.unsubscribe();
  });

  it('shows tips on the leaderboard on a second visit (demo tip ids differ per load)', async () => {
    const rows = (doc: Document) => doc.querySelector('onair-leaderboard')!.shadowRoot!.querySelectorAll('[part=row]').length;
    let { doc } = await openGallery(1400);
    await click(doc.querySelector('button[data-action="tip"]')!);
    await waitUntil(() => rows(doc) > 0, 'first visit: a row');
    ({ doc } = await openGallery(1400));
    await click(doc.querySelector('button[data-action="tip"]')!);
    await waitUntil(() => rows(doc) > 0, 'second visit: a row', { timeout: 3000 });
  });
});
