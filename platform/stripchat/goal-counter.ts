/**
 * A goal's total in Stripchat's storage: an `int` counter (declared in the extension's manifest)
 * that the model's page adds each tip to, so every page of the extension, and the same page after
 * a reload, reads one total. It counts tokens since it was last reset.
 */
import { Subject, type Observable } from 'rxjs';
import { shareLatest, until } from '../streams.js';
import type { Tip } from '../model.js';
import { MAX_AMOUNT, isRecord, num } from '../validate.js';
import { rereads, type StoreHost } from './reread.js';

export class GoalCounter {
  /** The counter's value, read now and again after tips, increments and resets. */
  readonly total$: Observable<number>;
  private readonly dirty = new Subject<void>();
  private readonly closing = new Subject<void>();

  constructor(
    private readonly key: string,
    private readonly host: StoreHost,
  ) {
    this.total$ = rereads(this.dirty, () => this.read()).pipe(until(this.closing), shareLatest());
  }

  /** A tip arrived: add it to the counter when `record` (whole tokens only), then read the counter again. */
  async tipped(tip: Tip, record: boolean): Promise<void> {
    if (record && tip.currency === 'tokens' && Number.isInteger(tip.amount)) {
      await this.change('v1.storage.int.increment', { key: this.key, delta: String(tip.amount) }, 'The tip was not added to the goal');
    }
    this.dirty.next();
  }

  /** Sets the counter back to zero, then reads it again. */
  async reset(): Promise<void> {
    await this.change('v1.storage.int.reset', { key: this.key }, 'The goal was not reset');
    this.dirty.next();
  }

  close(): void {
    this.closing.next();
    this.closing.complete();
    this.dirty.complete();
  }

  /** Asks the host to change the counter; a failure or refusal is reported as `failure`. */
  private async change(method: string, params: unknown, failure: string): Promise<void> {
    const answer = await this.host.request(method, params);
    if (!answer.ok) this.host.report('request-failed', `${failure}: ${answer.error}`);
    else if (!isRecord(answer.value) || answer.value.success !== true) this.host.report('store-failed', `${failure}: Stripchat did not store it.`, answer.value);
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
