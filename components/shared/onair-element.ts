import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { browserLocale } from '../../platform/locale.js';
import { isRecord, locale as validLocale } from '../../platform/validate.js';
import { PlatformController } from '../../platform/controllers.js';
import { hasHost, type Capability, type ConnectionStatus, type HostContext, type HostState } from '../../platform/model.js';
import { MediaQueryController } from './media.js';
import { message, messageLang, messagesReady, type MessageId, type Messages } from './messages.js';

/**
 * `validLocale` through a small cache: canonicalising asks ICU, and a widget reads its locale several
 * times per render. Bounded: cleared when it holds more tags than a page plausibly uses.
 */
const canonicalLocales = new Map<string, string | undefined>();
function canonicalLocale(value: unknown): string | undefined {
  if (typeof value !== 'string') return validLocale(value);
  if (canonicalLocales.has(value)) return canonicalLocales.get(value);
  if (canonicalLocales.size >= 32) canonicalLocales.clear();
  const tag = validLocale(value);
  canonicalLocales.set(value, tag);
  return tag;
}

/**
 * What every onair widget shares: the platform lookup, host context, connection status and
 * capabilities (followed as they change), the widget's host settings, locale resolution (attribute, then host, then browser) and the widget's own words in that
 * locale (./messages.ts; an update waits for a language that is not loaded yet, so a widget never
 * shows English before its language arrives), light/dark theme, and reduced motion (attribute, or the media query).
 *
 * The shared theming tokens of `baseStyles` (./styles.ts), listed here so every widget's manifest
 * entry inherits them:
 * @cssprop --onair-color - Text colour.
 * @cssprop --onair-muted-color - Secondary text colour.
 * @cssprop --onair-surface - Panel background (keep it translucent for OBS).
 * @cssprop --onair-border-color - Panel border colour.
 * @cssprop --onair-accent - Accent colour (highlights, primary buttons).
 * @cssprop --onair-accent-color - Text colour on the accent.
 * @cssprop --onair-danger - Colour for errors and a lost connection.
 * @cssprop --onair-success - Colour for success and a live connection.
 * @cssprop --onair-radius - Corner radius.
 * @cssprop --onair-font - Font family.
 * @cssprop --onair-duration - Animation length; 0ms under reduced motion.
 * @cssprop --onair-focus-ring - Focus outline, as a box-shadow value.
 * @cssprop --onair-text-shadow - Shadow that keeps text without a surface readable over video.
 * @cssprop [--onair-scale=1] - Size factor for the whole widget (text, spacing, the wheel), e.g. `2` for a 1080p canvas.
 */
export abstract class OnAirElement extends LitElement {
  /**
   * BCP 47 locale for the widget's words, numbers and dates; beats the host's locale, which beats
   * the browser's.
   */
  @property() locale?: string;
  /**
   * Replaces some of the widget's own words, by message id (see `components/shared/messages.ts`),
   * e.g. `{ counterLabel: 'fans' }`; these win over every language.
   */
  @property({ attribute: false }) messages?: Partial<Messages>;
  /** `light` or `dark`; when unset the host's theme is used. */
  @property() theme?: 'light' | 'dark';
  /**
   * Forces reduced motion. In OBS the media query reflects the streamer's PC, not the audience,
   * so pages can set this explicitly.
   */
  @property({ type: Boolean, attribute: 'reduced-motion' }) reducedMotion = false;

  @state() protected hostContext?: HostContext;
  @state() protected connection: ConnectionStatus = { state: 'connecting' };
  /** What the platform offers now; updated whenever it changes (e.g. a backend snapshot arrives). */
  @state() protected capabilities: ReadonlySet<Capability> = new Set();

  protected readonly platformController = new PlatformController(this);
  private readonly motionQuery = new MediaQueryController(this, '(prefers-reduced-motion: reduce)');

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.context$,
      (context) => (this.hostContext = context),
    );
    this.platformController.observe(
      (platform) => platform.status$,
      (status) => (this.connection = status),
    );
    this.platformController.observe(
      (platform) => platform.capabilities$,
      (capabilities) => (this.capabilities = capabilities),
    );
  }

  /** The locale in effect. */
  get effectiveLocale(): string {
    return canonicalLocale(this.locale) ?? canonicalLocale(this.hostContext?.locale) ?? browserLocale();
  }

  /** The language of the widget's words (`de` for `de-AT`), for `lang` on its shadow content. */
  get messageLang(): string {
    return messageLang(this.effectiveLocale);
  }

  /** The widget's own text `id` in the effective locale, `{name}` filled from `values`. */
  protected msg(id: MessageId, values?: Record<string, string>): string {
    return message(this.effectiveLocale, id, values, this.messages);
  }

  /** True when motion should be skipped: the attribute or the media query. */
  get motionReduced(): boolean {
    return this.reducedMotion || this.motionQuery.matches;
  }

  /** True while the host hides the page (e.g. a minimised extension panel): skip work. */
  get paused(): boolean {
    return this.hostContext?.hidden === true;
  }

  protected hasCapability(capability: Capability): boolean {
    return this.platformController.platform !== undefined && this.capabilities.has(capability);
  }

  /** The connection state while the page has a host; `undefined` when hostless. */
  protected get hostState(): HostState | undefined {
    const { state } = this.connection;
    return this.platformController.platform && hasHost(state) ? state : undefined;
  }

  /** True when no host is connected: no platform yet, or the page has none. */
  protected get hostless(): boolean {
    return this.hostState === undefined;
  }

  /**
   * This widget's setting `name` from the host's configuration (`settings['<tag without onair->']`
   * in the host context, e.g. `settings['tip-menu'].sort`), or `undefined`. Validate before use.
   */
  protected settingFromHost(name: string): unknown {
    const group = this.hostContext?.settings?.[this.localName.replace(/^onair-/, '')];
    return isRecord(group) ? group[name] : undefined;
  }

  /**
   * Holds each update until the words for the effective locale are loaded, so the first render (and
   * the first one after a change to a new language) is already in that language; Lit awaits the
   * promise and `updateComplete` includes it. Checked again after the wait, since the locale may
   * have changed meanwhile. Nothing waits for English, loaded languages or unsupported ones.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = messagesReady(this.effectiveLocale);
    return ready ? ready.then(() => this.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Writing an attribute, even the same value, makes the browser check the widget's styles again.
    const theme = this.theme ?? this.hostContext?.theme ?? 'dark';
    if (this.dataset.theme !== theme) this.dataset.theme = theme;
    this.toggleAttribute('data-reduced-motion', this.motionReduced);
  }
}

declare global {
  /**
   * Every widget event (`'onair-tip-success': CustomEvent<TipSuccessDetail>`, …); each widget adds
   * its own. The events bubble and are composed, so they reach `document` and `window`: the DOM's
   * event maps extend this one, and `addEventListener('onair-…', (e) => e.detail)` is typed on an
   * element, on `document` and on `window` alike. Declared beside the base class because every
   * widget's declarations import it, so any onair import brings these `extends` along.
   */
  interface OnAirEventMap {}
  interface GlobalEventHandlersEventMap extends OnAirEventMap {}
  interface DocumentEventMap extends OnAirEventMap {}
  interface WindowEventMap extends OnAirEventMap {}
}
