import { expect } from '@open-wc/testing';
import { BehaviorSubject, EMPTY, Observable, Subject, of } from 'rxjs';
import { debounceMs, fromPromise, shareLatest, startingWith, switchTo, until } from './streams.js';
import { trackTimers } from '../test/helpers.js';
import { until as untilTrue } from '../test/wait.js';


describe('stream helpers', () => {
  it('startingWith emits the first value, then the source, and completes with it', () => {
    const seen: unknown[] = [];
    let done = false;
    startingWith(0, of(1, 2)).subscribe({ next: (v) => seen.push(v), complete: () => (done = true) });
    expect(seen).to.deep.equal([0, 1, 2]);
    expect(done).to.equal(true);
    const empty: unknown[] = [];
    startingWith('only', EMPTY).subscribe((v) => empty.push(v));
    expect(empty).to.deep.equal(['only']);
  });

  it('switchTo follows the latest inner stream and drops the previous one', () => {
    const outer = new Subject<string>();
    const inners = { a: new Subject<string>(), b: new Subject<string>() };
    const seen: string[] = [];
    let done = false;
    const subscription = outer.pipe(switchTo((key) => inners[key as 'a' | 'b'])).subscribe({ next: (v) => seen.push(v), complete: () => (done = true) });
    outer.next('a');
    inners.a.next('a1');
    outer.next('b');
    inners.a.next('a2'); // dropped: a is no longer followed
    inners.b.next('b1');
    expect(seen).to.deep.equal(['a1', 'b1']);
    expect(inners.a.observed).to.equal(false);
    outer.complete();
    expect(done).to.equal(false); // b still runs
    inners.b.complete();
    expect(done).to.equal(true);
    subscription.unsubscribe();
  });

  it('switchTo passes an error thrown by its projection on as an error', () => {
    const errors: unknown[] = [];
    of(1).pipe(switchTo(() => { throw new Error('bad projection'); })).subscribe({ error: (e) => errors.push(e) });
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['bad projection']);
  });

  it('switchTo completes with a source that completes after a synchronous inner stream, and tears down both', () => {
    const seen: number[] = [];
    let done = false;
    of(1, 2).pipe(switchTo((n: number) => of(n * 10))).subscribe({ next: (v) => seen.push(v), complete: () => (done = true) });
    expect(seen).to.deep.equal([10, 20]);
    expect(done).to.equal(true);
    const outer = new BehaviorSubject(1);
    const inner = new Subject<number>();
    const subscription = outer.pipe(switchTo(() => inner)).subscribe();
    subscription.unsubscribe();
    expect(outer.observed).to.equal(false);
    expect(inner.observed).to.equal(false);
  });

  it('shareLatest subscribes upstream once, replays the latest value, and disconnects with the last subscriber', () => {
    let subscribes = 0;
    const source = new Subject<number>();
    const shared = new BehaviorSubject(0).pipe(switchTo(() => { subscribes += 1; return source; }), shareLatest());
    const first: number[] = [];
    const a = shared.subscribe((v) => first.push(v));
    source.next(1);
    const late: number[] = [];
    const b = shared.subscribe((v) => late.push(v));
    source.next(2);
    expect(subscribes).to.equal(1);
    expect(first).to.deep.equal([1, 2]);
    expect(late).to.deep.equal([1, 2]);
    a.unsubscribe();
    expect(source.observed).to.equal(true);
    b.unsubscribe();
    expect(source.observed).to.equal(false);
    const again: number[] = [];
    shared.subscribe((v) => again.push(v)).unsubscribe();
    expect(again, 'nothing replayed after a full disconnect').to.deep.equal([]);
    expect(subscribes).to.equal(2);
  });

  it('shareLatest resubscribes after an error', () => {
    let attempt = 0;
    const shared = new BehaviorSubject(0).pipe(
      switchTo(() => {
        attempt += 1;
        return attempt === 1 ? new Observable<number>((subscriber) => subscriber.error(new Error('boom'))) : of(7);
      }),
      shareLatest(),
    );
    const errors: unknown[] = [];
    shared.subscribe({ error: (e) => errors.push(e) });
    expect(errors).to.have.length(1);
    const seen: number[] = [];
    shared.subscribe((v) => seen.push(v));
    expect(seen).to.deep.equal([7]);
  });

  it('debounceMs emits after a quiet spell only, and flushes on completion', async () => {
    const source = new Subject<number>();
    const seen: number[] = [];
    source.pipe(debounceMs(30)).subscribe((v) => seen.push(v));
    // Values with no quiet spell between them (timed gaps would stretch past 30 ms on a busy machine).
    source.next(1);
    source.next(2);
    source.next(3);
    expect(seen).to.deep.equal([]);
    await untilTrue(() => seen.length > 0, 'emitted after the quiet spell');
    expect(seen).to.deep.equal([3]);
    source.next(4);
    source.complete();
    expect(seen).to.deep.equal([3, 4]);
  });

  it('debounceMs clears its timer when unsubscribed', async () => {
    const source = new Subject<number>();
    const seen: number[] = [];
    const timers = trackTimers();
    try {
      const subscription = source.pipe(debounceMs(20)).subscribe((v) => seen.push(v));
      source.next(1);
      expect(timers.pending()).to.equal(1);
      subscription.unsubscribe();
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
    expect(seen).to.deep.equal([]);
    expect(source.observed).to.equal(false);
  });

  it('fromPromise starts the work on subscription, emits its value and completes, or errors', async () => {
    let started = 0;
    const stream = fromPromise(async () => {
      started += 1;
      return 5;
    });
    expect(started).to.equal(0);
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => stream.subscribe({ next: (v) => seen.push(v), complete: resolve }));
    await done;
    expect([started, ...seen]).to.deep.equal([1, 5]);
    const failed = await new Promise<unknown>((resolve) => fromPromise(() => Promise.reject(new Error('no'))).subscribe({ error: resolve }));
    expect((failed as Error).message).to.equal('no');
  });

  it('until passes values on until the notifier emits, then completes and lets go of both', () => {
    const source = new Subject<number>();
    const stop = new Subject<void>();
    const seen: number[] = [];
    let done = false;
    source.pipe(until(stop)).subscribe({ next: (v) => seen.push(v), complete: () => (done = true) });
    source.next(1);
    stop.next();
    source.next(2);
    expect(seen).to.deep.equal([1]);
    expect(done).to.equal(true);
    expect(source.observed).to.equal(false);
    expect(stop.observed).to.equal(false);
  });
});
