/** One alert waiting its turn: an item, plus how many later items were folded into it. */
export interface QueuedAlert<T> {
  item: T;
  /** Items that arrived while the queue was full and are announced with this one ("+37 more"). */
  more: number;
}

/** The queue length when none is given: half a minute of five-second alerts. */
export const DEFAULT_MAX_QUEUE = 5;
export const MAX_QUEUE = 50;

/**
 * The alerts waiting while one shows. At most `max` wait, however fast items arrive: once full, a
 * new item is folded into the last one waiting, which then announces it as "+N more". A burst of
 * thousands of tips a second therefore costs one counter increment per tip, and the backlog never
 * grows past `max` alerts.
 */
export class AlertQueue<T> {
  private readonly waiting: QueuedAlert<T>[] = [];
  private max: number;

  constructor(max = DEFAULT_MAX_QUEUE) {
    this.max = clampMax(max);
  }

  /** Alerts waiting (not items: folded items ride along with their alert). */
  get length(): number {
    return this.waiting.length;
  }

  /** Items waiting, folded ones included. */
  get items(): number {
    return this.waiting.reduce((sum, alert) => sum + 1 + alert.more, 0);
  }

  /** Adds an item; returns `false` when it was folded into the last alert waiting. */
  push(item: T): boolean {
    if (this.waiting.length < this.max) {
      this.waiting.push({ item, more: 0 });
      return true;
    }
    this.waiting[this.waiting.length - 1].more += 1;
    return false;
  }

  /** The next alert to show, oldest first. */
  shift(): QueuedAlert<T> | undefined {
    return this.waiting.shift();
  }

  /** Changes the cap; alerts beyond a smaller one are folded into the new last alert. */
  resize(max: number): void {
    this.max = clampMax(max);
    while (this.waiting.length > this.max) {
      const dropped = this.waiting.pop()!;
      this.waiting[this.waiting.length - 1].more += 1 + dropped.more;
    }
  }

  clear(): void {
    this.waiting.length = 0;
  }
}

function clampMax(max: number): number {
  return Number.isFinite(max) ? Math.min(Math.max(Math.floor(max), 1), MAX_QUEUE) : DEFAULT_MAX_QUEUE;
}
