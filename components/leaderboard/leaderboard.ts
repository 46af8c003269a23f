import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import { BehaviorSubject, distinctUntilChanged, EMPTY, map, type Observable } from 'rxjs';
import { type Currency, LEADERBOARD_WINDOWS, type LeaderboardEntry, type LeaderboardWindow, type Platform, type Tip, type TipMenu } from '../../platform/model.js';
import { startingWith, switchTo } from '../../platform/streams.js';
import { currency as asCurrency, date, id, isRecord, num, oneOf, text } from '../../platform/validate.js';
import { emit } from '../shared/events.js';
import { formatAmount, formatCount, type Notation } from '../shared/format.js';
import { addEnglish, messagesVersion, type MessageId, type Messages } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { MAX_LIMIT, TipAggregator, type Rates } from './aggregator.js';
import { parseRates, resolveRates } from './rates.js';
import { currencyName, listFormat } from './currency-names.js';
import { renderHeading } from '../shared/heading.js';
import { headingStyles } from '../shared/heading.styles.js';
import { leaderboardStyles } from './leaderboard.styles.js';
import { readStored, writeStored } from '../shared/stored.js';
import { leaderboardEnglish } from './leaderboard.messages.js';

addEnglish(leaderboardEnglish);

export interface RankChangeDetail {
  userId: string;
  name: string;
  /** The previous visible rank, or `null` when the contributor was not on the board. */
  from: number | null;
  to: number;
}

const DEFAULT_KEY = 'onair-leaderboard';
/** Local totals are written at most this often while tips arrive, and on removal. */
const SAVE_DELAY = 1000;
/** Re-reads a rolling window when its oldest bucket leaves it, but at least this often. */
const MAX_EXPIRY_WAIT = 3_600_000;

const WINDOW_NAMES: Record<LeaderboardWindow, MessageId> = {
  session: 'boardSession',
  '1d': 'board1d',
  '7d': 'board7d',
  '30d': 'board30d',
  all: 'boardAll',
};

/** What the board ranks: one currency, or every currency with a rate, converted into it. */
interface Ranking {
  currency: Currency;
  /** Set when tips in other currencies are converted into `currency` and ranked together. */
  rates?: Rates;
}

interface StoreUpdate {
  entries: LeaderboardEntry[] | null;
  /** The first answer for a window/limit: a different board, not a change of this one. */
  first: boolean;
}

/**
 * Top contributors for a time window. Uses the host's own leaderboard when it has one for the
 * window; otherwise it totals `tips$` locally (in localStorage, so a reloading OBS source keeps its
 * board). Amounts in different currencies are never added together unless the streamer gives
 * `rates`: the board says which currency it ranks ("Ranked in USD") and names the currencies whose
 * tips it leaves out. Without a `currency` (attribute, host setting or tip menu) it ranks the
 * currency most contributors in the window tipped in, chosen afresh as tips arrive.
 *
 * @summary A ranked board of the top tippers.
 *
 * @fires {CustomEvent<RankChangeDetail>} onair-rank-change - A contributor moved up into or within the visible rows because of new
 *   tips. Detail `{ userId, name, from, to }` (`from` is `null` for a new entry).
 *
 * @slot heading - A title shown above the board; replaces the `heading` attribute's text.
 *
 * @csspart base - The wrapper.
 * @csspart header - The row above the board: the heading and the currency caption.
 * @csspart heading - The board's title (`heading` attribute or slot), an `h2`.
 * @csspart currency - Which currency is ranked ("Ranked in USD", "All currencies, counted in USD").
 * @csspart note - The currencies whose tips the board leaves out.
 * @csspart list - The ordered list of rows.
 * @csspart row - One contributor's row.
 * @csspart rank - The rank number.
 * @csspart name - The contributor's name.
 * @csspart amount - The contributor's total.
 * @csspart status - The empty or unavailable state text.
 *
 * @cssprop --onair-leaderboard-row-gap - Space between rows.
 * @cssprop --onair-leaderboard-row-background - Row background.
 * @cssprop --onair-leaderboard-highlight - Flash colour of a row that just entered the board.
 * @cssprop --onair-leaderboard-rank-color - Rank number colour.
 * @cssprop --onair-heading-size - Size of the heading. Default `1.1em`.
 * @cssprop --onair-heading-color - Colour of the heading. Default: the shared `--onair-color`.
 * @cssprop --onair-leaderboard-min-width - Narrowest the board gets where there is room. Default `14em`.
 * @cssprop --onair-leaderboard-max-width - Widest the board gets. Default `28em`.
 */
@customElement('onair-leaderboard')
export class OnAirLeaderboardElement extends OnAirElement {
  static override styles = [leaderboardStyles, headingStyles];

  /** `session` (default, since this page started), `1d`, `7d`, `30d` (rolling) or `all`. */
  @property() window?: LeaderboardWindow;
  /** Rows shown, 1 to 100 (default 10). */
  @property({ type: Number }) limit?: number;
  /** `compact` (default, `12.3K`) or `standard`. */
  @property() notation?: Notation;
  /**
   * The currency to rank; defaults to the host's tip menu currency, else the currency most
   * contributors in the window tipped in.
   */
  @property() currency?: string;
  /**
   * Ranks tips in every currency together, converted into the board's currency: each entry is
   * the value of one unit there, `EUR=1.08, GBP=1.27` (or JSON `{"EUR":1.08}`). Bits count at
   * $0.01 wherever US dollars are known. Present but empty: the board's currency and Bits only.
   * Tips in a currency without a rate are still left out, and named below the board.
   */
  @property() rates?: string | Record<string, number>;
  /** A visible title above the board, e.g. "Top supporters"; the `heading` slot replaces it. */
  @property() heading?: string;
  /** localStorage key of the local totals; boards with different keys keep separate totals. */
  @property({ attribute: 'storage-key' }) storageKey = DEFAULT_KEY;
  /** The clock for rolling windows, milliseconds since the epoch (tests and replays). */
  @property({ attribute: false }) clock: () => number = Date.now;

  @state() private menuCurrency?: Currency;
  @state() private storeRows: LeaderboardEntry[] | null = null;
  @state() private slottedHeading = false;
  /** Set when the rows are too narrow for names and amounts' unit words (see fitAmounts). */
  @state() private unitsHidden = false;

  private aggregator = this.createAggregator();
  private loadedKey?: string;
  private rows: LeaderboardEntry[] = [];
  /** What the rows were ranked by, and the currencies with tips they leave out. */
  private ranking?: Ranking;
  private leftOut: Currency[] = [];
  private rankingMemo?: { currency?: Currency; source: unknown; aggregator: TipAggregator; store: boolean; ranking?: Ranking };
  /** What the rows were computed for; a change of it is a different board, not rank movement. */
  private shownFor = '';
  /** Set when tips or store updates arrived since the last render: movement is real. */
  private dataChanged = false;
  private pendingEvents: RankChangeDetail[] = [];
  /** Before a render that slides: each row's index then, by user id. */
  private slideFrom: Map<string, number> | undefined;
  /**
   * Where the row slots sit (tops from the first, by index) and how long a slide lasts, read when
   * the list is laid out anew: by a ResizeObserver, which runs after layout, so a reorder forces no
   * style or layout itself. Rows are one line each, so the slots only move when the list's size
   * does; a new `--onair-duration` applies from the list's next change of size (or a new list).
   */
  private geometry: { tops: number[]; duration: number } | undefined;
  private resizes?: ResizeObserver;
  private observedList?: Element;
  /** Each row's running FLIP slide, cancelled when the row moves again. */
  private readonly slides = new WeakMap<HTMLElement, Animation>();
  /**
   * Until then the last slides are still running. A reorder inside that time snaps instead of
   * sliding: on a fast feed, slides every few frames are jitter nobody can read, and each one costs
   * two forced layouts.
   */
  private slidingUntil = 0;
  private snapRows = false;
  /** Formatted amounts by `currency|total`, for the locale, notation and words of `amountsFor`. */
  private readonly amounts = new Map<string, string>();
  private amountsFor = '';
  private amountsMessages?: Partial<Messages>;
  private saveTimer?: ReturnType<typeof setTimeout>;
  /** The names the units were last fitted for, and the frame that fits them to new names. */
  private fittedNames = '';
  private fitFrame?: number;
  private expiryTimer?: ReturnType<typeof setTimeout>;
  private readonly params$ = new BehaviorSubject<{ window: LeaderboardWindow; limit: number }>({ window: 'session', limit: 10 });

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.tips$,
      (tip) => {
        if (!this.aggregator.add(tip)) return;
        this.scheduleSave();
        if (!this.mayShow(tip)) return;
        this.dataChanged = true;
        this.requestUpdate();
      },
    );
    this.platformController.observe(
      (platform) => platform.tipMenu$,
      (menu) => (this.menuCurrency = menuCurrency(menu)),
    );
    this.platformController.observe(
      (platform) => this.params$.pipe(switchTo(({ window, limit }) => storeFor(platform, window, limit))),
      ({ entries, first }) => {
        if (!first && entries) this.dataChanged = true;
        this.storeRows = entries;
      },
    );
  }

  /** The rows on the board now, best first. */
  get entries(): readonly LeaderboardEntry[] {
    return this.rows;
  }

  get effectiveWindow(): LeaderboardWindow {
    return pickWindow(this.window) ?? pickWindow(this.settingFromHost('window')) ?? 'session';
  }

  get effectiveLimit(): number {
    const limit = num(this.limit, 1, MAX_LIMIT) ?? num(this.settingFromHost('limit'), 1, MAX_LIMIT) ?? 10;
    return Math.floor(limit);
  }

  get effectiveNotation(): Notation {
    const pick = (value: unknown) => (value === 'standard' || value === 'compact' ? value : undefined);
    return pick(this.notation) ?? pick(this.settingFromHost('notation')) ?? 'compact';
  }

  /**
   * The currency ranked: the attribute, host setting, tip menu currency, else (totalling locally)
   * the one most contributors in the window tipped in.
   */
  get effectiveCurrency(): Currency | undefined {
    return this.chosenCurrency() ?? (this.storeRows ? undefined : this.aggregator.currencies(this.effectiveWindow)[0]?.currency);
  }

  /** The currencies whose tips the board leaves out now (none when every one has a rate). */
  get leftOutCurrencies(): readonly Currency[] {
    return this.leftOut;
  }

  /** Clears the local totals and their stored copy. The host's own leaderboard is not touched. */
  reset(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.aggregator.clear();
    try {
      localStorage.removeItem(this.storageKey);
    } catch {
      // Storage can be unavailable (sandboxed iframes); the board still resets in memory.
    }
    this.shownFor = '';
    this.requestUpdate();
  }

  override connectedCallback(): void {
    // Restore before subscribing, so the replayed latest tip is recognised as already counted.
    if (this.loadedKey !== this.storageKey) this.load();
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizes?.disconnect();
    if (this.fitFrame !== undefined) cancelAnimationFrame(this.fitFrame);
    this.fitFrame = undefined;
    this.observedList = undefined;
    this.geometry = undefined;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (this.saveTimer !== undefined) this.save();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('storageKey') && this.loadedKey !== undefined && this.loadedKey !== this.storageKey) this.load();
    const window = this.effectiveWindow;
    const limit = this.effectiveLimit;
    const params = this.params$.getValue();
    if (params.window !== window || params.limit !== limit) this.params$.next({ window, limit });
    this.computeRows(window, limit);
  }

  override render() {
    const reason = this.unavailableReason();
    return html`<div part="base" class="base" lang=${this.messageLang}>
      ${this.renderHeader(reason === undefined)}
      ${reason
        ? html`<p part="status" class="status">${reason}</p>`
        : this.rows.length === 0
          ? html`<p part="status" class="status">${this.msg('boardEmpty')}</p>`
          : this.renderList()}
      ${reason ? nothing : this.renderLeftOut()}
    </div>`;
  }

  /** The heading (when there is one) and which currency the board ranks. */
  private renderHeader(available: boolean) {
    const ranking = available ? this.ranking : undefined;
    const currency = ranking && currencyName(ranking.currency, this.effectiveLocale, this.messages);
    return html`<div part="header" class="header" ?hidden=${!currency && !this.hasHeading}>
      ${renderHeading(this.heading, this.slottedHeading, (slotted) => (this.slottedHeading = slotted))}
      ${currency ? html`<span part="currency" class="currency">${this.msg(ranking.rates ? 'boardCombined' : 'boardRanked', { currency })}</span>` : nothing}
    </div>`;
  }

  private renderLeftOut() {
    if (this.leftOut.length === 0) return nothing;
    const names = this.leftOut.map((currency) => currencyName(currency, this.effectiveLocale, this.messages));
    return html`<p part="note" class="note">${this.msg('boardLeftOut', { currencies: listFormat(this.effectiveLocale).format(names) })}</p>`;
  }

  private get hasHeading(): boolean {
    return this.slottedHeading || (this.heading ?? '').trim() !== '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.observeList();
    this.scheduleFit();
    this.animateMoves();
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const detail of events) emit(this, 'onair-rank-change', detail);
    this.scheduleExpiry();
  }

  /**
   * One `<li>` per rank, kept in place: a reorder rewrites the texts of the ranks whose contributor
   * or amount changed (Lit commits only the bindings that changed), so its DOM work grows with the
   * rows that changed, and no element is built, moved or removed. Measured against rows keyed by
   * contributor (moved with insertBefore, an entrant taking over the leaver's row), this costs the
   * browser less per update; the slides (animateMoves) still show each contributor coming from their
   * old rank.
   */
  private renderList() {
    const amount = this.amountFormatter();
    return html`<ol part="list" class="list ${this.unitsHidden ? 'units-hidden' : ''}" aria-label=${this.msg('boardLabel', { window: this.msg(WINDOW_NAMES[this.effectiveWindow]) })}>
      ${this.rows.map(
        (row) => html`<li part="row" class="row" data-user=${row.userId}>
          <span part="rank" class="rank" aria-hidden="true">${row.rank}</span>
          <span part="name" class="name">${row.name}</span>
          <span part="amount" class="amount">${row.currency ? this.renderAmount(row.total, row.currency, amount(row.total, row.currency)) : row.total}</span>
        </li>`,
      )}
    </ol>`;
  }

  /**
   * Token and Bits amounts keep their unit word in its own span, which a narrow board hides from
   * sight only (the header says what the board ranks): screen readers still hear "120 tokens".
   */
  private renderAmount(total: number, currency: Currency, text: string) {
    if (currency !== 'tokens' && currency !== 'bits') return text;
    const count = formatCount(total, this.effectiveLocale, this.effectiveNotation);
    const at = text.indexOf(count);
    if (at < 0) return text;
    const unit = (words: string) => (words ? html`<span class="unit">${words}</span>` : nothing);
    return html`${unit(text.slice(0, at))}${count}${unit(text.slice(at + count.length))}`;
  }

  /** Fits the units to new names in the next frame (before its layout, so no layout is added). */
  private scheduleFit(): void {
    const names = this.rows.map((row) => row.name).join('\n');
    if (names === this.fittedNames || this.fitFrame !== undefined) return;
    this.fitFrame = requestAnimationFrame(() => {
      this.fitFrame = undefined;
      this.fitAmounts();
    });
  }

  /**
   * Hides the unit words when a name would be cut short with them, and shows them again when every
   * name fits with them. A hidden unit keeps its width (it is clipped, not removed), so both ways
   * are decided from one layout and the choice cannot flip back and forth.
   */
  private fitAmounts(): void {
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('[data-user]');
    this.fittedNames = this.rows.map((row) => row.name).join('\n');
    let unitWidth = 0;
    for (const row of rows) for (const unit of row.querySelectorAll<HTMLElement>('.unit')) unitWidth = Math.max(unitWidth, unit.offsetWidth);
    if (unitWidth === 0) return void (this.unitsHidden = false);
    const names = Array.from(rows, (row) => row.querySelector<HTMLElement>('.name')!);
    // clientWidth is rounded, the text's width is not: a name that fits exactly is within 1 px of it.
    const needs = this.unitsHidden ? unitWidth + 1 : -1;
    this.unitsHidden = names.some((name) => textWidth(name) + needs > name.clientWidth);
  }

  /**
   * Formats amounts for the rows, remembering each text: on a busy feed most rows keep their total
   * from one render to the next, and number formatting is the costliest part of a row.
   */
  private amountFormatter(): (total: number, currency: Currency) => string {
    const locale = this.effectiveLocale;
    const notation = this.effectiveNotation;
    const context = `${locale}|${notation}|${messagesVersion()}`;
    if (context !== this.amountsFor || this.messages !== this.amountsMessages || this.amounts.size > 4 * MAX_LIMIT) {
      this.amounts.clear();
      this.amountsFor = context;
      this.amountsMessages = this.messages;
    }
    return (total, currency) => {
      const key = `${currency}|${total}`;
      let text = this.amounts.get(key);
      if (text === undefined) {
        text = formatAmount(total, currency, locale, notation, this.messages);
        this.amounts.set(key, text);
      }
      return text;
    };
  }

  /**
   * False when a counted tip cannot change the rows: the board shows the host's store, another
   * currency, or the tipper is not among the rows. With many contributors most tips are such.
   */
  private mayShow(tip: Tip): boolean {
    if (this.storeRows) return false;
    const ranking = this.rankingNow();
    if (!ranking || ranking.currency !== this.ranking?.currency) return true;
    if (tip.currency !== ranking.currency && !(ranking.rates && this.aggregator.isCombined(tip.currency))) return !this.leftOut.includes(tip.currency);
    return this.aggregator.shows(tip, this.effectiveWindow, ranking.currency, this.effectiveLimit, ranking.rates !== undefined);
  }

  /** The currency the streamer or host chose, if any. */
  private chosenCurrency(): Currency | undefined {
    return asCurrency(this.currency) ?? asCurrency(this.settingFromHost('currency')) ?? this.menuCurrency;
  }

  /**
   * What to rank now. The combined board is (re)built here when its currency or rates changed,
   * and the ranked currency is kept when another currency needs room.
   */
  private rankingNow(): Ranking | undefined {
    const currency = this.effectiveCurrency;
    const source = this.rates ?? this.settingFromHost('rates');
    const memo = this.rankingMemo;
    // Asked on every tip: the same currency, rates and totals give the same ranking, unparsed again.
    if (memo && memo.currency === currency && memo.source === source && memo.aggregator === this.aggregator && memo.store === !!this.storeRows) {
      return memo.ranking;
    }
    const given = parseRates(source);
    const rates = currency && given ? resolveRates(currency, given) : undefined;
    if (!this.storeRows) {
      this.aggregator.keep(currency ? [currency] : []);
      this.aggregator.combine(currency ?? '', rates);
    }
    const ranking = currency ? { currency, rates } : undefined;
    this.rankingMemo = { currency, source, aggregator: this.aggregator, store: !!this.storeRows, ranking };
    return ranking;
  }

  private unavailableReason(): string | undefined {
    if (this.hostless) return this.msg('noHost');
    if (!this.hasCapability('tips') && this.storeRows === null) return this.msg('boardNoTips');
    return undefined;
  }

  /** Reads the board and queues rank events when real data moved someone up. */
  private computeRows(window: LeaderboardWindow, limit: number): void {
    let ranking = this.rankingNow();
    let rows: LeaderboardEntry[];
    if (this.storeRows) {
      ranking ??= storeRanking(this.storeRows);
      rows = storeRows(this.storeRows, ranking, limit);
      this.leftOut = leftOutOf(this.storeRows.map((entry) => entry.currency).filter((currency) => currency !== undefined), ranking);
    } else {
      rows = ranking ? this.aggregator.top(window, ranking.currency, limit, ranking.rates !== undefined) : [];
      this.leftOut = leftOutOf(this.aggregator.currencies(window).map((entry) => entry.currency), ranking);
    }
    this.ranking = ranking;
    const shownFor = `${window}|${limit}|${ranking?.currency}|${ranking?.rates ? [...ranking.rates].join() : ''}|${this.storeRows ? 'store' : 'local'}`;
    const previous = new Map(this.rows.map((row, i) => [row.userId, i]));
    const comparable = shownFor === this.shownFor && this.dataChanged;
    this.dataChanged = false;
    this.shownFor = shownFor;
    const reordered = rows.length !== this.rows.length || rows.some((row, i) => row.userId !== this.rows[i].userId);
    const slide = comparable && reordered && this.hasUpdated && performance.now() >= this.slidingUntil;
    this.snapRows = reordered && !slide;
    this.slideFrom = slide && !this.motionReduced && !this.paused ? previous : undefined;
    // A list laid out in this same task has not been measured yet: measure it now, once.
    if (this.slideFrom && !this.geometry) this.measure();
    if (comparable) {
      for (const row of rows) {
        const was = previous.get(row.userId);
        const from = was === undefined ? null : this.rows[was].rank;
        if (from === null || row.rank < from) this.pendingEvents.push({ userId: row.userId, name: row.name, from, to: row.rank });
      }
    }
    this.rows = rows;
  }

  /** Watches the list the last render made (a new one after the empty state), for `measure`. */
  private observeList(): void {
    const list = this.renderRoot.querySelector('ol') ?? undefined;
    if (list === this.observedList) return;
    this.resizes ??= new ResizeObserver(() => this.measure());
    if (this.observedList) this.resizes.unobserve(this.observedList);
    this.observedList = list;
    this.geometry = undefined;
    if (list) this.resizes.observe(list);
  }

  /** Reads the row slots and the slide length (layout positions: running slides do not count). */
  private measure(): void {
    this.fitAmounts();
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('[data-user]');
    const first = rows[0]?.offsetTop ?? 0;
    this.geometry = rows.length === 0 ? undefined : { tops: Array.from(rows, (row) => row.offsetTop - first), duration: durationMs(getComputedStyle(this)) };
  }

  /**
   * FLIP: each row that moved starts where it was and slides to its new place; a row that just
   * entered flashes once. Finite Web Animations only, none under reduced motion. Rows that kept
   * their place are not touched.
   */
  private animateMoves(): void {
    const index = this.slideFrom;
    this.slideFrom = undefined;
    const elements = this.renderRoot.querySelectorAll<HTMLElement>('[data-user]');
    if (this.snapRows) for (const row of elements) this.slides.get(row)?.cancel();
    const geometry = this.geometry;
    if (!index || !geometry || this.motionReduced || this.paused) return;
    const { duration, tops } = geometry;
    this.slidingUntil = performance.now() + duration;
    // Rows are one line each, so slot i sits where slot i sat before the render: no layout read
    // (slots below the last one measured continue its spacing).
    const pitch = tops.length > 1 ? tops[tops.length - 1] - tops[tops.length - 2] : 0;
    const slotTop = (i: number) => (i < tops.length ? tops[i] : tops[tops.length - 1] + (i - tops.length + 1) * pitch);
    elements.forEach((row, i) => {
      const was = index.get(row.dataset.user!);
      if (was === i) return;
      // A row still sliding (a longer duration set meanwhile) starts over from its new place.
      this.slides.get(row)?.cancel();
      if (was === undefined) {
        // Opacity of an overlay, not the row's background colour: the compositor runs it, so a
        // busy board does not restyle and repaint its rows in every frame of the flash.
        row.animate([{ opacity: 1 }, { opacity: 0 }], { duration: duration * 4, easing: 'ease-out', pseudoElement: '::before' });
        return;
      }
      const delta = slotTop(was) - slotTop(i);
      if (Math.abs(delta) < 1) return;
      this.slides.set(row, row.animate([{ transform: `translateY(${delta}px)` }, { transform: 'none' }], { duration, easing: 'ease-out' }));
    });
  }

  /** Rolling windows shrink with time alone: re-read the board when the oldest bucket leaves. */
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const ranking = this.ranking;
    if (this.storeRows || !ranking || !this.isConnected) return;
    const next = this.aggregator.nextExpiry(this.effectiveWindow, ranking.currency, ranking.rates !== undefined);
    if (next === undefined) return;
    const wait = Math.min(Math.max(next - this.clock(), 1000), MAX_EXPIRY_WAIT);
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.requestUpdate();
    }, wait);
  }

  private createAggregator(snapshot?: unknown): TipAggregator {
    const aggregator = new TipAggregator({ now: () => this.clock() });
    if (snapshot) aggregator.restore(snapshot);
    return aggregator;
  }

  private load(): void {
    if (this.saveTimer !== undefined) this.save(); // the previous key's unsaved tips
    this.loadedKey = this.storageKey;
    this.aggregator = this.createAggregator(readStored(this.storageKey));
    this.shownFor = '';
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => this.save(), SAVE_DELAY);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    writeStored(this.loadedKey ?? this.storageKey, this.aggregator.snapshot());
  }
}

function pickWindow(value: unknown): LeaderboardWindow | undefined {
  return oneOf(LEADERBOARD_WINDOWS, value);
}

function menuCurrency(menu: TipMenu): Currency | undefined {
  return menu.enabled ? asCurrency(menu.items.find((item) => asCurrency(item?.currency))?.currency) : undefined;
}

/**
 * The host's store for the window as a stream of updates, or `null` entries while it has none.
 * Follows `capabilities$`, so a store that appears after mount (a backend's first snapshot) is used.
 */
function storeFor(platform: Platform, window: LeaderboardWindow, limit: number): Observable<StoreUpdate> {
  return platform.capabilities$.pipe(
    map((capabilities) => capabilities.has('leaderboardStore')),
    distinctUntilChanged(),
    switchTo((hasStore) => storeUpdates(hasStore ? platform.leaderboard$(window, limit) : undefined)),
  );
}

function storeUpdates(store: Observable<LeaderboardEntry[]> | undefined): Observable<StoreUpdate> {
  if (!store) return startingWith<StoreUpdate>({ entries: null, first: true }, EMPTY);
  // Until the store answers, show an empty board rather than the previous window's rows.
  return startingWith<StoreUpdate>(
    { entries: [], first: true },
    store.pipe(map((entries, index): StoreUpdate => ({ entries: cleanEntries(entries), first: index === 0 }))),
  );
}

/** Host entries, validated: malformed ones are dropped, never rendered. */
function cleanEntries(source: unknown): LeaderboardEntry[] {
  if (!Array.isArray(source)) return [];
  const entries: LeaderboardEntry[] = [];
  for (const [i, raw] of source.slice(0, MAX_LIMIT * 2).entries()) {
    if (!isRecord(raw)) continue;
    const entry = {
      userId: id(raw.userId),
      name: text(raw.name),
      total: num(raw.total, 0),
      rank: num(raw.rank, 1) ?? MAX_LIMIT * 2 + i,
      firstAt: date(raw.firstAt) ?? new Date(0),
      currency: asCurrency(raw.currency),
    };
    if (!entry.userId || !entry.name || entry.total === undefined) continue;
    entries.push(entry as LeaderboardEntry);
  }
  return entries;
}

/** A store's board without a chosen currency ranks the first currency the store names. */
function storeRanking(entries: LeaderboardEntry[]): Ranking | undefined {
  const currency = entries.find((entry) => entry.currency)?.currency;
  return currency ? { currency } : undefined;
}

/** The currencies in `seen` the ranking leaves out, each once, in the order seen. */
function leftOutOf(seen: Currency[], ranking: Ranking | undefined): Currency[] {
  if (!ranking) return [];
  const counted = (currency: Currency) => currency === ranking.currency || ranking.rates?.has(currency) === true;
  return [...new Set(seen.filter((currency) => !counted(currency)))];
}

/**
 * The store's rows in the ranked currency, ranked again 1…n: rows in other currencies are never
 * mixed in, unless the ranking has rates: then each contributor's totals are converted and summed.
 */
function storeRows(entries: LeaderboardEntry[], ranking: Ranking | undefined, limit: number): LeaderboardEntry[] {
  const shown = ranking?.currency;
  if (shown && ranking.rates) return combinedStoreRows(entries, shown, ranking.rates, limit);
  return entries
    .filter((entry) => !shown || !entry.currency || entry.currency === shown)
    .sort((a, b) => a.rank - b.rank || b.total - a.total || a.firstAt.getTime() - b.firstAt.getTime())
    .slice(0, limit)
    .map((entry, i) => ({ ...entry, rank: i + 1, currency: entry.currency ?? shown }));
}

function combinedStoreRows(entries: LeaderboardEntry[], currency: Currency, rates: Rates, limit: number): LeaderboardEntry[] {
  const byUser = new Map<string, LeaderboardEntry>();
  for (const entry of entries) {
    const rate = !entry.currency || entry.currency === currency ? 1 : rates.get(entry.currency);
    if (!rate) continue;
    const total = entry.total * rate;
    const was = byUser.get(entry.userId);
    byUser.set(
      entry.userId,
      was ? { ...was, total: was.total + total, firstAt: entry.firstAt > was.firstAt ? entry.firstAt : was.firstAt } : { ...entry, total, currency },
    );
  }
  return [...byUser.values()]
    .sort((a, b) => b.total - a.total || a.firstAt.getTime() - b.firstAt.getTime())
    .slice(0, limit)
    .map((entry, i) => ({ ...entry, rank: i + 1 }));
}

function durationMs(style: CSSStyleDeclaration): number {
  const value = style.getPropertyValue('--onair-duration').trim() || '300ms';
  const n = parseFloat(value);
  if (!Number.isFinite(n)) return 300;
  return value.endsWith('ms') ? n : n * 1000;
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-leaderboard': OnAirLeaderboardElement;
  }
  interface OnAirEventMap {
    'onair-rank-change': CustomEvent<RankChangeDetail>;
  }
}

/** How wide an element's text is laid out, also where its box cuts it short. */
function textWidth(element: Element): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect().width;
}
