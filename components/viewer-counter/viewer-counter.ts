import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import type { Viewers } from '../../platform/model.js';
import { count, text } from '../../platform/validate.js';
import { easeOut } from '../shared/easing.js';
import { emit } from '../shared/events.js';
import { formatCount, type Notation } from '../shared/format.js';
import { addEnglish, type MessageId } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { viewerCounterStyles } from './viewer-counter.styles.js';
import { counterEnglish } from './viewer-counter.messages.js';

addEnglish(counterEnglish);

export interface MilestoneDetail {
  /** The milestone crossed upward. */
  milestone: number;
  /** The total that crossed it. */
  total: number;
}

/** What the counter shows: a count, or why it has none. */
export type CounterState = 'waiting' | 'hostless' | 'unsupported' | 'offline' | 'unavailable' | 'live';

const TWEEN_MS = 600;
const MAX_MILESTONES = 100;
const MAX_BREAKDOWN = 8;
const DEFAULT_ANNOUNCE_SECONDS = 10;

const REASONS: Record<Exclude<CounterState, 'live'>, MessageId> = {
  waiting: 'connecting',
  hostless: 'counterNoHost',
  unsupported: 'counterUnsupported',
  offline: 'counterOffline',
  unavailable: 'counterUnavailable',
};

/** `"100, 500,1000"` → `[100, 500, 1000]`: positive, deduplicated, ascending, capped. */
export function parseMilestones(value: string | undefined): number[] {
  if (!value) return [];
  const numbers = value
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((n) => Number.isFinite(n) && n > 0);
  return [...new Set(numbers)].sort((a, b) => a - b).slice(0, MAX_MILESTONES);
}

/** Milestones `from` < m <= `to`, ascending: the ones a rise from `from` to `to` crosses. */
export function crossedMilestones(milestones: readonly number[], from: number, to: number): number[] {
  return milestones.filter((m) => from < m && m <= to);
}


/**
 * The live audience size. Changes tween over a short animation frame loop that stops at the new
 * value (or jump under reduced motion); screen readers hear a throttled polite announcement
 * instead of every frame.
 *
 * @summary Live viewer count with compact notation, milestones and a per-platform breakdown.
 * @slot - The label after the number; defaults to "viewers" (or "in chat" when the host counts people present in chat) in the widget's language.
 * @fires {CustomEvent<MilestoneDetail>} onair-milestone - The total rose across a milestone. `detail: { milestone, total }`.
 * @csspart base - The wrapper.
 * @csspart count - The (tweened) number.
 * @csspart label - The label after the number.
 * @csspart message - Why no number is shown (no host, unsupported, offline, unavailable).
 * @csspart breakdown - The per-platform list.
 * @csspart breakdown-item - One platform in the list.
 * @cssprop --onair-counter-size - Font size of the number; the rest scales from it.
 * @cssprop --onair-counter-color - Colour of the numbers.
 * @cssprop --onair-counter-label-color - Colour of the label, message and breakdown names.
 * @cssprop --onair-counter-gap - Space between number and label.
 * @cssprop --onair-text-shadow - Shadow that keeps the text readable over video (`none` to drop it).
 * @cssprop --onair-counter-background - Background of the `pill` appearance. Default: a near-opaque dark (light theme: light) surface.
 * @cssprop --onair-counter-padding - Padding of the `pill` appearance. Default `0.3em 0.8em`.
 * @cssprop --onair-counter-radius - Corner radius of the `pill` appearance. Default `1.4em`.
 */
@customElement('onair-viewer-counter')
export class OnAirViewerCounterElement extends OnAirElement {
  static override styles = viewerCounterStyles;

  /** `standard` (12,345) or `compact` (12.3K). Unset: the host's setting, else `standard`. */
  @property() notation?: Notation;
  /**
   * `plain` (default: text with a shadow, no background) or `pill`: the count on a rounded
   * background that stays readable over busy video.
   */
  @property() appearance?: 'plain' | 'pill';
  /** Shows a per-platform breakdown when the host reports one. */
  @property({ type: Boolean }) breakdown = false;
  /** Comma-separated totals, e.g. `100,500,1000`; crossing one upward fires `onair-milestone`. */
  @property() milestones?: string;
  /** Seconds between screen reader announcements of the count, at most. */
  @property({ type: Number, attribute: 'announce-interval' }) announceInterval = DEFAULT_ANNOUNCE_SECONDS;

  @state() private viewers?: Viewers | null;
  /** The number on screen; differs from the total only while a tween runs. */
  @state() private shown?: number;

  @query('.live') private liveRegion?: HTMLElement;
  @query('slot') private labelSlot?: HTMLSlotElement;

  private milestoneList: number[] = [];
  /** The last total seen since mount; `undefined` until the first, which crosses nothing. */
  private lastTotal?: number;
  private frame?: number;
  private queuedAnnouncement = '';
  private pendingAnnouncement?: string;
  private lastAnnouncedAt = -Infinity;
  private announceTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.viewers$,
      (viewers) => this.receive(viewers),
    );
  }

  /** What the counter shows right now. */
  get state(): CounterState {
    const connection = this.connection.state;
    if (!this.platformController.platform) return 'waiting';
    if (this.hostless) return 'hostless';
    if (!this.hasCapability('viewers')) return 'unsupported';
    if (connection === 'disconnected' || connection === 'error') return 'offline';
    if (this.viewers === null && connection !== 'connected') return 'waiting';
    if (this.viewers === null) return 'unavailable';
    if (this.viewers === undefined) return 'waiting';
    return 'live';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTween();
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.pendingAnnouncement = undefined;
    this.queuedAnnouncement = '';
    this.lastAnnouncedAt = -Infinity;
    // The stream replays its latest value on reconnection; that is a fresh start, not a crossing.
    this.lastTotal = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('milestones')) this.milestoneList = parseMilestones(this.milestones);
    const appearance = this.appearance ?? this.settingFromHost('appearance');
    this.dataset.appearance = appearance === 'pill' ? 'pill' : 'plain';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.queueAnnouncement(this.announcementText());
  }

  override render() {
    const state = this.state;
    return html`
      <div part="base" class="base" data-state=${state} lang=${this.messageLang}>
        ${state === 'live' ? this.renderTotal() : this.renderMessage(state)}
        ${state === 'live' ? this.renderBreakdown() : nothing}
        <span class="live visually-hidden" aria-live="polite"></span>
      </div>
    `;
  }

  private renderTotal() {
    return html`
      <span class="total" aria-hidden="true">
        <span part="count" class="count">${formatCount(this.shown ?? 0, this.effectiveLocale, this.effectiveNotation)}</span>
        <span part="label" class="label"><slot @slotchange=${() => this.queueAnnouncement(this.announcementText())}>${this.defaultLabel()}</slot></span>
      </span>
    `;
  }

  private renderMessage(state: Exclude<CounterState, 'live'>) {
    return html`<span part="message" class="message" aria-hidden="true">${this.msg(REASONS[state])}</span>`;
  }

  private renderBreakdown() {
    const entries = this.breakdown ? breakdownEntries(this.viewers?.byPlatform) : [];
    if (entries.length === 0) return nothing;
    return html`
      <ul part="breakdown" class="breakdown" aria-label=${this.msg('counterBreakdown')}>
        ${entries.map(
          ([name, total]) => html`<li part="breakdown-item">
            <span class="breakdown-name">${name}</span><span class="breakdown-count">${formatCount(total, this.effectiveLocale, this.effectiveNotation)}</span>
          </li>`,
        )}
      </ul>
    `;
  }

  private get effectiveNotation(): Notation {
    if (this.notation === 'standard' || this.notation === 'compact') return this.notation;
    const fromHost = this.settingFromHost('notation');
    return fromHost === 'compact' ? 'compact' : 'standard';
  }

  private receive(viewers: Viewers | null): void {
    this.viewers = viewers;
    if (viewers === null) return;
    const previous = this.lastTotal;
    this.lastTotal = viewers.total;
    this.tweenTo(viewers.total);
    if (previous === undefined) return;
    for (const milestone of crossedMilestones(this.milestoneList, previous, viewers.total)) {
      emit(this, 'onair-milestone', { milestone, total: viewers.total });
    }
  }

  private tweenTo(target: number): void {
    this.stopTween();
    const from = this.shown;
    if (from === undefined || from === target || this.motionReduced || this.paused) {
      this.shown = target;
      return;
    }
    const start = performance.now();
    const step = (now: number) => {
      const t = Math.min(1, Math.max(0, (now - start) / TWEEN_MS));
      this.shown = t < 1 ? Math.round(from + (target - from) * easeOut(t)) : target;
      this.frame = t < 1 ? requestAnimationFrame(step) : undefined;
    };
    this.frame = requestAnimationFrame(step);
  }

  /** Ends a running tween on its target, so a removed and re-added counter shows the real value. */
  private stopTween(): void {
    if (this.frame === undefined) return;
    cancelAnimationFrame(this.frame);
    this.frame = undefined;
    if (this.lastTotal !== undefined) this.shown = this.lastTotal;
  }

  private announcementText(): string {
    const state = this.state;
    if (state === 'waiting') return '';
    if (state !== 'live') return this.msg(REASONS[state]);
    if (!this.viewers) return '';
    const label = labelText(this.labelSlot) || this.defaultLabel();
    return `${formatCount(this.viewers.total, this.effectiveLocale, this.effectiveNotation)} ${label}`;
  }

  /** "viewers", or "in chat" when the host counts people present in chat instead. */
  private defaultLabel(): string {
    return this.msg(this.viewers?.counts === 'chatters' ? 'counterLabelChatters' : 'counterLabel');
  }

  /**
   * Leading-edge throttle: the first change is announced at once, later ones at most once per
   * `announce-interval`, always with the latest text and only when it differs from the last.
   */
  private queueAnnouncement(text: string): void {
    if (!text || text === this.queuedAnnouncement || !this.isConnected) return;
    this.queuedAnnouncement = text;
    this.pendingAnnouncement = text;
    if (this.announceTimer !== undefined) return;
    const wait = this.lastAnnouncedAt + this.intervalMs() - performance.now();
    if (wait <= 0) {
      this.flushAnnouncement();
      return;
    }
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      this.flushAnnouncement();
    }, wait);
  }

  private flushAnnouncement(): void {
    const text = this.pendingAnnouncement;
    this.pendingAnnouncement = undefined;
    const region = this.liveRegion;
    if (!text || !region || region.textContent === text) return;
    region.textContent = text;
    this.lastAnnouncedAt = performance.now();
  }

  private intervalMs(): number {
    const seconds = Number.isFinite(this.announceInterval) && this.announceInterval >= 0 ? this.announceInterval : DEFAULT_ANNOUNCE_SECONDS;
    return seconds * 1000;
  }
}

function labelText(slot: HTMLSlotElement | undefined): string {
  if (!slot) return '';
  return slot
    .assignedNodes({ flatten: true })
    .map((node) => node.textContent ?? '')
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Valid per-platform counts with clean names, largest first, capped. */
function breakdownEntries(byPlatform: Record<string, number> | undefined): [string, number][] {
  const entries: [string, number][] = [];
  for (const [key, value] of Object.entries(byPlatform ?? {})) {
    const name = text(key, 32);
    const total = count(value);
    if (name !== undefined && total !== undefined) entries.push([name, total]);
  }
  return entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_BREAKDOWN);
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-viewer-counter': OnAirViewerCounterElement;
  }
  interface OnAirEventMap {
    'onair-milestone': CustomEvent<MilestoneDetail>;
  }
}
