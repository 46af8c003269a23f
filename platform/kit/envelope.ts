/**
 * onair's room envelope, the same on every host (transports only wrap it):
 *
 *     { "onair": 1, "type": "wheel.spin", "payload": {…}, "from": "a1b2c3", "sentAt": 1700000000000, "seq": 42 }
 *
 * - `onair` is the envelope version; a message without it is not ours and is ignored.
 * - `type` names the payload: 1–64 letters, digits and `. _ : -`.
 * - `from` is the sender's `clientId` (or a fixed name such as `ebs` for a backend); optional
 *   where the host relays anonymously.
 * - `sentAt` is the sender's clock in ms since the epoch.
 * - `seq` (only where the transport needs it, e.g. Twitch PubSub) grows with every message from one
 *   `from`, so receivers can drop stale and duplicate copies.
 */
import type { RoomMessage } from '../model.js';
import { id, isRecord, num } from '../validate.js';

export const ENVELOPE_VERSION = 1;
const TYPE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_SENT_AT = 8.64e15;

export interface Envelope {
  onair: typeof ENVELOPE_VERSION;
  type: string;
  payload: unknown;
  from?: string;
  sentAt: number;
  seq?: number;
}

export type Decoded =
  | { kind: 'envelope'; envelope: Envelope }
  /** Not onair's: someone else's traffic on the same channel. */
  | { kind: 'foreign' }
  | { kind: 'invalid'; reason: string };

/** Room message types: short names of letters, digits and `. _ : -` (e.g. `wheel.spin`). */
export function isRoomType(value: unknown): value is string {
  return typeof value === 'string' && TYPE_PATTERN.test(value);
}

/** The envelope for an outgoing message; throws nothing, checks nothing (see `isRoomType`). */
export function envelope(type: string, payload: unknown, from: string, seq?: number): Envelope {
  return { onair: ENVELOPE_VERSION, type, payload, from, sentAt: Date.now(), ...(seq === undefined ? {} : { seq }) };
}

/**
 * Reads an envelope from an object or its JSON text without throwing. `requireFrom` / `requireSeq`
 * are for transports whose ordering rules need them.
 */
export function decodeEnvelope(data: unknown, rules: { requireFrom?: boolean; requireSeq?: boolean } = {}): Decoded {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { kind: 'foreign' };
    }
  }
  if (!isRecord(value) || !('onair' in value)) return { kind: 'foreign' };
  if (value.onair !== ENVELOPE_VERSION) return { kind: 'invalid', reason: `unsupported envelope version ${String(value.onair)}` };
  const type = isRoomType(value.type) ? value.type : undefined;
  const sentAt = num(value.sentAt, 0, MAX_SENT_AT);
  const from = value.from === undefined ? undefined : id(value.from);
  const seq = typeof value.seq === 'number' && Number.isSafeInteger(value.seq) && value.seq >= 0 ? value.seq : undefined;
  if (type === undefined) return { kind: 'invalid', reason: 'missing or malformed type' };
  if (!('payload' in value)) return { kind: 'invalid', reason: 'missing payload' };
  if (from === undefined && (value.from !== undefined || rules.requireFrom)) return { kind: 'invalid', reason: 'missing or malformed from' };
  if (seq === undefined && (value.seq !== undefined || rules.requireSeq)) return { kind: 'invalid', reason: 'missing or malformed seq' };
  if (sentAt === undefined) return { kind: 'invalid', reason: 'missing or malformed sentAt' };
  return {
    kind: 'envelope',
    envelope: { onair: ENVELOPE_VERSION, type, payload: value.payload, sentAt, ...(from ? { from } : {}), ...(seq === undefined ? {} : { seq }) },
  };
}

/** The room message an envelope carries (without transport fields such as `seq`). */
export function roomMessage({ type, payload, from, sentAt }: Envelope): RoomMessage {
  return from ? { type, payload, from, sentAt } : { type, payload, sentAt };
}
