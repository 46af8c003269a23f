/**
 * StreamNook's host-to-plugin notifications and their payloads, validated into plain typed values.
 * Shapes follow the plugin events reference: a shared channel object (nullable game, start time and
 * viewer count) and a lean chat message (nullable bits; an empty id for lines the user sent).
 * Every parser returns `undefined` (or a reason string) instead of throwing.
 */
import { count, date, id, isRecord, MAX_MESSAGE, text } from '../validate.js';

/** The event names a StreamNook plugin can hook, from the events catalog. */
export const EVENT_METHODS = [
  'on_stream_start',
  'on_stream_stop',
  'on_channel_change',
  'on_watch_tick',
  'on_followed_live',
  'on_chat_message',
  'on_settings_change',
  'on_panel_change',
] as const;

/** Sent by the host after each handshake, so seeing it again means the plugin side restarted. */
export const INITIALIZED = 'initialized';

export interface Notification {
  method: string;
  params: Record<string, unknown>;
}

export interface Channel {
  id: string;
  login: string;
  displayName: string;
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

/** What a message source delivered, sorted into a notification, something to ignore, or garbage. */
export type Parsed =
  | { kind: 'notification'; notification: Notification }
  | { kind: 'ignore' }
  | { kind: 'invalid'; reason: string };

/**
 * Reads one JSON-RPC 2.0 notification from an object or its JSON text. Requests and responses
 * (they carry an `id`) are not for this reader and are ignored. `initialized` may omit `params`.
 */
export function parseNotification(data: unknown): Parsed {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return { kind: 'invalid', reason: 'not JSON' };
    }
  }
  if (!isRecord(value)) return { kind: 'invalid', reason: 'not an object' };
  if (value.jsonrpc !== '2.0') return { kind: 'invalid', reason: 'jsonrpc is not "2.0"' };
  if ('id' in value && value.id !== undefined && value.id !== null) return { kind: 'ignore' };
  if (typeof value.method !== 'string' || value.method === '') return { kind: 'invalid', reason: 'method is not a string' };
  const params = value.params ?? (value.method === INITIALIZED ? {} : undefined);
  if (!isRecord(params)) return { kind: 'invalid', reason: 'params is not an object' };
  return { kind: 'notification', notification: { method: value.method, params } };
}

/** True when `value` looks like a whole notification rather than bare params. */
export function looksLikeNotification(value: unknown): boolean {
  return isRecord(value) && ('jsonrpc' in value || (typeof value.method === 'string' && 'params' in value));
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
  return { id: channelId, login, displayName: text(value.display_name) ?? login, viewerCount };
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
