/**
 * Host requests on RxJS: one request with a timeout that never rejects, and a "latest wins" lane
 * where a newer request (or an event that supersedes it) drops the older answer.
 */
import { EMPTY, Observable, Subject, type Subscription } from 'rxjs';
import { switchTo, until } from '../streams.js';
import { errorMessage } from '../validate.js';

/** A request's outcome: its value, or why there is none. */
export type Answer<T = unknown> = { ok: true; value: T } | { ok: false; error: string; timedOut?: true };

/** `work()`'s value as an answer within `timeoutMs`; never rejects. `label` names it in errors. */
export function answer<T>(work: () => T | PromiseLike<T>, timeoutMs: number, label: string): Observable<Answer<Awaited<T>>> {
  // A plain timer and promise: RxJS's `timeout` and `from` would bring its schedulers and its
  // conversion of every kind of input into each adapter.
  return new Observable<Answer<Awaited<T>>>((subscriber) => {
    const settle = (result: Answer<Awaited<T>>) => {
      clearTimeout(timer);
      subscriber.next(result);
      subscriber.complete();
    };
    const timer = setTimeout(() => settle({ ok: false, error: `${label} timed out after ${timeoutMs} ms`, timedOut: true }), timeoutMs);
    try {
      Promise.resolve(work()).then(
        (value) => settle({ ok: true, value }),
        (error: unknown) => settle({ ok: false, error: errorMessage(error) }),
      );
    } catch (error) {
      settle({ ok: false, error: errorMessage(error) });
    }
    return () => clearTimeout(timer);
  });
}

/**
 * Runs host requests for one adapter: each gets a timeout, and all still waiting when the adapter
 * is disposed end with `{ ok: false, error: 'disposed' }`.
 */
export class Requests {
  private readonly closing = new Subject<void>();
  private closed = false;
  private running = 0;

  constructor(private readonly timeoutMs: number) {}

  /** How many requests are waiting for an answer (for tests and leak checks). */
  get waiting(): number {
    return this.running;
  }

  /** `work()` as an answer, counted in `waiting` until it settles. */
  private counted<T>(label: string, work: () => T | PromiseLike<T>, timeoutMs: number): Observable<Answer<Awaited<T>>> {
    return new Observable<Answer<Awaited<T>>>((subscriber) => {
      this.running += 1;
      const subscription = answer(work, timeoutMs, label).subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        this.running -= 1;
      };
    });
  }

  /** `work()` as an answer within `timeoutMs` (default: this runner's); never rejects. */
  run<T>(label: string, work: () => T | PromiseLike<T>, timeoutMs = this.timeoutMs): Promise<Answer<Awaited<T>>> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'disposed' });
    return new Promise((resolve) => {
      this.counted(label, work, timeoutMs)
        .pipe(until(this.closing))
        .subscribe({ next: resolve, complete: () => resolve({ ok: false, error: 'disposed' }) });
    });
  }

  /**
   * A lane where only the latest request counts: `next()` starts one and drops the answer of any
   * still running; `cancel()` drops it without starting another (e.g. an event made it stale).
   * `handle` sees the answers that survive.
   */
  latest<T>(label: string, work: () => T | PromiseLike<T>, handle: (answer: Answer<Awaited<T>>) => void, timeoutMs = this.timeoutMs): Latest {
    const starts = new Subject<boolean>();
    const subscription: Subscription = starts
      .pipe(
        switchTo((start) => (start ? this.counted(label, work, timeoutMs) : EMPTY)),
        until(this.closing),
      )
      .subscribe((value) => value && handle(value));
    return {
      next: () => !this.closed && starts.next(true),
      cancel: () => !this.closed && starts.next(false),
      dispose: () => subscription.unsubscribe(),
    };
  }

  /** Ends every waiting request and lane. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.closing.next();
    this.closing.complete();
  }
}

/** A latest-wins lane from `Requests.latest`. */
export interface Latest {
  next(): void;
  cancel(): void;
  dispose(): void;
}
