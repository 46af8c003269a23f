import type { ErrorCode } from '../model.js';
import type { Answer } from '../kit/request.js';
import { id, isRecord } from '../validate.js';

export interface OverlaySlotOptions {
  /** One host request that never rejects. */
  request(method: string, params: unknown): Promise<Answer>;
  report(code: ErrorCode, message: string): void;
}

/** The longest reservation Stripchat grants. */
export const MAX_HOLD_MS = 30_000;

/**
 * The shared overlay slot (`EXTENSION_SLOT_RIGHT_OVERLAY`, `EXTENSION_SLOT_VIDEO_DECORATIVE_OVERLAY`)
 * as one viewer's client holds it. A reservation (`v1.ext.activity.request`) belongs to the client
 * that asks (it is not restored for viewers who join later), so each viewer's frame asks for itself
 * when a room message wants the overlay shown. A newer wish replaces an older one: the running
 * reservation is cancelled (`v1.ext.activity.cancel`) before the next is asked for, and while another
 * extension holds the slot (`v1.ext.activity.busy`) only the latest wish waits for it, so no stale
 * reservations pile up in the host's queue. A reservation ends by itself after its time, and is
 * cancelled when the page goes away.
 */
export class OverlaySlot {
  private held?: { activityId: string; timer: ReturnType<typeof setTimeout> };
  /** The latest wish not asked for yet, in ms. */
  private wanted?: number;
  private asking = false;
  private busy = false;
  private disposed = false;

  constructor(private readonly options: OverlaySlotOptions) {}

  /** Reads whether another extension holds the slot now. */
  async sync(): Promise<void> {
    const answer = await this.options.request('v1.ext.activity.status', null);
    if (this.disposed || !answer.ok) return;
    this.setBusy(isRecord(answer.value) && answer.value.status === 'busy');
  }

  /** Holds the slot for `ms` (at most 30 s), replacing any reservation this client holds. */
  hold(ms: number): void {
    if (this.disposed || !(ms > 0)) return;
    this.wanted = Math.min(Math.round(ms), MAX_HOLD_MS);
    void this.ask();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    if (!busy) void this.ask();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.wanted = undefined;
    this.release();
  }

  private async ask(): Promise<void> {
    if (this.asking || this.busy || this.wanted === undefined || this.disposed) return;
    const durationMs = this.wanted;
    this.wanted = undefined;
    this.asking = true;
    this.release();
    const answer = await this.options.request('v1.ext.activity.request', { durationMs });
    this.asking = false;
    const activityId = answer.ok && isRecord(answer.value) ? id(answer.value.activityId) : undefined;
    if (!answer.ok) this.options.report('request-failed', `The overlay slot was not reserved: ${answer.error}`);
    else if (activityId === undefined) this.options.report('invalid-payload', 'Stripchat reserved the overlay slot without an activity id.');
    if (activityId !== undefined) {
      this.held = { activityId, timer: setTimeout(() => (this.held = undefined), durationMs) };
      // A page gone meanwhile, or a newer wish, ends this reservation at once.
      if (this.disposed || this.wanted !== undefined) this.release();
    }
    void this.ask();
  }

  private release(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    clearTimeout(held.timer);
    void this.options.request('v1.ext.activity.cancel', { activityId: held.activityId }).then((answer) => {
      if (!answer.ok) this.options.report('request-failed', `The overlay slot was not released: ${answer.error}`);
    });
  }
}
