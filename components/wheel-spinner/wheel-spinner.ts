import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import { randomId } from '../../platform/base.js';
import type { RoomMessage, TipMenu } from '../../platform/model.js';
import { bool, num } from '../../platform/validate.js';
import { emit } from '../shared/events.js';
import { numberFormat } from '../shared/format.js';
import type { MessageId } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { WeightedPicker } from './weighted-picker.js';
import {
  GEOMETRY,
  MAX_DURATION_MS,
  MAX_TURNS,
  boundariesPassed,
  cleanItems,
  easeOut,
  fitLabel,
  followedElapsed,
  indexAt,
  itemsHash,
  labelPlacement,
  layoutSegments,
  parseSpinPayload,
  targetRotation,
  wedgePath,
  type Segment,
  type SpinPayload,
  type WheelItem,
} from './wheel-model.js';
import { wheelSpinnerStyles } from './wheel-spinner.styles.js';
import { remember } from '../../platform/bounded.js';

export { WeightedPicker, cryptoUint32, type Uint32Source } from './weighted-picker.js';
export type { SpinPayload, WheelItem } from './wheel-model.js';

export interface SpinResult {
  /** Index of the winner in the segments as they were when the spin began. */
  index: number;
  item: WheelItem;
  spinId: string;
}

export interface SpinEventDetail extends SpinResult {
  /** True when another client started the spin and this wheel follows it. */
  remote: boolean;
}

export interface SpinEndDetail extends SpinEventDetail {
  /** True when `remove-winner` took the winner off the wheel. */
  removed: boolean;
}

export interface HistoryEntry {
  index: number;
  label: string;
  spinId: string;
  at: Date;
}

/** The room message type wheels publish and follow. */
export const SPIN_MESSAGE = 'wheel.spin';
/** Reduced motion: the wheel fades out, turns while invisible, and fades back in. */
const FADE_MS = 400;
/** How long a host's shared overlay slot stays after a spin, so viewers still see where it stopped. */
const SETTLED_VIEW_MS = 2_000;
const MAX_HISTORY = 100;
const DEFAULTS = { duration: 5000, turns: 5, historySize: 10 } as const;
/** Spin ids remembered to drop duplicates (the newest-first rule drops the rest). */
const SEEN_IDS = 32;
/** Landing offsets stay off the segment edges, so the pointer never sits on a line. */
const EDGE_MARGIN = 0.1;

interface ActiveSpin {
  spinId: string;
  index: number;
  segments: DrawnSegment[];
  remote: boolean;
  from: number;
  to: number;
  durationMs: number;
  /** `performance.now()` at which the spin (as the sender started it) began. */
  startTime: number;
  /** Eased progress already elapsed when this wheel joined; the animation covers the rest. */
  joinedAt: number;
  reduced: boolean;
  ticks: number;
  promise: Promise<SpinResult>;
  resolve: (result: SpinResult) => void;
}

/** A segment with its label fitted to the wedge. */
interface DrawnSegment extends Segment {
  shown: string;
  size: number;
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/**
 * A prize wheel. The winner is drawn first with `crypto.getRandomValues` (weighted, unbiased), then
 * the wheel animates to it. On platforms that can broadcast, the wheel that spins tells the room,
 * and every wheel with the same segments shows the same spin.
 *
 * Host settings (`settings['wheel-spinner']` in the host context) may give defaults for `duration`,
 * `turns`, `history-size` and `remove-winner` where the page set none.
 *
 * @summary A fair, synchronised spin-the-wheel.
 *
 * @fires onair-spin-start - A spin began (here or, synchronised, elsewhere). Detail: `{ index, item, spinId, remote }`.
 * @fires onair-spin-tick - A segment boundary passed the pointer (at most one per frame; none under reduced motion). Detail: `{ index }`.
 * @fires onair-spin-end - The wheel stopped. Detail: `{ index, item, spinId, remote, removed }`.
 * @fires onair-spin-rejected - A `wheel.spin` message from another client was malformed and ignored. Detail: `{ reason }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart stage - The box holding the wheel and the pointer.
 * @csspart wheel - The rotating SVG.
 * @csspart segment - One wedge (an SVG group).
 * @csspart label - One wedge's text.
 * @csspart hub - The disc at the centre.
 * @csspart pointer - The marker at the top.
 * @csspart spin-button - The Spin button.
 * @csspart result - The result line (a polite live region).
 * @csspart history - The recent results list (with `show-history`).
 * @csspart empty - The message shown when there is nothing to spin.
 *
 * @cssprop --onair-wheel-size - Width and height of the wheel (default 280px).
 * @cssprop --onair-wheel-pointer-color - Pointer fill.
 * @cssprop --onair-wheel-border-color - Rim and segment outline colour.
 * @cssprop --onair-wheel-hub-color - Centre disc colour.
 * @cssprop --onair-wheel-fade-duration - Fade used instead of rotation under reduced motion (default 200ms).
 */
@customElement('onair-wheel-spinner')
export class OnAirWheelSpinnerElement extends OnAirElement {
  static override styles = wheelSpinnerStyles;

  /** The segments: `{ label, weight?, color? }`. Used unless `source="tip-menu"`. */
  @property({ attribute: false }) items: WheelItem[] = [];
  /** `items` (default) or `tip-menu` (the host's tip menu items as segments). */
  @property() source: 'items' | 'tip-menu' = 'items';
  /** With `source="tip-menu"`: `price` sizes segments by price; otherwise they are equal. */
  @property({ attribute: 'weight-by' }) weightBy?: 'price';
  /** Spin length in milliseconds (0 to 60,000). */
  @property({ type: Number }) duration: number = DEFAULTS.duration;
  /** Full turns before the wheel settles (0 to 20). */
  @property({ type: Number }) turns: number = DEFAULTS.turns;
  /** Takes each winner off the wheel after its spin; `reset()` puts them back. */
  @property({ type: Boolean, attribute: 'remove-winner' }) removeWinner = false;
  /** How many recent results `history` keeps (0 to 100). */
  @property({ type: Number, attribute: 'history-size' }) historySize: number = DEFAULTS.historySize;
  /** Shows the recent results under the wheel. */
  @property({ type: Boolean, attribute: 'show-history' }) showHistory = false;
  /** Hides the Spin button (overlays spun through `spin()` or by another client). */
  @property({ type: Boolean, attribute: 'hide-button', reflect: true }) hideButton = false;
  /** Names this wheel in sync messages, so several wheels on one page follow only their own. */
  @property() wheel?: string;
  /** Accessible name of the wheel; default "Prize wheel" in the widget's language. */
  @property() label?: string;
  /** Draws winners; replace it with a seeded source in tests. */
  @property({ attribute: false }) picker = new WeightedPicker();

  @state() private tipMenu?: TipMenu;
  @state() private removed: ReadonlySet<string> = new Set();
  @state() private results: HistoryEntry[] = [];
  /** What the result line says, as a message id, so it follows locale changes. */
  @state() private announcement?: 'wheelSpinning' | 'wheelResult';
  /** The winner's label for `wheelResult`. */
  @state() private announcedLabel = '';
  @state() private fading = false;

  @query('.wheel') private wheelSvg?: SVGSVGElement;

  private segmentList: DrawnSegment[] = [];
  private layoutInputs: unknown[] = [];
  private hash = '';
  private rotation = 0;
  private active?: ActiveSpin;
  private frame?: number;
  private endTimer?: ReturnType<typeof setTimeout>;
  private lastApplied?: { startedAt: number; spinId: string };
  /** The latest spin for other segments than ours: retried when our segments change. */
  private unmatched?: RoomMessage;
  private readonly seen = new Set<string>();

  constructor() {
    super();
    // Tip menu first: a replayed room message is checked against the segments it describes.
    this.platformController.observe(
      (platform) => platform.tipMenu$,
      (menu) => (this.tipMenu = menu),
    );
    this.platformController.observe(
      (platform) => platform.room$,
      (message) => this.onRoomMessage(message),
    );
  }

  /** The segments on the wheel now (after `remove-winner` removals). */
  get segments(): readonly Segment[] {
    return this.segmentList;
  }

  /** Recent results, newest first, at most `history-size`. */
  get history(): readonly HistoryEntry[] {
    return this.results;
  }

  /** True while the wheel turns. */
  get spinning(): boolean {
    return this.active !== undefined;
  }

  /**
   * Draws a winner (weighted, from `picker`) and spins to it. Resolves with the result, or with
   * `undefined` when there is nothing to spin. While a spin runs, returns that spin.
   */
  spin(): Promise<SpinResult | undefined> {
    if (this.active) return this.active.promise;
    this.ensureLayout();
    if (this.segmentList.length === 0) return Promise.resolve(undefined);
    const index = this.picker.pick(this.segmentList.map((s) => s.weight));
    return this.spinTo(index);
  }

  /**
   * Spins to a winner chosen elsewhere. Out-of-range indexes resolve `undefined`. Like `spin()`,
   * it tells the room (when the platform can broadcast) so other wheels follow.
   */
  spinTo(index: number): Promise<SpinResult | undefined> {
    if (this.active) return this.active.promise;
    this.ensureLayout();
    if (!Number.isInteger(index) || index < 0 || index >= this.segmentList.length) return Promise.resolve(undefined);
    const payload: SpinPayload = {
      spinId: randomId(),
      index,
      startedAt: Date.now(),
      durationMs: this.clampedDuration,
      itemsHash: this.hash,
      turns: this.clampedTurns,
      offset: EDGE_MARGIN + (1 - 2 * EDGE_MARGIN) * this.picker.fraction(),
      ...(this.wheel ? { wheel: this.wheel } : {}),
    };
    this.markApplied(payload);
    const spin = this.begin(payload, false);
    const platform = this.platformController.platform;
    // Every spin matters (never replaced by a newer one), and the overlay stays while it settles.
    const hints = { event: true, holdOverlayMs: payload.durationMs + SETTLED_VIEW_MS };
    if (platform && this.hasCapability('broadcast')) void platform.broadcast({ type: SPIN_MESSAGE, payload }, hints);
    return spin.promise;
  }

  /** Puts removed winners back on the wheel. */
  reset(): void {
    this.removed = new Set();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nothing may run once the wheel is gone: settle a running spin silently.
    if (this.active) this.finish(this.active, false);
  }

  /**
   * A default from the host's configuration (`settings['wheel-spinner']`), used only when the page
   * set neither the attribute nor the property.
   */
  private hostSetting(attribute: string, current: unknown, initial: unknown): unknown {
    if (this.hasAttribute(attribute) || current !== initial) return undefined;
    return this.settingFromHost(attribute);
  }

  private get clampedDuration(): number {
    const fromHost = num(this.hostSetting('duration', this.duration, DEFAULTS.duration), 0, MAX_DURATION_MS);
    return fromHost ?? clampNumber(this.duration, 0, MAX_DURATION_MS, DEFAULTS.duration);
  }

  private get clampedTurns(): number {
    const fromHost = num(this.hostSetting('turns', this.turns, DEFAULTS.turns), 0, MAX_TURNS);
    return Math.round(fromHost ?? clampNumber(this.turns, 0, MAX_TURNS, DEFAULTS.turns));
  }

  private get historyLimit(): number {
    const fromHost = num(this.hostSetting('history-size', this.historySize, DEFAULTS.historySize), 0, MAX_HISTORY);
    return Math.round(fromHost ?? clampNumber(this.historySize, 0, MAX_HISTORY, DEFAULTS.historySize));
  }

  private get removesWinner(): boolean {
    return bool(this.hostSetting('remove-winner', this.removeWinner, false)) ?? this.removeWinner;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.ensureLayout();
    if (changed.has('historySize') || changed.has('hostContext' as keyof OnAirWheelSpinnerElement)) this.results = this.results.slice(0, this.historyLimit);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.applyRotation();
    this.requestFrame();
  }

  private sourceItems(): unknown[] {
    if (this.source !== 'tip-menu') return Array.isArray(this.items) ? this.items : [];
    if (!this.tipMenu?.enabled) return [];
    return this.tipMenu.items.map((item) => ({
      key: `t${item.id}`,
      label: item.label,
      weight: this.weightBy === 'price' ? item.price : 1,
    }));
  }

  /**
   * Lays the segments out again if their inputs changed since the last layout (called before
   * anything reads them, so `el.items = …; el.spin()` works before a render).
   */
  private ensureLayout(): void {
    const inputs = [this.items, this.source, this.weightBy, this.tipMenu, this.removed];
    if (inputs.every((value, i) => value === this.layoutInputs[i])) return;
    this.relayout();
    this.layoutInputs = [this.items, this.source, this.weightBy, this.tipMenu, this.removed];
    this.retryUnmatched();
  }

  private relayout(): void {
    const all = cleanItems(this.sourceItems());
    const present = new Set(all.map((entry) => entry.key));
    if ([...this.removed].some((key) => !present.has(key))) {
      // Forget removals whose items left the source, so the set stays bounded.
      this.removed = new Set([...this.removed].filter((key) => present.has(key)));
    }
    const measure = this.measurer();
    this.segmentList = layoutSegments(all.filter((entry) => !this.removed.has(entry.key))).map((segment) => {
      const fitted = fitLabel(segment.label, segment.end - segment.start, measure);
      return { ...segment, shown: fitted.text, size: fitted.size };
    });
    this.hash = itemsHash(this.segmentList);
  }

  private measurer(): (text: string, size: number) => number {
    measureContext ??= document.createElement('canvas').getContext('2d');
    const family = getComputedStyle(this).fontFamily || 'sans-serif';
    return (text, size) => {
      if (!measureContext) return text.length * size * 0.6;
      measureContext.font = `600 ${size}px ${family}`;
      return measureContext.measureText(text).width;
    };
  }

  // ── Spinning ────────────────────────────────────────────────────────────────

  /** Starts the animation to `payload`'s winner; `elapsed` (ms) of it already ran elsewhere. */
  private begin(payload: SpinPayload, remote: boolean, elapsed = 0): ActiveSpin {
    const previous = this.active;
    if (previous) this.stopMotion();
    const segments = this.segmentList;
    const from = ((this.rotation % 360) + 360) % 360;
    let resolve!: (result: SpinResult) => void;
    const promise = previous?.promise ?? new Promise<SpinResult>((r) => (resolve = r));
    const spin: ActiveSpin = {
      spinId: payload.spinId,
      index: payload.index,
      segments,
      remote,
      from,
      to: targetRotation(from, segments[payload.index], payload.offset ?? 0.5, payload.turns),
      durationMs: payload.durationMs,
      startTime: performance.now() - elapsed,
      joinedAt: payload.durationMs > 0 ? easeOut(elapsed / payload.durationMs) : 1,
      reduced: this.motionReduced,
      ticks: boundariesPassed(segments, from),
      promise,
      resolve: previous?.resolve ?? resolve,
    };
    this.rotation = from;
    this.active = spin;
    this.announcement = 'wheelSpinning';
    emit(this, 'onair-spin-start', { ...this.resultOf(spin), remote });
    if (spin.reduced) {
      this.fading = true;
      this.endTimer = setTimeout(() => this.finish(spin, true), FADE_MS / 2);
    } else {
      this.endTimer = setTimeout(() => this.finish(spin, true), payload.durationMs - elapsed);
      this.requestFrame();
    }
    this.requestUpdate();
    return spin;
  }

  /** Animation frames run only while a spin moves and the host shows the page. */
  private requestFrame(): void {
    const spin = this.active;
    if (!spin || spin.reduced || this.frame !== undefined || this.paused) return;
    this.frame = requestAnimationFrame(this.onFrame);
  }

  private readonly onFrame = (now: number) => {
    this.frame = undefined;
    const spin = this.active;
    // Hidden: skip frames; the end timer still settles the spin on time.
    if (!spin || this.paused) return;
    const t = spin.durationMs > 0 ? Math.min(Math.max((now - spin.startTime) / spin.durationMs, 0), 1) : 1;
    const progress = spin.joinedAt >= 1 ? 1 : (easeOut(t) - spin.joinedAt) / (1 - spin.joinedAt);
    this.moveTo(spin, spin.from + (spin.to - spin.from) * Math.max(progress, 0));
    if (t >= 1) this.finish(spin, true);
    else this.requestFrame();
  };

  /** Turns the wheel and reports a tick when boundaries passed the pointer since the last one. */
  private moveTo(spin: ActiveSpin, rotation: number): void {
    this.rotation = rotation;
    this.applyRotation();
    if (spin.reduced) return;
    const ticks = boundariesPassed(spin.segments, rotation);
    if (ticks === spin.ticks) return;
    spin.ticks = ticks;
    emit(this, 'onair-spin-tick', { index: indexAt(spin.segments, rotation) });
  }

  private finish(spin: ActiveSpin, withEvents: boolean): void {
    if (this.active !== spin) return;
    this.stopMotion();
    this.active = undefined;
    this.fading = false;
    if (withEvents) this.moveTo(spin, spin.to);
    else this.rotation = spin.to;
    this.settle(spin, withEvents);
  }

  /** Records the result, removes the winner if asked, and resolves the spin's promise. */
  private settle(spin: Pick<ActiveSpin, 'spinId' | 'index' | 'segments' | 'remote' | 'resolve'>, withEvents: boolean): void {
    const result = this.resultOf(spin);
    const segment = spin.segments[spin.index];
    this.results = [{ index: spin.index, label: segment.label, spinId: spin.spinId, at: new Date() }, ...this.results].slice(
      0,
      this.historyLimit,
    );
    this.announcement = 'wheelResult';
    this.announcedLabel = segment.label;
    const removed = this.removesWinner && this.isConnected;
    if (removed) this.removed = new Set([...this.removed, segment.key]);
    if (withEvents) emit(this, 'onair-spin-end', { ...result, remote: spin.remote, removed });
    spin.resolve(result);
  }

  private resultOf(spin: Pick<ActiveSpin, 'spinId' | 'index' | 'segments'>): SpinResult {
    return { index: spin.index, item: { ...spin.segments[spin.index].item }, spinId: spin.spinId };
  }

  private stopMotion(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.endTimer);
    this.frame = this.endTimer = undefined;
  }

  private applyRotation(): void {
    this.wheelSvg?.style.setProperty('transform', `rotate(${this.rotation}deg)`);
  }

  // ── Synchronisation ─────────────────────────────────────────────────────────

  private onRoomMessage(message: RoomMessage): void {
    if (message.type !== SPIN_MESSAGE) return;
    if (message.from !== undefined && message.from === this.platformController.platform?.clientId) return;
    const parsed = parseSpinPayload(message.payload);
    if ('error' in parsed) return this.reject(parsed.error);
    const payload = parsed.payload;
    this.ensureLayout();
    if ((payload.wheel ?? '') !== (this.wheel ?? '')) return;
    if (payload.itemsHash !== this.hash) {
      // Maybe our segments have not arrived yet (the room replays its last message on subscribe).
      this.unmatched = message;
      return;
    }
    if (this.seen.has(payload.spinId) || !this.isNewer(payload)) return;
    if (payload.index >= this.segmentList.length) return this.reject('index out of range');
    this.markApplied(payload);
    // A message this page never saw arrive (not from a BasePlatform) counts as arriving now.
    const sinceArrival = performance.now() - (message.receivedAt ?? performance.now());
    const elapsed = followedElapsed(payload, { sentAt: message.sentAt, sinceArrival, now: Date.now() });
    if (elapsed >= payload.durationMs) this.showSettled(payload);
    else this.begin(payload, true, elapsed);
  }

  private retryUnmatched(): void {
    const message = this.unmatched;
    this.unmatched = undefined;
    if (!message) return;
    this.onRoomMessage(message);
    this.ensureLayout();
  }

  /** A spin that ended before this wheel heard of it: shown at rest, without events. */
  private showSettled(payload: SpinPayload): void {
    const previous = this.active;
    if (previous) this.stopMotion();
    this.active = undefined;
    this.fading = false;
    const segments = this.segmentList;
    this.rotation = targetRotation(this.rotation, segments[payload.index], payload.offset ?? 0.5, 0);
    this.settle({ ...payload, segments, remote: true, resolve: previous?.resolve ?? (() => {}) }, false);
  }

  /** Newest spin wins: clients that spun at once all converge on the later one. */
  private isNewer(payload: SpinPayload): boolean {
    const last = this.lastApplied;
    if (!last) return true;
    return payload.startedAt > last.startedAt || (payload.startedAt === last.startedAt && payload.spinId > last.spinId);
  }

  private markApplied(payload: SpinPayload): void {
    this.lastApplied = { startedAt: payload.startedAt, spinId: payload.spinId };
    remember(this.seen, payload.spinId, undefined, SEEN_IDS);
  }

  private reject(reason: string): void {
    emit(this, 'onair-spin-rejected', { reason });
  }

  // ── Rendering ───────────────────────────────────────────────────────────────

  private emptyReason(): MessageId | undefined {
    if (this.segmentList.length > 0 || this.active) return undefined;
    if (this.source === 'tip-menu') {
      if (this.platformController.platform && !this.hasCapability('tipMenu')) return 'wheelNoMenu';
      return 'wheelMenuEmpty';
    }
    return this.removed.size > 0 ? 'wheelAllWon' : 'wheelEmpty';
  }

  override render() {
    const empty = this.emptyReason();
    const announcement = this.announcement && this.msg(this.announcement, { label: this.announcedLabel });
    return html`<div part="base" class="base" lang=${this.messageLang}>
      ${empty ? html`<p part="empty" class="empty">${this.msg(empty)}</p>` : this.renderWheel()}
      <p part="result" class="result" role="status" aria-live="polite">${announcement}</p>
      ${this.showHistory && this.results.length > 0 ? this.renderHistory() : nothing}
    </div>`;
  }

  private renderWheel() {
    const segments = this.active?.segments ?? this.segmentList;
    const percent = numberFormat(this.effectiveLocale, { style: 'percent', maximumFractionDigits: 1 });
    const { center: c, radius, hub } = GEOMETRY;
    return html`
      <div part="stage" class="stage">
        <svg part="wheel" class="wheel ${this.active && !this.active.reduced ? 'spinning' : ''} ${this.fading ? 'fading' : ''}"
          viewBox="0 0 200 200" aria-hidden="true">
          ${segments.map((segment) => {
            const place = labelPlacement(segment.start, segment.end);
            return svg`<g part="segment" class="segment">
              <path d=${segments.length === 1 ? circlePath() : wedgePath(segment.start, segment.end)} fill=${segment.color}></path>
              <text part="label" class="label" x=${place.x} y=${c} text-anchor=${place.anchor} dominant-baseline="central"
                font-size=${segment.size.toFixed(2)} fill=${segment.textColor}
                transform="rotate(${place.rotate.toFixed(3)} ${c} ${c})"><title>${segment.label}</title>${segment.shown}</text>
            </g>`;
          })}
          <circle class="rim" cx=${c} cy=${c} r=${radius}></circle>
          <circle part="hub" class="hub" cx=${c} cy=${c} r=${hub}></circle>
        </svg>
        <svg part="pointer" class="pointer" viewBox="0 0 24 28" aria-hidden="true"><path d="M2 2 H22 L12 26 Z"></path></svg>
      </div>
      <ul class="visually-hidden" aria-label=${this.msg('wheelSegments', { label: this.label || this.msg('wheelLabel') })}>
        ${segments.map((segment) => html`<li>${segment.label} (${percent.format((segment.end - segment.start) / 360)})</li>`)}
      </ul>
      <button part="spin-button" type="button" aria-disabled=${this.active ? 'true' : 'false'} @click=${this.onSpinClick}>
        ${this.msg('wheelSpin')}
      </button>
    `;
  }

  private renderHistory() {
    const time = new Intl.DateTimeFormat(this.effectiveLocale, { timeStyle: 'short' });
    return html`<ol part="history" class="history" aria-label=${this.msg('wheelHistory')}>
      ${this.results.map((entry) => html`<li>${entry.label}<time datetime=${entry.at.toISOString()}>${time.format(entry.at)}</time></li>`)}
    </ol>`;
  }

  private onSpinClick(): void {
    if (!this.active) void this.spin();
  }
}

function circlePath(): string {
  const { center: c, radius: r } = GEOMETRY;
  return `M ${c - r} ${c} A ${r} ${r} 0 1 1 ${c + r} ${c} A ${r} ${r} 0 1 1 ${c - r} ${c} Z`;
}

function clampNumber(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : fallback;
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-wheel-spinner': OnAirWheelSpinnerElement;
  }
  interface HTMLElementEventMap {
    'onair-spin-start': CustomEvent<SpinEventDetail>;
    'onair-spin-tick': CustomEvent<{ index: number }>;
    'onair-spin-end': CustomEvent<SpinEndDetail>;
    'onair-spin-rejected': CustomEvent<{ reason: string }>;
  }
}
