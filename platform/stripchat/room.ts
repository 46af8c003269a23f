/**
 * The room over Stripchat whispers: onair's envelope sent with `v1.ext.whisper` (a viewer's only
 * with the payment of a spend), whispers received and de-duplicated, and with `sync` the latest one
 * shared among this viewer's frames in one tab over `v1.ext.whisper.local`.
 */
import type { DeliveryHints, ErrorCode, OutgoingRoomMessage, Role, RoomMessage } from '../model.js';
import type { Answer } from '../kit/request.js';
import { remember } from '../bounded.js';
import { hash } from '../hash.js';
import { decodeEnvelope, envelope, isRoomType, roomMessage } from '../kit/envelope.js';
import { isRecord, num } from '../validate.js';
import { MAX_HOLD_MS } from './activity.js';
import { fitsJson, printable } from './json.js';

const MAX_ROOM_PAYLOAD = 16_000;
const MAX_SEEN = 500;

export interface WhisperRoomHost {
  clientId: string;
  /** Answer other frames' requests for the latest message (`sync` option). */
  sync: boolean;
  request(method: string, params: unknown): Promise<Answer>;
  report(code: ErrorCode, message: string, payload?: unknown): void;
  /** A message for `room$`. */
  deliver(message: RoomMessage): void;
  /** The sender asked to hold the shared overlay slot this long (ms). */
  hold(ms: number): void;
}

export class WhisperRoom {
  private readonly seen = new Set<string>();
  /** The latest room message, for this viewer's other frames when they ask (`sync`). */
  private last?: RoomMessage;

  constructor(private readonly host: WhisperRoomHost) {}

  /** Whispers `message`; `payment` (from a viewer's spend) is required unless `role` is the model's. */
  async send(message: OutgoingRoomMessage, hints: DeliveryHints, role: Role, payment: () => Record<string, unknown> | undefined): Promise<void> {
    const { type } = message;
    if (!isRoomType(type) || !fitsJson(message.payload, MAX_ROOM_PAYLOAD)) {
      this.host.report('invalid-message', 'A room message needs a type and a small JSON payload.', message);
      return;
    }
    if (role === 'guest') {
      this.host.report('unsupported', 'Guests cannot send to the room; sign in first.');
      return;
    }
    const paymentData = role === 'broadcaster' ? undefined : payment();
    if (role !== 'broadcaster' && !paymentData) {
      this.host.report('payment-required', 'Stripchat relays a viewer\'s room message only with the payment of a spend; tip first.');
      return;
    }
    // The hold travels with the message: every viewer's frame that receives it holds its own slot.
    const wanted = num(hints.holdOverlayMs, 1, Number.MAX_SAFE_INTEGER);
    const hold = wanted === undefined ? undefined : Math.min(Math.round(wanted), MAX_HOLD_MS);
    const data = { ...envelope(type, message.payload, this.host.clientId), ...(hold ? { holdOverlayMs: hold } : {}) };
    const answer = await this.host.request('v1.ext.whisper', paymentData ? { data, paymentData } : { data });
    if (!answer.ok) this.host.report('request-failed', `The room message was not sent: ${answer.error}`);
  }

  /** A `v1.ext.whispered` event. */
  whispered(data: unknown): void {
    // The host may wrap what was whispered in `data`; whispers without our envelope belong to other code.
    const inner = isRecord(data) && !('onair' in data) && isRecord(data.data) ? data.data : data;
    const decoded = decodeEnvelope(inner);
    if (decoded.kind === 'foreign') return;
    if (decoded.kind === 'invalid') {
      this.host.report('invalid-payload', `Stripchat relayed a room message onair cannot use: ${decoded.reason}.`, data);
      return;
    }
    const { from, sentAt, type, payload } = decoded.envelope;
    // Whispers carry no sequence number; two spins sent in one millisecond still differ in payload.
    const key = `${from ?? ''}|${sentAt}|${type}|${hash(printable(payload))}`;
    if (this.seen.has(key)) return;
    remember(this.seen, key, undefined, MAX_SEEN);
    const message = roomMessage(decoded.envelope);
    this.last = message;
    this.host.deliver(message);
    // The slot keeps to its own limit (`OverlaySlot.hold` caps it).
    const hold = isRecord(inner) ? num(inner.holdOverlayMs, 1, Number.MAX_SAFE_INTEGER) : undefined;
    if (hold !== undefined) this.host.hold(hold);
  }

  /**
   * A `v1.ext.whispered.local` event. With `sync`, this viewer's frames in one browser tab share the
   * latest room message over `v1.ext.whisper.local` (free, and never leaving the tab): a frame that
   * starts asks (`askFrames()`), the others answer with theirs. A frame mounted after a spin began
   * (an overlay slot, a tab the viewer opens) then still shows it; the usual duplicate check drops
   * what a frame already has.
   */
  whisperedLocally(data: unknown): void {
    if (isRecord(data) && data.onair === 1 && data.sync === 'ask') {
      const last = this.last;
      if (this.host.sync && last) {
        const { type, payload, from, sentAt } = last;
        void this.host.request('v1.ext.whisper.local', { data: { onair: 1, type, payload, ...(from ? { from } : {}), sentAt } });
      }
      return;
    }
    this.whispered(data);
  }

  /** Asks this viewer's other frames for the latest room message. */
  askFrames(): void {
    void this.host.request('v1.ext.whisper.local', { data: { onair: 1, sync: 'ask', from: this.host.clientId } });
  }
}
