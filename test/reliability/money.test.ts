/**
 * Money safety: on every adapter that can spend, a burst of activations of one tip menu item
 * (double and triple clicks, a repeating Enter key, a click plus Enter) reaches the host as exactly
 * one spend request, and concurrent `requestTip` calls on the platform open one spend at a time.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../components/platform/platform.js';
import '../../components/tip-menu/tip-menu.js';
import type { OnAirTipMenuElement } from '../../components/tip-menu/tip-menu.js';
import { ADAPTERS, firstMenuItem, type Spender } from './adapters.js';
import { macrotask, watchWindow } from './hostile.js';

type Burst = (button: HTMLButtonElement) => Promise<void>;

async function click(button: HTMLButtonElement): Promise<void> {
  const rect = button.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] });
}

const BURSTS: Record<string, Burst> = {
  'double click': async (button) => {
    await click(button);
    await click(button);
  },
  'triple click': async (button) => {
    await click(button);
    await click(button);
    await click(button);
  },
  // A held key repeats keydown, and Enter activates a button on every keydown.
  'repeating Enter': async (button) => {
    button.focus();
    await sendKeys({ down: 'Enter' });
    await sendKeys({ down: 'Enter' });
    await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
  },
  'click then Enter': async (button) => {
    await click(button);
    button.focus();
    await sendKeys({ press: 'Enter' });
  },
};

/** Polls the host's count of spend requests until it reaches `count` (or the wait times out). */
async function spendsReach(spender: Spender, count: number): Promise<void> {
  let seen = -1;
  await waitUntil(async () => (seen = await spender.spendCalls()) >= count, `host saw ${count} spend request(s)`, { timeout: 3_000 }).catch(() => {
    throw new Error(`the host saw ${seen} spend request(s), expected ${count}`);
  });
}

const spenders = ADAPTERS.filter((entry) => entry.spender);

describe('Reliability: money safety', () => {
  afterEach(() => resetMouse());

  for (const entry of spenders) {
    it(`${entry.name}: each burst of activations of one tip item is exactly one spend on the host`, async function () {
      this.timeout(30_000);
      const spender = await entry.spender!();
      const window = watchWindow();
      try {
        const provider = await fixture<HTMLElement>(html`<onair-platform .adapter=${spender.platform}><onair-tip-menu></onair-tip-menu></onair-platform>`);
        const menu = provider.querySelector('onair-tip-menu') as OnAirTipMenuElement;
        const button = () => menu.shadowRoot?.querySelector<HTMLButtonElement>('button.item');
        await waitUntil(() => button(), `${entry.name} tip menu offers an item to tip`);
        const outcomes: string[] = [];
        for (const type of ['onair-tip-success', 'onair-tip-cancel', 'onair-tip-error'] as const) menu.addEventListener(type, () => outcomes.push(type));

        let expected = 0;
        for (const [name, burst] of Object.entries(BURSTS)) {
          const settled = outcomes.length;
          await burst(button() as HTMLButtonElement);
          expected += 1;
          await spendsReach(spender, expected);
          await spender.completeSpend();
          await waitUntil(() => outcomes.length > settled, `${name}: the spend settled`);
          await macrotask(20);
          expect(await spender.spendCalls(), `spend requests after a ${name}`).to.equal(expected);
          expect(outcomes.slice(settled), `${name}: outcome`).to.deep.equal(['onair-tip-success']);
          await waitUntil(() => button()?.getAttribute('aria-busy') === 'false', 'tip menu ready again');
        }
        expect(window.failures).to.deep.equal([]);
      } finally {
        window.stop();
        await spender.dispose();
      }
    });

    it(`${entry.name}: concurrent requestTip calls open one spend at a time`, async function () {
      this.timeout(20_000);
      const spender = await entry.spender!();
      const window = watchWindow();
      try {
        const item = await firstMenuItem(spender.platform);
        const pending = Array.from({ length: 5 }, () => spender.platform.requestTip(item));
        await spendsReach(spender, 1);
        await macrotask(50);
        await spender.completeSpend();
        const results = await Promise.all(pending);
        await macrotask(20);
        expect(await spender.spendCalls(), 'spend requests on the host').to.equal(1);
        expect(results.map((result) => result.status).sort()).to.deep.equal(['failed', 'failed', 'failed', 'failed', 'success']);
        expect(window.failures).to.deep.equal([]);
      } finally {
        window.stop();
        await spender.dispose();
      }
    });
  }
});
