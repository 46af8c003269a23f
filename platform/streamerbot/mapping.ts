/**
 * Streamer.bot event payloads → the neutral model. Two payload generations exist (see the
 * Streamer.bot events reference, https://docs.streamer.bot/api/events): the legacy one (flat `userId`/`displayName`, cheers under
 * `data.message`) and the current one (a `user` object, `messageId`, `text`). Every mapper accepts
 * both and validates what it uses.
 */
import type { Currency, RoomMessage, Tip } from '../model.js';
import { MAX_MESSAGE, amount, count, currency, id, isRecord, num, text } from '../validate.js';
import { decodeEnvelope, roomMessage } from '../kit/envelope.js';

/** A tip before the adapter gives it an id (when the host had none) and a time. */
export type TipDraft = Omit<Tip, 'id' | 'at'> & { id?: string };

export type Mapped =
  | { kind: 'tip'; tip: TipDraft }
  | { kind: 'viewers'; platform: string; count: number }
  | { kind: 'room'; message: RoomMessage }
  /** Well-formed, but nothing for onair (sub values off, a gift counted by its bomb, …). */
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: string };

export interface MappingOptions {
  /** Value of one sub / resub, or undefined to ignore subs. */
  subValue?: number;
  /** Value of one gifted sub, or undefined to ignore gifts. */
  giftValue?: number;
  /** Currency of `subValue` and `giftValue`. */
  subCurrency: Currency;
}

type Data = Record<string, unknown>;
type Mapper = (data: Data, options: MappingOptions) => Mapped;

const skip: Mapped = { kind: 'skip' };
const invalid = (reason: string): Mapped => ({ kind: 'invalid', reason });
const ANONYMOUS = 'Anonymous';

/** Who did it, from a current `user` object or the legacy flat fields. */
function userOf(data: Data): { id?: string; name: string } {
  const anonymous = data.anonymous === true || data.isAnonymous === true;
  if (anonymous) return { name: ANONYMOUS };
  if (isRecord(data.user)) {
    const user = data.user;
    const name = text(user.name) ?? text(user.display) ?? text(user.login) ?? ANONYMOUS;
    return withId(id(user.id), name);
  }
  const name = text(data.displayName) ?? text(data.userName) ?? text(data.username) ?? text(data.user_name) ?? text(data.from) ?? (typeof data.user === 'string' ? text(data.user) : undefined) ?? ANONYMOUS;
  return withId(id(data.userId ?? data.user_id), name);
}

function withId(userId: string | undefined, name: string): { id?: string; name: string } {
  return userId ? { id: userId, name } : { name };
}

function message(value: unknown): string | undefined {
  return text(value, MAX_MESSAGE);
}

function cheer(data: Data): Mapped {
  // Current payloads may still carry the deprecated legacy object under `message`.
  const legacy = !isRecord(data.user) && isRecord(data.message) ? data.message : undefined;
  const source = legacy ?? data;
  const bits = amount(source.bits);
  if (bits === undefined || !Number.isInteger(bits)) return invalid('Twitch.Cheer without a whole, positive `bits`.');
  const tipId = id(legacy ? legacy.msgId : (data.messageId ?? data.msgId));
  return {
    kind: 'tip',
    tip: {
      ...(tipId ? { id: tipId } : {}),
      user: userOf(source),
      amount: bits,
      currency: 'bits',
      message: message(legacy ? legacy.message : data.text),
      source: 'twitch',
    },
  };
}

function money(source: string, nameKeys: string[]) {
  return (data: Data): Mapped => {
    const value = amount(data.amount);
    const code = currency(data.currency);
    if (value === undefined) return invalid(`${source} without a positive \`amount\`.`);
    if (!code) return invalid(`${source} without a valid \`currency\`.`);
    const name = nameKeys.map((key) => text(data[key])).find(Boolean) ?? ANONYMOUS;
    const tipId = id(data.id ?? data.transactionId ?? data.messageId);
    return {
      kind: 'tip',
      tip: { ...(tipId ? { id: tipId } : {}), user: { name }, amount: value, currency: code, message: message(data.message), source },
    };
  };
}

/**
 * A display amount such as "$1.00", "1.234,56 €" or "¥1,000". The last separator is the decimal
 * point only when one or two digits follow it; every other separator groups thousands.
 */
export function parseDisplayAmount(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value.replace(/[^\d.,]/g, '');
  if (!/\d/.test(digits)) return undefined;
  const decimal = /[.,](\d{1,2})$/.exec(digits);
  const whole = (decimal ? digits.slice(0, decimal.index) : digits).replace(/[.,]/g, '');
  return amount(Number(`${whole || '0'}.${decimal ? decimal[1] : '0'}`));
}

function superChat(data: Data): Mapped {
  // microAmount is exact (1 unit = 1,000,000 micros); the display string is the fallback.
  const micros = num(data.microAmount, 0);
  const value = micros !== undefined && micros > 0 ? amount(micros / 1e6) : (amount(typeof data.amount === 'number' ? data.amount : undefined) ?? parseDisplayAmount(data.amount));
  const code = currency(data.currencyCode ?? data.currency);
  if (value === undefined) return invalid('YouTube.SuperChat without a usable `microAmount` or `amount`.');
  if (!code) return invalid('YouTube.SuperChat without a valid `currencyCode`.');
  const tipId = id(data.id ?? data.messageId ?? data.eventId);
  return {
    kind: 'tip',
    tip: { ...(tipId ? { id: tipId } : {}), user: userOf(data), amount: value, currency: code, message: message(data.message ?? data.text), source: 'youtube' },
  };
}

function sub(kind: string): Mapper {
  return (data, options) => {
    if (options.subValue === undefined) return skip;
    return { kind: 'tip', tip: { user: userOf(data), amount: options.subValue, currency: options.subCurrency, message: message(data.text ?? data.message), source: `twitch-${kind}` } };
  };
}

function giftSub(data: Data, options: MappingOptions): Mapped {
  // Gifts from a bomb arrive one by one after the GiftBomb event, which already counted them.
  if (options.giftValue === undefined || data.fromSubBomb === true || data.fromCommunitySubGift === true) return skip;
  return { kind: 'tip', tip: { user: userOf(data), amount: options.giftValue, currency: options.subCurrency, source: 'twitch-gift' } };
}

function giftBomb(data: Data, options: MappingOptions): Mapped {
  if (options.giftValue === undefined) return skip;
  const gifts = count(data.gifts ?? data.total);
  if (!gifts) return invalid('Twitch.GiftBomb without a positive `gifts` / `total`.');
  return { kind: 'tip', tip: { user: userOf(data), amount: gifts * options.giftValue, currency: options.subCurrency, source: 'twitch-gift' } };
}

function presentViewers(platform: string): Mapper {
  return (data) => {
    const total = Array.isArray(data.viewers) ? data.viewers.length : count(data.count);
    return total === undefined ? invalid(`${platform} PresentViewers without a \`viewers\` list.`) : { kind: 'viewers', platform, count: total };
  };
}

function statistics(data: Data): Mapped {
  if (data.concurrentViewers === undefined) return skip;
  const total = count(data.concurrentViewers);
  return total === undefined ? invalid('YouTube.StatisticsUpdated with an unusable `concurrentViewers`.') : { kind: 'viewers', platform: 'youtube', count: total };
}

/**
 * Room messages travel in onair's envelope (../kit/envelope.ts) as the `onair` argument of the
 * streamer's relay action, which broadcasts them. Other General.Custom broadcasts belong to other
 * tools and are skipped quietly.
 */
export const ROOM_MARKER = 'onair';

export function custom(data: unknown): Mapped {
  const decoded = decodeEnvelope(data);
  if (decoded.kind === 'foreign') return skip;
  if (decoded.kind === 'invalid') return invalid(`An onair room message was malformed: ${decoded.reason}.`);
  return { kind: 'room', message: roomMessage(decoded.envelope) };
}

/**
 * Keyed by lower-case `source.type`, since sources are spelt `YouTube`/`youTube` across versions.
 * `General.Custom` is not here: its data may be a string, see `custom`.
 */
export const MAPPERS: Record<string, Mapper> = {
  'twitch.cheer': cheer,
  'twitch.sub': sub('sub'),
  'twitch.resub': sub('resub'),
  'twitch.giftsub': giftSub,
  'twitch.giftbomb': giftBomb,
  'twitch.presentviewers': presentViewers('twitch'),
  'streamelements.tip': money('streamelements', ['username', 'from', 'name']),
  'streamlabs.donation': money('streamlabs', ['from', 'name', 'username']),
  'kofi.donation': money('kofi', ['from', 'name', 'username']),
  'youtube.superchat': superChat,
  'youtube.statisticsupdated': statistics,
};

/** The Subscribe request body for what `MAPPERS` handles; sub events only when they count. */
export function subscriptions(options: MappingOptions): Record<string, string[]> {
  const twitch = ['Cheer', 'PresentViewers'];
  if (options.subValue !== undefined) twitch.push('Sub', 'ReSub');
  if (options.giftValue !== undefined) twitch.push('GiftSub', 'GiftBomb');
  return {
    Twitch: twitch,
    StreamElements: ['Tip'],
    Streamlabs: ['Donation'],
    Kofi: ['Donation'],
    YouTube: ['SuperChat', 'StatisticsUpdated'],
    General: ['Custom'],
  };
}

/** Active viewers per platform from a GetActiveViewers reply; entries without `type` are Twitch's. */
export function activeViewers(reply: Data): Record<string, number> | undefined {
  if (Array.isArray(reply.viewers)) {
    const counts: Record<string, number> = {};
    for (const viewer of reply.viewers.slice(0, 100_000)) {
      const platform = (isRecord(viewer) && text(viewer.type, 32)?.toLowerCase()) || 'twitch';
      counts[platform] = (counts[platform] ?? 0) + 1;
    }
    return counts;
  }
  const total = count(reply.count);
  return total === undefined ? undefined : { twitch: total };
}
