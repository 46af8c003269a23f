import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import { repeat } from 'lit/directives/repeat.js';
import type { TipMenu, TipMenuItem, TipResult } from '../../platform/model.js';
import { amount, currency, errorMessage, id, isRecord, text } from '../../platform/validate.js';
import { emit } from '../shared/events.js';
import { formatAmount } from '../shared/format.js';
import { addEnglish, type MessageId } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { tipMenuStyles } from './tip-menu.styles.js';
import { renderHeading } from '../shared/heading.js';
import { headingStyles } from '../shared/heading.styles.js';
import { tipMenuEnglish } from './tip-menu.messages.js';

addEnglish(tipMenuEnglish);

export type TipMenuSort = 'price' | 'none';

export interface TipRequestDetail {
  item: TipMenuItem;
}
export interface TipSuccessDetail {
  item: TipMenuItem;
  result: Extract<TipResult, { status: 'success' }>;
}
export interface TipCancelDetail {
  item: TipMenuItem;
  result: Extract<TipResult, { status: 'cancelled' }>;
}
export interface TipErrorDetail {
  item: TipMenuItem;
  /** The host's failure, or a failure made up here when the request threw. */
  result: Extract<TipResult, { status: 'failed' }>;
}

/**
 * What the last spend came to, shown inline: `thanks` (confirmed), `cancelled`, `failed`, or
 * `charged-late` (a spend that had timed out was confirmed afterwards: money was spent).
 */
export type TipOutcome = 'thanks' | 'cancelled' | 'failed' | 'charged-late';

const OUTCOME_MESSAGES: Record<TipOutcome, MessageId> = {
  thanks: 'tipThanks',
  cancelled: 'tipCancelled',
  failed: 'tipFailed',
  'charged-late': 'tipChargedLate',
};

/** At most this many items render, whatever a host sends. */
const MAX_ITEMS = 100;

/** Why the menu shows no items, or shows them read-only. */
type Reason = 'hostless' | 'disabled' | 'empty' | 'no-spend' | 'guest' | 'connecting' | 'offline';

const MESSAGES: Record<Reason, MessageId> = {
  hostless: 'noHost',
  disabled: 'tipOff',
  empty: 'tipEmpty',
  'no-spend': 'tipNoSpend',
  guest: 'tipGuest',
  connecting: 'tipConnecting',
  offline: 'tipOffline',
};

/**
 * The broadcaster's tip menu: one button per item, with its price in its currency. Activating an
 * item asks the host to spend; the item shows pending until the host answers, and only one spend
 * runs at a time, since a host opens one payment dialog at a time.
 *
 * @summary A tip menu whose items start a spend on the host.
 *
 * @fires {CustomEvent<TipRequestDetail>} onair-tip-request - Before a spend starts; cancelable: `preventDefault()` stops it. Detail `{ item }`.
 * @fires {CustomEvent<TipSuccessDetail>} onair-tip-success - The host confirmed the spend. Detail `{ item, result }`; `result.late` is true for a confirmation that came after the spend had timed out (money spent all the same).
 * @fires {CustomEvent<TipCancelDetail>} onair-tip-cancel - The viewer or host cancelled the spend. Detail `{ item, result }`.
 * @fires {CustomEvent<TipErrorDetail>} onair-tip-error - The spend failed. Detail `{ item, result }` with `result.error`.
 *
 * @slot heading - A title shown above the menu; replaces the `heading` attribute's text.
 *
 * @csspart base - The wrapper around the list and status text.
 * @csspart heading - The menu's title (`heading` attribute or slot), an `h2`.
 * @csspart list - The list of items.
 * @csspart item - One item's button (or row, when read-only).
 * @csspart label - An item's label.
 * @csspart price - An item's price.
 * @csspart status - The reason the menu is empty or read-only.
 * @csspart result - What the last spend came to (thanks, cancelled, failed, charged late); a live region.
 * @csspart sign-in - The sign-in button shown to guests when the host offers sign-in.
 *
 * @cssprop --onair-tip-menu-gap - Space between items.
 * @cssprop --onair-tip-menu-item-background - Item background.
 * @cssprop --onair-tip-menu-price-color - Price text colour.
 * @cssprop --onair-tip-menu-pending-color - Outline colour of the pending item.
 * @cssprop --onair-tip-menu-thanks-color - Colour of the thank-you and charged-late lines.
 * @cssprop --onair-heading-size - Size of the heading. Default `1.1em`.
 * @cssprop --onair-heading-color - Colour of the heading. Default: the shared `--onair-color`.
 */
@customElement('onair-tip-menu')
export class OnAirTipMenuElement extends OnAirElement {
  static override styles = [tipMenuStyles, headingStyles];

  /** Items to show instead of the host's tip menu (validated like host data). */
  @property({ attribute: false }) items?: TipMenuItem[];
  /** `price` (default) sorts items by price, cheapest first; `none` keeps the host's order. */
  @property() sort?: TipMenuSort;
  /** A visible title above the menu, e.g. "Tip menu" in an extension panel; the `heading` slot replaces it. */
  @property() heading?: string;

  @state() private slottedHeading = false;

  @state() private menu?: TipMenu;
  /** The item whose spend is running, for rendering. */
  @state() private pendingId?: string;
  /**
   * The synchronous guard: set before anything awaits, so a double click, a repeated key or a
   * second item cannot start a second spend while one is open.
   */
  private spending = false;
  /** `visibleItems` as of the last update. */
  private shown: TipMenuItem[] = [];
  /** What the last spend came to, until the next one starts. */
  @state() private outcome?: { kind: TipOutcome; item: TipMenuItem };

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.tipMenu$,
      (menu) => (this.menu = menu),
    );
    // A confirmation after the timeout is money spent: tell the page as a success, marked late.
    this.platformController.observe(
      (platform) => platform.lateResults$,
      (result) => {
        this.outcome = { kind: 'charged-late', item: result.item };
        emit(this, 'onair-tip-success', { item: result.item, result });
      },
    );
  }

  /** The items in effect: the `items` property, else the host's menu, validated and sorted. */
  get visibleItems(): TipMenuItem[] {
    const source = this.items ?? (this.menu?.enabled ? this.menu.items : []);
    const items = cleanItems(source);
    if (this.effectiveSort === 'price') items.sort((a, b) => a.price - b.price);
    return items;
  }

  private get effectiveSort(): TipMenuSort {
    const fromHost = this.settingFromHost('sort');
    return this.sort ?? (fromHost === 'none' || fromHost === 'price' ? fromHost : 'price');
  }

  /** Why nothing is shown (`hidden`) or why the items cannot be used (`readOnly`). */
  private get reason(): { reason: Reason; hidden: boolean } | undefined {
    if (this.hostless) return { reason: 'hostless', hidden: true };
    if (!this.items) {
      if (!this.hasCapability('tipMenu')) return { reason: 'no-spend', hidden: true };
      if (this.menu && !this.menu.enabled) return { reason: 'disabled', hidden: true };
    }
    if (this.shown.length === 0) return { reason: 'empty', hidden: true };
    if (!this.hasCapability('spend')) return { reason: 'no-spend', hidden: false };
    if (this.hostContext?.role === 'guest') return { reason: 'guest', hidden: false };
    const state = this.connection.state;
    if (state === 'connecting' || state === 'reconnecting') return { reason: 'connecting', hidden: false };
    if (state !== 'connected') return { reason: 'offline', hidden: false };
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.shown = this.visibleItems;
  }

  override render() {
    const why = this.reason;
    const items = why?.hidden ? [] : this.shown;
    const readOnly = why !== undefined;
    return html`
      <div part="base" class="base" lang=${this.messageLang}>
        ${renderHeading(this.heading, this.slottedHeading, (slotted) => (this.slottedHeading = slotted))}
        ${items.length > 0
          ? html`<ul part="list" class="list" aria-label=${this.msg('tipMenu')}>
              ${repeat(items, (item) => item.id, (item) => html`<li>${readOnly ? this.renderRow(item) : this.renderButton(item)}</li>`)}
            </ul>`
          : nothing}
        ${why ? this.renderStatus(why.reason) : nothing}
        <p part="result" class="result" role="status" data-outcome=${this.outcome?.kind ?? nothing}>${this.outcomeText()}</p>
      </div>
    `;
  }

  private outcomeText(): string {
    const outcome = this.outcome;
    return outcome ? this.msg(OUTCOME_MESSAGES[outcome.kind], { item: outcome.item.label }) : '';
  }

  private renderButton(item: TipMenuItem) {
    const pending = this.pendingId === item.id;
    const blocked = this.pendingId !== undefined && !pending;
    return html`<button
      type="button"
      part="item"
      class="item"
      ?data-pending=${pending}
      aria-busy=${pending ? 'true' : 'false'}
      aria-disabled=${blocked || pending ? 'true' : 'false'}
      @click=${() => this.activate(item)}
    >
      ${this.renderContent(item)}
      ${pending ? html`<span class="visually-hidden">${this.msg('tipPending')}</span>` : nothing}
    </button>`;
  }

  private renderRow(item: TipMenuItem) {
    return html`<div part="item" class="item read-only">${this.renderContent(item)}</div>`;
  }

  private renderContent(item: TipMenuItem) {
    return html`<span part="label" class="label">${item.label}</span>
      <span part="price" class="price">${formatAmount(item.price, item.currency, this.effectiveLocale, 'standard', this.messages)}</span>`;
  }

  private renderStatus(reason: Reason) {
    const platform = this.platformController.platform;
    const canSignIn = reason === 'guest' && this.hasCapability('signIn') && typeof platform?.requestSignIn === 'function';
    return html`<p part="status" class="status" role="status">
      ${this.msg(MESSAGES[reason])}
      ${canSignIn ? html`<button type="button" part="sign-in" class="sign-in" @click=${() => platform?.requestSignIn?.()}>${this.msg('tipSignIn')}</button>` : nothing}
    </p>`;
  }

  private async activate(item: TipMenuItem): Promise<void> {
    const platform = this.platformController.platform;
    if (this.spending || !platform || this.reason) return;
    this.spending = true;
    try {
      if (!emit(this, 'onair-tip-request', { item }, { cancelable: true })) return;
      this.pendingId = item.id;
      this.outcome = undefined;
      const result = await requestSafely(platform.requestTip.bind(platform), item);
      this.outcome = { kind: result.status === 'success' ? 'thanks' : result.status, item };
      if (result.status === 'success') emit(this, 'onair-tip-success', { item, result });
      else if (result.status === 'cancelled') emit(this, 'onair-tip-cancel', { item, result });
      else emit(this, 'onair-tip-error', { item, result });
    } finally {
      this.spending = false;
      this.pendingId = undefined;
    }
  }
}

/** `requestTip` never rejects by contract; a host that breaks it still ends in an error event. */
async function requestSafely(request: (item: TipMenuItem) => Promise<TipResult>, item: TipMenuItem): Promise<TipResult> {
  try {
    const result = await request(item);
    if (isRecord(result) && (result.status === 'success' || result.status === 'cancelled' || result.status === 'failed')) return result;
    return { status: 'failed', item, error: 'The host gave no usable answer.' };
  } catch (error) {
    return { status: 'failed', item, error: errorMessage(error) };
  }
}

/** Valid items only, each id once, at most `MAX_ITEMS`; never trusts the array it is given. */
function cleanItems(source: unknown): TipMenuItem[] {
  if (!Array.isArray(source)) return [];
  const seen = new Set<string>();
  const items: TipMenuItem[] = [];
  for (const raw of source) {
    if (!isRecord(raw)) continue;
    const item = { id: id(raw.id), label: text(raw.label, 80), price: amount(raw.price), currency: currency(raw.currency) };
    if (!item.id || !item.label || item.price === undefined || !item.currency || seen.has(item.id)) continue;
    seen.add(item.id);
    items.push(item as TipMenuItem);
    if (items.length >= MAX_ITEMS) break;
  }
  return items;
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-tip-menu': OnAirTipMenuElement;
  }
  interface OnAirEventMap {
    'onair-tip-request': CustomEvent<TipRequestDetail>;
    'onair-tip-success': CustomEvent<TipSuccessDetail>;
    'onair-tip-cancel': CustomEvent<TipCancelDetail>;
    'onair-tip-error': CustomEvent<TipErrorDetail>;
  }
}
