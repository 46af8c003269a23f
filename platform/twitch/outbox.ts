export interface OutboxOptions {
  /** Least time between two sends, in ms. */
  intervalMs: number;
  /** Most event messages waiting at once. */
  eventLimit: number;
  /** Sends one message now. */
  send: (type: string, payload: unknown) => void;
}

interface Pending {
  type: string;
  event: boolean;
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

  /** Queues a message; an `event` (every message counts, e.g. a spin) is never coalesced. */
  push(type: string, payload: unknown, event = false): Promise<boolean> {
    return new Promise((resolve) => {
      const waiting = event ? undefined : this.pending.find((entry) => !entry.event && entry.type === type);
      if (waiting) {
        waiting.payload = payload;
        waiting.settle.push(resolve);
        return;
      }
      if (event && this.pending.filter((entry) => entry.event).length >= this.options.eventLimit) {
        resolve(false);
        return;
      }
      this.pending.push({ type, event, payload, settle: [resolve] });
      this.pump();
    });
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
