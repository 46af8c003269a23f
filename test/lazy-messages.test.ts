import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, type PropertyValues } from 'lit';
import '../components/index.js';
import { messagesReady, setMessageLoader, setMessages, type Messages } from '../components/shared/messages.js';
import type { OnAirElement } from '../components/shared/onair-element.js';
import { OnAirTipMenuElement } from '../components/tip-menu/tip-menu.js';
import { OnAirViewerCounterElement } from '../components/viewer-counter/viewer-counter.js';
import type { DemoPlatform } from '../platform/demo/demo-platform.js';
import { mountWith, quietDemo } from './helpers.js';

/**
 * Languages other than English arrive as modules of their own, loaded when a widget first needs
 * one. This file runs in a page of its own, so no language is loaded before a test loads it; each
 * test starts from the real loaders with nothing loaded (`setMessageLoader` forgets the table).
 */

type Loader = () => Promise<{ default: Messages }>;

const REAL_LOADERS: Record<string, Loader> = {
  de: () => import('../components/shared/messages/de.js'),
  fr: () => import('../components/shared/messages/fr.js'),
  es: () => import('../components/shared/messages/es.js'),
  pt: () => import('../components/shared/messages/pt.js'),
  ja: () => import('../components/shared/messages/ja.js'),
};

/** Loads `lang` with `loader` from now on, counting how often it is called. */
function countLoads(lang: string, loader: Loader = REAL_LOADERS[lang]): { calls: number } {
  const count = { calls: 0 };
  setMessageLoader(lang, () => {
    count.calls++;
    return loader();
  });
  return count;
}

/** A loader that waits until `release()` (then loads the real module) or `fail()`. */
function gatedLoader(lang: string): { loader: Loader; release: () => void; fail: () => void } {
  let release!: () => void;
  let fail!: () => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = () => reject(new Error(`${lang} messages are not reachable`));
  });
  // The gate may fail before a widget asks for the language; only the loader's promise counts.
  gate.catch(() => undefined);
  return { loader: () => gate.then(REAL_LOADERS[lang]), release, fail };
}

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What each render showed: the `lang` of the widget's content and its text. */
interface Render {
  lang: string | null;
  text: string;
}

/** The rendered text and language after every update, from the very first one. */
function recording<T extends new (...args: any[]) => OnAirElement>(Base: T) {
  return class extends Base {
    renders: Render[] = [];

    protected override updated(changed: PropertyValues): void {
      super.updated(changed);
      this.renders.push({ lang: part(this, 'base')?.getAttribute('lang') ?? null, text: textOf(this.shadowRoot) });
    }
  };
}

const RecordingCounter = recording(OnAirViewerCounterElement);
const RecordingTipMenu = recording(OnAirTipMenuElement);
customElements.define('test-recording-counter', RecordingCounter);
customElements.define('test-recording-tip-menu', RecordingTipMenu);

/** Words only the English table has; none may show while a widget is meant to speak German. */
const ENGLISH_ONLY = ['viewers', 'Connecting', 'tokens', 'token', 'Tip menu', 'No streaming host', 'Sign in'];

/** Flushes pending promise jobs and one task, so a stray rejection would have been reported. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('lazily loaded languages', () => {
  let platforms: DemoPlatform[] = [];
  const rejections: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);

  beforeEach(() => {
    for (const [lang, loader] of Object.entries(REAL_LOADERS)) setMessageLoader(lang, loader);
    rejections.length = 0;
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    window.removeEventListener('unhandledrejection', onRejection);
    for (const platform of platforms) platform.dispose();
    platforms = [];
  });

  function demo(): DemoPlatform {
    const platform = quietDemo({ viewers: 1280, role: 'guest' });
    platforms.push(platform);
    return platform;
  }

  /** A viewer counter on its own provider, after its first update (language included). */
  async function counter(locale: string): Promise<OnAirViewerCounterElement> {
    const { el } = await mountWith<OnAirViewerCounterElement>(
      demo(),
      html`<onair-viewer-counter announce-interval="0" reduced-motion locale=${locale}></onair-viewer-counter>`,
      'onair-viewer-counter',
    );
    return el;
  }

  it('renders German from the first render on: no render shows English, amounts included', async () => {
    const { el: counterEl, provider } = await mountWith<InstanceType<typeof RecordingCounter>>(
      demo(),
      html`<test-recording-counter reduced-motion locale="de-DE"></test-recording-counter>
        <test-recording-tip-menu locale="de-DE"></test-recording-tip-menu>`,
      'test-recording-counter',
    );
    const menuEl = provider.querySelector<InstanceType<typeof RecordingTipMenu>>('test-recording-tip-menu')!;
    await waitUntil(() => part(menuEl, 'price'), 'the menu shows prices');
    expect(textOf(part(counterEl, 'label'))).to.equal('Zuschauer');
    expect(textOf(part(menuEl, 'price'))).to.equal('5 Token');
    for (const el of [counterEl, menuEl]) {
      expect(el.renders.length, `${el.localName} rendered`).to.be.greaterThan(0);
      for (const render of el.renders) {
        expect(render.lang, `${el.localName}: ${render.text}`).to.equal('de');
        const words = render.text.split(/[\s,.:…()]+/);
        for (const word of ENGLISH_ONLY) expect(words, `${el.localName}: ${render.text}`).not.to.include(word);
      }
    }
  });

  it('holds the first render until the language has loaded, and updateComplete covers the wait', async () => {
    const gated = gatedLoader('de');
    setMessageLoader('de', gated.loader);
    const provider = await fixture<HTMLElement>(
      html`<onair-platform .adapter=${demo()}><onair-viewer-counter locale="de-AT"></onair-viewer-counter></onair-platform>`,
    );
    const el = provider.querySelector<OnAirViewerCounterElement>('onair-viewer-counter')!;
    let complete = false;
    void el.updateComplete.then(() => (complete = true));
    await settle();
    expect(el.hasUpdated, 'nothing rendered before German arrived').to.equal(false);
    expect(textOf(el.shadowRoot)).to.equal('');
    expect(complete, 'updateComplete waits for the language').to.equal(false);
    gated.release();
    await el.updateComplete;
    expect(textOf(part(el, 'label'))).to.equal('Zuschauer');
    expect(part(el, 'base')!.getAttribute('lang')).to.equal('de');
  });

  it('keeps showing the old language while a newly chosen one loads', async () => {
    const el = await counter('de-DE');
    expect(textOf(part(el, 'label'))).to.equal('Zuschauer');
    const gated = gatedLoader('pt');
    setMessageLoader('pt', gated.loader);
    el.locale = 'pt-BR';
    await settle();
    expect(textOf(part(el, 'label')), 'no English in between').to.equal('Zuschauer');
    gated.release();
    await el.updateComplete;
    expect(textOf(part(el, 'label'))).to.equal('espectadores');
    expect(part(el, 'base')!.getAttribute('lang')).to.equal('pt');
  });

  it('imports a language once however many widgets and locale changes use it', async () => {
    const french = countLoads('fr');
    const [first, second, third] = await Promise.all([counter('fr-FR'), counter('fr-CA'), counter('en-US')]);
    third.locale = 'fr-BE';
    await third.updateComplete;
    const fourth = await counter('fr');
    for (const el of [first, second, third, fourth]) expect(textOf(part(el, 'label'))).to.equal('spectateurs');
    expect(french.calls).to.equal(1);
    expect(messagesReady('fr'), 'nothing left to wait for').to.equal(undefined);
  });

  it('loads nothing for English, for unsupported locales or for a language the page added', async () => {
    const counts = Object.keys(REAL_LOADERS).map((lang) => countLoads(lang));
    setMessages('it', { counterLabel: 'spettatori' });
    const english = await counter('en-GB');
    const korean = await counter('ko-KR');
    const italian = await counter('it-IT');
    expect(textOf(part(english, 'label'))).to.equal('viewers');
    expect(textOf(part(korean, 'label'))).to.equal('viewers');
    expect(textOf(part(italian, 'label'))).to.equal('spettatori');
    expect(part(italian, 'base')!.getAttribute('lang')).to.equal('it');
    expect(counts.map((count) => count.calls)).to.deep.equal([0, 0, 0, 0, 0]);
  });

  it('keeps page and widget overrides on top of a loaded language', async () => {
    setMessages('ja', { counterLabel: '人がいます' });
    const el = await counter('ja-JP');
    expect(textOf(part(el, 'label'))).to.equal('人がいます');
    el.messages = { counterLabel: 'ファン' };
    await el.updateComplete;
    expect(textOf(part(el, 'label'))).to.equal('ファン');
    expect(part(el, 'base')!.getAttribute('lang')).to.equal('ja');
  });

  it('falls back to English when a language fails to load, once, with no unhandled rejection', async () => {
    const gated = gatedLoader('es');
    const spanish = countLoads('es', gated.loader);
    const pending = counter('es-ES');
    gated.fail();
    const el = await pending;
    const other = await counter('es-MX');
    await settle();
    for (const widget of [el, other]) {
      expect(textOf(part(widget, 'label'))).to.equal('viewers');
      expect(part(widget, 'base')!.getAttribute('lang'), 'the text is English, and says so').to.equal('en');
    }
    expect(spanish.calls, 'a failed language is not retried on every update').to.equal(1);
    expect(rejections).to.deep.equal([]);
  });
});
