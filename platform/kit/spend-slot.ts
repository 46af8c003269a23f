/**
 * One spend at a time per page. Every adapter's `requestTip` goes through a `SpendSlot`; all slots
 * of a page (every `<onair-platform>`, every copy of onair) share one open spend, so two providers
 * on one page can never open two payment dialogs for one click.
 */
import type { LateTipResult, TipMenuItem, TipResult } from '../model.js';
import { remember } from '../bounded.js';

/** How many timed-out spends are remembered so their late confirmations are still recognised. */
const MAX_EXPIRED = 20;

interface OpenSpend {
  slot: SpendSlot;
  key: string;
  item: TipMenuItem;
  resolve: (result: TipResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** The page's single open spend, shared by every copy of this module. */
const PAGE = Symbol.for('onair-spend-slot');
const page = globalThis as typeof globalThis & { [PAGE]?: { open?: OpenSpend } };
const shared = (page[PAGE] ??= {});

export interface SpendRequest {
  item: TipMenuItem;
  /** What a confirmation will carry to identify this spend; the item id unless the host uses its own. */
  key?: string;
  /** Milliseconds without a result before the spend counts as cancelled (`reason: 'timeout'`). */
  timeoutMs: number;
  /**
   * Starts the host's payment. A returned (or resolved) result settles the spend at once (hosts that
   * answer the request itself); `undefined` leaves it open for `settle()`. A throw or rejection
   * settles it as failed.
   */
  pay: () => TipResult | undefined | void | PromiseLike<TipResult | undefined | void>;
}

/** Texts of the results the slot produces itself, so each host keeps its own wording elsewhere. */
export interface SpendTexts {
  /** Another spend is open on the page. */
  busy: string;
  /** `pay` threw or rejected; `{error}` is its message. */
  failed?: (error: unknown) => string;
  /** Why a spend without a result in time was cancelled (default `timeout`). */
  timeout?: string;
}

/**
 * An adapter's handle on the page's spend slot. Results settle only the spend they belong to (same
 * key); a success for a spend that already timed out is money spent and goes to `onLate`.
 */
export class SpendSlot {
  private readonly expired = new Map<string, TipMenuItem>();
  private disposed = false;

  constructor(
    private readonly texts: SpendTexts,
    /** Called with each late success (`late: true`). */
    private readonly onLate: (result: LateTipResult) => void,
  ) {}

  /** True while any spend is open on the page. */
  static get busy(): boolean {
    return shared.open !== undefined;
  }

  /** The item of this slot's open spend, if any. */
  get open(): TipMenuItem | undefined {
    return shared.open?.slot === this ? shared.open.item : undefined;
  }

  /** Runs one spend; never rejects. */
  spend(request: SpendRequest): Promise<TipResult> {
    const { item, timeoutMs, pay } = request;
    if (this.disposed) return Promise.resolve({ status: 'cancelled', item, reason: 'disposed' });
    if (shared.open) return Promise.resolve({ status: 'failed', item, error: this.texts.busy });
    const key = request.key ?? item.id;
    const result = new Promise<TipResult>((resolve) => {
      const timer = setTimeout(() => this.expire(key), timeoutMs);
      shared.open = { slot: this, key, item, resolve, timer };
    });
    const fail = (error: unknown) => this.finish(key, { status: 'failed', item, error: this.texts.failed?.(error) ?? String(error) });
    try {
      Promise.resolve(pay()).then((answer) => answer && this.finish(key, answer), fail);
    } catch (error) {
      fail(error);
    }
    return result;
  }

  /**
   * Settles the spend identified by `key` with `result(item)`: `settled` when it was open, `late`
   * when it had timed out (a success then goes to `onLate`), `undefined` when this slot has no
   * spend with that key.
   */
  settle(key: string, result: (item: TipMenuItem) => TipResult): 'settled' | 'late' | undefined {
    const open = shared.open;
    if (open?.slot === this && open.key === key) return this.finish(key, result(open.item)) ? 'settled' : undefined;
    const item = this.expired.get(key);
    if (!item) return undefined;
    this.expired.delete(key);
    const late = result(item);
    if (late.status === 'success') this.onLate({ ...late, late: true });
    return 'late';
  }

  /** Settles this slot's open spend, whatever its key (hosts whose cancel names no item). */
  settleOpen(result: (item: TipMenuItem) => TipResult): boolean {
    const open = shared.open;
    return open?.slot === this ? this.finish(open.key, result(open.item)) : false;
  }

  /** Cancels this slot's open spend and stops recognising late results. */
  dispose(): void {
    if (this.disposed) return;
    this.settleOpen((item) => ({ status: 'cancelled', item, reason: 'disposed' }));
    this.disposed = true;
    this.expired.clear();
  }

  private expire(key: string): void {
    const open = shared.open;
    if (open?.slot !== this || open.key !== key) return;
    remember(this.expired, key, open.item, MAX_EXPIRED);
    this.finish(key, { status: 'cancelled', item: open.item, reason: this.texts.timeout ?? 'timeout' });
  }

  private finish(key: string, result: TipResult): boolean {
    const open = shared.open;
    if (open?.slot !== this || open.key !== key) return false;
    shared.open = undefined;
    clearTimeout(open.timer);
    open.resolve(result);
    return true;
  }
}
