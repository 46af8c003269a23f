export interface OutboxOptions {
  /** Least time between two sends, in ms. */
  intervalMs: number;
  /** Types whose every message counts (spins): queued in order, never coalesced. */
  isEvent: (type: string) => boolean;
  /** Most event messages waiting at once. */
  eventLimit: number;
  /** Sends one message now. */
  send: (type: string, payload: unknown) => void;
}

interface Pending {
  type: string;
  payload: unknown;
  settle: Array<(sent: boolean) => void>;
}

/**
 * Paces outgoing room messages to the host's rate limit. A waiting snapshot is replaced by a newer
 * one of the same type (latest wins, keeping its place in line); events queue in order up to
 * `eventLimit`. Each `push` resolves `true` once its message (or the newer one that replaced it)
 * went out, `false` if it was refused or the outbox closed.
 */
export class Outbox {
  private readonly pending: Pending[] = [];
  private lastSentAt = -Infinity;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly options: OutboxOptions) {}

  push(type: string, payload: unknown): Promise<boolean> {
    return new Promise((resolve) => {
      const isEvent = this.options.isEvent(type);
      const waiting = isEvent ? undefined : this.pending.find((entry) => entry.type === type);
      if (waiting) {
        waiting.payload = payload;
        waiting.settle.push(resolve);
        return;
      }
      if (isEvent && this.pending.filter((entry) => this.options.isEvent(entry.type)).length >= this.options.eventLimit) {
        resolve(false);
        return;
      }
      this.pending.push({ type, payload, settle: [resolve] });
      this.pump();
    });
  }

  /** Messages not sent yet. */
  get size(): number {
    return this.pending.length;
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const entry of this.pending.splice(0)) entry.settle.forEach((settle) => settle(false));
  }

  private pump(): void {
    if (this.timer !== undefined || this.pending.length === 0) return;
    const wait = this.lastSentAt + this.options.intervalMs - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    const entry = this.pending.shift()!;
    this.lastSentAt = performance.now();
    this.options.send(entry.type, entry.payload);
    entry.settle.forEach((settle) => settle(true));
    this.pump();
  }
}
