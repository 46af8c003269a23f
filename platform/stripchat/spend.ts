/**
 * Spending tokens through Stripchat's modal (`v1.payment.tokens.spend`) and matching its
 * confirmations (`v1.payment.tokens.spend.succeeded`) to the spend they belong to.
 */
import type { ErrorCode, LateTipResult, TipMenuItem, TipResult } from '../model.js';
import type { SpendSlot, SpendTexts } from '../kit/spend-slot.js';
import type { Answer } from '../kit/request.js';
import { remember } from '../bounded.js';
import { amount, id, isRecord, text } from '../validate.js';
import { fitsJson } from './json.js';
import { ulid } from './ext.js';

const MAX_STARTED = 500;
const MAX_REPORTED = 20;
const MAX_PAYMENT = 4_000;

export const SPEND_TEXTS: SpendTexts = {
  busy: 'Another tip is still waiting for confirmation.',
  // The host's modal reports no cancel, so silence means the viewer closed it.
  timeout: 'No confirmation from Stripchat in time.',
};

export interface SpendsHost {
  /** The page's spend slot (`BasePlatform.createSpendSlot`). */
  slot: SpendSlot;
  timeoutMs: number;
  request(method: string, params: unknown): Promise<Answer>;
  report(code: ErrorCode, message: string, payload?: unknown): void;
  /** A success this page no longer waits for (`BasePlatform.reportLate`). */
  reportLate(result: LateTipResult): void;
  /** The tip menu now, to name the item of a spend confirmed after a reload. */
  items(): readonly TipMenuItem[];
}

/**
 * This page's spends. A spend names its page in `tokensSpendData`, so the same page after a reload
 * recognises its own earlier spend's confirmation and reports it as late (the viewer paid), once;
 * confirmations of other pages' spends, and of other flows of the extension, are left alone.
 */
export class StripchatSpends {
  /** Spends this page started, so a repeated confirmation of one is not taken for an older page's. */
  private readonly started = new Set<string>();
  private readonly reportedLate = new Set<string>();
  /** The payment of the latest settled spend: it lets one room message through. */
  private payment?: Record<string, unknown>;

  constructor(private readonly host: SpendsHost) {}

  /** Opens the host's modal for `item`; the answer comes from a confirmation, or the timeout. */
  start(item: TipMenuItem): Promise<TipResult> {
    const tokens = amount(item.price);
    if (tokens === undefined || !Number.isInteger(tokens)) return Promise.resolve({ status: 'failed', item, error: 'This item has no valid token price.' });
    const requestId = ulid();
    remember(this.started, requestId, undefined, MAX_STARTED);
    const params = { tokensAmount: tokens, tokensSpendData: { onairRequestId: requestId, itemId: item.id, page: pageKey() } };
    // The request only opens the host's modal; the confirmation arrives as an event (confirmed()).
    const pay = async (): Promise<TipResult | undefined> => {
      const answer = await this.host.request('v1.payment.tokens.spend', params);
      return answer.ok ? undefined : { status: 'failed', item, error: answer.error };
    };
    return this.host.slot.spend({ item, key: requestId, timeoutMs: this.host.timeoutMs, pay });
  }

  /** The payment of the spend settled last, handed out once (one payment carries one message). */
  takePayment(): Record<string, unknown> | undefined {
    const payment = this.payment;
    this.payment = undefined;
    return payment;
  }

  /** A `v1.payment.tokens.spend.succeeded` event. */
  confirmed(data: unknown): void {
    const spendData = isRecord(data) && isRecord(data.tokensSpendData) ? data.tokensSpendData : undefined;
    const paymentData = isRecord(data) && isRecord(data.paymentData) && fitsJson(data.paymentData, MAX_PAYMENT) ? data.paymentData : undefined;
    const requestId = text(spendData?.onairRequestId, 64);
    if (!paymentData) {
      this.host.report('invalid-payload', 'Stripchat sent a spend confirmation onair cannot use.', data);
      return;
    }
    // Not onair's: another flow of this extension.
    if (!requestId) return;
    const transactionId = id(paymentData.transactionId);
    const success = (item: TipMenuItem): TipResult => (transactionId ? { status: 'success', item, transactionId } : { status: 'success', item });
    const settled = this.host.slot.settle(requestId, success);
    // Kept only for a spend this page still waits for: its payment lets that spend's room message through.
    if (settled === 'settled') this.payment = JSON.parse(JSON.stringify(paymentData)) as Record<string, unknown>;
    if (settled !== undefined) return;
    // This page's spend from before it was reloaded (or mounted again): the viewer paid, so it is
    // reported once, never dropped. Spends of other pages are theirs.
    if (text(spendData?.page, 200) !== pageKey() || this.started.has(requestId) || this.reportedLate.has(requestId)) return;
    remember(this.reportedLate, requestId, undefined, MAX_REPORTED);
    const itemId = text(spendData?.itemId, 120) ?? 'unknown';
    const tokens = amount(paymentData.amount) ?? 0;
    const item = this.host.items().find((entry) => entry.id === itemId) ?? { id: itemId, label: itemId, price: tokens, currency: 'tokens' };
    this.host.reportLate(transactionId ? { status: 'success', item, transactionId, late: true } : { status: 'success', item, late: true });
  }
}

/** Which page of the extension this is: a spend names it, so the same page after a reload knows its own. */
function pageKey(): string {
  return typeof location === 'undefined' ? '' : location.pathname.slice(0, 200);
}
