import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html, unsafeStatic } from 'lit/static-html.js';
import '../components/index.js';
import type { OnAirAlertBoxElement } from '../components/alert-box/alert-box.js';
import { quietDemo } from './helpers.js';

/**
 * `--onair-scale` (components/shared/styles.ts) sizes every widget: the tags come from the built
 * manifest, so a new widget is checked without editing this file (run `npm run build` first).
 */
const manifest = (await (await fetch('/dist/custom-elements.json')).json()) as { modules: { declarations?: { tagName?: string }[] }[] };
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName && d.tagName !== 'onair-platform' ? [d.tagName] : []));

/** What each widget needs to show something of its own size. */
const SETUP: Record<string, (el: HTMLElement & Record<string, unknown>) => void> = {
  'onair-wheel-spinner': (el) => (el.items = [{ label: 'A' }, { label: 'B' }, { label: 'C' }]),
  'onair-status-pill': (el) => el.setAttribute('floating', 'false'),
  // Its buttons show only on the page that keeps the time, which a Web Lock decides asynchronously.
  'onair-tip-timer': (el) => el.setAttribute('controls', 'none'),
  // Empty between alerts: a sample alert, held and without its entrance animation, is what is measured.
  'onair-alert-box': (el) => {
    el.setAttribute('duration', '60000');
    el.setAttribute('reduced-motion', '');
  },
};

async function size(tag: string, scale: number): Promise<DOMRect> {
  const platform = quietDemo();
  platform.fireTip({ amount: 50, user: { id: 'ada', name: 'Ada' } });
  const provider = await fixture<HTMLElement>(html`<div style="width: 1600px; font-size: 16px">
    <onair-platform .adapter=${platform}><${unsafeStatic(tag)} locale="en-US" style="--onair-scale: ${scale}; display: inline-block"></${unsafeStatic(tag)}></onair-platform>
  </div>`);
  const el = provider.querySelector<HTMLElement & Record<string, unknown>>(tag)!;
  SETUP[tag]?.(el);
  // The widget is laid out only once the provider's <slot> puts it in the flat tree.
  await (provider.querySelector('onair-platform') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  if (tag === 'onair-alert-box') {
    const started = oneEvent(el, 'onair-alert-start');
    (el as unknown as OnAirAlertBoxElement).test();
    await started;
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const measured = tag === 'onair-alert-box' ? el.shadowRoot!.querySelector('[part=alert]')! : el;
  const box = measured.getBoundingClientRect();
  platform.dispose();
  return box;
}

describe('--onair-scale', () => {
  it('covers the five widgets at least', () => {
    expect(tags).to.include.members(['onair-viewer-counter', 'onair-tip-menu', 'onair-wheel-spinner', 'onair-status-pill', 'onair-leaderboard']);
  });

  for (const tag of tags) {
    it(`doubles <${tag}> at 2`, async () => {
      const one = await size(tag, 1);
      const two = await size(tag, 2);
      expect(two.height / one.height, 'height ratio').to.be.within(1.75, 2.25);
      expect(two.width / one.width, 'width ratio').to.be.within(1.75, 2.25);
    });
  }
});
