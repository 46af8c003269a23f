/**
 * onair's message envelope on Twitch Extension PubSub (`broadcast` target), version 1:
 *
 *     { "onair": 1, "type": "wheel.spin", "seq": 42, "from": "a1b2c3", "sentAt": 1700000000000, "payload": {…} }
 *
 * - `onair` is the envelope version; anything without it is not ours and is ignored.
 * - `type` names the payload: `viewers` and `leaderboard` are snapshots pushed by a backend (EBS);
 *   everything else (`wheel.spin`, …) is handed to widgets as a room message.
 * - `from` is the sender: a page's `clientId`, or a fixed name such as `ebs` for a backend.
 * - `seq` grows with every message from one `from`. PubSub is at-most-once and unordered, so a
 *   receiver drops anything at or below the last `seq` it saw from that sender (stale or duplicate)
 *   and accepts gaps. A backend that restarts must keep counting (e.g. use `Date.now()`) or pick a
 *   new `from`.
 * - `sentAt` is the sender's clock in ms since the epoch.
 * The whole JSON text must fit Twitch's 5 KB PubSub message limit.
 */
import { LEADERBOARD_WINDOWS, type LeaderboardEntry, type LeaderboardWindow, type Viewers } from '../model.js';
import { count, currency, date, id, isRecord, num, oneOf, text } from '../validate.js';

export const ENVELOPE_VERSION = 1;
/** Twitch Extension PubSub's message size limit. */
export const MAX_MESSAGE_BYTES = 5 * 1024;
export const MAX_LEADERBOARD_ENTRIES = 100;

export interface Envelope {
  onair: typeof ENVELOPE_VERSION;
  type: string;
  seq: number;
  from: string;
  sentAt: number;
  payload: unknown;
}

export type Decoded =
  | { kind: 'envelope'; envelope: Envelope }
  | { kind: 'foreign' }
  | { kind: 'oversize' }
  | { kind: 'invalid'; reason: string };

const TYPE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const encoder = new TextEncoder();

/** Room message types: short names of letters, digits and `. _ : -` (e.g. `wheel.spin`). */
export function isRoomType(value: unknown): value is string {
  return typeof value === 'string' && TYPE_PATTERN.test(value);
}

export function byteLength(value: string): number {
  return encoder.encode(value).length;
}

export function encodeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope);
}

/** Reads one PubSub message (always a string from the helper) without throwing. */
export function decodeEnvelope(message: unknown): Decoded {
  if (typeof message !== 'string') return { kind: 'invalid', reason: 'the message is not a string' };
  if (byteLength(message) > MAX_MESSAGE_BYTES) return { kind: 'oversize' };
  let data: unknown;
  try {
    data = JSON.parse(message);
  } catch {
    return { kind: 'foreign' };
  }
  if (!isRecord(data) || !('onair' in data)) return { kind: 'foreign' };
  if (data.onair !== ENVELOPE_VERSION) return { kind: 'invalid', reason: `unsupported envelope version ${String(data.onair)}` };
  const type = isRoomType(data.type) ? data.type : undefined;
  const seq = typeof data.seq === 'number' && Number.isSafeInteger(data.seq) && data.seq >= 0 ? data.seq : undefined;
  const from = id(data.from);
  const sentAt = num(data.sentAt, 0, 8.64e15);
  if (type === undefined) return { kind: 'invalid', reason: 'missing or malformed type' };
  if (seq === undefined) return { kind: 'invalid', reason: 'missing or malformed seq' };
  if (from === undefined) return { kind: 'invalid', reason: 'missing or malformed from' };
  if (sentAt === undefined) return { kind: 'invalid', reason: 'missing or malformed sentAt' };
  return { kind: 'envelope', envelope: { onair: ENVELOPE_VERSION, type, seq, from, sentAt, payload: data.payload } };
}

/** `viewers` payload: `{ total, byPlatform? }`. */
export function parseViewers(payload: unknown): Viewers | undefined {
  if (!isRecord(payload)) return undefined;
  const total = count(payload.total);
  if (total === undefined) return undefined;
  if (payload.byPlatform === undefined) return { total };
  if (!isRecord(payload.byPlatform)) return undefined;
  const byPlatform: Record<string, number> = {};
  for (const [name, value] of Object.entries(payload.byPlatform).slice(0, 16)) {
    const platform = text(name, 32);
    const n = count(value);
    if (platform === undefined || n === undefined) return undefined;
    byPlatform[platform] = n;
  }
  return { total, byPlatform };
}

export interface LeaderboardSnapshot {
  window: LeaderboardWindow;
  entries: LeaderboardEntry[];
  /** How many entries were malformed and left out. */
  skipped: number;
}

/**
 * `leaderboard` payload: `{ window, entries: [{ userId, name, total, firstAt }] }`. Entries are
 * ranked here (total descending, earlier `firstAt` first on ties), whatever order they came in.
 */
export function parseLeaderboard(payload: unknown): LeaderboardSnapshot | undefined {
  if (!isRecord(payload) || !Array.isArray(payload.entries)) return undefined;
  const window = oneOf(LEADERBOARD_WINDOWS, payload.window);
  if (!window) return undefined;
  const raw = payload.entries.slice(0, MAX_LEADERBOARD_ENTRIES);
  const entries = raw.map(parseEntry).filter((entry): entry is Omit<LeaderboardEntry, 'rank'> => entry !== undefined);
  entries.sort((a, b) => b.total - a.total || a.firstAt.getTime() - b.firstAt.getTime());
  return {
    window,
    entries: entries.map((entry, index) => ({ ...entry, rank: index + 1 })),
    skipped: payload.entries.length - entries.length,
  };
}

function parseEntry(value: unknown): Omit<LeaderboardEntry, 'rank'> | undefined {
  if (!isRecord(value)) return undefined;
  const userId = id(value.userId);
  const name = text(value.name);
  const total = num(value.total, 0);
  const firstAt = date(value.firstAt);
  if (userId === undefined || name === undefined || total === undefined || firstAt === undefined) return undefined;
  const unit = value.currency === undefined ? 'bits' : currency(value.currency);
  if (unit === undefined) return undefined;
  return { userId, name, total, firstAt, currency: unit };
}
