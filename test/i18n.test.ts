import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import '../components/index.js';
import type { OnAirAlertBoxElement } from '../components/alert-box/alert-box.js';
import type { OnAirGoalBarElement } from '../components/goal-bar/goal-bar.js';
import type { OnAirLeaderboardElement } from '../components/leaderboard/leaderboard.js';
import type { OnAirElement } from '../components/shared/onair-element.js';
import type { OnAirStatusPillElement } from '../components/status-pill/status-pill.js';
import type { OnAirTipMenuElement } from '../components/tip-menu/tip-menu.js';
import type { OnAirViewerCounterElement } from '../components/viewer-counter/viewer-counter.js';
import type { OnAirWheelSpinnerElement } from '../components/wheel-spinner/wheel-spinner.js';
import type { DemoPlatform } from '../platform/demo/demo-platform.js';
import { mountWith, quietDemo } from './helpers.js';

/** The widgets' own words in other languages; English is covered by each widget's own tests. */

const shadow = (el: HTMLElement) => el.shadowRoot!;
const part = (el: HTMLElement, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
/** Visible text with whitespace (and ICU's no-break spaces) collapsed. */
const textOf = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const langOf = (el: HTMLElement) => part(el, 'base')!.getAttribute('lang');

async function click(target: Element): Promise<void> {
  const rect = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

async function relocale<T extends OnAirElement>(el: T, locale: string | undefined): Promise<T> {
  el.locale = locale;
  await el.updateComplete;
  return el;
}

let keys = 0;
const freshKey = () => `onair-test-i18n-${Date.now()}-${++keys}`;

describe('localised widgets', () => {
  let platform: DemoPlatform;
  afterEach(() => platform?.dispose());

  describe('<onair-viewer-counter>', () => {
    async function mount(locale: string, demo = quietDemo({ viewers: 1280 })) {
      platform = demo;
      const { el } = await mountWith<OnAirViewerCounterElement>(
        platform,
        html`<onair-viewer-counter breakdown announce-interval="0" reduced-motion locale=${locale}></onair-viewer-counter>`,
        'onair-viewer-counter',
      );
      return el;
    }

    it('speaks German for de-DE: label, announcement, breakdown name, and passes the audit', async () => {
      const el = await mount('de-DE');
      expect(textOf(part(el, 'label'))).to.equal('Zuschauer');
      expect(textOf(shadow(el).querySelector('.live'))).to.equal('1.280 Zuschauer');
      expect(langOf(el)).to.equal('de');
      await expect(el).to.be.accessible();
    });

    it('re-renders in the new language when the locale changes, and on to English for an unknown one', async () => {
      const el = await mount('de-AT');
      expect(textOf(part(el, 'label'))).to.equal('Zuschauer');
      await relocale(el, 'ja-JP');
      expect(textOf(part(el, 'label'))).to.equal('人が視聴中');
      expect(langOf(el)).to.equal('ja');
      await relocale(el, 'ko-KR');
      expect(textOf(part(el, 'label'))).to.equal('viewers');
      expect(langOf(el)).to.equal('en');
    });

    it('follows the host locale when the page sets none, and says why it shows no number', async () => {
      const demo = quietDemo({ viewers: 5, locale: 'fr-FR' });
      platform = demo;
      const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter></onair-viewer-counter>`, 'onair-viewer-counter');
      expect(textOf(part(el, 'label'))).to.equal('spectateurs');
      platform.setViewerCount(null);
      await el.updateComplete;
      expect(textOf(part(el, 'message'))).to.equal('Nombre de spectateurs indisponible');
    });

    it('lets the page override a message; a slotted label still wins over both', async () => {
      const el = await mount('de-DE');
      el.messages = { counterLabel: 'Fans' };
      await el.updateComplete;
      expect(textOf(part(el, 'label'))).to.equal('Fans');
      el.textContent = 'Leute';
      await waitUntil(() => textOf(shadow(el).querySelector('.live')) === '1.280 Leute', 'the slotted label is announced');
    });
  });

  describe('<onair-tip-menu>', () => {
    async function mount(locale: string, demo = quietDemo()) {
      platform = demo;
      const { el } = await mountWith<OnAirTipMenuElement>(platform, html`<onair-tip-menu locale=${locale}></onair-tip-menu>`, 'onair-tip-menu');
      await waitUntil(() => shadow(el).querySelector('[part=item]'), 'menu rendered');
      return el;
    }

    it('names the list, prices and the guest state in German, with a working sign-in button', async () => {
      const el = await mount('de-DE', quietDemo({ role: 'guest' }));
      expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('Tip-Menü');
      expect(textOf(part(el, 'price'))).to.equal('5 Token');
      expect(textOf(part(el, 'status'))).to.equal('Melde dich an, um Tips zu senden. Anmelden');
      await expect(el).to.be.accessible();
      await click(part(el, 'sign-in')!);
      await waitUntil(() => shadow(el).querySelector('button.item'), 'spendable after sign-in');
    });

    it('says "waiting" in the current language while a spend is pending, and follows locale changes', async () => {
      const el = await mount('es-ES');
      expect(textOf(part(el, 'price'))).to.equal('5 tokens');
      await relocale(el, 'fr-CA');
      expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('Menu des pourboires');
      expect(textOf(part(el, 'price'))).to.equal('5 jetons');
      // Hold the spend open, so the pending state lasts however slow the machine.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const spend = platform.requestTip.bind(platform);
      platform.requestTip = async (item) => (await gate, spend(item));
      await click(part(el, 'item')!);
      await waitUntil(() => shadow(el).querySelector('[aria-busy=true]'), 'pending');
      expect(textOf(shadow(el).querySelector('[aria-busy=true] .visually-hidden'))).to.equal('(en attente de la plateforme)');
      const success = oneEvent(el, 'onair-tip-success');
      release();
      await success;
    });

    it('uses the widget overrides for units too', async () => {
      const el = await mount('de-DE');
      el.messages = { tokens: '{n} Münze|{n} Münzen', tipMenu: 'Wünsche' };
      await el.updateComplete;
      expect(textOf(part(el, 'price'))).to.equal('5 Münzen');
      expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('Wünsche');
    });
  });

  describe('<onair-wheel-spinner>', () => {
    async function mount(locale: string, items = [{ label: 'Tanzen' }, { label: 'Singen' }]) {
      platform = quietDemo();
      const { el } = await mountWith<OnAirWheelSpinnerElement>(
        platform,
        html`<onair-wheel-spinner locale=${locale} duration="0" show-history .items=${items}></onair-wheel-spinner>`,
        'onair-wheel-spinner',
      );
      return el;
    }

    it('labels the button, segment list, result and history in German', async () => {
      const el = await mount('de-DE');
      const button = part(el, 'spin-button')!;
      expect(textOf(button)).to.equal('Drehen');
      expect(shadow(el).querySelector('ul.visually-hidden')!.getAttribute('aria-label')).to.equal('Glücksrad: Felder');
      await expect(el).to.be.accessible();
      const ended = oneEvent(el, 'onair-spin-end');
      await click(button);
      const { detail } = await ended;
      await el.updateComplete;
      expect(textOf(part(el, 'result'))).to.equal(`Ergebnis: ${detail.item.label}`);
      expect(part(el, 'history')!.getAttribute('aria-label')).to.equal('Letzte Ergebnisse');
      await relocale(el, 'pt-BR');
      expect(textOf(part(el, 'result'))).to.equal(`Resultado: ${detail.item.label}`);
      expect(textOf(part(el, 'spin-button'))).to.equal('Girar');
    });

    it('explains an empty wheel in Japanese, and keeps a page-given label', async () => {
      const el = await mount('ja-JP', []);
      expect(textOf(part(el, 'empty'))).to.equal('ルーレットの項目がまだありません。');
      el.items = [{ label: 'A' }];
      el.label = 'Gewinnrad';
      await el.updateComplete;
      expect(shadow(el).querySelector('ul.visually-hidden')!.getAttribute('aria-label')).to.equal('Gewinnrad：項目');
    });
  });

  describe('<onair-status-pill>', () => {
    async function mount(locale: string) {
      platform = quietDemo();
      const { el } = await mountWith<OnAirStatusPillElement>(
        platform,
        html`<onair-status-pill storage-key=${freshKey()} floating locale=${locale}></onair-status-pill>`,
        'onair-status-pill',
      );
      return el;
    }

    it('names its state, handle, toggle and reconnect button in German', async () => {
      const el = await mount('de-DE');
      expect(textOf(part(el, 'state'))).to.equal('Live · Demo');
      expect(part(el, 'handle')!.getAttribute('aria-label')).to.equal('Statusanzeige verschieben');
      expect(textOf(shadow(el).querySelector('#move-hint'))).to.match(/^Mit den Pfeiltasten/);
      expect(textOf(part(el, 'toggle'))).to.equal('Verbindungsdetails');
      platform.drop('Socket weg');
      await el.updateComplete;
      expect(textOf(part(el, 'state'))).to.equal('Offline · Demo');
      expect(textOf(part(el, 'reconnect'))).to.equal('Neu verbinden');
      // The connection reason is translated; the host's English detail is only the fallback.
      expect(textOf(part(el, 'detail'))).to.equal('Verbindung zu Demo verloren; neuer Versuch läuft.');
      await expect(el).to.be.accessible();
      const reconnect = oneEvent(el, 'onair-reconnect');
      await click(part(el, 'reconnect')!);
      await reconnect;
      await el.updateComplete;
      expect(textOf(part(el, 'state'))).to.equal('Verbinde neu… · Demo');
    });

    it('switches language with the locale', async () => {
      const el = await mount('es-MX');
      expect(textOf(part(el, 'state'))).to.equal('En directo · Demo');
      await relocale(el, 'ja');
      expect(textOf(part(el, 'state'))).to.equal('ライブ · Demo');
      expect(part(el, 'handle')!.getAttribute('aria-label')).to.equal('ステータス表示を移動');
    });
  });

  describe('<onair-leaderboard>', () => {
    async function mount(locale: string) {
      platform = quietDemo({ currency: 'bits' });
      const { el } = await mountWith<OnAirLeaderboardElement>(
        platform,
        html`<onair-leaderboard locale=${locale} notation="standard" storage-key=${freshKey()} currency="bits"></onair-leaderboard>`,
        'onair-leaderboard',
      );
      return el;
    }

    it('shows the empty state, list name and amounts in German', async () => {
      const el = await mount('de-DE');
      expect(textOf(part(el, 'status'))).to.equal('Noch keine Tips.');
      platform.fireTip({ amount: 1, currency: 'bits', user: { id: 'a', name: '<img src=x onerror=alert(1)>' } });
      platform.fireTip({ amount: 1500, currency: 'bits', user: { id: 'b', name: 'Bea' } });
      await waitUntil(() => shadow(el).querySelectorAll('[part=row]').length === 2, 'two rows');
      expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('Top-Unterstützer, dieser Stream');
      const amounts = [...shadow(el).querySelectorAll('[part=amount]')].map(textOf);
      expect(amounts).to.deep.equal(['1.500 Bits', '1 Bit']);
      expect(shadow(el).querySelector('img'), 'names stay text').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('names each window in the new language', async () => {
      const el = await mount('ja-JP');
      expect(textOf(part(el, 'status'))).to.equal('まだチップはありません。');
      platform.fireTip({ amount: 3, currency: 'bits', user: { id: 'a', name: 'Aki' } });
      await waitUntil(() => part(el, 'list'), 'a row');
      el.window = '7d';
      await el.updateComplete;
      expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('過去7日間のトップ支援者');
      expect(textOf(part(el, 'amount'))).to.equal('3ビッツ');
      await relocale(el, 'fr-BE');
      expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('Top soutiens, 7 derniers jours');
      expect(textOf(part(el, 'amount'))).to.equal('3 Bits');
    });
  });

  describe('<onair-alert-box>', () => {
    async function mount(locale: string) {
      platform = quietDemo();
      const { el } = await mountWith<OnAirAlertBoxElement>(platform, html`<onair-alert-box locale=${locale}></onair-alert-box>`, 'onair-alert-box');
      return el;
    }

    it('announces a tip in German, with the amount in German and the folded count in the plural', async () => {
      const el = await mount('de-DE');
      platform.fireTip({ amount: 1500, currency: 'tokens', user: { name: 'Bea' }, message: 'Hallo' });
      await el.updateComplete;
      expect(textOf(part(el, 'headline'))).to.equal('Bea hat 1.500 Token getippt!');
      expect(part(el, 'base')!.getAttribute('aria-label')).to.equal('Tip-Alerts');
      expect(langOf(el)).to.equal('de');
      platform.fireTip();
      platform.fireTip();
      platform.fireTip();
      el.maxQueue = 1;
      el.skip();
      await el.updateComplete;
      expect(textOf(part(el, 'more'))).to.equal('+2 weitere Tips');
      await expect(el).to.be.accessible();
    });

    it('speaks Japanese and French in the test alert', async () => {
      const el = await mount('ja-JP');
      el.test();
      await el.updateComplete;
      expect(textOf(part(el, 'headline'))).to.equal('テスト視聴者さんが100トークンをチップしました！');
      await relocale(el, 'fr-FR');
      el.skip();
      el.test();
      await el.updateComplete;
      expect(textOf(part(el, 'headline'))).to.equal('Spectateur test a donné 100 jetons !');
      expect(textOf(part(el, 'message'))).to.equal('Ceci est une alerte de test.');
    });
  });

  describe('<onair-goal-bar>', () => {
    it('names the goal and its progress in Spanish and Portuguese', async () => {
      platform = quietDemo();
      const key = freshKey();
      const { el } = await mountWith<OnAirGoalBarElement>(
        platform,
        html`<onair-goal-bar locale="es-ES" goal="100" currency="EUR" stretch="200" celebration-duration="300" storage-key=${key}></onair-goal-bar>`,
        'onair-goal-bar',
      );
      platform.fireTip({ amount: 150, currency: 'EUR' });
      await el.updateComplete;
      expect(textOf(part(el, 'title'))).to.equal('Meta');
      expect(textOf(part(el, 'reached'))).to.equal('¡Meta alcanzada!');
      expect(part(el, 'track')!.getAttribute('aria-valuetext')!.replace(/\s+/g, ' ')).to.equal('150,00 € de 100,00 € (100 %)');
      await waitUntil(() => part(el, 'stretch'), 'on to the stretch target', { timeout: 3000 });
      expect(textOf(part(el, 'stretch'))).to.equal('Meta extra 1');
      expect(part(el, 'track')!.getAttribute('aria-valuetext')!.replace(/\s+/g, ' ')).to.equal('150,00 € de 200,00 € (75 %)');
      platform.fireTip({ amount: 60, currency: 'EUR' });
      await el.updateComplete;
      await relocale(el, 'pt-BR');
      expect(textOf(part(el, 'reached'))).to.equal('Meta alcançada!');
      await expect(el).to.be.accessible();
      localStorage.removeItem(key);
    });
  });
});
