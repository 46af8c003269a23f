import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { BasePlatform } from '../../platform/base.js';
import { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { Capability, TipMenuItem, TipResult } from '../../platform/model.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers, until } from '../../test/helpers.js';
import './tip-menu.js';
import type { OnAirTipMenuElement } from './tip-menu.js';

/** Counts the platform's spend requests without changing what they do. */
function spyOnSpends(platform: DemoPlatform): TipMenuItem[] {
  const calls: TipMenuItem[] = [];
  const original = platform.requestTip.bind(platform);
  platform.requestTip = (item) => {
    calls.push(item);
    return original(item);
  };
  return calls;
}

/**
 * Counts spend requests and holds each one open until `release()`, so a second activation is sure
 * to arrive while the first is pending, however slow the machine.
 */
function holdSpends(platform: DemoPlatform): { calls: TipMenuItem[]; release: () => void } {
  const calls = spyOnSpends(platform);
  const counted = platform.requestTip;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  platform.requestTip = async (item) => {
    const result = counted(item);
    await gate;
    return result;
  };
  return { calls, release: () => open() };
}

async function mount(platform = quietDemo(), template = html`<onair-tip-menu locale="en-US"></onair-tip-menu>`) {
  const { el } = await mountWith<OnAirTipMenuElement>(platform, template, 'onair-tip-menu');
  await until(() => el.shadowRoot!.querySelector('button.item, [part=status]'), 'menu rendered');
  return { el, platform };
}

const buttons = (el: OnAirTipMenuElement) => Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.item'));
const status = (el: OnAirTipMenuElement) => el.shadowRoot!.querySelector('[part=status]')?.textContent?.replace(/\s+/g, ' ').trim();
const labelOf = (button: Element) => button.querySelector('[part=label]')!.textContent;

async function clickAt(target: Element) {
  const rect = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] });
}

class ViewOnlyPlatform extends BasePlatform {
  readonly name = 'twitch' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['tipMenu']);
  constructor() {
    super();
    this.setStatus({ state: 'connected' });
    this.setTipMenu({ enabled: true, items: [{ id: 'a', label: 'Wave', price: 100, currency: 'bits' }] });
  }
  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'no spend' };
  }
}

describe('<onair-tip-menu>', () => {
  afterEach(() => resetMouse());

  it('passes the accessibility audit', async () => {
    const { el, platform } = await mount();
    await expect(el).to.be.accessible();
    platform.dispose();
  });

  it('lists the host’s items with prices in their currency, cheapest first unless sort="none"', async () => {
    const platform = quietDemo();
    platform.updateTipMenu({
      enabled: true,
      items: [
        { id: 'b', label: 'Big', price: 1000, currency: 'tokens' },
        { id: 'a', label: 'One', price: 1, currency: 'tokens' },
        { id: 'c', label: 'Cash', price: 5, currency: 'USD' },
      ],
    });
    const { el } = await mount(platform);
    expect(buttons(el).map(labelOf)).to.deep.equal(['One', 'Cash', 'Big']);
    expect(buttons(el).map((b) => b.querySelector('[part=price]')!.textContent)).to.deep.equal(['1 token', '$5.00', '1,000 tokens']);
    el.sort = 'none';
    await el.updateComplete;
    expect(buttons(el).map(labelOf)).to.deep.equal(['Big', 'One', 'Cash']);
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(buttons(el)[0].querySelector('[part=price]')!.textContent).to.equal('1.000 Token');
    platform.dispose();
  });

  it('spends on click, shows the item pending, and reports success', async () => {
    const { el, platform } = await mount();
    const { calls, release } = holdSpends(platform);
    const first = buttons(el)[0];
    const success = oneEvent(el, 'onair-tip-success');
    await clickAt(first);
    await el.updateComplete;
    expect(first.getAttribute('aria-busy')).to.equal('true');
    expect(first.hasAttribute('data-pending')).to.equal(true);
    expect(buttons(el)[1].getAttribute('aria-disabled')).to.equal('true');
    release();
    const { detail } = await success;
    expect(detail.item.id).to.equal('hi');
    expect(detail.result.status).to.equal('success');
    expect(calls.map((item) => item.id)).to.deep.equal(['hi']);
    await el.updateComplete;
    expect(first.getAttribute('aria-busy')).to.equal('false');
    platform.dispose();
  });

  it('reports a confirmation that comes after the spend timed out as a late success', async () => {
    /** A host whose confirmation arrives when the test says, through the page's spend slot. */
    class SlowHost extends BasePlatform {
      readonly name = 'demo' as const;
      readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['tipMenu', 'spend']);
      private readonly spends = this.createSpendSlot({ busy: 'busy' });
      constructor() {
        super();
        this.setStatus({ state: 'connected' });
        this.setTipMenu({ enabled: true, items: [{ id: 'rose', label: 'Rose', price: 10, currency: 'tokens' }] });
      }
      async requestTip(item: TipMenuItem): Promise<TipResult> {
        return this.spends.spend({ item, timeoutMs: 20, pay: () => undefined });
      }
      confirm(itemId: string) {
        this.spends.settle(itemId, (item) => ({ status: 'success', item, transactionId: 'late-1' }));
      }
    }
    const host = new SlowHost();
    const { el } = await mount(host as unknown as DemoPlatform);
    const cancelled = oneEvent(el, 'onair-tip-cancel');
    await clickAt(buttons(el)[0]);
    expect((await cancelled).detail.result.reason).to.equal('timeout');
    const late = oneEvent(el, 'onair-tip-success');
    host.confirm('rose');
    const { detail } = await late;
    expect(detail.result).to.deep.equal({ status: 'success', item: detail.item, transactionId: 'late-1', late: true });
    expect(detail.item.id).to.equal('rose');
    await el.updateComplete;
    expect(result(el).dataset.outcome).to.equal('charged-late');
    expect(result(el).textContent).to.equal('“Rose” went through after all: the host confirmed it late.');
    host.dispose();
  });

  it('starts one spend for a double click', async () => {
    const { el, platform } = await mount();
    const { calls, release } = holdSpends(platform);
    const success = oneEvent(el, 'onair-tip-success');
    await clickAt(buttons(el)[2]);
    await clickAt(buttons(el)[2]);
    expect(buttons(el)[2].getAttribute('aria-busy')).to.equal('true');
    release();
    await success;
    expect(calls).to.have.length(1);
    platform.dispose();
  });

  it('starts one spend for a repeating Enter key', async () => {
    const { el, platform } = await mount();
    const { calls, release } = holdSpends(platform);
    const success = oneEvent(el, 'onair-tip-success');
    buttons(el)[1].focus();
    await sendKeys({ down: 'Enter' });
    await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
    release();
    await success;
    expect(calls.map((item) => item.id)).to.deep.equal(['hydrate']);
    platform.dispose();
  });

  it('activates with Space, and blocks a second item while a spend is pending', async () => {
    const { el, platform } = await mount();
    const { calls, release } = holdSpends(platform);
    const requests: string[] = [];
    el.addEventListener('onair-tip-request', (e) => requests.push(e.detail.item.id));
    const success = oneEvent(el, 'onair-tip-success');
    buttons(el)[0].focus();
    await sendKeys({ press: 'Space' });
    await clickAt(buttons(el)[3]);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    release();
    expect((await success).detail.item.id).to.equal('hi');
    expect(calls.map((item) => item.id)).to.deep.equal(['hi']);
    expect(requests).to.deep.equal(['hi']);
    platform.dispose();
  });

  it('reports a cancelled spend', async () => {
    const { el, platform } = await mount(quietDemo({ spend: 'cancel' }));
    const cancel = oneEvent(el, 'onair-tip-cancel');
    await clickAt(buttons(el)[0]);
    const { detail } = await cancel;
    expect(detail.result.status).to.equal('cancelled');
    expect(detail.item.id).to.equal('hi');
    platform.dispose();
  });

  it('reports a failed spend, then allows another', async () => {
    const { el, platform } = await mount();
    platform.setSpendOutcome('fail');
    const error = oneEvent(el, 'onair-tip-error');
    await clickAt(buttons(el)[0]);
    const { detail } = await error;
    expect(detail.result.error).to.equal('The demo declined this spend.');
    platform.setSpendOutcome('success');
    const success = oneEvent(el, 'onair-tip-success');
    await clickAt(buttons(el)[1]);
    expect((await success).detail.item.id).to.equal('hydrate');
    platform.dispose();
  });

  it('turns a throwing host into an error event', async () => {
    const { el, platform } = await mount();
    platform.requestTip = () => Promise.reject(new Error('host exploded'));
    const error = oneEvent(el, 'onair-tip-error');
    await clickAt(buttons(el)[0]);
    expect((await error).detail.result.error).to.equal('host exploded');
    platform.dispose();
  });

  it('lets a listener stop the spend with preventDefault()', async () => {
    const { el, platform } = await mount();
    const calls = spyOnSpends(platform);
    el.addEventListener('onair-tip-request', (e) => e.preventDefault());
    const request = oneEvent(el, 'onair-tip-request');
    await clickAt(buttons(el)[0]);
    expect((await request).cancelable).to.equal(true);
    await el.updateComplete;
    expect(calls).to.have.length(0);
    expect(buttons(el)[0].getAttribute('aria-busy')).to.equal('false');
    platform.dispose();
  });

  it('is read-only for guests, with a sign-in button when the host offers one', async () => {
    const { el, platform } = await mount(quietDemo({ role: 'guest' }));
    const calls = spyOnSpends(platform);
    expect(buttons(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelectorAll('[part=item]').length).to.equal(6);
    expect(status(el)).to.contain('Sign in to tip.');
    await expect(el).to.be.accessible();
    const signIn = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=sign-in]')!;
    await clickAt(signIn);
    await waitUntil(() => buttons(el).length === 6, 'spendable after sign-in');
    expect(status(el)).to.equal(undefined);
    expect(calls).to.have.length(0);
    platform.dispose();
  });

  it('offers no sign-in button when the host has none', async () => {
    class GuestOnly extends ViewOnlyPlatform {
      override readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['tipMenu', 'spend']);
      constructor() {
        super();
        this.patchContext({ role: 'guest' });
      }
    }
    const platform = new GuestOnly();
    const { el } = await mount(platform as unknown as DemoPlatform);
    expect(status(el)).to.equal('Sign in to tip.');
    expect(el.shadowRoot!.querySelector('[part=sign-in]')).to.equal(null);
    platform.dispose();
  });

  it('hides a disabled menu and says why', async () => {
    const platform = quietDemo();
    platform.updateTipMenu({ enabled: false, items: [{ id: 'x', label: 'X', price: 1, currency: 'tokens' }] });
    const { el } = await mount(platform);
    expect(el.shadowRoot!.querySelector('[part=item]')).to.equal(null);
    expect(status(el)).to.equal('The tip menu is turned off.');
    platform.updateTipMenu({ enabled: true, items: [] });
    await el.updateComplete;
    expect(status(el)).to.equal('The tip menu has no items yet.');
    platform.dispose();
  });

  it('shows items read-only with a reason when the host cannot spend', async () => {
    const platform = new ViewOnlyPlatform();
    const { el } = await mount(platform as unknown as DemoPlatform);
    expect(buttons(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[part=price]')!.textContent).to.equal('100 bits');
    expect(status(el)).to.equal('Tipping is not available here.');
    platform.dispose();
  });

  it('goes read-only while disconnected and back when reconnected', async () => {
    const { el, platform } = await mount(quietDemo());
    platform.drop();
    await el.updateComplete;
    expect(buttons(el)).to.have.length(0);
    expect(status(el)).to.contain('Offline');
    platform.reconnect();
    await el.updateComplete;
    expect(status(el)).to.equal('Connecting to the host…');
    await waitUntil(() => buttons(el).length === 6, 'reconnected');
    platform.dispose();
  });

  it('says so when there is no host', async () => {
    const { NoHostPlatform } = await import('../../platform/no-host.js');
    const platform = new NoHostPlatform();
    const { el } = await mount(platform as unknown as DemoPlatform);
    expect(status(el)).to.equal('No streaming host is connected.');
    platform.dispose();
  });

  it('uses the items property over the host menu, and setting it fires nothing', async () => {
    const { el, platform } = await mount();
    const fired: string[] = [];
    for (const type of ['onair-tip-request', 'onair-tip-success', 'onair-tip-cancel', 'onair-tip-error'] as const) {
      el.addEventListener(type, () => fired.push(type));
    }
    el.items = [
      { id: 'z', label: 'Custom', price: 3, currency: 'bits' },
      { id: 'y', label: 'Cheaper', price: 2, currency: 'bits' },
    ];
    await el.updateComplete;
    expect(buttons(el).map(labelOf)).to.deep.equal(['Cheaper', 'Custom']);
    platform.updateTipMenu({ enabled: false, items: [] });
    await el.updateComplete;
    expect(buttons(el)).to.have.length(2);
    expect(fired).to.deep.equal([]);
    platform.dispose();
  });

  it('shows a label with HTML as text and skips malformed items', async () => {
    const platform = quietDemo();
    const evil = '<img src=x onerror=alert(1)>';
    platform.updateTipMenu({
      enabled: true,
      items: [
        { id: 'e', label: evil, price: 5, currency: 'tokens' },
        { id: 'n', label: 'NaN', price: Number.NaN, currency: 'tokens' },
        { id: 'c', label: 'Bad currency', price: 5, currency: 'not money' },
        null,
        { id: 'e', label: 'Duplicate id', price: 9, currency: 'tokens' },
      ] as unknown as TipMenuItem[],
    });
    const { el } = await mount(platform);
    expect(buttons(el)).to.have.length(1);
    expect(labelOf(buttons(el)[0])).to.equal(evil);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    platform.dispose();
  });

  it('applies a sort from host settings unless the attribute is set', async () => {
    const platform = quietDemo();
    platform.updateTipMenu({
      enabled: true,
      items: [
        { id: 'b', label: 'B', price: 9, currency: 'tokens' },
        { id: 'a', label: 'A', price: 1, currency: 'tokens' },
      ],
    });
    platform.updateContext({ settings: { 'tip-menu': { sort: 'none' } } });
    const { el } = await mount(platform);
    expect(buttons(el).map(labelOf)).to.deep.equal(['B', 'A']);
    el.sort = 'price';
    await el.updateComplete;
    expect(buttons(el).map(labelOf)).to.deep.equal(['A', 'B']);
    platform.dispose();
  });

  it('leaves no subscription or timer behind when removed', async () => {
    const open = subscriptionsBefore();
    const timers = trackTimers();
    try {
      const { el, platform } = await mount();
      expect(open()).to.be.greaterThan(0);
      el.remove();
      expect(open()).to.equal(0);
      platform.dispose();
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
  });
});

/** A quiet demo feed whose spends end in `spend`. */
class OutcomeDemo extends DemoPlatform {
  constructor(spend: 'success' | 'cancel' | 'fail') {
    super({ rate: 0, connectDelay: 0, viewerInterval: 0, spendDelay: 20, spend });
  }
}

const result = (el: OnAirTipMenuElement) => el.shadowRoot!.querySelector<HTMLElement>('[part=result]')!;

describe('<onair-tip-menu> inline outcome', () => {
  afterEach(() => resetMouse());

  for (const [spend, outcome, text] of [
    ['success', 'thanks', 'Thank you! “Say hi” went through.'],
    ['cancel', 'cancelled', '“Say hi” was cancelled.'],
    ['fail', 'failed', '“Say hi” did not go through.'],
  ] as const) {
    it(`says "${outcome}" inside the menu, in a live region`, async () => {
      const platform = new OutcomeDemo(spend);
      const { el } = await mount(platform);
      expect(result(el).getAttribute('role')).to.equal('status');
      expect(result(el).textContent).to.equal('');
      await clickAt(buttons(el)[0]);
      await waitUntil(() => result(el).dataset.outcome === outcome, `outcome ${result(el).dataset.outcome}`);
      expect(result(el).textContent).to.equal(text);
      await expect(el).to.be.accessible();
      platform.dispose();
    });
  }

  it('speaks the widget language', async () => {
    const platform = new OutcomeDemo('fail');
    const { el } = await mount(platform, html`<onair-tip-menu locale="de-DE"></onair-tip-menu>`);
    await clickAt(buttons(el)[0]);
    await waitUntil(() => result(el).dataset.outcome === 'failed', 'failed');
    expect(result(el).textContent).to.equal('„Say hi“ ist nicht durchgegangen.');
    el.locale = 'ja-JP';
    await el.updateComplete;
    expect(result(el).textContent).to.equal('「Say hi」は送れませんでした。');
    platform.dispose();
  });

  for (const width of [318, 420]) {
    it(`carries a visible title in a ${width} px panel, and its items stay clickable below it`, async () => {
      const platform = quietDemo();
      const { el } = await mount(platform, html`<onair-tip-menu locale="en-US" heading="Tip the streamer"></onair-tip-menu>`);
      el.parentElement!.style.cssText = `display:block;width:${width}px`;
      await el.updateComplete;
      const heading = el.shadowRoot!.querySelector('h2')!;
      expect(heading.textContent!.trim()).to.equal('Tip the streamer');
      const box = heading.getBoundingClientRect();
      expect(box.height).to.be.greaterThan(0);
      expect(box.width).to.be.at.most(width);
      const first = buttons(el)[0];
      expect(first.getBoundingClientRect().top).to.be.at.least(box.bottom);
      const { calls, release } = holdSpends(platform);
      const success = oneEvent(el, 'onair-tip-success');
      await clickAt(first);
      release();
      await success;
      expect(calls).to.have.length(1);
      await expect(el).to.be.accessible();
      platform.dispose();
    });
  }

  it('takes its title from the heading slot, and renders no empty heading without one', async () => {
    const { el, platform } = await mount();
    expect(el.shadowRoot!.querySelector('h2')!.hidden).to.equal(true);
    const title = document.createElement('span');
    title.slot = 'heading';
    title.textContent = 'Menu';
    el.append(title);
    await waitUntil(() => !el.shadowRoot!.querySelector('h2')!.hidden, 'the slotted title shows');
    expect(title.getBoundingClientRect().height).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    platform.dispose();
  });
});
