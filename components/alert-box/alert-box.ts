import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Currency, Tip } from '../../platform/model.js';
import { amount as asAmount, currency as asCurrency, isRecord, locale as asLocale, MAX_MESSAGE, num, oneOf, text } from '../../platform/validate.js';
import { customElement } from '../shared/define.js';
import { emit } from '../shared/events.js';
import { formatAmount } from '../shared/format.js';
import { addEnglish, plural } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { AlertQueue, DEFAULT_MAX_QUEUE, type QueuedAlert } from './alert-queue.js';
import { alertBoxStyles } from './alert-box.styles.js';
import { plainText } from './plain-text.js';
import { alertBoxEnglish } from './alert-box.messages.js';

addEnglish(alertBoxEnglish);

/** What an alert looks and sounds like for tips from `min` up (in the tip's own currency). */
export interface AlertTier {
  /** Smallest amount this tier applies to. The tier with the highest `min` a tip reaches wins. */
  min: number;
  /** Only tips in this currency (`tokens`, `bits`, `USD`…); any currency when unset. */
  currency?: Currency;
  /** Image shown beside the text; a URL the page gives (http(s), relative, `blob:` or `data:image/`). */
  image?: string;
  /** Sound played when the alert starts, only with the `sound` attribute; a URL the page gives. */
  sound?: string;
  /** How long the alert shows, in milliseconds. */
  duration?: number;
  /** The headline, `{name}` and `{amount}` filled in as text, e.g. `{name} tipped {amount}!`. */
  template?: string;
}

export interface AlertDetail {
  tip: Tip;
  /** Tips folded into this alert during a burst ("+37 more tips"). */
  more: number;
  /** True for the sample alert of `test()`. */
  test: boolean;
}

/** Returns the text to speak, or nothing to stay silent. */
export type WordFilter = (text: string) => string | null | undefined;

/**
 * How an alert comes in and goes out: `pop` (rises and grows, the default), `fade`, `zoom`,
 * `slide-up`, `slide-down`, `slide-left`, `slide-right` (the direction it moves), or `none`.
 */
export const ALERT_ANIMATIONS = ['pop', 'fade', 'zoom', 'slide-up', 'slide-down', 'slide-left', 'slide-right', 'none'] as const;
export type AlertAnimation = (typeof ALERT_ANIMATIONS)[number];

interface Pending {
  tip: Tip;
  test: boolean;
}

interface Showing extends QueuedAlert<Pending> {
  tier?: AlertTier;
  /** Distinct per alert, so each gets a fresh element and its entrance animation. */
  serial: number;
  leaving: boolean;
}

const DEFAULT_DURATION = 5000;
const MIN_DURATION = 100;
const MAX_DURATION = 60_000;
const MAX_TIERS = 20;
const MAX_URL = 2048;
const DEFAULT_TTS_LENGTH = 200;

/**
 * Celebrates each tip as it arrives: the tipper's name, the amount in its currency and their
 * message, always as text, with an entrance and exit animation (`animation-in`, `animation-out`;
 * none under reduced motion) and an optional image and sound per tier, or for every alert
 * (`image`, `sound-src`). Text-to-speech reads the message as plain text, in the message's own
 * language when its words or script tell it (`tts-lang`). Tips that arrive while an alert shows wait in a queue of at
 * most `max-queue` alerts; beyond that they fold into the last one ("+37 more tips"), so a burst
 * never builds a backlog. Timers run only while an alert shows.
 *
 * @summary On-stream alerts for tips, queued, with tiers, sounds and text-to-speech.
 *
 * @fires {CustomEvent<AlertDetail>} onair-alert-start - An alert started showing. Detail `{ tip, more, test }`.
 * @fires {CustomEvent<AlertDetail>} onair-alert-end - An alert finished (or was skipped). Detail `{ tip, more, test }`.
 *
 * @csspart base - The wrapper, a polite live region.
 * @csspart alert - The alert showing now.
 * @csspart image - The tier's image.
 * @csspart headline - The headline (the tier's template, or "{name} tipped {amount}!").
 * @csspart name - The tipper's name inside the headline.
 * @csspart amount - The amount inside the headline.
 * @csspart message - The tipper's message.
 * @csspart more - "+N more tips" when a burst was folded into this alert.
 *
 * @cssprop --onair-alert-box-background - Alert background. Default: the shared `--onair-surface`.
 * @cssprop --onair-alert-box-amount-color - Colour of the amount. Default: the shared `--onair-accent`.
 * @cssprop --onair-alert-box-font-size - Headline size; the rest scales from it. Default `1.5rem`.
 * @cssprop --onair-alert-box-image-size - Largest side of the tier image. Default `8rem`.
 * @cssprop --onair-alert-box-gap - Space between image, headline and message. Default `0.5rem`.
 * @cssprop --onair-alert-box-distance - How far the `slide-*` and `pop` animations move. Default `2rem`.
 */
@customElement('onair-alert-box')
export class OnAirAlertBoxElement extends OnAirElement {
  static override styles = alertBoxStyles;

  /** Looks per amount: minimum amount → image, sound, duration, headline template. */
  @property({ type: Array }) tiers?: AlertTier[];
  /** How long each alert shows, in milliseconds (default 5000); a tier's `duration` wins. */
  @property({ type: Number }) duration?: number;
  /** Alerts that may wait (1–50, default 5); tips beyond them fold into the last one. */
  @property({ type: Number, attribute: 'max-queue' }) maxQueue?: number;
  /** Tips below this amount (in their own currency) get no alert. */
  @property({ type: Number, attribute: 'min-amount' }) minAmount?: number;
  /** Comma-separated currencies to alert, e.g. `tokens,USD`; all when unset. */
  @property() currencies?: string;
  /** Comma-separated tip sources to alert, e.g. `streamelements,kofi`; all when unset. */
  @property() sources?: string;
  /** Plays the tier's sound (or `sound-src`). Without this attribute no sound ever plays. */
  @property({ type: Boolean }) sound = false;
  /** The sound of every alert whose tier has none; plays only with `sound`. A URL the page gives. */
  @property({ attribute: 'sound-src' }) soundSrc?: string;
  /** The image of every alert whose tier has none; a URL the page gives (http(s), relative, `blob:` or `data:image/`). */
  @property() image?: string;
  /** How an alert comes in: `pop` (default), `fade`, `zoom`, `slide-up`, `slide-down`, `slide-left`, `slide-right` or `none`. */
  @property({ attribute: 'animation-in' }) animationIn?: AlertAnimation;
  /** How an alert goes out: `pop` (default), `fade`, `zoom`, `slide-up`, `slide-down`, `slide-left`, `slide-right` or `none`. */
  @property({ attribute: 'animation-out' }) animationOut?: AlertAnimation;
  /** Sound volume from 0 to 1 (default 1). */
  @property({ type: Number }) volume?: number;
  /** Reads each message aloud with the browser's `speechSynthesis`. Off unless set. */
  @property({ type: Boolean }) tts = false;
  /**
   * The language messages are read in: `auto` (default) tells it from each message's script or
   * words and falls back to the widget's locale when the message does not tell (a short "gg");
   * a tag such as `de-DE` reads every message in that language.
   */
  @property({ attribute: 'tts-lang' }) ttsLang?: string;
  /** Longest message read aloud, in characters (default 200); longer ones are cut. */
  @property({ type: Number, attribute: 'tts-max-length' }) ttsMaxLength?: number;
  /** Cleans a message before it is read aloud; return nothing to skip reading it. */
  @property({ attribute: false }) wordFilter?: WordFilter;

  @state() private showing?: Showing;

  private holding = false;
  private readonly queue = new AlertQueue<Pending>();
  private serial = 0;
  /** The alert whose start was rendered but not yet announced (events, sound, speech, timer). */
  private starting?: Showing;
  private timer?: ReturnType<typeof setTimeout>;
  private audio?: HTMLAudioElement;
  /** The box's utterance until it has been spoken, so `skip()` silences only what is still ours. */
  private utterance?: SpeechSynthesisUtterance;
  /** The language detector (./speech.ts), loaded once speech is turned on; `null` if it failed to load. */
  private speech?: typeof import('./speech.js') | null;
  private speechLoad?: Promise<unknown>;

  constructor() {
    super();
    this.platformController.observe(
      // tips$ replays nothing and repeats no tip: each one is news.
      (platform) => platform.tips$,
      (tip) => this.receive(tip),
    );
  }

  /**
   * Holds alerts while set: tips keep queueing (bounded as always) and show once it is cleared.
   * Also true while the host hides the page.
   */
  @property({ type: Boolean })
  override get paused(): boolean {
    return this.holding || super.paused;
  }
  override set paused(value: boolean) {
    this.holding = value;
  }

  /** Alerts waiting behind the one showing. */
  get queueLength(): number {
    return this.queue.length;
  }

  /** Tips waiting, those folded into a waiting alert included. */
  get queuedTips(): number {
    return this.queue.items;
  }

  /** The alert showing now, if any. */
  get current(): AlertDetail | undefined {
    const showing = this.showing;
    return showing && { tip: showing.item.tip, more: showing.more, test: showing.item.test };
  }

  /** Queues a sample alert (what streamers call a test alert); filters do not apply to it. */
  test(): void {
    const tiers = this.cleanTiers();
    const top = tiers[0];
    const tip: Tip = {
      id: `test-${Date.now()}-${(this.serial += 1)}`,
      user: { name: this.msg('alertSampleName') },
      amount: top ? Math.max(top.min, 1) : 100,
      currency: top?.currency ?? this.currencyList()[0] ?? 'tokens',
      message: this.msg('alertSampleMessage'),
      at: new Date(),
      source: 'test',
    };
    this.enqueue({ tip, test: true });
  }

  /** Ends the alert showing now, without its exit animation, stops its sound and speech, and moves on to the next. */
  skip(): void {
    if (!this.showing) return;
    this.stopSpeech();
    this.end();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nothing may run once the box is gone; what waits stays queued for a return to the page.
    this.stopMedia();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.starting = undefined;
    this.showing = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.queue.resize(num(this.maxQueue ?? this.settingFromHost('max-queue'), 1) ?? DEFAULT_MAX_QUEUE);
    if (this.tts) void this.loadSpeech();
    if (!this.showing) this.next();
  }

  override render() {
    const showing = this.showing;
    return html`<div part="base" class="base" role="status" aria-label=${this.msg('alertLabel')} lang=${this.messageLang}>
      ${showing ? keyed(showing.serial, this.renderAlert(showing)) : nothing}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const starting = this.starting;
    this.starting = undefined;
    if (starting && starting === this.showing) this.announce(starting);
  }

  private renderAlert(showing: Showing) {
    const { tip } = showing.item;
    const image = mediaUrl(showing.tier?.image ?? this.image ?? this.settingFromHost('image'), 'image');
    // The text of the message, as it is read aloud: a host's markup shows as its words, not as tags.
    const message = text(plainText(text(tip.message, MAX_MESSAGE) ?? ''), MAX_MESSAGE);
    return html`<div part="alert" class="alert" ?data-leaving=${showing.leaving} data-in=${this.animation('in')} data-out=${this.animation('out')}>
      ${image ? html`<img part="image" class="image" src=${image} alt="" />` : nothing}
      <p part="headline" class="headline">${this.renderHeadline(showing)}</p>
      ${message ? html`<p part="message" class="message">${message}</p>` : nothing}
      ${showing.more > 0 ? html`<p part="more" class="more">${this.moreText(showing.more)}</p>` : nothing}
    </div>`;
  }

  /** The template as text runs, with the name and amount in their own parts; never parsed as HTML. */
  private renderHeadline(showing: Showing) {
    const { tip } = showing.item;
    const template = text(showing.tier?.template, 200) ?? this.msg('alertTipped');
    const name = text(tip.user?.name) ?? this.msg('alertSomeone');
    const amount = formatAmount(tip.amount, tip.currency, this.effectiveLocale, 'standard', this.messages);
    return template.split(/(\{name\}|\{amount\})/).map((piece) => {
      if (piece === '{name}') return html`<span part="name" class="name">${name}</span>`;
      if (piece === '{amount}') return html`<span part="amount" class="amount">${amount}</span>`;
      return piece;
    });
  }

  private moreText(count: number): string {
    const locale = this.effectiveLocale;
    return plural(locale, this.msg('alertMore', { n: String(count) }), count);
  }

  private receive(tip: Tip): void {
    if (!this.accepts(tip)) return;
    this.enqueue({ tip, test: false });
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    // While an alert shows, a tip only waits: no render, whatever the rate.
    if (!this.showing) this.requestUpdate();
  }

  /** Host data is validated by adapters; the box checks again what it renders and filters on. */
  private accepts(tip: Tip): boolean {
    if (!isRecord(tip) || typeof tip.id !== 'string' || asAmount(tip.amount) === undefined || !asCurrency(tip.currency)) return false;
    const min = num(this.minAmount ?? this.settingFromHost('min-amount'), 0);
    if (min !== undefined && tip.amount < min) return false;
    const currencies = this.currencyList();
    if (currencies.length > 0 && !currencies.includes(tip.currency)) return false;
    const sources = list(this.sources ?? this.settingFromHost('sources')).map((source) => source.toLowerCase());
    return sources.length === 0 || sources.includes(String(tip.source).toLowerCase());
  }

  /** Takes the next alert off the queue, unless one shows or the box is paused or detached. */
  private next(): void {
    if (this.showing || this.paused || !this.isConnected) return;
    const queued = this.queue.shift();
    if (!queued) return;
    const tip = queued.item.tip;
    this.showing = { ...queued, tier: this.tierFor(tip), serial: (this.serial += 1), leaving: false };
    this.starting = this.showing;
  }

  /** Runs once the alert is on screen: its event, sound, speech and the one timer it needs. */
  private announce(showing: Showing): void {
    emit(this, 'onair-alert-start', this.current!);
    this.play(showing.tier);
    // The detector is normally here long before the first alert; if not, speak once it is.
    if (this.speech !== undefined || !this.tts) this.speak(showing.item.tip);
    else void this.loadSpeech().then(() => this.showing === showing && this.speak(showing.item.tip));
    const duration = num(showing.tier?.duration, MIN_DURATION, MAX_DURATION) ?? num(this.duration ?? this.settingFromHost('duration'), MIN_DURATION, MAX_DURATION) ?? DEFAULT_DURATION;
    this.timer = setTimeout(() => this.leave(), duration);
  }

  /** Plays the exit animation, then ends the alert; straight away under reduced motion. */
  private leave(): void {
    const showing = this.showing;
    this.timer = undefined;
    if (!showing) return;
    const exit = this.motionReduced || this.animation('out') === 'none' ? 0 : durationMs(getComputedStyle(this).getPropertyValue('--_duration'));
    if (exit <= 0) {
      this.end();
      return;
    }
    this.showing = { ...showing, leaving: true };
    this.timer = setTimeout(() => this.end(), exit);
  }

  private end(): void {
    const detail = this.current!;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopSound();
    this.starting = undefined;
    this.showing = undefined;
    emit(this, 'onair-alert-end', detail);
  }

  /** The entrance or exit preset in effect: the attribute, the host's setting, else `pop`. */
  private animation(way: 'in' | 'out'): AlertAnimation {
    const value = way === 'in' ? this.animationIn : this.animationOut;
    return oneOf(ALERT_ANIMATIONS, value) ?? oneOf(ALERT_ANIMATIONS, this.settingFromHost(`animation-${way}`)) ?? 'pop';
  }

  private play(tier: AlertTier | undefined): void {
    // Sounds never come from the host's settings, only from the page (as `sound` itself).
    const url = this.sound ? mediaUrl(tier?.sound ?? this.soundSrc, 'audio') : undefined;
    if (!url) return;
    const audio = new Audio(url);
    audio.volume = num(this.volume, 0, 1) ?? 1;
    this.audio = audio;
    // A blocked or missing sound must not stop the alert.
    audio.play().catch(() => undefined);
  }

  private speak(tip: Tip): void {
    const synth = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis;
    const message = text(tip.message, MAX_MESSAGE);
    if (!this.tts || !synth || !message) return;
    const plain = plainText(message);
    const max = Math.floor(num(this.ttsMaxLength, 1, MAX_MESSAGE) ?? DEFAULT_TTS_LENGTH);
    let spoken: string | undefined = plain.slice(0, max);
    try {
      spoken = this.wordFilter ? (text(this.wordFilter(spoken), MAX_MESSAGE) ?? undefined) : spoken;
    } catch {
      spoken = undefined; // A throwing filter means nothing is read, rather than the unfiltered text.
    }
    if (!spoken) return;
    const utterance = new SpeechSynthesisUtterance(spoken);
    utterance.lang = this.speechLang(plain);
    const voice = this.speech?.voiceFor(synth.getVoices(), utterance.lang);
    if (voice) utterance.voice = voice;
    const done = () => {
      if (this.utterance === utterance) this.utterance = undefined;
    };
    utterance.addEventListener('end', done);
    utterance.addEventListener('error', done);
    this.utterance = utterance;
    synth.speak(utterance);
  }

  /**
   * The language to read `message` in: `tts-lang` when it names one; otherwise the message's own
   * language when it can be told, in the widget locale's region if the two share a language
   * (`de-AT` for a German message on an Austrian page); otherwise the widget's locale.
   */
  private speechLang(message: string): string {
    const chosen = this.ttsLang ?? this.settingFromHost('tts-lang');
    const fixed = chosen === 'auto' ? undefined : asLocale(chosen);
    if (fixed) return fixed;
    const locale = this.effectiveLocale;
    const detected = this.speech?.detectLanguage(message);
    if (!detected || detected === locale.split('-')[0].toLowerCase()) return locale;
    return detected;
  }

  private stopSound(): void {
    this.audio?.pause();
    this.audio = undefined;
  }

  private stopMedia(): void {
    this.stopSound();
    this.stopSpeech();
  }

  /** Loads the language detector once; a failed load leaves speech in the widget's locale. */
  private loadSpeech(): Promise<unknown> {
    return (this.speechLoad ??= import('./speech.js').then(
      (module) => (this.speech = module),
      () => (this.speech = null),
    ));
  }

  /**
   * Silences the box's speech if some is still queued or being read. `speechSynthesis` can only
   * cancel everything the page queued, so it is called only while an utterance of the box is due.
   */
  private stopSpeech(): void {
    if (!this.utterance) return;
    this.utterance = undefined;
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  private currencyList(): Currency[] {
    return list(this.currencies ?? this.settingFromHost('currencies'))
      .map((value) => asCurrency(value))
      .filter((value): value is string => value !== undefined);
  }


  /** Valid tiers only, highest minimum first. */
  private cleanTiers(): AlertTier[] {
    const source: unknown = this.tiers;
    if (!Array.isArray(source)) return [];
    const tiers: AlertTier[] = [];
    for (const raw of source.slice(0, MAX_TIERS)) {
      if (!isRecord(raw)) continue;
      const min = num(raw.min, 0);
      if (min === undefined) continue;
      tiers.push({
        min,
        currency: asCurrency(raw.currency),
        image: typeof raw.image === 'string' ? raw.image : undefined,
        sound: typeof raw.sound === 'string' ? raw.sound : undefined,
        duration: num(raw.duration, MIN_DURATION, MAX_DURATION),
        template: text(raw.template, 200),
      });
    }
    return tiers.sort((a, b) => b.min - a.min);
  }

  private tierFor(tip: Tip): AlertTier | undefined {
    return this.cleanTiers().find((tier) => tip.amount >= tier.min && (!tier.currency || tier.currency === tip.currency));
  }
}

function list(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

/**
 * A URL the page gave for an image or a sound, made absolute; anything that is not http(s),
 * `blob:` or a `data:` URL of the right kind is refused, so a tier cannot smuggle in a script URL.
 * A page opened from `file://` (an OBS page from a folder) may also name files: `star.svg` next to
 * it becomes a `file:` URL, which such a page loads like any of its own files.
 */
export function mediaUrl(value: unknown, kind: 'image' | 'audio'): string | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_URL) return undefined;
  try {
    const base = new URL(document.baseURI);
    const url = new URL(value.trim(), base);
    if (url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'blob:') return url.href;
    if (url.protocol === 'file:' && base.protocol === 'file:') return url.href;
    if (url.protocol === 'data:' && url.pathname.startsWith(`${kind}/`)) return url.href;
  } catch {
    // Not a URL at all.
  }
  return undefined;
}

function durationMs(value: string): number {
  const n = parseFloat(value);
  if (!Number.isFinite(n)) return 0;
  return value.trim().endsWith('ms') ? n : n * 1000;
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-alert-box': OnAirAlertBoxElement;
  }
  interface OnAirEventMap {
    'onair-alert-start': CustomEvent<AlertDetail>;
    'onair-alert-end': CustomEvent<AlertDetail>;
  }
}
