/**
 * Bits on Twitch: whether the channel has them, the extension's products as the tip menu, a
 * viewer's spend (`useBits`) and completed purchases, which are tips.
 */
import type { ErrorCode, Role, Tip, TipMenu, TipMenuItem, TipResult } from '../model.js';
import type { SpendSlot } from '../kit/spend-slot.js';
import { Requests } from '../kit/request.js';
import { isRecord } from '../validate.js';
import type { TwitchHelper } from './hub.js';
import { readProducts, transactionTip } from './mapping.js';

/** `getProducts` has no timeout of its own; a product list that never comes is a failure. */
const PRODUCTS_TIMEOUT_MS = 60_000;

export interface BitsHost {
  helper(): TwitchHelper | undefined;
  /** The page's spend slot (`BasePlatform.createSpendSlot`). */
  slot: SpendSlot;
  spendTimeoutMs: number;
  /** Whether Twitch has authorized the extension, and the viewer's role. */
  authorized(): boolean;
  role(): Role;
  hidden(): boolean;
  /** Turns `tipMenu` and `spend` on or off together. */
  canSpend(on: boolean): void;
  menu(): TipMenu;
  setMenu(menu: TipMenu): void;
  /** `BasePlatform.emitTip`: false for a repeat. */
  tip(tip: Tip): boolean;
  /** This viewer's purchase, with its receipt (for the backend). */
  purchased(transactionId: string, receipt: unknown): void;
  report(code: ErrorCode, message: string, payload?: unknown): void;
  guard(step: () => void): void;
}

export class TwitchBits {
  private enabled = false;
  private products = new Map<string, TipMenuItem>();
  private refreshWhenVisible = false;
  private readonly requests = new Requests(PRODUCTS_TIMEOUT_MS);
  private readonly products$ = this.requests.latest('getProducts', () => this.host.helper()?.bits.getProducts(), (answer) =>
    this.host.guard(() => (answer.ok ? this.applyProducts(answer.value) : this.productsFailed(answer.error))),
  );

  constructor(private readonly host: BitsHost) {}

  /** Starts a Bits purchase of `item` (the caller checked the `spend` capability). */
  spend(item: TipMenuItem): Promise<TipResult> {
    if (!this.products.has(item.id)) return Promise.resolve({ status: 'failed', item, error: 'This item is not a Bits product of this extension.' });
    return this.host.slot.spend({ item, timeoutMs: this.host.spendTimeoutMs, pay: () => this.host.helper()?.bits.useBits(item.id) });
  }

  /** Why a spend cannot start now. */
  unavailableReason(): string {
    if (!this.enabled) return 'Bits are not enabled on this channel.';
    if (this.host.role() === 'guest') return 'Log in to Twitch to use Bits.';
    return 'Bits products are not available yet.';
  }

  /** Reads `features.isBitsEnabled` (after authorization and on every change). */
  readFeatures(): void {
    const enabled = this.host.helper()?.features?.isBitsEnabled === true;
    const changed = enabled !== this.enabled;
    this.enabled = enabled;
    if (!enabled) {
      this.products$.cancel();
      this.products.clear();
      this.updateCapabilities();
      if (changed || this.host.menu().enabled) this.host.setMenu({ enabled: false, items: [] });
      return;
    }
    this.updateCapabilities();
    if (changed || this.products.size === 0) this.refresh();
  }

  /** The page shows again: a product refresh put off while hidden runs now. */
  visible(): void {
    if (!this.refreshWhenVisible) return;
    this.refreshWhenVisible = false;
    this.refresh();
  }

  updateCapabilities(role = this.host.role()): void {
    this.host.canSpend(this.host.authorized() && this.enabled && this.products.size > 0 && role !== 'guest');
  }

  /**
   * A completed purchase, as Twitch's helper hands it over (see `transactionTip`). Every one is a
   * tip; only the current viewer's purchase of the open spend's own product settles that spend, as
   * the same viewer may buy something else in another frame.
   */
  transaction(raw: unknown): void {
    const mapped = transactionTip(raw, this.products);
    if (!mapped) {
      this.host.report('invalid-payload', 'Skipped a malformed Bits transaction.', withoutReceipt(raw));
      return;
    }
    const { tip, transaction } = mapped;
    if (!this.host.tip(tip)) return;
    const { sku, transactionId, mine } = transaction;
    if (mine && sku) this.host.slot.settle(sku, (item) => ({ status: 'success', item, transactionId }));
    if (mine && isRecord(raw)) this.host.purchased(transactionId, raw.transactionReceipt);
  }

  /** Twitch's cancel names no item: it ends this page's open spend. */
  cancelled(): void {
    this.host.slot.settleOpen((item) => ({ status: 'cancelled', item, reason: 'Cancelled on Twitch.' }));
  }

  dispose(): void {
    this.requests.dispose();
  }

  /** Loads Bits products into the tip menu; while hidden, waits until the page shows again. */
  private refresh(): void {
    if (this.host.hidden()) this.refreshWhenVisible = true;
    else this.products$.next();
  }

  private applyProducts(raw: unknown): void {
    const read = readProducts(raw);
    if (!read) {
      this.host.report('invalid-payload', 'Twitch Bits products are not a list.', raw);
      return;
    }
    for (const { reason, product } of read.skipped) this.host.report('invalid-payload', reason, product);
    this.products = read.items;
    this.updateCapabilities();
    const sorted = Array.from(read.items.values()).sort((a, b) => a.price - b.price);
    this.host.setMenu({ enabled: sorted.length > 0, items: sorted });
  }

  private productsFailed(error: string): void {
    this.products.clear();
    this.updateCapabilities();
    this.host.setMenu({ enabled: false, items: [] });
    this.host.report('request-failed', `Twitch did not list the Bits products: ${error}`);
  }
}

/** A transaction for a report: the receipt is a signed token of the viewer's purchase, so it stays out. */
function withoutReceipt(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const { transactionReceipt: _receipt, ...rest } = raw;
  return rest;
}
