/**
 * Streamer.bot event payloads → the neutral model. Payload shapes differ across Streamer.bot
 * versions and sources: the legacy wiki captures (flat `userId`/`displayName`, cheers under
 * `data.message`), the official client's types (flat cheers with a `message` string), the current
 * payloads (a `user` object, `messageId`, `text`), and integration events whose fields follow the
 * trigger pages' variables (Fourthwall's `fw.amount` arrives as `amount`). Every mapper accepts
 * the shapes on record (test/fixtures/streamerbot/SOURCES.md) and validates what it uses.
 */
import type { Currency, RoomMessage, Tip } from '../model.js';
import { MAX_MESSAGE, amount, count, currency, id, isRecord, num, text } from '../validate.js';
import { decodeEnvelope, roomMessage } from '../kit/envelope.js';
import { hash } from '../hash.js';
import { parseDisplayAmount, parseDisplayMoney } from './money.js';

/** A tip as a mapper reads it from the data; `mapFrame` adds its id (when the host had none) and time. */
type TipDraft = Omit<Tip, 'id' | 'at'> & { id?: string };

type Mapped =
  | { kind: 'tip'; tip: TipDraft }
  /** Stream viewers on one platform; `stream` tells several simultaneous broadcasts apart. */
  | { kind: 'viewers'; platform: string; count: number; stream?: string }
  /** A platform (or one of its broadcasts) went offline: its viewers no longer count. */
  | { kind: 'offline'; platform: string; stream?: string }
  /** People present in chat (PresentViewers), counted only in the `chatters` viewer mode. */
  | { kind: 'chatters'; platform: string; count: number }
  | { kind: 'room'; message: RoomMessage }
  /** Well-formed, but nothing for onair (sub values off, a gift counted by its bomb, …). */
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: string };

export type Tier = 'prime' | 1 | 2 | 3;

/** What one sub (or one gifted sub) is worth at each tier, in `valueCurrency`. */
export type TierValues = Readonly<Record<Tier, number>>;

export interface MappingOptions {
  /** Sub and resub values, or undefined to ignore subs (Twitch tiers; Kick has one tier). */
  subs?: TierValues;
  /** Values of one gifted sub, or undefined to ignore gifts. */
  gifts?: TierValues;
  /** Value of one gifted YouTube membership, or undefined to ignore them. */
  membershipValue?: number;
  /** Value of one TreatStream treat (treats carry no amount), or undefined to ignore them. */
  treatValue?: number;
  /** Currency of the values above. */
  valueCurrency: Currency;
  /** USD per Kick (Kick gifts) and per Trovo Elixir; 0 ignores them. */
  kicksRate: number;
  elixirRate: number;
}

type Data = Record<string, unknown>;
type Mapper = (data: Data, options: MappingOptions) => Mapped;

const skip = { kind: 'skip' } as const;
const invalid = (reason: string) => ({ kind: 'invalid', reason }) as const;
const ANONYMOUS = 'Anonymous';

/**
 * A field an integration may send flat (`amount`), nested (`{ fw: { amount } }`) or with its
 * trigger-variable name (`"fw.amount"`).
 */
function field(data: Data, prefix: string, key: string): unknown {
  if (data[key] !== undefined) return data[key];
  const nested = data[prefix];
  if (isRecord(nested) && nested[key] !== undefined) return nested[key];
  return data[`${prefix}.${key}`];
}

/** Who did it, from a current `user` object or the flat fields every generation has used. */
function userOf(data: Data): { id?: string; name: string } {
  const anonymous = data.anonymous === true || data.isAnonymous === true;
  if (anonymous) return { name: ANONYMOUS };
  if (isRecord(data.user)) {
    const user = data.user;
    const name = text(user.name) ?? text(user.display) ?? text(user.login) ?? ANONYMOUS;
    return withId(id(user.id), name);
  }
  // Streamer.bot's user variables: `user` is the display name, `userName` the login.
  const name =
    text(data.displayName) ??
    (typeof data.user === 'string' ? text(data.user) : undefined) ??
    text(data.userName) ??
    text(data.username) ??
    text(data.user_name) ??
    text(data.from) ??
    ANONYMOUS;
  return withId(id(data.userId ?? data.user_id), name);
}

function withId(userId: string | undefined, name: string): { id?: string; name: string } {
  return userId ? { id: userId, name } : { name };
}

function message(value: unknown): string | undefined {
  return text(value, MAX_MESSAGE);
}

function tip(source: string, user: { id?: string; name: string }, value: number, code: Currency, extra: { id?: string; message?: string } = {}): Mapped {
  return {
    kind: 'tip',
    tip: { ...(extra.id ? { id: extra.id } : {}), user, amount: value, currency: code, ...(extra.message ? { message: extra.message } : {}), source },
  };
}

function cheer(data: Data): Mapped {
  // The legacy capture nests the whole cheer under `message`; current payloads may still carry
  // that deprecated object, but the client type's flat cheer has `message` as its text.
  const legacy = !isRecord(data.user) && isRecord(data.message) ? data.message : undefined;
  const source = legacy ?? data;
  const bits = amount(source.bits);
  if (bits === undefined || !Number.isInteger(bits)) return invalid('Twitch.Cheer without a whole, positive `bits`.');
  const tipId = id(legacy ? legacy.msgId : (data.messageId ?? data.msgId));
  const words = legacy ? legacy.message : (data.text ?? (typeof data.message === 'string' ? data.message : undefined));
  return tip('twitch', userOf(source), bits, 'bits', { id: tipId, message: message(words) });
}

/** Bits spent on a Power-up: a built-in one (`bits`) or a custom one (`customPowerUp.bits`). */
function powerUp(data: Data): Mapped {
  const custom = isRecord(data.customPowerUp) ? data.customPowerUp : undefined;
  const bits = amount(custom ? custom.bits : data.bits);
  if (bits === undefined || !Number.isInteger(bits)) return invalid('Twitch Power-up without a whole, positive `bits`.');
  const tipId = id(data.redemptionId ?? data.messageId ?? data.id);
  return tip('twitch-power-up', userOf(data), bits, 'bits', { id: tipId, message: message(custom ? text(custom.title) : data.text) });
}

/** Twitch's charity amounts are minor units: `{ value: 525, decimal_places: 2 }` is 5.25. */
function charity(data: Data): Mapped {
  const money = isRecord(data.amount) ? data.amount : isRecord(data.charity) && isRecord(data.charity.amount) ? data.charity.amount : undefined;
  if (!money) return invalid('Twitch.CharityDonation without an `amount` object.');
  const places = num(money.decimal_places, 0, 8) ?? 0;
  const minor = num(money.value, 0);
  const major = money.valueMinor === undefined ? (minor === undefined ? undefined : minor / 10 ** places) : (num(money.valueMinor, 0) ?? 0) / 100;
  const value = amount(major);
  const code = currency(money.currency);
  if (value === undefined || !code) return invalid('Twitch.CharityDonation without a positive amount and a currency.');
  const name = text(data.user_name) ?? text(data.user_login) ?? ANONYMOUS;
  return tip('twitch-charity', withId(id(data.user_id), name), value, code, { id: id(data.id) });
}

/** A donation with `amount` and `currency` fields (each name looked up flat, nested or prefixed). */
function money(source: string, spec: { prefix?: string; amount?: string[]; names: string[]; ids?: string[]; message?: string[]; defaultCurrency?: string }) {
  const prefix = spec.prefix ?? '';
  const read = (data: Data, keys: string[]) => keys.map((key) => field(data, prefix, key)).find((value) => value !== undefined && value !== null && value !== '');
  return (data: Data): Mapped => {
    const value = amount(read(data, spec.amount ?? ['amount']));
    const code = currency(read(data, ['currency', 'currencyCode'])) ?? spec.defaultCurrency;
    if (value === undefined) return invalid(`${source} without a positive amount.`);
    if (!code) return invalid(`${source} without a valid \`currency\`.`);
    const anonymous = data.isAnonymous === true || data.donorIsAnonymous === true || data.isPublic === false;
    const name = anonymous ? ANONYMOUS : (spec.names.map((key) => text(field(data, prefix, key))).find(Boolean) ?? ANONYMOUS);
    const tipId = id(read(data, spec.ids ?? ['id', 'messageId', 'transactionId']));
    return tip(source, { name }, value, code, { id: tipId, message: message(read(data, spec.message ?? ['message'])) });
  };
}

/**
 * A Super Chat or Super Sticker. `microAmount` is exact (1 unit = 1,000,000 micros); without it
 * the display `amount` ("$5.00", "1.234,56 €") is parsed. The currency is `currencyCode`, or the
 * one the display amount names: live payloads often carry no code.
 */
function paidMessage(kind: string) {
  return (data: Data): Mapped => {
    const display = parseDisplayMoney(data.amount);
    const micros = num(data.microAmount, 0);
    const value =
      micros !== undefined && micros > 0
        ? amount(micros / 1e6)
        : (amount(typeof data.amount === 'number' ? data.amount : undefined) ?? display?.amount ?? parseDisplayAmount(data.amount));
    const code = currency(data.currencyCode ?? data.currency) ?? display?.currency;
    if (value === undefined) return invalid(`YouTube.${kind} without a usable \`microAmount\` or \`amount\`.`);
    if (!code) return invalid(`YouTube.${kind} without a \`currencyCode\`, and its amount names no currency.`);
    const tipId = id(data.eventId ?? data.messageId ?? data.id);
    const words = kind === 'SuperSticker' ? (data.stickerAltText ?? data.altText) : (data.message ?? data.text);
    return tip('youtube', userOf(data), value, code, { id: tipId, message: message(words) });
  };
}

/**
 * A sub's tier from any generation: `is_prime`/`isPrime`, then `sub_tier`/`subTier`/`tier` as
 * 1000/2000/3000, 1/2/3, "tier 2" or "prime". Legacy payloads use 0 for Prime. Without any tier
 * field a sub counts as tier 1.
 */
export function subTier(data: Data): Tier | undefined {
  if (data.is_prime === true || data.isPrime === true) return 'prime';
  const raw = data.sub_tier ?? data.subTier ?? data.tier;
  if (raw === undefined || raw === null || raw === '') return 1;
  const value = typeof raw === 'string' ? raw.trim().toLowerCase().replace(/^tier\s*/, '') : raw;
  if (value === 'prime' || value === 0 || value === '0') return 'prime';
  const n = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : NaN;
  if (n === 1 || n === 1000) return 1;
  if (n === 2 || n === 2000) return 2;
  if (n === 3 || n === 3000) return 3;
  return undefined;
}

/** `twitch-sub`, `twitch-resub`, `kick-sub`, …: a sub or resub at its tier's value. */
function sub(source: string): Mapper {
  return (data, options) => {
    if (!options.subs) return skip;
    const tier = subTier(data);
    if (tier === undefined) return invalid(`A ${source} with an unknown tier.`);
    return tip(source, userOf(data), options.subs[tier], options.valueCurrency, { message: message(data.text ?? data.message) });
  };
}

function giftSub(source: string): Mapper {
  return (data, options) => {
    // Gifts from a bomb arrive one by one after the GiftBomb event, which already counted them.
    if (!options.gifts || data.fromSubBomb === true || data.fromCommunitySubGift === true) return skip;
    const tier = subTier(data);
    if (tier === undefined || tier === 'prime') return invalid(`A ${source} gift with an unknown tier.`);
    return tip(`${source}-gift`, userOf(data), options.gifts[tier], options.valueCurrency);
  };
}

function giftBomb(source: string): Mapper {
  return (data, options) => {
    if (!options.gifts) return skip;
    const recipients = Array.isArray(data.recipient) ? data.recipient : Array.isArray(data.recipients) && data.recipients.length > 0 ? data.recipients : undefined;
    const gifts = count(data.gifts ?? data.total ?? data.count) || recipients?.length;
    if (!gifts) return invalid(`A ${source} gift bomb without a positive \`gifts\` / \`total\` / \`count\`.`);
    const tier = subTier(data);
    if (tier === undefined || tier === 'prime') return invalid(`A ${source} gift bomb with an unknown tier.`);
    return tip(`${source}-gift`, userOf(data), gifts * options.gifts[tier], options.valueCurrency);
  };
}

function membershipGift(data: Data, options: MappingOptions): Mapped {
  if (options.membershipValue === undefined) return skip;
  const gifts = count(data.count);
  if (!gifts) return invalid('YouTube.MembershipGift without a positive `count`.');
  return tip('youtube-membership', userOf(data), gifts * options.membershipValue, options.valueCurrency, { id: id(data.eventId ?? data.id) });
}

/** Kick gifts are priced in Kicks; counted at `kicksRate` USD each. */
function kicks(data: Data, options: MappingOptions): Mapped {
  if (options.kicksRate <= 0) return skip;
  const gift = isRecord(data.gift) ? data.gift : undefined;
  const n = amount(field(data, 'kicks', 'amount') ?? gift?.amount);
  if (n === undefined || !Number.isInteger(n)) return invalid('Kick.KicksGifted without a whole, positive Kicks amount.');
  const value = amount(Math.round(n * options.kicksRate * 100) / 100);
  if (value === undefined) return skip;
  return tip('kick-kicks', userOf(data), value, 'USD', { message: message(data.rawInput ?? data.message) });
}

/** Trovo spells cost Elixir (paid) or Mana (free); only Elixir is money. */
function spell(data: Data, options: MappingOptions): Mapped {
  const type = text(data.value_type ?? data.valueType, 16)?.toLowerCase();
  if (type === 'mana') return skip;
  if (type !== 'elixir') return invalid('Trovo spell without `value_type` Elixir or Mana.');
  if (options.elixirRate <= 0) return skip;
  const each = amount(data.gift_value ?? data.giftValue ?? data.value);
  const times = count(data.num ?? data.quantity ?? 1) || 1;
  if (each === undefined) return invalid('Trovo spell without a positive `gift_value`.');
  const value = amount(Math.round(each * times * options.elixirRate * 100) / 100);
  return value === undefined ? skip : tip('trovo-spell', userOf(data), value, 'USD', { message: message(text(data.gift ?? data.spell)) });
}

/** Pally.gg amounts are US dollars; the gross amount is what the tipper paid. */
function pally(data: Data): Mapped {
  const cents = num(field(data, 'tip', 'tipGrossAmountInCents') ?? data.grossAmountInCents, 0);
  const value = amount(cents !== undefined ? cents / 100 : (field(data, 'tip', 'tipGrossAmount') ?? data.grossAmount));
  if (value === undefined) return invalid('Pallygg.CampaignTip without a positive gross amount.');
  const name = text(field(data, 'tip', 'tipDisplayName') ?? data.displayName) ?? ANONYMOUS;
  return tip('pallygg', { name }, value, currency(data.currency) ?? 'USD', { id: id(field(data, 'tip', 'tipId')), message: message(field(data, 'tip', 'tipMessage')) });
}

/** Throne amounts are in cents. */
function throne(kind: 'amount' | 'price') {
  return (data: Data): Mapped => {
    const cents = num(field(data, 'throne', kind), 0);
    const value = amount(cents === undefined ? undefined : cents / 100);
    const code = currency(field(data, 'throne', 'currency'));
    if (value === undefined || !code) return invalid(`Throne event without a positive \`${kind}\` (cents) and a currency.`);
    const name = text(field(data, 'throne', 'gifterLogin')) ?? ANONYMOUS;
    return tip('throne', { name }, value, code, { id: id(field(data, 'throne', 'id')), message: message(field(data, 'throne', 'message')) });
  };
}

function treat(data: Data, options: MappingOptions): Mapped {
  if (options.treatValue === undefined) return skip;
  const name = text(data.username) ?? ANONYMOUS;
  return tip('treatstream', { name }, options.treatValue, options.valueCurrency, { message: message(data.message) });
}

/** A viewer-count event: the client type says `viewers`, live payloads and triggers `viewerCount`. */
function viewerCount(platform: string): Mapper {
  return (data) => {
    const total = count(data.viewers ?? data.viewerCount ?? data.viewer_count);
    return total === undefined ? invalid(`${platform} ViewerCountUpdate without a viewer count.`) : { kind: 'viewers', platform, count: total };
  };
}

/** YouTube statistics arrive per broadcast; a channel can run two (horizontal and vertical). */
function statistics(data: Data): Mapped {
  if (data.concurrentViewers === undefined) return skip;
  const total = count(data.concurrentViewers);
  if (total === undefined) return invalid('YouTube.StatisticsUpdated with an unusable `concurrentViewers`.');
  const stream = isRecord(data.broadcast) ? id(data.broadcast.id) : undefined;
  return { kind: 'viewers', platform: 'youtube', count: total, ...(stream ? { stream } : {}) };
}

function offline(platform: string): Mapper {
  return (data) => {
    const stream = isRecord(data.broadcast) ? id(data.broadcast.id) : undefined;
    return { kind: 'offline', platform, ...(stream ? { stream } : {}) };
  };
}

function presentViewers(platform: string): Mapper {
  return (data) => {
    const total = Array.isArray(data.viewers) ? data.viewers.length : Array.isArray(data.users) ? data.users.length : count(data.count);
    return total === undefined ? invalid(`${platform} PresentViewers without a \`viewers\` list.`) : { kind: 'chatters', platform, count: total };
  };
}

/**
 * Room messages travel in onair's envelope (../kit/envelope.ts) as the `onair` argument of the
 * streamer's relay action, which broadcasts them. Other General.Custom broadcasts belong to other
 * tools and are skipped quietly.
 */
export const ROOM_MARKER = 'onair';

function custom(data: unknown): Mapped {
  const decoded = decodeEnvelope(data);
  if (decoded.kind === 'foreign') return skip;
  if (decoded.kind === 'invalid') return invalid(`An onair room message was malformed: ${decoded.reason}.`);
  return { kind: 'room', message: roomMessage(decoded.envelope) };
}

export type ViewerMode = 'viewers' | 'chatters';

interface Subscription {
  /** `Source.Type` as Streamer.bot spells it. */
  event: string;
  mapper: Mapper;
  /** Subscribed only when this says so (options, viewer mode). */
  when?: (options: MappingOptions, mode: ViewerMode) => boolean;
}

const withSubs = (options: MappingOptions) => options.subs !== undefined;
const withGifts = (options: MappingOptions) => options.gifts !== undefined;
const inMode = (wanted: ViewerMode) => (_: MappingOptions, mode: ViewerMode) => mode === wanted;

/** Every event onair maps. `General.Custom` is not here: its data may be a string, see `custom`. */
const EVENTS: readonly Subscription[] = [
  { event: 'Twitch.Cheer', mapper: cheer },
  { event: 'Twitch.PowerUpRedemption', mapper: powerUp },
  { event: 'Twitch.CustomPowerUpRedemption', mapper: powerUp },
  { event: 'Twitch.CharityDonation', mapper: charity },
  { event: 'Twitch.Sub', mapper: sub('twitch-sub'), when: withSubs },
  { event: 'Twitch.ReSub', mapper: sub('twitch-resub'), when: withSubs },
  { event: 'Twitch.GiftSub', mapper: giftSub('twitch'), when: withGifts },
  { event: 'Twitch.GiftBomb', mapper: giftBomb('twitch'), when: withGifts },
  { event: 'Twitch.ViewerCountUpdate', mapper: viewerCount('twitch'), when: inMode('viewers') },
  { event: 'Twitch.StreamOffline', mapper: offline('twitch'), when: inMode('viewers') },
  { event: 'Twitch.PresentViewers', mapper: presentViewers('twitch'), when: inMode('chatters') },
  { event: 'Kick.KicksGifted', mapper: kicks },
  { event: 'Kick.Subscription', mapper: sub('kick-sub'), when: withSubs },
  { event: 'Kick.Resubscription', mapper: sub('kick-resub'), when: withSubs },
  { event: 'Kick.GiftSubscription', mapper: giftSub('kick'), when: withGifts },
  { event: 'Kick.MassGiftSubscription', mapper: giftBomb('kick'), when: withGifts },
  { event: 'Kick.ViewerCountUpdate', mapper: viewerCount('kick'), when: inMode('viewers') },
  { event: 'Kick.StreamOffline', mapper: offline('kick'), when: inMode('viewers') },
  { event: 'Kick.PresentViewers', mapper: presentViewers('kick'), when: inMode('chatters') },
  { event: 'YouTube.SuperChat', mapper: paidMessage('SuperChat') },
  { event: 'YouTube.SuperSticker', mapper: paidMessage('SuperSticker') },
  { event: 'YouTube.MembershipGift', mapper: membershipGift, when: (options) => options.membershipValue !== undefined },
  { event: 'YouTube.StatisticsUpdated', mapper: statistics, when: inMode('viewers') },
  { event: 'YouTube.BroadcastEnded', mapper: offline('youtube'), when: inMode('viewers') },
  { event: 'YouTube.PresentViewers', mapper: presentViewers('youtube'), when: inMode('chatters') },
  { event: 'Trovo.SpellCast', mapper: spell },
  { event: 'Trovo.CustomSpellCast', mapper: spell },
  { event: 'StreamElements.Tip', mapper: money('streamelements', { names: ['username', 'from', 'name'] }) },
  { event: 'Streamlabs.Donation', mapper: money('streamlabs', { names: ['from', 'name', 'username'] }) },
  { event: 'Streamlabs.CharityDonation', mapper: money('streamlabs-charity', { names: ['from', 'name', 'username'] }) },
  { event: 'Kofi.Donation', mapper: money('kofi', { names: ['from', 'name', 'username'] }) },
  { event: 'Kofi.Subscription', mapper: money('kofi', { names: ['from', 'name', 'username'] }) },
  { event: 'Kofi.Resubscription', mapper: money('kofi', { names: ['from', 'name', 'username'] }) },
  { event: 'Kofi.ShopOrder', mapper: money('kofi-shop', { names: ['from', 'name', 'username'] }) },
  { event: 'TipeeeStream.Donation', mapper: money('tipeeestream', { names: ['username', 'name'], ids: ['tipeeStreamId', 'id'] }) },
  { event: 'Fourthwall.Donation', mapper: money('fourthwall', { prefix: 'fw', names: ['username', 'nickname'], ids: ['donationId', 'id'] }) },
  { event: 'Fourthwall.SubscriptionPurchased', mapper: money('fourthwall', { prefix: 'fw', names: ['nickname', 'username'], ids: [] }) },
  { event: 'Fourthwall.OrderPlaced', mapper: money('fourthwall-shop', { prefix: 'fw', amount: ['total'], names: ['username'], ids: ['orderId'], message: ['statmessageus', 'message'] }) },
  { event: 'Fourthwall.GiftPurchase', mapper: money('fourthwall-gift', { prefix: 'fw', amount: ['total'], names: ['username'], ids: ['Id', 'id'], message: ['statmessageus', 'message'] }) },
  { event: 'Pallygg.CampaignTip', mapper: pally },
  { event: 'DonorDrive.Donation', mapper: money('donordrive', { amount: ['donorAmount', 'amount'], names: ['donorName'], ids: ['donationID', 'id'], message: ['donorMessage', 'message'], defaultCurrency: 'USD' }) },
  { event: 'TreatStream.Treat', mapper: treat, when: (options) => options.treatValue !== undefined },
  { event: 'Throne.ContributionPurchased', mapper: throne('amount') },
  { event: 'Throne.GiftPurchased', mapper: throne('price') },
];

/** Mappers by lower-case `source.type`: sources are spelt `YouTube`/`youTube` across versions. */
const MAPPERS = new Map(EVENTS.map((entry) => [entry.event.toLowerCase(), entry.mapper]));

function mapperFor(name: string): Mapper | undefined {
  return MAPPERS.get(name.toLowerCase());
}

/** One source of a GetEvents list: its name as the instance spells it, its types by lower case. */
export interface EventSource {
  source: string;
  types: Map<string, string>;
}

/** GetEvents' list by lower-case source name (spelt `youTube` or `YouTube` across versions). */
export type EventList = Map<string, EventSource>;

/**
 * Reads GetEvents' `events`. Map-backed, so a source or event named `constructor` or
 * `__proto__` is just a name; undefined when the reply has no usable list.
 */
export function readEvents(reply: Data): EventList | undefined {
  if (!isRecord(reply.events)) return undefined;
  const list: EventList = new Map();
  for (const [source, types] of Object.entries(reply.events).slice(0, 500)) {
    if (!Array.isArray(types)) continue;
    const byName = new Map<string, string>();
    for (const type of types.slice(0, 1000)) if (typeof type === 'string' && type.length <= 100) byName.set(type.toLowerCase(), type);
    list.set(source.toLowerCase(), { source, types: byName });
  }
  return list;
}

/** What an instance whose GetEvents fails is assumed to have: the docs' 0.2.x example list. */
const LEGACY = readEvents({
  events: {
    General: ['Custom'],
    Twitch: ['Cheer', 'Sub', 'ReSub', 'GiftSub', 'GiftBomb', 'PresentViewers', 'CharityDonation'],
    StreamElements: ['Tip'],
    Streamlabs: ['Donation'],
    Kofi: ['Donation', 'Subscription', 'Resubscription', 'ShopOrder'],
    YouTube: ['SuperChat', 'SuperSticker', 'StatisticsUpdated', 'MembershipGift', 'PresentViewers'],
    TipeeeStream: ['Donation'],
    TreatStream: ['Treat'],
    DonorDrive: ['Donation'],
  },
})!;

/**
 * The Subscribe body: every wanted event (plus `General.Custom` for room messages) that the
 * connected instance lists, spelt as it spells them.
 */
export function subscriptions(options: MappingOptions, mode: ViewerMode, available: EventList = LEGACY): Record<string, string[]> {
  const wanted = [...EVENTS.filter((entry) => !entry.when || entry.when(options, mode)).map((entry) => entry.event), 'General.Custom'];
  const body = new Map<string, string[]>();
  for (const event of wanted) {
    const [source, type] = event.split('.');
    const known = available.get(source.toLowerCase());
    const spelt = known?.types.get(type.toLowerCase());
    if (known && spelt) body.set(known.source, [...(body.get(known.source) ?? []), spelt]);
  }
  return Object.fromEntries(body);
}

/**
 * Active chatters per platform from a GetActiveViewers reply; entries without `type` are
 * Twitch's. A Map, so a `type` of "constructor" or "__proto__" is just another platform name.
 */
export function activeViewers(reply: Data): Map<string, number> | undefined {
  if (Array.isArray(reply.viewers)) {
    const counts = new Map<string, number>();
    for (const viewer of reply.viewers.slice(0, 100_000)) {
      const platform = (isRecord(viewer) && text(viewer.type, 32)?.toLowerCase()) || 'twitch';
      counts.set(platform, (counts.get(platform) ?? 0) + 1);
    }
    return counts;
  }
  const total = count(reply.count);
  return total === undefined ? undefined : new Map([['twitch', total]]);
}

/** What one event frame is: a whole tip, a room message with the key that tells its repeats, viewers, or nothing. */
export type FrameEvent =
  | Exclude<Mapped, { kind: 'tip' | 'room' }>
  | { kind: 'tip'; tip: Tip; key: string }
  | { kind: 'room'; message: RoomMessage; key?: string };

/**
 * An event frame (`{ event: { source, type }, data, timeStamp }`) mapped whole. A tip without an
 * id of its own takes the event's key (see `eventKey`), so the host's repeat of it has the same id;
 * its time is the frame's `timeStamp`. A tip's `key` (for `emitTip`) is the event name and the id:
 * sources number their own events, so two kinds of event may carry the same id.
 */
export function mapFrame(frame: Record<string, unknown>, options: MappingOptions): FrameEvent {
  const event = isRecord(frame.event) ? frame.event : undefined;
  const source = text(event?.source, 64);
  const type = text(event?.type, 64);
  if (!event || !source || !type) return invalid('Streamer.bot sent a frame that is neither a reply nor an event.');
  const name = `${source}.${type}`;
  // The oldest General.Custom broadcasts put `data` inside `event`.
  const data = 'data' in frame ? frame.data : event.data;
  let mapped: Mapped;
  if (name.toLowerCase() === 'general.custom') mapped = custom(data);
  else {
    const mapper = mapperFor(name);
    if (!mapper) return skip;
    mapped = isRecord(data) ? mapper(data, options) : invalid(`${name} without a data object.`);
  }
  if (mapped.kind === 'room') return { ...mapped, key: eventKey(name, frame) };
  if (mapped.kind !== 'tip') return mapped;
  const { tip: draft } = mapped;
  const at = typeof frame.timeStamp === 'string' ? new Date(frame.timeStamp) : new Date();
  const id = draft.id ?? eventKey(name, frame) ?? `streamerbot-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return { kind: 'tip', tip: { ...draft, id, at: Number.isFinite(at.getTime()) ? at : new Date() }, key: draft.id ? `${name}:${id}` : id };
}

/**
 * A stable key for an event without an id of its own: a hash of name, time stamp and data. Without
 * a time stamp there is nothing stable to compare, so no key (and no de-duplication).
 */
function eventKey(name: string, frame: Record<string, unknown>): string | undefined {
  const stamp = text(frame.timeStamp, 64);
  if (!stamp) return undefined;
  let json = '';
  try {
    json = JSON.stringify(frame.data ?? (isRecord(frame.event) ? frame.event.data : null)) ?? '';
  } catch {
    return undefined;
  }
  return `${name}:${stamp}:${hash(json)}`;
}
