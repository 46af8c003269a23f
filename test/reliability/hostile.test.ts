/**
 * Hostile input: 10,000 seeded payloads per adapter, fed through the real adapter on its fake host
 * into mounted widgets. Nothing may throw, nothing from payload text may become an element, every
 * invalid payload is reported on `errors$`, every valid tip comes through with its text intact, and
 * the widgets still show the next valid payloads afterwards.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/platform/platform.js';
import type { Platform, PlatformError, Tip } from '../../platform/model.js';
import { ADAPTERS, FINAL, type Harness } from './adapters.js';
import { deepQueryAll, macrotask, Rng, suiteSeed, watchWindow } from './hostile.js';
import { STORAGE_KEYS, WIDGETS } from './widgets.js';

const SEED = suiteSeed();
const PAYLOADS = 10_000;
/** Payloads handed over between two turns of the event loop (so widgets render mid-run). */
const BATCH = 500;

async function mountWidgets(platform: Platform): Promise<HTMLElement[]> {
  const provider = await fixture<HTMLElement>(html`<onair-platform .adapter=${platform}>${WIDGETS.map((widget) => widget.template())}</onair-platform>`);
  const elements = WIDGETS.map((widget) => provider.querySelector<HTMLElement>(widget.tag) as HTMLElement);
  await Promise.all(elements.map((element) => (element as unknown as { updateComplete: Promise<unknown> }).updateComplete));
  return elements;
}

/** True when some widget shows payload markup as text (proof the hostile text reached the screen). */
const markupShownAsText = (elements: HTMLElement[]) => elements.some((element) => element.shadowRoot?.textContent?.includes('data-pwned'));

interface RunTally {
  invalid: number;
  /** Per expected tip, in order: the name it must carry, when the entry can tell. */
  names: Array<string | undefined>;
  markupSeen: boolean;
}

/** Generates and delivers the run in batches, counting what the adapter must do with it. */
async function feed(harness: Harness, seed: number, elements: HTMLElement[], thrown: unknown[]): Promise<RunTally> {
  const rng = new Rng(seed);
  const tally: RunTally = { invalid: 0, names: [], markupSeen: false };
  for (let sent = 0; sent < PAYLOADS; sent += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, i) => harness.generate(rng, sent + i));
    for (const payload of batch) {
      if (payload.expect === 'invalid') tally.invalid += 1;
      if (payload.expect === 'tip') tally.names.push(payload.name);
    }
    await harness.deliver(batch, (error) => thrown.push(error));
    await macrotask();
    tally.markupSeen ||= markupShownAsText(elements);
  }
  return tally;
}

describe(`Reliability: hostile input (seed ${SEED})`, () => {
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(`Reliability failure in "${this.currentTest.title}"; seed ${SEED} (see test/reliability/hostile.ts suiteSeed).`);
  });

  ADAPTERS.forEach((entry, index) => {
    it(`${entry.name}: ${PAYLOADS} hostile payloads break nothing, inject nothing and are all accounted for`, async function () {
      this.timeout(60_000);
      const seed = (SEED + index * 7919) >>> 0;
      STORAGE_KEYS.forEach((key) => localStorage.removeItem(key));
      const harness = await entry.start();
      const { platform } = harness;
      const elements = await mountWidgets(platform);
      const window = watchWindow();
      const errors: PlatformError[] = [];
      const tips: Tip[] = [];
      const subscriptions = [platform.errors$.subscribe((error) => errors.push(error)), platform.tips$.subscribe((tip) => tips.push(tip))];
      // Both replay their latest value, which predates the run.
      errors.length = 0;
      tips.length = 0;
      try {
        const thrown: unknown[] = [];
        const tally = await feed(harness, seed, elements, thrown);
        await macrotask(50);
        await Promise.all(elements.map((element) => (element as unknown as { updateComplete: Promise<unknown> }).updateComplete));

        expect(thrown.map(String), 'synchronous throws into the host').to.deep.equal([]);
        expect(window.failures, 'uncaught errors / unhandled rejections').to.deep.equal([]);
        expect(deepQueryAll('[data-pwned]'), 'elements injected from payload text').to.have.length(0);
        expect((globalThis as { __pwned?: unknown }).__pwned, 'script run from payload text').to.equal(undefined);
        expect(errors.length, `errors$ reports (≥ ${tally.invalid} invalid payloads)`).to.be.at.least(tally.invalid);
        if (entry.validates !== false) expect(tally.invalid, 'the generator made invalid payloads').to.be.greaterThan(PAYLOADS / 10);
        expect(tips.length, 'valid tips accepted, invalid ones not').to.equal(tally.names.length);
        tally.names.forEach((name, i) => {
          if (name !== undefined && tips[i].user.name !== name) expect(tips[i].user.name, `tip ${i}'s name`).to.equal(name);
        });
        if (WIDGETS.some((widget) => widget.tag === 'onair-leaderboard')) expect(tally.markupSeen, 'hostile names shown as text').to.equal(true);

        await harness.sendFinal();
        for (const [i, widget] of WIDGETS.entries()) {
          await waitUntil(() => widget.showsFinal(elements[i]), `${widget.tag} shows the final valid payload`, { timeout: 3_000 });
        }
        expect(tips.at(-1)?.user.name).to.equal(FINAL.tipper);
        expect(window.failures).to.deep.equal([]);
      } finally {
        window.stop();
        subscriptions.forEach((subscription) => subscription.unsubscribe());
        await harness.dispose();
        STORAGE_KEYS.forEach((key) => localStorage.removeItem(key));
      }
    });
  });
});
