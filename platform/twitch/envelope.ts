/**
 * onair's room envelope (see ../kit/envelope.ts) on Twitch Extension PubSub's `broadcast` target,
 * with the two rules this transport adds:
 * - `from` and `seq` are required. PubSub is at-most-once and unordered, so a receiver drops
 *   anything at or below the last `seq` it saw from that sender (stale or duplicate) and accepts
 *   gaps. A backend that restarts must keep counting (e.g. use `Date.now()`) or pick a new `from`.
 * - The whole JSON text must fit Twitch's 5 KB PubSub message limit.
 * `viewers` and `leaderboard` are snapshots pushed by a backend (EBS); every other type is handed to
 * widgets as a room message.
 */
import { LEADERBOARD_WINDOWS, type LeaderboardEntry, type LeaderboardWindow, type Viewers } from '../model.js';
import { count, currency, date, id, isRecord, num, oneOf, text } from '../validate.js';
import { decodeEnvelope as decodeRoomEnvelope, type Envelope } from '../kit/envelope.js';

/** Twitch Extension PubSub's message size limit; the backend's (ebs/envelope.mjs) is held equal by test/wire.test.ts. */
export const MAX_MESSAGE_BYTES = 5 * 1024;
export const MAX_LEADERBOARD_ENTRIES = 100;

/** An envelope as Twitch carries it: sender and sequence number always present. */
export type TwitchEnvelope = Envelope & { from: string; seq: number };

export type Decoded =
  | { kind: 'envelope'; envelope: TwitchEnvelope }
  | { kind: 'foreign' }
  | { kind: 'oversize' }
  | { kind: 'invalid'; reason: string };

const encoder = new TextEncoder();

export function byteLength(value: string): number {
  return encoder.encode(value).length;
}

/** Reads one PubSub message (always a string from the helper) without throwing. */
export function decodeEnvelope(message: unknown): Decoded {
  if (typeof message !== 'string') return { kind: 'invalid', reason: 'the message is not a string' };
  if (byteLength(message) > MAX_MESSAGE_BYTES) return { kind: 'oversize' };
  const decoded = decodeRoomEnvelope(message, { requireFrom: true, requireSeq: true });
  return decoded as Decoded;
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
