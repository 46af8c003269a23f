/**
 * Faults: a Streamer.bot that crashes and comes back 50 times in a row, and a Stripchat host that
 * never answers. The widgets must end connected with every event counted once, and requests to a
 * silent host must time out into reported errors and settled results, never a hang.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../components/leaderboard/leaderboard.js';
import type { OnAirLeaderboardElement } from '../../components/leaderboard/leaderboard.js';
import '../../components/platform/platform.js';
import '../../components/status-pill/status-pill.js';
import '../../components/tip-menu/tip-menu.js';
import type { OnAirTipMenuElement } from '../../components/tip-menu/tip-menu.js';
import '../../components/viewer-counter/viewer-counter.js';
import type { PlatformError, Tip, TipResult } from '../../platform/model.js';
import { createStreamerbotPlatform } from '../../platform/streamerbot/streamerbot-platform.js';
import { StripchatPlatform } from '../../platform/stripchat/stripchat-platform.js';
import { FakeExt } from '../fakes/stripchat-ext.js';
import { VIEWER_USER } from '../fakes/stripchat-room.js';
import { firstMenuItem, SB_FAST, sb, type SbServer } from './adapters.js';
import { macrotask, watchWindow } from './hostile.js';

const RESTARTS = 50;
const BOARD_KEY = 'onair-reliability-faults';

const state = (element: Element | null) => element?.shadowRoot?.querySelector('.base')?.getAttribute('data-state');

describe('Reliability: faults', () => {
  afterEach(() => localStorage.removeItem(BOARD_KEY));

  it(`Streamer.bot killed and restarted ${RESTARTS} times: widgets end connected, every numbered event counted once`, async function () {
    this.timeout(90_000);
    const server = await sb<SbServer>('sb-start', { viewers: { count: 2, viewers: [{ login: 'a', type: 'twitch' }, { login: 'b', type: 'youtube' }] } });
    // Chatters: re-read with GetActiveViewers on every reconnect, so the counter is live at once.
    const platform = createStreamerbotPlatform({ port: String(server.port), ...SB_FAST, 'viewer-count': 'chatters' });
    const window = watchWindow();
    const tips: Tip[] = [];
    const subscription = platform.tips$.subscribe((tip) => tips.push(tip));
    try {
      const provider = await fixture<HTMLElement>(html`<onair-platform .adapter=${platform}>
        <onair-leaderboard limit="20" currency="USD" reduced-motion storage-key=${BOARD_KEY}></onair-leaderboard>
        <onair-viewer-counter reduced-motion></onair-viewer-counter>
        <onair-status-pill .floating=${false}></onair-status-pill>
      </onair-platform>`);
      const board = provider.querySelector('onair-leaderboard') as OnAirLeaderboardElement;
      const pill = provider.querySelector('onair-status-pill');
      const counter = provider.querySelector('onair-viewer-counter');
      await waitUntil(() => state(pill) === 'live', 'first connection');

      let deliveries = 0;
      for (let n = 1; n <= RESTARTS; n += 1) {
        await sb('sb-restart', { id: server.id });
        // Sent once a reconnected, subscribed socket exists; a send that reached no socket sent nothing.
        const event = { id: server.id, source: 'StreamElements', type: 'Tip', data: { id: `numbered-${n}`, username: `Tipper ${n % 7}`, amount: n, currency: 'USD', message: `#${n}` } };
        await waitUntil(async () => {
          const { delivered } = await sb<{ delivered: number }>('sb-event', event);
          deliveries += delivered;
          return delivered > 0;
        }, `event ${n} delivered after restart ${n}`, { timeout: 10_000, interval: 20 });
      }

      await waitUntil(() => tips.length >= RESTARTS, `${RESTARTS} tips received`, { timeout: 5_000 });
      await macrotask(100);
      expect(deliveries, 'each event went to one socket').to.equal(RESTARTS);
      expect(tips.map((tip) => tip.id)).to.deep.equal(Array.from({ length: RESTARTS }, (_, i) => `numbered-${i + 1}`));
      await waitUntil(() => board.entries.reduce((sum, entry) => sum + entry.total, 0) === (RESTARTS * (RESTARTS + 1)) / 2, 'leaderboard totals every event once', { timeout: 3_000 });
      expect(board.entries.map((entry) => entry.name).sort()).to.deep.equal(Array.from({ length: 7 }, (_, i) => `Tipper ${i}`));
      await waitUntil(() => state(pill) === 'live' && state(counter) === 'live', 'pill and counter connected at the end');
      expect(window.failures).to.deep.equal([]);
    } finally {
      window.stop();
      subscription.unsubscribe();
      platform.dispose();
      await sb('sb-kill', { id: server.id });
    }
  });

  describe('a Stripchat host that never answers', () => {
    const silent = () => new Promise<never>(() => undefined);

    it('times every request out cleanly: error status, reported errors, settled spends, nothing left pending', async function () {
      this.timeout(20_000);
      const ext = new FakeExt(VIEWER_USER);
      for (const method of Object.keys(ext.handlers)) ext.handlers[method] = silent;
      const window = watchWindow();
      const platform = new StripchatPlatform({ ext, requestTimeoutMs: 100, spendTimeoutMs: 300 });
      const errors: PlatformError[] = [];
      const subscription = platform.errors$.subscribe((error) => errors.push(error));
      try {
        const provider = await fixture<HTMLElement>(html`<onair-platform .adapter=${platform}>
          <onair-status-pill .floating=${false}></onair-status-pill><onair-tip-menu></onair-tip-menu>
        </onair-platform>`);
        const pill = provider.querySelector('onair-status-pill');
        await waitUntil(() => state(pill) === 'offline', 'the pill shows the host unreachable', { timeout: 3_000 });
        const detail = pill?.shadowRoot?.querySelector('.detail')?.textContent ?? '';
        expect(detail).to.contain('did not answer');
        const failed = errors.filter((error) => error.code === 'request-failed').map((error) => error.message);
        for (const method of ['v1.ext.context.get', 'v1.ext.viewers.get', 'v1.tipMenu.get', 'v1.ext.settings.get']) {
          expect(failed.some((message) => message.includes(method)), `${method} timed out and was reported`).to.equal(true);
        }
        const result = await platform.requestTip({ id: 'x', label: 'X', price: 5, currency: 'tokens' });
        expect(result.status).to.equal('failed');

        // Reconnecting to a host that is still silent ends the same way, not in a hang.
        pill?.shadowRoot?.querySelector<HTMLButtonElement>('.reconnect')?.click();
        await waitUntil(() => state(pill) === 'offline' && (platform as unknown as { requests: { waiting: number } }).requests.waiting === 0, 'every request settled', { timeout: 3_000 });
        expect(window.failures).to.deep.equal([]);
      } finally {
        window.stop();
        subscription.unsubscribe();
        platform.dispose();
      }
    });

    it('settles a spend the host never confirms, from the tip menu and from requestTip, and takes the next one', async function () {
      this.timeout(20_000);
      const ext = new FakeExt(VIEWER_USER);
      ext.handlers['v1.payment.tokens.spend'] = silent;
      const window = watchWindow();
      const platform = new StripchatPlatform({ ext, requestTimeoutMs: 150, spendTimeoutMs: 400 });
      try {
        const provider = await fixture<HTMLElement>(html`<onair-platform .adapter=${platform}><onair-tip-menu></onair-tip-menu></onair-platform>`);
        const menu = provider.querySelector('onair-tip-menu') as OnAirTipMenuElement;
        const button = () => menu.shadowRoot?.querySelector<HTMLButtonElement>('button.item');
        await waitUntil(() => button(), 'the tip menu offers an item');
        const outcome = new Promise<string>((resolve) => {
          menu.addEventListener('onair-tip-error', () => resolve('error'), { once: true });
          menu.addEventListener('onair-tip-cancel', () => resolve('cancel'), { once: true });
          menu.addEventListener('onair-tip-success', () => resolve('success'), { once: true });
        });
        const rect = (button() as HTMLButtonElement).getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] });
        expect(await outcome).to.be.oneOf(['error', 'cancel']);
        await waitUntil(() => button()?.getAttribute('aria-busy') === 'false', 'the menu is usable again');

        const item = await firstMenuItem(platform);
        const results: TipResult[] = [await platform.requestTip(item), await platform.requestTip(item)];
        expect(results.map((result) => result.status)).to.satisfy((statuses: string[]) => statuses.every((status) => status === 'failed' || status === 'cancelled'));
        // Each call reached the host: an unanswered spend does not block the next one forever.
        expect(ext.callsOf('v1.payment.tokens.spend')).to.have.length(3);
        expect(window.failures).to.deep.equal([]);
      } finally {
        await resetMouse();
        window.stop();
        platform.dispose();
      }
    });
  });
});
