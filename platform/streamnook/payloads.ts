/**
 * StreamNook's host-to-plugin notifications and their payloads, validated into plain typed values,
 * as the onair sidecar forwards them. Shapes follow the plugin events reference and what the host
 * really sends: a shared channel object (nullable game, start time and viewer count; `on_stream_start`
 * carries an empty `display_name` and no count), a lean chat message (bits a positive integer or
 * null; an empty id for lines the user sent), timestamps ending in `+00:00`. Every parser returns
 * `undefined` (or a reason string) instead of throwing.
 */
import type { Tip } from '../model.js';
import { count, date, id, isRecord, MAX_MESSAGE, text } from '../validate.js';

/** What the onair sidecar pushes on its status slot (demo/streamnook/sidecar). */
export type FeedValue =
  | { kind: 'event'; event: string; params: Record<string, unknown>; seq?: number }
  | { kind: 'snapshot'; snapshot: Snapshot; seq?: number };

/** The sidecar's view of the host: the followed live set and the active channel. */
export interface Snapshot {
  /** `null` until the host answered `get_followed_live` (or when it refused). */
  followed: unknown[] | null;
  active: { id: string; login: string } | null;
  /** Why the followed set is missing, when the host refused it. */
  error?: string;
}

export function parseSnapshot(value: unknown): Snapshot | undefined {
  if (!isRecord(value)) return undefined;
  const followed = value.followed === null || value.followed === undefined ? null : Array.isArray(value.followed) ? value.followed : undefined;
  const active = value.active === null || value.active === undefined ? null : isRecord(value.active) ? value.active : undefined;
  if (followed === undefined || active === undefined) return undefined;
  const activeId = active ? id(active.channel_id) : undefined;
  if (active && !activeId) return undefined;
  const error = text(value.error, 300);
  return {
    followed,
    active: activeId ? { id: activeId, login: text(active?.login) ?? '' } : null,
    ...(error ? { error } : {}),
  };
}

/** Reads one `plugin://status` value from the onair sidecar; a reason string when unusable. */
export function parseFeed(value: unknown): FeedValue | string {
  if (!isRecord(value)) return 'not an object';
  const seq = typeof value.seq === 'number' && Number.isSafeInteger(value.seq) && value.seq > 0 ? value.seq : undefined;
  if (value.kind === 'event') {
    if (typeof value.event !== 'string' || !isRecord(value.params)) return 'an event without a name or params';
    return { kind: 'event', event: value.event, params: value.params, ...(seq ? { seq } : {}) };
  }
  if (value.kind === 'snapshot') {
    const snapshot = parseSnapshot(value.snapshot);
    return snapshot ? { kind: 'snapshot', snapshot, ...(seq ? { seq } : {}) } : 'an unreadable snapshot';
  }
  return 'an unknown kind';
}

export interface Channel {
  id: string;
  login: string;
  /** `undefined` when the host sent none (`on_stream_start` sends an empty one). */
  displayName?: string;
  /** `null` when the host has no count for this channel. */
  viewerCount: number | null;
}

export interface ChatMessage {
  /** Empty for a line the user sent from the app (no server id exists for it). */
  id: string;
  userId?: string;
  login: string;
  displayName: string;
  text: string;
  bits: number | null;
  at?: Date;
}

/** A nullable field: `null`/absent stays `null`, anything else must pass `check`. */
function nullable<T>(value: unknown, check: (v: unknown) => T | undefined): T | null | undefined {
  return value === null || value === undefined ? null : check(value);
}

export function parseChannel(value: unknown): Channel | undefined {
  if (!isRecord(value)) return undefined;
  const channelId = id(value.channel_id);
  const login = text(value.login);
  const viewerCount = nullable(value.viewer_count, count);
  if (!channelId || !login || viewerCount === undefined) return undefined;
  const displayName = text(value.display_name);
  return { id: channelId, login, ...(displayName ? { displayName } : {}), viewerCount };
}

export function parseChatMessage(value: unknown): ChatMessage | undefined {
  if (!isRecord(value)) return undefined;
  const login = text(value.login);
  const bits = nullable(value.bits, (b) => (typeof b === 'number' && Number.isInteger(b) && b > 0 ? b : undefined));
  if (!login || typeof value.id !== 'string' || typeof value.text !== 'string' || bits === undefined) return undefined;
  return {
    id: id(value.id) ?? '',
    userId: id(value.user_id),
    login,
    displayName: text(value.display_name) ?? login,
    text: text(value.text, MAX_MESSAGE) ?? '',
    bits,
    at: date(value.ts),
  };
}

/** `active_channel_id` is a channel id or `null` when nothing plays; `ts` must be a timestamp. */
export function parseWatchTick(params: Record<string, unknown>): { activeId: string | null } | undefined {
  const activeId = nullable(params.active_channel_id, id);
  if (activeId === undefined || !date(params.ts)) return undefined;
  return { activeId };
}

/**
 * A chat line that cheered bits, as a whole tip. The user's own lines arrive with an empty id:
 * `sequence` (the adapter's count of such tips) keeps theirs apart.
 */
export function chatTip(message: ChatMessage & { bits: number }, sequence: number): Tip {
  const at = message.at ?? new Date();
  return {
    id: message.id || `streamnook-${message.login}-${at.getTime()}-${sequence}`,
    user: message.userId ? { id: message.userId, name: message.displayName } : { name: message.displayName },
    amount: message.bits,
    currency: 'bits',
    ...(message.text ? { message: message.text } : {}),
    at,
    source: 'streamnook',
  };
}
