/** What Stripchat's storage helpers (`top`, `int` counters) share. */
import { filter, type Observable } from 'rxjs';
import { debounceMs, fromPromise, startingWith, switchTo } from '../streams.js';
import type { ErrorCode } from '../model.js';
import type { Answer } from '../kit/request.js';

/** The adapter, as a store uses it. */
export interface StoreHost {
  request(method: string, params: unknown): Promise<Answer>;
  report(code: ErrorCode, message: string, payload?: unknown): void;
}

/** How long a burst of tips is waited out before a store is read again. */
export const REREAD_DEBOUNCE_MS = 1_000;

/**
 * A host store's value: `read()` at once, and again after each burst of `changes`; a newer read
 * drops the answer of an older one, and reads that give nothing (`undefined`, already reported)
 * are skipped.
 */
export function rereads<T>(changes: Observable<unknown>, read: () => Promise<T | undefined>): Observable<T> {
  return startingWith<unknown>(undefined, changes.pipe(debounceMs(REREAD_DEBOUNCE_MS))).pipe(
    switchTo(() => fromPromise(read)),
    filter((value): value is T => value !== undefined),
  );
}
