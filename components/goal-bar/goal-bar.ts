import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import { BehaviorSubject, distinctUntilChanged, EMPTY, type Observable } from 'rxjs';
import type { Currency, Platform, TipMenu } from '../../platform/model.js';
import { startingWith, switchTo } from '../../platform/streams.js';
import { currency as asCurrency, date, num, oneOf, text } from '../../platform/validate.js';
import { customElement } from '../shared/define.js';
import { emit } from '../shared/events.js';
import { formatAmount, numberFormat } from '../shared/format.js';
import { addEnglish } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { goalBarStyles } from './goal-bar.styles.js';
import { GoalTally, goalTargets, reachedCount } from './goal-tally.js';
import { readStored, writeStored } from '../shared/stored.js';
import { goalBarEnglish } from './goal-bar.messages.js';

addEnglish(goalBarEnglish);

export type GoalOrientation = 'horizontal' | 'vertical';
const ORIENTATIONS = ['horizontal', 'vertical'] as const;

export interface GoalReachedDetail {
  /** The target just reached. */
  target: number;
  /** The goal's total, starting amount included. */
  total: number;
  currency: Currency;
  /** 0 for the goal, 1 for the first stretch target, … */
  index: number;
  /** True when no stretch target is left. */
  final: boolean;
}

/** Totals are written at most this often while tips arrive, and on removal. */
const SAVE_DELAY = 1000;
/** How long the celebration shows, by default and at most. */
const CELEBRATE_MS = 4000;
const MAX_CELEBRATE_MS = 60_000;
const MAX_STRETCH = 20;
const MAX_AMOUNT = 1e12;

/**
 * A bar that fills toward a target from the tips in the goal's currency: amount / target and a
 * percentage, a celebration when a target is reached (no motion under reduced motion), then on to
 * the next `stretch` target. A tip that crosses a target first fills the bar to 100 % of the
 * target it reached and celebrates it for `celebration-duration`; only then does the bar start
 * again toward the next target, so a big tip never skips the moment of reaching the goal. The total is kept in localStorage per goal, so an OBS source that
 * reloads keeps it; a tip is counted once even if the host sends it again. Tips count from the
 * moment the bar is on the page: the latest tip a host replays to a new subscriber is not counted.
 *
 * The window is `session` (from the first time this goal was shown until `reset()`) or, with
 * `since`, every tip from that date on. A session goal on a host that keeps a goal total in its own
 * store (`goalTotal$`) shows that total instead, so every page and every reload agree; `reset()`
 * then resets the store. The local tally remains the fallback until the store answers.
 *
 * @summary A goal bar that fills from tips, with stretch targets.
 *
 * @fires {CustomEvent<GoalReachedDetail>} onair-goal-reached - A tip took the total across a target. Detail `{ target, total, currency, index, final }`.
 *
 * @csspart base - The wrapper.
 * @csspart header - The row with the title and the stretch label.
 * @csspart title - The goal's title.
 * @csspart stretch - "Stretch goal N" once the first target is reached.
 * @csspart track - The bar's track (the progressbar).
 * @csspart fill - The filled part of the bar.
 * @csspart figures - The row with amount / target and the percentage.
 * @csspart amount - Amount / target.
 * @csspart percent - The percentage of the current target.
 * @csspart reached - "Goal reached!" while celebrating, and once every target is reached.
 *
 * @cssprop --onair-goal-bar-thickness - Thickness of the bar. Default `1rem`.
 * @cssprop --onair-goal-bar-length - Length of a vertical bar. Default `12rem`.
 * @cssprop --onair-goal-bar-track - Track colour. Default: the shared `--onair-surface`.
 * @cssprop --onair-goal-bar-fill - Fill colour. Default: the shared `--onair-accent`.
 * @cssprop --onair-goal-bar-reached-fill - Fill colour once the goal is reached. Default: the shared `--onair-success`.
 */
@customElement('onair-goal-bar')
export class OnAirGoalBarElement extends OnAirElement {
  static override styles = goalBarStyles;

  /** The target amount, in `currency`. Without one the bar shows the total alone. */
  @property({ type: Number }) goal?: number;
  /** The goal's title, e.g. "New microphone"; defaults to "Goal" in the widget's language. */
  @property() override title = '';
  /** The currency counted (`tokens`, `bits`, `USD`…); defaults to the host's tip menu currency, else tokens. */
  @property() currency?: string;
  /** Counts tips from this date on (ISO 8601); unset, the goal counts its own session. */
  @property() since?: string;
  /** An amount already raised elsewhere, added to the total. */
  @property({ type: Number }) start?: number;
  /** Further targets after the goal, comma-separated (`2000,5000`) or as an array. */
  @property() stretch?: string | number[];
  /** `horizontal` (default) or `vertical`. */
  @property() orientation?: GoalOrientation;
  /** How long a reached target is celebrated at 100 % before the bar moves on, in milliseconds (default 4000). */
  @property({ type: Number, attribute: 'celebration-duration' }) celebrationDuration?: number;
  /** localStorage key of the total; by default one per goal (its `id`, else its title), currency and window (session or `since`). */
  @property({ attribute: 'storage-key' }) storageKey?: string;

  @state() private menuCurrency?: Currency;
  /** The host store's total for this goal, once it answered. */
  @state() private stored?: number;
  /** Set while the celebration shows. */
  @state() private celebrating = false;
  /** While celebrating: the index of the target just reached, which the bar shows full. */
  private celebrated = 0;

  private tally?: GoalTally;
  private loadedKey?: string;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private celebrateTimer?: ReturnType<typeof setTimeout>;
  private pendingReached: GoalReachedDetail[] = [];
  /** The currency of a session goal (a host store counts only those), else `undefined`. */
  private readonly storeCurrency = new BehaviorSubject<Currency | undefined>(undefined);

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.tipMenu$,
      (menu) => (this.menuCurrency = menuCurrency(menu)),
    );
    this.platformController.observe(
      (platform) => platform.tips$,
      (tip) => {
        const tally = this.currentTally();
        const before = this.total;
        if (!tally.add(tip)) return;
        this.noteReached(before, this.total);
        this.scheduleSave();
        this.requestUpdate();
      },
    );
    this.platformController.observe(
      (platform) => this.storeCurrency.pipe(distinctUntilChanged(), switchTo((currency) => storedTotal(platform, currency))),
      (total) => this.applyStored(total),
    );
  }

  /** The currency counted. */
  get effectiveCurrency(): Currency {
    return asCurrency(this.currency) ?? asCurrency(this.settingFromHost('currency')) ?? this.menuCurrency ?? 'tokens';
  }

  /** The goal's total: the starting amount plus the tips counted. */
  get total(): number {
    return (num(this.start ?? this.settingFromHost('start'), 0, MAX_AMOUNT) ?? 0) + (this.stored ?? this.tally?.total ?? 0);
  }

  /** Every target in order, the goal first. */
  get targets(): number[] {
    return goalTargets(num(this.goal ?? this.settingFromHost('goal'), 0, MAX_AMOUNT), this.stretchTargets());
  }

  /** The target being worked toward; the last one once all are reached. */
  get target(): number | undefined {
    const targets = this.targets;
    return targets[Math.min(reachedCount(targets, this.total), targets.length - 1)];
  }

  /** The target the bar shows: while a reached target is celebrated that one, else `target`. */
  get shownTarget(): number | undefined {
    return this.targets[this.shownIndex(this.targets)];
  }

  /** Where the total is stored. */
  get effectiveStorageKey(): string {
    const custom = text(this.storageKey, 200);
    if (custom) return custom;
    const name = this.id || this.effectiveTitle || 'goal';
    const since = this.sinceTime();
    return `onair-goal-bar:${name}:${this.effectiveCurrency}:${since === undefined ? 'session' : new Date(since).toISOString()}`;
  }

  /**
   * Sets the total back to zero (the starting amount stays) and, for a session goal, starts a new
   * session; a host store that holds the total is reset too.
   */
  reset(): void {
    if (this.stored !== undefined) this.platformController.platform?.resetGoalTotal?.();
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    // A celebration of the old total would hold a target the new total has not reached.
    clearTimeout(this.celebrateTimer);
    this.celebrateTimer = undefined;
    this.celebrating = false;
    this.tally = new GoalTally(this.effectiveCurrency, this.sinceTime() ?? Date.now());
    this.save();
    this.requestUpdate();
  }

  override connectedCallback(): void {
    // Restore before subscribing, so a tip the host sends again is recognised as already counted.
    this.currentTally();
    this.storeCurrency.next(this.sessionCurrency());
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.celebrateTimer);
    this.celebrateTimer = undefined;
    this.celebrating = false;
    if (this.saveTimer !== undefined) this.save();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.currentTally();
    this.storeCurrency.next(this.sessionCurrency());
    this.dataset.orientation = this.effectiveOrientation;
  }

  override render() {
    const locale = this.effectiveLocale;
    const currency = this.effectiveCurrency;
    const targets = this.targets;
    const total = this.total;
    const reached = reachedCount(targets, total);
    const shown = this.shownIndex(targets);
    const target = targets[shown];
    const fraction = target ? Math.min(total / target, 1) : 0;
    const money = (value: number) => formatAmount(value, currency, locale, 'standard', this.messages);
    const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
    const title = this.effectiveTitle ?? this.msg('goalLabel');
    const complete = targets.length > 0 && reached >= targets.length;
    const stretchIndex = shown;
    return html`<div part="base" class="base" lang=${this.messageLang} ?data-complete=${complete} ?data-celebrating=${this.celebrating}>
      <div part="header" class="header">
        <span part="title" class="title" id="title">${title}</span>
        ${stretchIndex > 0 ? html`<span part="stretch" class="stretch">${this.msg('goalStretch', { n: String(stretchIndex) })}</span>` : nothing}
      </div>
      <div
        part="track"
        class="track"
        role="progressbar"
        aria-labelledby="title"
        aria-valuemin="0"
        aria-valuemax=${target ?? nothing}
        aria-valuenow=${target ? Math.min(total, target) : nothing}
        aria-valuetext=${target ? this.msg('goalProgress', { amount: money(total), goal: money(target), percent }) : money(total)}
      >
        ${keyed(shown, html`<div part="fill" class="fill" style=${styleMap({ '--_fraction': String(fraction) })}></div>`)}
      </div>
      <div part="figures" class="figures">
        <span part="amount" class="amount">${target ? `${money(total)} / ${money(target)}` : money(total)}</span>
        ${target ? html`<span part="percent" class="percent">${percent}</span>` : nothing}
      </div>
      ${this.celebrating || complete ? html`<p part="reached" class="reached" role="status">${this.msg('goalReached')}</p>` : nothing}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const reached = this.pendingReached;
    this.pendingReached = [];
    for (const detail of reached) emit(this, 'onair-goal-reached', detail);
  }

  /**
   * Index of the target shown: the one being celebrated, else the one worked toward (the last once
   * all are reached). A new index is a new fill element, which grows from empty.
   */
  private shownIndex(targets: readonly number[]): number {
    const working = Math.min(reachedCount(targets, this.total), targets.length - 1);
    return this.celebrating ? Math.min(this.celebrated, working) : working;
  }

  /** The title set on the element, else in the host's settings. */
  private get effectiveTitle(): string | undefined {
    return text(this.title, 80) ?? text(this.settingFromHost('title'), 80);
  }


  private get effectiveOrientation(): GoalOrientation {
    return oneOf(ORIENTATIONS, this.orientation) ?? oneOf(ORIENTATIONS, this.settingFromHost('orientation')) ?? 'horizontal';
  }

  /** The currency of a session goal; `undefined` for a goal since a date, which no host store counts. */
  private sessionCurrency(): Currency | undefined {
    return this.sinceTime() === undefined ? this.effectiveCurrency : undefined;
  }

  /** A new total from the host's store; the first one is where the goal stands, not a crossing. */
  private applyStored(total: number | undefined): void {
    const before = this.total;
    const first = this.stored === undefined;
    this.stored = num(total, 0, MAX_AMOUNT);
    if (!first && this.stored !== undefined) this.noteReached(before, this.total);
  }

  /** Queues an event per target crossed and starts (or restarts) the one celebration timer. */
  private noteReached(before: number, after: number): void {
    const targets = this.targets;
    const from = reachedCount(targets, before);
    const to = reachedCount(targets, after);
    if (to <= from) return;
    for (let index = from; index < to; index += 1) {
      this.pendingReached.push({ target: targets[index], total: after, currency: this.effectiveCurrency, index, final: index === targets.length - 1 });
    }
    this.celebrated = to - 1;
    this.celebrating = true;
    clearTimeout(this.celebrateTimer);
    const duration = num(this.celebrationDuration ?? this.settingFromHost('celebration-duration'), 0, MAX_CELEBRATE_MS) ?? CELEBRATE_MS;
    this.celebrateTimer = setTimeout(() => {
      this.celebrateTimer = undefined;
      this.celebrating = false;
    }, duration);
  }

  private stretchTargets(): number[] {
    const stretch = this.stretch ?? this.settingFromHost('stretch');
    const source: unknown[] = typeof stretch === 'string' ? stretch.split(',') : Array.isArray(stretch) ? stretch : [];
    return source
      .slice(0, MAX_STRETCH)
      .map((value) => num(value, 0, MAX_AMOUNT))
      .filter((value): value is number => value !== undefined);
  }

  private sinceTime(): number | undefined {
    const since = this.since ?? this.settingFromHost('since');
    return typeof since === 'string' && since.trim() !== '' ? date(since.trim())?.getTime() : undefined;
  }

  /** The tally for the goal as configured now, loaded from storage when the goal changed. */
  private currentTally(): GoalTally {
    const key = this.effectiveStorageKey;
    if (this.tally && this.loadedKey === key && this.tally.currency === this.effectiveCurrency) return this.tally;
    if (this.saveTimer !== undefined) this.save(); // the previous goal's unsaved tips
    this.loadedKey = key;
    const since = this.sinceTime();
    // A session goal counts every tip that arrives (tips$ replays none from before), whatever its time: a host's clock may run behind this page's, and this tally may be
    // created by the very tip it must count.
    this.tally = GoalTally.restore(readStored(key), this.effectiveCurrency, since) ?? new GoalTally(this.effectiveCurrency, since ?? 0);
    return this.tally;
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => this.save(), SAVE_DELAY);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.tally || !this.loadedKey) return;
    writeStored(this.loadedKey, this.tally.snapshot());
  }
}

/**
 * The host store's total for a session goal in `currency`: `undefined` first (the local tally shows
 * until the store answers) and for good when the host keeps none.
 */
function storedTotal(platform: Platform, currency: Currency | undefined): Observable<number | undefined> {
  const store = currency === undefined ? undefined : platform.goalTotal$?.(currency);
  return startingWith<number | undefined>(undefined, store ?? EMPTY);
}

function menuCurrency(menu: TipMenu): Currency | undefined {
  return menu.enabled ? asCurrency(menu.items.find((item) => asCurrency(item?.currency))?.currency) : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-goal-bar': OnAirGoalBarElement;
  }
  interface OnAirEventMap {
    'onair-goal-reached': CustomEvent<GoalReachedDetail>;
  }
}
