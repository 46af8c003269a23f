/**
 * The few stream shapes the stream layer and the widgets need, on plain `Observable`. RxJS's own
 * operators for them (`startWith`, `switchMap`, `shareReplay`, `debounceTime`) go through its general
 * conversion of promises, iterables and async iterables (and the helper library that needs) or
 * through its schedulers; these take observables and plain timers only, so every page's entry stays
 * small. Same behaviour for what onair does with them; tests in streams.test.ts.
 */
import { Observable, ReplaySubject, type MonoTypeOperatorFunction, type OperatorFunction, type Subscription } from 'rxjs';

/** `first`, then whatever `source` emits (`startWith`). */
export function startingWith<T>(first: T, source: Observable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    subscriber.next(first);
    return source.subscribe(subscriber);
  });
}

/**
 * Follows the observable `project` makes of the latest value, dropping the previous one
 * (`switchMap` for observables). Completes when the source and the current inner one have.
 */
export function switchTo<T, R>(project: (value: T) => Observable<R>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      let inner: Subscription | undefined;
      let innerDone = true;
      let sourceDone = false;
      const outer = source.subscribe({
        next: (value) => {
          inner?.unsubscribe();
          let next$: Observable<R>;
          try {
            next$ = project(value);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          innerDone = false;
          inner = next$.subscribe({
            next: (item) => subscriber.next(item),
            error: (error: unknown) => subscriber.error(error),
            complete: () => {
              innerDone = true;
              if (sourceDone) subscriber.complete();
            },
          });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          if (innerDone) subscriber.complete();
        },
      });
      return () => {
        inner?.unsubscribe();
        outer.unsubscribe();
      };
    });
}

/**
 * One upstream subscription shared by every subscriber while any exists, replaying the latest value
 * to late ones (`shareReplay({ bufferSize: 1, refCount: true })`): the last unsubscribe disconnects
 * and forgets the value, an error resets it, a completed source stays completed.
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return (source) => {
    let subject: ReplaySubject<T> | undefined;
    let connection: Subscription | undefined;
    let completed = false;
    let count = 0;
    const reset = () => {
      connection?.unsubscribe();
      connection = undefined;
      subject = undefined;
    };
    return new Observable<T>((subscriber) => {
      count += 1;
      const shared = (subject ??= new ReplaySubject<T>(1));
      const subscription = shared.subscribe(subscriber);
      if (!connection && !completed) {
        connection = source.subscribe({
          next: (value) => shared.next(value),
          error: (error: unknown) => {
            reset();
            shared.error(error);
          },
          complete: () => {
            completed = true;
            shared.complete();
          },
        });
      }
      return () => {
        subscription.unsubscribe();
        count -= 1;
        if (count === 0 && !completed) reset();
      };
    });
  };
}

/** `source` until `notifier` emits, then complete (`takeUntil` for observables). */
export function until<T>(notifier: Observable<unknown>): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const stop = notifier.subscribe(() => subscriber.complete());
      const subscription = subscriber.closed ? undefined : source.subscribe(subscriber);
      return () => {
        stop.unsubscribe();
        subscription?.unsubscribe();
      };
    });
}

/** What `make()`'s promise resolves to, then completion; a rejection is an error (`defer` + `from`). */
export function fromPromise<T>(make: () => PromiseLike<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    make().then(
      (value) => {
        subscriber.next(value);
        subscriber.complete();
      },
      (error: unknown) => subscriber.error(error),
    );
  });
}

/**
 * Emits a value once `ms` have passed without another (`debounceTime` on a plain timer); on
 * completion the pending value goes out first.
 */
export function debounceMs<T>(ms: number): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let pending: { value: T } | undefined;
      const flush = () => {
        clearTimeout(timer);
        timer = undefined;
        const due = pending;
        pending = undefined;
        if (due) subscriber.next(due.value);
      };
      const subscription = source.subscribe({
        next: (value) => {
          pending = { value };
          clearTimeout(timer);
          timer = setTimeout(flush, ms);
        },
        error: (error: unknown) => {
          clearTimeout(timer);
          subscriber.error(error);
        },
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        clearTimeout(timer);
        subscription.unsubscribe();
      };
    });
}
