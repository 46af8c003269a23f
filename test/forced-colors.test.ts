/**
 * Windows high-contrast mode, through Chromium's forced-colors emulation (test/servers/forced-colors.mjs):
 * every widget stays readable and keyboard focus shows, and what a widget says by colour alone (the
 * status pill's state dot, the goal bar's fill, the leaderboard's rows) stays visible. The tags
 * come from the built manifest, so a new widget is checked without editing this file (run
 * `npm run build` first).
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { html, unsafeStatic } from 'lit/static-html.js';
import '../components/index.js';
import type { OnAirElement } from '../components/shared/onair-element.js';
import { NoHostPlatform } from '../platform/no-host.js';
import type { Platform } from '../platform/model.js';
import { quietDemo } from './helpers.js';

const manifest = (await (await fetch('/dist/custom-elements.json')).json()) as { modules: { declarations?: { tagName?: string }[] }[] };
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName && d.tagName !== 'onair-platform' ? [d.tagName] : []));

let mounts = 0;
/** A storage key of its own for each mount, so no total carries over from another test. */
const freshKey = () => `onair-forced-colors-${Date.now()}-${(mounts += 1)}`;

/** What each widget needs to show something of its own. */
const SETUP: Record<string, (el: HTMLElement & Record<string, unknown>) => void> = {
  'onair-wheel-spinner': (el) => (el.items = [{ label: 'A' }, { label: 'B' }, { label: 'C' }]),
  'onair-status-pill': (el) => {
    el.setAttribute('floating', 'false');
    el.setAttribute('storage-key', freshKey());
  },
  'onair-goal-bar': (el) => {
    el.setAttribute('goal', '100');
    el.setAttribute('storage-key', freshKey());
  },
  'onair-leaderboard': (el) => el.setAttribute('storage-key', freshKey()),
  'onair-alert-box': (el) => el.setAttribute('duration', '60000'),
};

const forcedColors = (active: boolean) => executeServerCommand('forced-colors', { active });

/** A system colour as the page resolves it now (e.g. `Canvas` → `rgb(255, 255, 255)`). */
function systemColor(name: string): string {
  const probe = document.createElement('div');
  probe.style.color = name;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

const transparent = (color: string) => color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);
/** A colour without its alpha: forced colours keep an author's alpha on the system colour, which hides nothing. */
const hue = (color: string) => color.match(/[\d.]+/g)!.slice(0, 3).join(',');
const same = (a: string, b: string) => hue(a) === hue(b);

/** The background an element's text is drawn on: the first ancestor (across shadow roots) that paints one. */
function backdrop(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const background = getComputedStyle(node).backgroundColor;
    if (!transparent(background)) return background;
  }
  return systemColor('Canvas');
}

/** Elements of `root` (shadow roots included) that hold text of their own. */
function textHolders(root: ShadowRoot | Element): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    if ([...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '') && element.getClientRects().length > 0) found.push(element);
    if (element.shadowRoot) found.push(...textHolders(element.shadowRoot));
  }
  return found;
}

async function mount(tag: string, platform: Platform = quietDemo()): Promise<{ el: OnAirElement; platform: Platform }> {
  const provider = await fixture<HTMLElement>(html`<div style="width: 420px; font-size: 16px">
    <onair-platform .adapter=${platform}><${unsafeStatic(tag)} locale="en-US"></${unsafeStatic(tag)}></onair-platform>
  </div>`);
  const el = provider.querySelector<OnAirElement>(tag)!;
  SETUP[tag]?.(el as unknown as HTMLElement & Record<string, unknown>);
  // Styles are read only once the provider's <slot> has put the widget in the flat tree.
  await (provider.querySelector('onair-platform') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  await el.updateComplete;
  return { el, platform };
}

describe('Forced colours (Windows high contrast)', function () {
  this.timeout(20_000);

  before(() => forcedColors(true));
  after(() => forcedColors(false));

  it('is emulated: the media query matches and the system colours apply', () => {
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    expect(tags).to.include.members(['onair-status-pill', 'onair-goal-bar', 'onair-leaderboard', 'onair-tip-menu', 'onair-alert-box', 'onair-viewer-counter', 'onair-wheel-spinner']);
  });

  for (const tag of tags) {
    it(`<${tag}>: every text stands out from what it is drawn on, and keyboard focus shows`, async () => {
      const { el, platform } = await mount(tag);
      (platform as ReturnType<typeof quietDemo>).fireTip({ amount: 40, user: { id: 'ada', name: 'Ada' } });
      await el.updateComplete;
      const holders = textHolders(el.shadowRoot!);
      expect(holders.length, 'text to check').to.be.greaterThan(0);
      const unreadable = holders.filter((holder) => same(getComputedStyle(holder).color, backdrop(holder))).map((holder) => holder.className || holder.localName);
      expect(unreadable, 'text in the colour of its background').to.deep.equal([]);

      const focusable = el.shadowRoot!.querySelector<HTMLElement>('button, [tabindex="0"], a[href], summary, input');
      if (focusable) {
        await sendKeys({ press: 'Tab' });
        await waitUntil(() => el.shadowRoot!.activeElement !== null, 'focus inside the widget');
        const focused = getComputedStyle(el.shadowRoot!.activeElement!);
        expect(focused.outlineStyle, 'focus outline').not.to.equal('none');
        expect(parseFloat(focused.outlineWidth)).to.be.at.least(1);
      }
      platform.dispose();
    });
  }

  it('<onair-status-pill>: each state has its own visible dot, collapsed or not', async () => {
    const canvas = systemColor('Canvas');
    const signature = async (platform: Platform, wait: (el: OnAirElement) => boolean) => {
      const { el } = await mount('onair-status-pill', platform);
      el.setAttribute('collapsed', '');
      await waitUntil(() => wait(el), 'the state shows');
      await el.updateComplete;
      const dot = getComputedStyle(el.shadowRoot!.querySelector('[part="dot"]')!);
      // Something of the dot is drawn in a colour other than the pill's background.
      const painted = (!same(dot.backgroundColor, canvas) && !transparent(dot.backgroundColor)) || (parseFloat(dot.borderTopWidth) > 0 && dot.borderTopStyle !== 'none' && !same(dot.borderTopColor, canvas));
      expect(painted, 'the dot shows').to.equal(true);
      platform.dispose();
      return [dot.backgroundColor, dot.borderTopStyle, dot.borderTopColor, dot.borderTopLeftRadius].join(' ');
    };
    const state = (el: OnAirElement) => el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')?.dataset.state;
    const live = await signature(quietDemo(), (el) => state(el) === 'live');
    const connecting = await signature(quietDemo({ connectDelay: 60_000 }), (el) => state(el) === 'connecting');
    const dropped = quietDemo();
    const offline = await signature(dropped, (el) => {
      if (state(el) === 'live') dropped.drop();
      return state(el) === 'offline';
    });
    const hostless = await signature(new NoHostPlatform(), (el) => state(el) === 'hostless');
    expect(new Set([live, connecting, offline, hostless]).size, [live, connecting, offline, hostless].join(' | ')).to.equal(4);
  });

  it('<onair-goal-bar>: the fill keeps a colour of its own over the track', async () => {
    const platform = quietDemo();
    const { el } = await mount('onair-goal-bar', platform);
    platform.fireTip({ amount: 40, currency: 'tokens' });
    await el.updateComplete;
    const track = el.shadowRoot!.querySelector('[part="track"]') ?? el.shadowRoot!.querySelector('.track')!;
    const fill = el.shadowRoot!.querySelector('.fill')!;
    // A new fill grows from empty (@starting-style): measure where its transition ends.
    await Promise.all(fill.getAnimations().map((animation) => animation.finished));
    expect(same(getComputedStyle(fill).backgroundColor, backdrop(track)), 'fill and track in one colour').to.equal(false);
    expect(fill.getBoundingClientRect().width / track.getBoundingClientRect().width).to.be.within(0.35, 0.45);
    platform.dispose();
  });

  it('<onair-leaderboard>: each row keeps a visible edge', async () => {
    const platform = quietDemo();
    const { el } = await mount('onair-leaderboard', platform);
    platform.fireTip({ amount: 40, user: { id: 'ada', name: 'Ada' } });
    platform.fireTip({ amount: 30, user: { id: 'bo', name: 'Bo' } });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.row').length === 2, 'two rows');
    for (const row of el.shadowRoot!.querySelectorAll('.row')) {
      const style = getComputedStyle(row);
      expect(style.borderTopStyle).not.to.equal('none');
      expect(same(style.borderTopColor, backdrop(row)), 'border in the colour of its background').to.equal(false);
    }
    platform.dispose();
  });
});
