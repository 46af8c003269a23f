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

const MAX_PAYMENT = 4_000;
/** Spends of this document still in an adapter's hands (each is a viewer's click). */
const MAX_LIVE = 500;
/** How many of this frame's unsettled spends its history entry keeps for after a reload. */
const MAX_FRAME_SPENDS = 20;
/** The key of this frame's unsettled spends in `history.state`. */
const FRAME_KEY = 'onairSpends';

/**
 * Spends started in this document and still in an adapter's hands, by request id, with the spends
 * object that started them: every copy of onair in the document shares the table, so the others
 * leave that confirmation to it.
 */
const LIVE = Symbol.for('onair-stripchat-live-spends');
const live: Map<string, StripchatSpends> = ((globalThis as typeof globalThis & { [LIVE]?: Map<string, StripchatSpends> })[LIVE] ??= new Map());

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
 * This page's spends. Every frame of the extension hears every confirmation, so a late one belongs
 * to the frame that spent: each frame keeps its unsettled spends in its own session history entry
 * (`history.state`, which a reload keeps and no other frame sees), and a confirmation that no
 * adapter of this document waits for is reported as late (the viewer paid) only by the frame whose
 * entry holds it, once. Confirmations of other frames' spends, and of other flows of the extension,
 * are left alone.
 */
export class StripchatSpends {
  /** The payment of the latest settled spend: it lets one room message through. */
  private payment?: Record<string, unknown>;

  constructor(private readonly host: SpendsHost) {}

  /** Opens the host's modal for `item`; the answer comes from a confirmation, or the timeout. */
  start(item: TipMenuItem): Promise<TipResult> {
    const tokens = amount(item.price);
    if (tokens === undefined || !Number.isInteger(tokens)) return Promise.resolve({ status: 'failed', item, error: 'This item has no valid token price.' });
    const requestId = ulid();
    remember(live, requestId, this, MAX_LIVE);
    writeFrameSpends([...readFrameSpends().filter((kept) => kept !== requestId), requestId]);
    const params = { tokensAmount: tokens, tokensSpendData: { onairRequestId: requestId, itemId: item.id } };
    // The request only opens the host's modal; the confirmation arrives as an event (confirmed()).
    const pay = async (): Promise<TipResult | undefined> => {
      const answer = await this.host.request('v1.payment.tokens.spend', params);
      return answer.ok ? undefined : { status: 'failed', item, error: answer.error };
    };
    return this.host.slot.spend({ item, key: requestId, timeoutMs: this.host.timeoutMs, pay }).then((result) => {
      // No modal (busy, or the host refused the request): no confirmation will come.
      if (result.status === 'failed') this.forget(requestId);
      return result;
    });
  }

  /** This adapter is gone: confirmations of its unsettled spends are late results for whoever hears them. */
  dispose(): void {
    for (const [requestId, owner] of live) if (owner === this) live.delete(requestId);
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
    if (settled !== undefined) return this.forget(requestId);
    // Another adapter of this document started it and answers it.
    if (live.has(requestId)) return;
    // This frame's spend from before it was reloaded (or from an adapter since disposed): the viewer
    // paid, so it is reported once, never dropped. Spends of other frames are theirs.
    if (!forgetFrameSpend(requestId)) return;
    const itemId = text(spendData?.itemId, 120) ?? 'unknown';
    const tokens = amount(paymentData.amount) ?? 0;
    const item = this.host.items().find((entry) => entry.id === itemId) ?? { id: itemId, label: itemId, price: tokens, currency: 'tokens' };
    this.host.reportLate(transactionId ? { status: 'success', item, transactionId, late: true } : { status: 'success', item, late: true });
  }

  private forget(requestId: string): void {
    live.delete(requestId);
    forgetFrameSpend(requestId);
  }
}

/** This frame's unsettled spends, from its session history entry. */
function readFrameSpends(): string[] {
  try {
    const state: unknown = history.state;
    const list = isRecord(state) ? state[FRAME_KEY] : undefined;
    return Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string').slice(-MAX_FRAME_SPENDS) : [];
  } catch {
    return [];
  }
}

/**
 * Keeps `list` in this frame's session history entry, beside whatever state the page keeps there
 * (`replaceState`: no new entry, no navigation). A page whose state is not an object keeps it
 * untouched, and such a frame forgets its spends on a reload.
 */
function writeFrameSpends(list: string[]): void {
  try {
    const state: unknown = history.state;
    if (state !== null && !isRecord(state)) return;
    history.replaceState({ ...state, [FRAME_KEY]: list.slice(-MAX_FRAME_SPENDS) }, '');
  } catch {
    // No history to write (a sandbox that forbids it): a reload then loses the late confirmation.
  }
}

/** Drops `requestId` from this frame's unsettled spends; true when it was there. */
function forgetFrameSpend(requestId: string): boolean {
  const list = readFrameSpends();
  if (!list.includes(requestId)) return false;
  writeFrameSpends(list.filter((entry) => entry !== requestId));
  return true;
}
