import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { roomAuthority } from '../../platform/authority.js';
import { remember } from '../../platform/bounded.js';
import type { Currency, Platform, RoomMessage, Tip, TipMenu } from '../../platform/model.js';
import { map } from 'rxjs';
import { amount as asAmount, currency as asCurrency, isRecord, num, oneOf, text } from '../../platform/validate.js';
import { tipKey } from '../shared/tip-key.js';
import { customElement } from '../shared/define.js';
import { emit } from '../shared/events.js';
import { numberFormat } from '../shared/format.js';
import { addEnglish } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { readStored, writeStored } from '../shared/stored.js';
import type { SignedRoom, TimerSigner } from './signing.js';
import { tipTimerStyles } from './tip-timer.styles.js';
import {
  announcement,
  crossedThreshold,
  formatClock,
  MAX_MS,
  parseAnnouncement,
  parseRates,
  rebase,
  remainingAt,
  restoreTimer,
  storedTimer,
  tipTime,
  type TimeRules,
  type TimerAnnouncement,
  type TimerState,
  type TimerStatus,
} from './timer-model.js';
import { tipTimerEnglish } from './tip-timer.messages.js';

addEnglish(tipTimerEnglish);

export { parseRates, tipTime, BITS_PER_USD, type TimeRules, type TimerAnnouncement, type TimerStatus } from './timer-model.js';

/** What changed a timer. `tips`: tips counted since the previous frame; `remote`: the room's authority announced a new state. */
export type TimerChangeCause = 'start' | 'pause' | 'resume' | 'add' | 'reset' | 'tips' | 'end' | 'remote';

export interface TimerChangeDetail {
  status: TimerStatus;
  /** Remaining time when the change happened, in ms. */
  remainingMs: number;
  /** Time tips added since the start, in ms. */
  addedMs: number;
  cause: TimerChangeCause;
  /** With `tips`: how many tips were counted in this frame (some may add nothing after a cap). */
  tips?: number;
}

export interface TimerEndDetail {
  /** True when the room's authority ended it elsewhere and this timer follows it. */
  remote: boolean;
  /** Time tips added since the start, in ms. */
  addedMs: number;
}

/** The room message type of the authority's timer state. */
export const TIMER_MESSAGE = 'timer.state';
/**
 * The room message type of a control from the streamer's own tooling (an automation action):
 * `{ action: 'start' | 'pause' | 'resume' | 'add' | 'reset', seconds?, timer? }`. Obeyed only where
 * the platform vouches for the room's requests (`roomAuthority().requestsFromRoom`).
 */
export const CONTROL_MESSAGE = 'timer.control';
const ACTIONS = ['start', 'pause', 'resume', 'add', 'reset'] as const;
/** How often the authority repeats its state, so timers that join learn it. */
export const TIMER_HEARTBEAT_MS = 15_000;
/** A follower takes a new signing key once the one it pinned has been silent this long. */
export const TIMER_SILENCE_MS = 2.5 * TIMER_HEARTBEAT_MS;
/** Announcements that tips caused are sent at most this often (controls go at once). */
const ANNOUNCE_GAP_MS = 1000;
/** The timer is written this long after a tip at most, on every control and when the page goes away. */
const SAVE_DELAY = 250;
/** Tip keys kept to recognise a tip sent again; the stored part covers what a reload may resend. */
const MAX_SEEN = 500;
const STORED_SEEN = 100;
const DEFAULTS = { duration: 600, step: 60, rate: 1 } as const;
const MAX_SECONDS = MAX_MS / 1000;
const CONTROLS = ['auto', 'none'] as const;

/**
 * A countdown the streamer starts, which tips extend (a subathon timer): each tip adds seconds per
 * unit of its currency (`rate` for `currency`, `rates` per currency; Bits and US dollars at 100 Bits
 * = $1), within `max-per-tip` and `max-total`. It shows the remaining time large, says "Time's up!"
 * when it runs out, and has Start, Pause/Resume, +1 min and Reset buttons on the streamer's side.
 *
 * One page per room keeps the timer (the streamer's page where viewers have pages of their own,
 * decided by `roomAuthority`; otherwise the page itself, e.g. an OBS source). It counts each tip
 * once, keeps its state and the tips it counted in localStorage, so a reload neither loses nor
 * double-counts a tip, and tells the room its state (remaining time as relative time) on every
 * change and every 15 s. Every other timer in the room shows what it last heard and never counts
 * tips itself. Of several deciding timers in one browser (a panel and an overlay), one leads (a Web
 * Lock); the others follow it.
 *
 * A tick runs once a second only while the timer runs and the element is on the page. Screen
 * readers can read the time (`role="timer"`, not live) and hear it at start, pause, resume, at 1
 * hour, 30, 10, 5 and 1 minutes, 30 and 10 seconds left, and when time is up; not every second.
 *
 * Host settings (`settings['tip-timer']`) may give `duration`, `rate`, `rates`, `currency`,
 * `max-per-tip` and `max-total` where the page set none.
 *
 * @summary A countdown that tips extend, the same for everyone in the room.
 *
 * @fires {CustomEvent<TimerChangeDetail>} onair-timer-change - The timer was started, paused, resumed, extended, reset, ended, or tips added time (at most once per frame). Detail `{ status, remainingMs, addedMs, cause, tips? }`.
 * @fires {CustomEvent<TimerEndDetail>} onair-timer-end - Time ran out. Detail `{ remote, addedMs }`.
 *
 * @csspart base - The wrapper.
 * @csspart label - The timer's name above the time.
 * @csspart time - The remaining time (`role="timer"`).
 * @csspart state - "Paused", "Not started", "Waiting for the streamer's timer…" or, with the part `ended`, "Time's up!".
 * @csspart ended - The "Time's up!" line.
 * @csspart controls - The streamer's buttons.
 * @csspart button - One of the streamer's buttons (`data-action` says which).
 *
 * @cssprop --onair-tip-timer-font-size - Size of the remaining time. Default `3rem`.
 * @cssprop --onair-tip-timer-color - Colour of the remaining time. Default: the shared `--onair-color`.
 * @cssprop --onair-tip-timer-ended-color - Colour of the time and the line when time is up. Default: the shared `--onair-danger`.
 * @cssprop --onair-tip-timer-background - Background behind the time. Default: the shared `--onair-surface`.
 */
@customElement('onair-tip-timer')
export class OnAirTipTimerElement extends OnAirElement {
  static override styles = tipTimerStyles;

  /** What Start counts down from, in seconds (default 600). */
  @property({ type: Number }) duration?: number;
  /** Seconds a tip adds per unit of `currency` (default 1). */
  @property({ type: Number }) rate?: number;
  /** The currency of `rate`; default the host's tip menu currency, else `tokens`. */
  @property() currency?: string;
  /** Seconds per unit for more currencies, `USD:60, tokens:2` (or an object); beats `rate`. */
  @property() rates?: string | Record<string, number>;
  /** Most seconds one tip may add. */
  @property({ type: Number, attribute: 'max-per-tip' }) maxPerTip?: number;
  /** Most seconds tips may add in all, since the start. */
  @property({ type: Number, attribute: 'max-total' }) maxTotal?: number;
  /** What the +time button adds, in seconds (default 60). */
  @property({ type: Number }) step?: number;
  /** `none` hides the streamer's buttons (OBS: nobody can click there); `auto` (default) shows them where this page keeps the timer. */
  @property() controls?: 'auto' | 'none';
  /** Names this timer in room messages and storage, so several timers in a room stay apart. */
  @property() timer?: string;
  /** The name shown above the time; default "Tip timer" in the widget's language. */
  @property() label?: string;
  /** Starts the countdown on its own when the timer that keeps the time finds it not started (an OBS source, where nobody clicks). */
  @property({ type: Boolean }) autostart = false;
  /** localStorage key of the kept state; by default one per host and `timer`. */
  @property({ attribute: 'storage-key' }) storageKey?: string;

  /** What a screen reader hears next (a polite live region). */
  @state() private spoken = '';
  @state() private leading = false;
  /** A following timer has heard its authority. */
  @state() private heard = false;
  @state() private menuCurrency?: Currency;

  /** The live state; drawn on the next frame or tick, not on every tip. */
  private model: TimerState = { status: 'idle', remainingMs: DEFAULTS.duration * 1000, since: 0, durationMs: DEFAULTS.duration * 1000, addedMs: 0 };
  private readonly seen = new Set<string>();
  private claim?: { key: string; platform: Platform; release: () => void };
  private tickTimer?: ReturnType<typeof setTimeout>;
  private frame?: number;
  private batchTips = 0;
  /** The remaining time at the last tick or change, for the spoken thresholds. */
  private lastRemaining = 0;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private announceTimer?: ReturnType<typeof setTimeout>;
  private lastAnnounced = -Infinity;
  private heartbeat?: ReturnType<typeof setInterval>;
  private canBroadcast = false;
  private rulesFor: unknown[] = [];
  private cachedRules: TimeRules = { rates: new Map() };
  /** The authority's signing key, where viewers can send to the room too. */
  private signer?: Promise<TimerSigner>;
  private sending: Promise<unknown> = Promise.resolve();
  private room?: Promise<SignedRoom>;
  private roomPlatform?: Platform;
  private verifying: Promise<unknown> = Promise.resolve();
  private readonly saveNow = () => {
    if (this.saveTimer !== undefined) this.save();
  };

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.tips$,
      (tip) => this.onTip(tip),
    );
    this.platformController.observe(
      (platform) => {
        // Controls that arrived before this subscription (room$ replays its latest) were for an earlier page.
        const since = performance.now();
        return platform.room$.pipe(map((message) => ({ message, since })));
      },
      ({ message, since }) => (message.type === CONTROL_MESSAGE ? this.onControl(message, since) : this.onRoom(message)),
    );
    this.platformController.observe(
      (platform) => platform.tipMenu$,
      (menu) => (this.menuCurrency = menuCurrency(menu)),
    );
  }

  get status(): TimerStatus {
    return this.model.status;
  }

  /** Remaining time now, in ms. */
  get remaining(): number {
    return remainingAt(this.model, performance.now());
  }

  /** Time tips added since the start, in ms. */
  get added(): number {
    return this.model.addedMs;
  }

  /** True while this timer keeps the room's time: it counts tips, and its buttons and methods act. */
  get isAuthority(): boolean {
    return this.leading;
  }

  /** How tips add time, as configured now. */
  get rules(): TimeRules {
    const inputs = [this.rates, this.rate, this.currency, this.maxPerTip, this.maxTotal, this.menuCurrency, this.hostContext?.settings];
    // Compared by identity, not serialised: a flood asks for the rules once per tip.
    if (inputs.some((input, i) => input !== this.rulesFor[i])) {
      this.rulesFor = inputs;
      const currency = asCurrency(this.currency) ?? asCurrency(this.settingFromHost('currency')) ?? this.menuCurrency ?? 'tokens';
      const rate = num(this.rate ?? this.settingFromHost('rate'), 0, 86_400) ?? DEFAULTS.rate;
      const maxPerTip = num(this.maxPerTip ?? this.settingFromHost('max-per-tip'), 0, MAX_SECONDS);
      const maxTotal = num(this.maxTotal ?? this.settingFromHost('max-total'), 0, MAX_SECONDS);
      this.cachedRules = {
        rates: parseRates(this.rates ?? this.settingFromHost('rates'), rate, currency),
        ...(maxPerTip === undefined ? {} : { maxPerTipMs: maxPerTip * 1000 }),
        ...(maxTotal === undefined ? {} : { maxTotalMs: maxTotal * 1000 }),
      };
    }
    return this.cachedRules;
  }

  /** Starts (or restarts) the countdown from `seconds`, default `duration`. False where this page does not keep the timer. */
  start(seconds?: number): boolean {
    if (!this.leading) return false;
    const durationMs = Math.round((num(seconds, 1, MAX_SECONDS) ?? this.durationSeconds) * 1000);
    this.model = { status: 'running', remainingMs: durationMs, since: performance.now(), durationMs, addedMs: 0 };
    this.changed('start');
    return true;
  }

  pause(): boolean {
    if (!this.leading || this.model.status !== 'running') return false;
    this.model = { ...rebase(this.model, performance.now()), status: 'paused' };
    this.changed('pause');
    return true;
  }

  resume(): boolean {
    if (!this.leading || this.model.status !== 'paused') return false;
    this.model = { ...this.model, status: 'running', since: performance.now() };
    this.changed('resume');
    return true;
  }

  /** Adds `seconds` (or takes them away, when negative) to a started timer; the tips' caps do not apply. */
  add(seconds: number): boolean {
    const delta = num(seconds, -MAX_SECONDS, MAX_SECONDS);
    if (!this.leading || delta === undefined || (this.model.status !== 'running' && this.model.status !== 'paused')) return false;
    const now = rebase(this.model, performance.now());
    this.model = { ...now, remainingMs: Math.min(Math.max(now.remainingMs + delta * 1000, 0), MAX_MS) };
    this.changed('add');
    return true;
  }

  /** Back to `duration`, not started; tips already counted stay counted. */
  reset(): boolean {
    if (!this.leading) return false;
    const durationMs = this.durationSeconds * 1000;
    this.model = { status: 'idle', remainingMs: durationMs, since: performance.now(), durationMs, addedMs: 0 };
    this.changed('reset');
    return true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this.saveNow);
    this.ensureLead();
    this.scheduleTick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this.saveNow);
    this.stepDown();
    clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.ensureLead();
    // A timer not started shows what Start would count down from, as the duration changes.
    const durationMs = this.durationSeconds * 1000;
    if (this.model.status === 'idle' && (this.leading || !this.heard) && this.model.durationMs !== durationMs) {
      this.model = { ...this.model, remainingMs: durationMs, durationMs };
      if (this.leading) this.announceSoon();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // A leader that could not send before (no broadcast yet) tells the room once it can.
    const canBroadcast = this.leading && this.hasCapability('broadcast');
    if (canBroadcast && !this.canBroadcast) this.announce();
    this.canBroadcast = canBroadcast;
  }

  override render() {
    const { status } = this.model;
    const remaining = this.remaining;
    const waiting = !this.heard && !this.decides && this.platformController.platform !== undefined;
    const ended = status === 'ended';
    const stateText = waiting ? this.msg('timerWaiting') : ended ? this.msg('timerEnded') : status === 'paused' ? this.msg('timerPaused') : status === 'idle' ? this.msg('timerIdle') : '';
    return html`<div part="base" class="base" lang=${this.messageLang} data-status=${status} ?data-waiting=${waiting}>
      <span part="label" class="label" id="label">${text(this.label, 80) ?? this.msg('timerLabel')}</span>
      <div part="time" class="time" role="timer" aria-live="off" aria-atomic="true" aria-labelledby="label">${waiting ? '–:––' : this.clock(ended ? 0 : remaining)}</div>
      ${stateText ? html`<p part=${ended ? 'state ended' : 'state'} class="state">${stateText}</p>` : nothing}
      ${this.showsControls ? this.renderControls(status) : nothing}
      <div class="visually-hidden" role="status">${this.spoken}</div>
    </div>`;
  }

  private renderControls(status: TimerStatus) {
    const started = status === 'running' || status === 'paused';
    const step = this.stepSeconds;
    const button = (action: string, label: string, run: () => void) =>
      html`<button part="button" class="button" type="button" data-action=${action} @click=${run}>${label}</button>`;
    return html`<div part="controls" class="controls" role="group" aria-label=${this.msg('timerControls')}>
      ${status === 'running'
        ? button('pause', this.msg('timerPause'), () => this.pause())
        : status === 'paused'
          ? button('resume', this.msg('timerResume'), () => this.resume())
          : button('start', this.msg('timerStart'), () => this.start())}
      ${started ? button('add', this.msg('timerAdd', { time: this.words(step * 1000, 'short') }), () => this.add(step)) : nothing}
      ${status !== 'idle' ? button('reset', this.msg('timerReset'), () => this.reset()) : nothing}
    </div>`;
  }

  /** Only the room's authority can send to it (no viewer's message can pose as the timer's). */
  private get trustedRoom(): boolean {
    const platform = this.platformController.platform;
    return roomAuthority(platform?.name, this.hostContext).trustedRoom;
  }

  /** The follower's check of signed announcements, one per platform. */
  private signedRoom(): Promise<SignedRoom> {
    const platform = this.platformController.platform;
    if (!this.room || this.roomPlatform !== platform) {
      this.room = import('./signing.js').then(({ SignedRoom }) => new SignedRoom(TIMER_SILENCE_MS));
      this.roomPlatform = platform;
      this.verifying = Promise.resolve();
    }
    return this.room;
  }

  /** This page is its room's authority (a timer on it leads once it holds the lock). */
  private get decides(): boolean {
    const platform = this.platformController.platform;
    return platform !== undefined && roomAuthority(platform.name, this.hostContext).decides;
  }

  private get showsControls(): boolean {
    const controls = oneOf(CONTROLS, this.controls) ?? oneOf(CONTROLS, this.settingFromHost('controls')) ?? 'auto';
    return this.leading && controls === 'auto';
  }

  private get durationSeconds(): number {
    return num(this.duration ?? this.settingFromHost('duration'), 1, MAX_SECONDS) ?? DEFAULTS.duration;
  }

  private get stepSeconds(): number {
    return num(this.step, 1, MAX_SECONDS) ?? DEFAULTS.step;
  }

  private get effectiveStorageKey(): string {
    return text(this.storageKey, 200) ?? `onair-tip-timer.${this.platformController.platform?.name ?? ''}.${this.timer ?? ''}`;
  }

  private clock(ms: number): string {
    const locale = this.effectiveLocale;
    return formatClock(ms, (value, digits) => numberFormat(locale, { minimumIntegerDigits: digits, useGrouping: false }).format(value));
  }

  /** `1 hour 5 minutes` (in the locale's words): the time for buttons and screen readers. */
  private words(ms: number, display: 'long' | 'short' = 'long'): string {
    const locale = this.effectiveLocale;
    const total = Math.ceil(ms / 1000);
    const parts: [number, string][] = [
      [Math.floor(total / 3600), 'hour'],
      [Math.floor((total % 3600) / 60), 'minute'],
      [total % 60, 'second'],
    ];
    const shown = parts.filter(([value]) => value > 0).map(([value, unit]) => numberFormat(locale, { style: 'unit', unit, unitDisplay: display }).format(value));
    if (shown.length === 0) return numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: display }).format(0);
    try {
      return new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(shown);
    } catch {
      return shown.join(' ');
    }
  }

  // ── Keeping the time (the room's authority) ─────────────────────────────────

  /**
   * Takes the lead where this page is the room's authority. Deciding timers with the same storage
   * in one browser share a Web Lock named after it, so exactly one counts tips and announces; the
   * others follow it and one takes over when it goes. Without Web Locks the timer leads at once.
   */
  private ensureLead(): void {
    const platform = this.platformController.platform;
    const decides = this.decides;
    const key = this.effectiveStorageKey;
    if (this.claim && (!decides || !this.isConnected || this.claim.key !== key || this.claim.platform !== platform)) this.stepDown();
    if (this.claim || !decides || !platform || !this.isConnected) return;
    const claim = { key, platform, release: () => {} };
    this.claim = claim;
    const lead = () => {
      if (this.claim === claim) this.takeLead(key);
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return lead();
    locks
      .request(`onair-tip-timer:${key}`, () => {
        if (this.claim !== claim) return undefined;
        lead();
        return new Promise<void>((release) => (claim.release = release));
      })
      .catch(lead);
  }

  private takeLead(key: string): void {
    const restored = restoreTimer(readStored(key), performance.now(), Date.now());
    this.seen.clear();
    if (restored) {
      this.model = restored.state;
      for (const seen of restored.seen.slice(-STORED_SEEN)) remember(this.seen, seen, undefined, MAX_SEEN);
    } else {
      const durationMs = this.durationSeconds * 1000;
      this.model = { status: 'idle', remainingMs: durationMs, since: performance.now(), durationMs, addedMs: 0 };
    }
    this.leading = true;
    this.lastRemaining = this.remaining;
    this.canBroadcast = false;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.model.status !== 'idle' && this.announce(), TIMER_HEARTBEAT_MS);
    this.scheduleTick();
    // Time ran out while the page was away: nobody said so yet.
    if (restored?.expired) this.expire();
    if (this.model.status === 'idle' && (this.autostart || this.settingFromHost('autostart') === true)) this.start();
  }

  /** Gives up the lead (and the lock), keeping what it counted. */
  private stepDown(): void {
    if (this.leading) this.saveNow();
    this.claim?.release();
    this.claim = undefined;
    this.leading = false;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.signer = undefined;
  }

  /** A tip reaching the authority: counted once, time added now, drawn and announced per frame. */
  private onTip(tip: Tip): void {
    if (!this.leading || (this.model.status !== 'running' && this.model.status !== 'paused')) return;
    const key = tipKey(tip);
    const amount = asAmount(tip?.amount);
    const currency = asCurrency(tip?.currency);
    if (!key || amount === undefined || !currency || this.seen.has(key)) return;
    remember(this.seen, key, undefined, MAX_SEEN);
    const ms = tipTime(amount, currency, this.rules, this.model.addedMs);
    if (ms > 0) {
      const now = rebase(this.model, performance.now());
      this.model = { ...now, remainingMs: Math.min(now.remainingMs + ms, MAX_MS), addedMs: now.addedMs + ms };
    }
    this.batchTips += 1;
    this.saveTimer ??= setTimeout(() => this.save(), SAVE_DELAY);
    this.drawSoon();
  }

  /** The time and the tips counted since are drawn on the next frame, however many came first. */
  private drawSoon(): void {
    this.frame ??= requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = undefined;
    const tips = this.batchTips;
    this.batchTips = 0;
    if (tips > 0 && this.leading) {
      this.lastRemaining = this.remaining;
      this.emitChange('tips', tips);
      this.announceSoon();
      this.scheduleTick();
    }
    this.requestUpdate();
  }

  /** After a control: draw, speak, save and announce at once. */
  private changed(cause: TimerChangeCause): void {
    const remaining = this.remaining;
    this.lastRemaining = remaining;
    const words = this.words(remaining);
    if (cause === 'reset') this.speak(this.msg('timerIdle'));
    else if (cause === 'pause') this.speak(this.msg('timerPausedLeft', { time: words }));
    else this.speak(this.msg('timerLeft', { time: words }));
    this.emitChange(cause);
    this.save();
    this.announce();
    this.scheduleTick();
    this.requestUpdate();
  }

  /** Time ran out on the authority. */
  private expire(): void {
    this.model = { ...this.model, status: 'ended', remainingMs: 0, since: performance.now() };
    this.speak(this.msg('timerEnded'));
    this.emitChange('end');
    emit(this, 'onair-timer-end', { remote: false, addedMs: this.model.addedMs });
    this.save();
    this.announce();
    this.requestUpdate();
  }

  /** Tells the room now; the next one tips cause waits at least `ANNOUNCE_GAP_MS`. */
  private announce(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    const platform = this.platformController.platform;
    if (!this.leading || !this.claim || !platform || !this.hasCapability('broadcast')) return;
    this.lastAnnounced = performance.now();
    const payload = announcement(this.model, this.lastAnnounced, this.timer);
    if (this.trustedRoom) {
      void platform.broadcast({ type: TIMER_MESSAGE, payload });
      return;
    }
    // Signed, in order: each send waits for the one before.
    const key = `${this.claim.key}:signing`;
    // Loaded only where it is needed, like the wheel's seed chain.
    this.signer ??= import('./signing.js').then(({ TimerSigner }) => TimerSigner.open(key));
    const signer = this.signer;
    this.sending = this.sending
      .then(() => signer)
      .then((opened) => opened.sign(payload))
      .then((sig) => platform.broadcast({ type: TIMER_MESSAGE, payload: { ...payload, sig } }))
      .catch(() => undefined);
  }

  private announceSoon(): void {
    if (this.announceTimer !== undefined) return;
    const wait = this.lastAnnounced + ANNOUNCE_GAP_MS - performance.now();
    if (wait <= 0) this.announce();
    else this.announceTimer = setTimeout(() => this.announce(), wait);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.leading || !this.claim) return;
    writeStored(this.claim.key, storedTimer(this.model, performance.now(), Date.now(), [...this.seen].slice(-STORED_SEEN)));
  }

  /** A control from the room, for the timer that keeps the time, where the room is the streamer's own. */
  private onControl(message: RoomMessage, since: number): void {
    if (!this.leading || !roomAuthority(this.platformController.platform?.name, this.hostContext).requestsFromRoom) return;
    if ((message.receivedAt ?? since) < since || !isRecord(message.payload)) return;
    const { action, seconds, timer } = message.payload;
    if ((timer ?? '') !== (this.timer ?? '')) return;
    const amount = num(seconds, -MAX_SECONDS, MAX_SECONDS);
    switch (oneOf(ACTIONS, action)) {
      case 'start':
        return void this.start(amount);
      case 'pause':
        return void this.pause();
      case 'resume':
        return void this.resume();
      case 'add':
        return void (amount !== undefined && this.add(amount));
      case 'reset':
        return void this.reset();
    }
  }

  // ── Following the authority ─────────────────────────────────────────────────

  private onRoom(message: RoomMessage): void {
    if (message.type !== TIMER_MESSAGE || this.leading) return;
    const parsed = parseAnnouncement(message.payload);
    if (!parsed || (parsed.timer ?? '') !== (this.timer ?? '')) return;
    // Relative time: counted down from when the message reached this page, never from the sender's clock.
    const at = message.receivedAt ?? performance.now();
    if (this.trustedRoom) return this.follow(parsed, at);
    // Where viewers can send too, only what the authority's key signed counts (./signing.ts).
    const room = this.signedRoom();
    const signature = (message.payload as { sig?: unknown }).sig;
    this.verifying = this.verifying
      .then(() => room)
      .then((opened) => opened.accept(parsed, signature, performance.now()))
      .then((accepted) => {
        if (accepted && room === this.room && !this.leading && this.isConnected) this.follow(parsed, at);
      })
      .catch(() => undefined);
  }

  private follow(parsed: TimerAnnouncement, at: number): void {
    const before = this.model.status;
    const heardBefore = this.heard;
    this.model = { status: parsed.status, remainingMs: parsed.remainingMs, since: at, durationMs: parsed.durationMs, addedMs: parsed.addedMs };
    this.heard = true;
    const remaining = this.remaining;
    if (parsed.status !== before) {
      if (parsed.status === 'ended') this.speak(this.msg('timerEnded'));
      else if (parsed.status === 'paused') this.speak(this.msg('timerPausedLeft', { time: this.words(remaining) }));
      else if (parsed.status === 'running') this.speak(this.msg('timerLeft', { time: this.words(remaining) }));
    }
    this.lastRemaining = remaining;
    this.emitChange('remote');
    if (parsed.status === 'ended' && before !== 'ended' && heardBefore) emit(this, 'onair-timer-end', { remote: true, addedMs: parsed.addedMs });
    this.scheduleTick();
    this.requestUpdate();
  }

  // ── The tick ────────────────────────────────────────────────────────────────

  /** One timer to the next whole second of the remaining time, only while running and on the page. */
  private scheduleTick(): void {
    clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    if (!this.isConnected || this.model.status !== 'running') return;
    const remaining = this.remaining;
    if (remaining <= 0) {
      if (this.leading) this.expire();
      return;
    }
    const wait = remaining % 1000 || 1000;
    this.tickTimer = setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.tickTimer = undefined;
    const remaining = this.remaining;
    const crossed = crossedThreshold(this.lastRemaining, remaining);
    this.lastRemaining = remaining;
    if (crossed !== undefined && remaining > 0) this.speak(this.msg('timerLeft', { time: this.words(crossed * 1000) }));
    this.drawSoon();
    this.scheduleTick();
  }

  private speak(words: string): void {
    this.spoken = words;
  }

  private emitChange(cause: TimerChangeCause, tips?: number): void {
    emit(this, 'onair-timer-change', {
      status: this.model.status,
      remainingMs: Math.round(this.remaining),
      addedMs: this.model.addedMs,
      cause,
      ...(tips === undefined ? {} : { tips }),
    });
  }
}

function menuCurrency(menu: TipMenu): Currency | undefined {
  return menu.enabled ? asCurrency(menu.items.find((item) => asCurrency(item?.currency))?.currency) : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-tip-timer': OnAirTipTimerElement;
  }
  interface OnAirEventMap {
    'onair-timer-change': CustomEvent<TimerChangeDetail>;
    'onair-timer-end': CustomEvent<TimerEndDetail>;
  }
}
