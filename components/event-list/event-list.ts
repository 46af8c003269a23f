import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Currency, Tip } from '../../platform/model.js';
import { currency as asCurrency, num } from '../../platform/validate.js';
import { customElement } from '../shared/define.js';
import { emit } from '../shared/events.js';
import { formatAmount, formatCount } from '../shared/format.js';
import { addEnglish, plural } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { readStored, writeStored } from '../shared/stored.js';
import { eventListStyles } from './event-list.styles.js';
import { MAX_ROWS, RecentEvents, type ListedEvent } from './recent-events.js';
import { eventListEnglish } from './event-list.messages.js';

addEnglish(eventListEnglish);

export type { ListedEvent } from './recent-events.js';

export interface EventsShownDetail {
  /** Tips counted since the previous frame: every one, listed or pushed past the last row. */
  count: number;
  /** Tips counted since the last reset. */
  total: number;
  /** The rows new on the list in this frame, newest first. */
  events: readonly ListedEvent[];
}

const DEFAULT_KEY = 'onair-event-list';
const DEFAULT_LIMIT = 10;
/**
 * The list is written this long after a tip at most, on removal and when the page goes away (an
 * OBS source reloading): a reload loses no tip the list showed.
 */
const SAVE_DELAY = 250;

/**
 * The latest tips, newest first: who, how much in the tip's own currency and their message, always
 * as text. A new row slides in (no motion under reduced motion). Tips are counted as they arrive
 * and drawn once per animation frame, so a burst of hundreds of tips a second costs one render per
 * frame and none is left out of the count (`count`, the `show-total` line and the
 * `onair-events-shown` event). The list is kept in localStorage, so a reloading OBS source shows it
 * again, and a tip the host sends twice is listed once.
 *
 * Host settings (`settings['event-list']` in the host context) may give `limit`, `min-amount` and
 * `currencies` where the page set none.
 *
 * @summary A list of the latest tips, newest first.
 *
 * @fires {CustomEvent<EventsShownDetail>} onair-events-shown - New tips were drawn (at most once per frame). Detail `{ count, total, events }`.
 *
 * @csspart base - The wrapper.
 * @csspart list - The list of rows (an `<ol>`).
 * @csspart row - One tip.
 * @csspart new - A row that entered in the latest frame (also `row`), while it slides in.
 * @csspart name - The tipper's name.
 * @csspart amount - The amount with its currency.
 * @csspart message - The tipper's message.
 * @csspart total - "N tips" under the list, with `show-total`.
 * @csspart status - The empty or unavailable state text.
 *
 * @cssprop --onair-event-list-row-background - Row background. Default: the shared `--onair-surface`.
 * @cssprop --onair-event-list-row-gap - Space between rows. Default `0.35rem`.
 * @cssprop --onair-event-list-amount-color - Colour of the amount. Default: the shared `--onair-accent`.
 * @cssprop --onair-event-list-enter-distance - How far a new row slides in from. Default `-0.75rem` (from above).
 */
@customElement('onair-event-list')
export class OnAirEventListElement extends OnAirElement {
  static override styles = eventListStyles;

  /** Rows shown, 1 to 50 (default 10). */
  @property({ type: Number }) limit?: number;
  /** Tips below this amount (in their own currency) are neither listed nor counted. */
  @property({ type: Number, attribute: 'min-amount' }) minAmount?: number;
  /** Comma-separated currencies to list, e.g. `tokens,USD`; all when unset. */
  @property() currencies?: string;
  /** Leaves the tippers' messages out. */
  @property({ type: Boolean, attribute: 'hide-messages' }) hideMessages = false;
  /** Shows how many tips were counted since the last reset under the list. */
  @property({ type: Boolean, attribute: 'show-total' }) showTotal = false;
  /** localStorage key of the list; lists with different keys keep separate tips. */
  @property({ attribute: 'storage-key' }) storageKey = DEFAULT_KEY;

  /** The rows as of the last frame drawn. */
  @state() private shown: readonly ListedEvent[] = [];

  private events = new RecentEvents();
  private loadedKey?: string;
  private frame?: number;
  /** Tips counted since the last frame drawn, and the new rows among them (bounded). */
  private batchCount = 0;
  private batchRows: ListedEvent[] = [];
  /** Keys of the rows that entered in the frame drawn last, for their enter animation. */
  private entering: ReadonlySet<string> = new Set();
  private drawn?: EventsShownDetail;
  private filterFor?: [unknown, unknown];
  private filtered: { min?: number; currencies: Currency[] } = { currencies: [] };
  private saveTimer?: ReturnType<typeof setTimeout>;
  private readonly saveNow = () => {
    if (this.saveTimer !== undefined) this.save();
  };

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.tips$,
      (tip) => this.receive(tip),
    );
  }

  /** Tips counted since the last reset, whether or not they are still on the list. */
  get count(): number {
    return this.events.count;
  }

  /** Every row kept (up to 50), newest first, including tips not drawn yet. */
  get rows(): readonly ListedEvent[] {
    return this.events.rows;
  }

  get effectiveLimit(): number {
    return Math.floor(num(this.limit, 1, MAX_ROWS) ?? num(this.settingFromHost('limit'), 1, MAX_ROWS) ?? DEFAULT_LIMIT);
  }

  /** Empties the list, its count and its stored copy. */
  reset(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.events.clear();
    this.batchCount = 0;
    this.batchRows = [];
    this.shown = [];
    this.entering = new Set();
    writeStored(this.storageKey, this.events.snapshot());
  }

  override connectedCallback(): void {
    // Restore before subscribing, so a tip the host sends again is recognised as already listed.
    if (this.loadedKey !== this.storageKey) this.load();
    super.connectedCallback();
    addEventListener('pagehide', this.saveNow);
    if (this.batchCount > 0) this.scheduleFrame();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this.saveNow);
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.saveNow();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('storageKey') && this.loadedKey !== undefined && this.loadedKey !== this.storageKey) this.load();
  }

  override render() {
    const rows = this.shown.slice(0, this.effectiveLimit);
    return html`<div part="base" class="base" lang=${this.messageLang}>
      ${rows.length > 0 ? this.renderList(rows) : html`<p part="status" class="status">${this.statusText()}</p>`}
      ${this.showTotal && this.events.count > 0
        ? html`<p part="total" class="total">${plural(this.effectiveLocale, this.msg('eventsTotal', { n: formatCount(this.events.count, this.effectiveLocale) }), this.events.count)}</p>`
        : nothing}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const drawn = this.drawn;
    this.drawn = undefined;
    if (drawn) emit(this, 'onair-events-shown', drawn);
  }

  private renderList(rows: readonly ListedEvent[]) {
    const locale = this.effectiveLocale;
    const someone = this.msg('eventsSomeone');
    const messages = !this.hideMessages;
    return html`<ol part="list" class="list" aria-label=${this.msg('eventsLabel')}>
      ${repeat(
        rows,
        (row) => row.key,
        (row) => {
          const entering = this.entering.has(row.key);
          return html`<li part=${entering ? 'row new' : 'row'} class="row" ?data-new=${entering}>
            <span part="name" class="name">${row.name || someone}</span>
            <span part="amount" class="amount">${formatAmount(row.amount, row.currency, locale, 'standard', this.messages)}</span>
            ${messages && row.message ? html`<span part="message" class="message">${row.message}</span>` : nothing}
          </li>`;
        },
      )}
    </ol>`;
  }

  private statusText(): string {
    if (this.hostless) return this.msg('noHost');
    if (!this.hasCapability('tips')) return this.msg('eventsNoTips');
    return this.msg('eventsEmpty');
  }

  /** Counts the tip now; the list is drawn on the next frame, however many tips come first. */
  private receive(tip: Tip): void {
    if (!this.accepts(tip)) return;
    const row = this.events.add(tip);
    if (!row) return;
    this.batchCount += 1;
    this.batchRows.unshift(row);
    if (this.batchRows.length > MAX_ROWS) this.batchRows.length = MAX_ROWS;
    this.saveTimer ??= setTimeout(() => this.save(), SAVE_DELAY);
    this.scheduleFrame();
  }

  private scheduleFrame(): void {
    this.frame ??= requestAnimationFrame(() => this.drawFrame());
  }

  private drawFrame(): void {
    this.frame = undefined;
    const limit = this.effectiveLimit;
    const events = this.batchRows.slice(0, limit);
    this.drawn = { count: this.batchCount, total: this.events.count, events };
    this.batchCount = 0;
    this.batchRows = [];
    this.entering = new Set(events.map((row) => row.key));
    this.shown = this.events.rows.slice();
  }

  private accepts(tip: Tip): boolean {
    const { min, currencies } = this.filter();
    if (min !== undefined && !(tip?.amount >= min)) return false;
    return currencies.length === 0 || currencies.includes(tip?.currency);
  }

  /** The minimum and currencies, read again only when their inputs changed (a flood checks every tip). */
  private filter(): { min?: number; currencies: Currency[] } {
    const min = this.minAmount ?? this.settingFromHost('min-amount');
    const currencies = this.currencies ?? this.settingFromHost('currencies');
    if (!this.filterFor || this.filterFor[0] !== min || this.filterFor[1] !== currencies) {
      this.filterFor = [min, currencies];
      this.filtered = { min: num(min, 0), currencies: this.currencyList(currencies) };
    }
    return this.filtered;
  }

  private currencyList(value: unknown): Currency[] {
    if (typeof value !== 'string') return [];
    return value
      .split(',')
      .map((item) => asCurrency(item.trim()))
      .filter((item): item is string => item !== undefined);
  }

  private load(): void {
    this.saveNow(); // the previous key's unsaved tips
    this.loadedKey = this.storageKey;
    this.events = RecentEvents.restore(readStored(this.storageKey));
    this.batchCount = 0;
    this.batchRows = [];
    this.entering = new Set();
    this.shown = this.events.rows.slice();
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    writeStored(this.loadedKey ?? this.storageKey, this.events.snapshot());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-event-list': OnAirEventListElement;
  }
  interface OnAirEventMap {
    'onair-events-shown': CustomEvent<EventsShownDetail>;
  }
}
