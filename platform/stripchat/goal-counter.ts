/**
 * A goal's total in Stripchat's storage: an `int` counter (declared in the extension's manifest)
 * that the model's page adds each tip to, so every page of the extension, and the same page after
 * a reload, reads one total. It counts tokens since it was last reset.
 */
import { Subject, merge, shareReplay, takeUntil, type Observable } from 'rxjs';
import type { Tip } from '../model.js';
import { MAX_AMOUNT, isRecord, num } from '../validate.js';
import { rereads, type StoreHost } from './reread.js';

export class GoalCounter {
  /** The counter's value, read now and after tips, and as the host answers an increment or reset. */
  readonly total$: Observable<number>;
  private readonly dirty = new Subject<void>();
  private readonly answered = new Subject<number>();
  private readonly closing = new Subject<void>();

  constructor(
    private readonly key: string,
    private readonly host: StoreHost,
  ) {
    this.total$ = merge(rereads(this.dirty, () => this.read()), this.answered).pipe(takeUntil(this.closing), shareReplay({ bufferSize: 1, refCount: true }));
  }

  /** A tip arrived: add it to the counter when `record` (whole tokens only), else read the counter again. */
  async tipped(tip: Tip, record: boolean): Promise<void> {
    if (!record || tip.currency !== 'tokens' || !Number.isInteger(tip.amount)) {
      this.dirty.next();
      return;
    }
    const answer = await this.host.request('v1.storage.int.increment', { key: this.key, delta: String(tip.amount) });
    this.settled(answer.ok ? answer.value : undefined, answer.ok ? undefined : answer.error, 'The tip was not added to the goal');
  }

  /** Sets the counter back to zero. */
  async reset(): Promise<void> {
    const answer = await this.host.request('v1.storage.int.reset', { key: this.key });
    this.settled(answer.ok ? answer.value : undefined, answer.ok ? undefined : answer.error, 'The goal was not reset');
  }

  close(): void {
    this.closing.next();
    this.closing.complete();
    this.dirty.complete();
    this.answered.complete();
  }

  /** An increment's or reset's answer: its new value, else the failure reported and the counter read again. */
  private settled(value: unknown, error: string | undefined, failure: string): void {
    const total = isRecord(value) && value.success === true ? counterValue(value.value) : undefined;
    if (total !== undefined) {
      this.answered.next(total);
      return;
    }
    if (error !== undefined) this.host.report('request-failed', `${failure}: ${error}`);
    else this.host.report('store-failed', `${failure}: Stripchat did not store it.`, value);
    this.dirty.next();
  }

  private async read(): Promise<number | undefined> {
    const answer = await this.host.request('v1.storage.int.get', { key: this.key });
    if (!answer.ok) {
      this.host.report('request-failed', `v1.storage.int.get failed: ${answer.error}`);
      return undefined;
    }
    const total = isRecord(answer.value) ? counterValue(answer.value.value) : undefined;
    if (total === undefined) this.host.report('invalid-payload', 'Stripchat sent a goal total onair cannot use.', answer.value);
    return total;
  }
}

/** The counter's value (a string of digits): a whole number from 0 up. */
function counterValue(value: unknown): number | undefined {
  const total = num(value, 0, MAX_AMOUNT);
  return total !== undefined && Number.isInteger(total) ? total : undefined;
}
