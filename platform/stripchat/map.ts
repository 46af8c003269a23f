/**
 * Stripchat payloads → the neutral model. Each mapper returns `undefined` for a payload it cannot
 * use, so the adapter reports and skips it. Field names follow Stripchat's extension requests
 * documentation and the types of its published helper package, `@stripchatdev/ext-helper`.
 */
import { remember } from '../bounded.js';
import { hash } from '../hash.js';
import type { Role, Tip, TipMenu, TipMenuItem, Viewers } from '../model.js';
import { MAX_MESSAGE, amount, count, id, isRecord, text } from '../validate.js';
import { fitsJson } from './json.js';

const MAX_SETTINGS = 20_000;

export interface StripchatContext {
  role: Role;
  user?: { id: string; name: string };
  channel?: { id: string; name?: string };
  /** The model's show status; viewer counts exist only in public, group and ticket shows. */
  showStatus?: string;
}

/**
 * `v1.ext.context.get` answers with the context itself per the requests doc, but `{ context }` in
 * the helper's own examples; both are accepted. `v1.ext.context.updated` carries `{ context }`.
 */
export function unwrapContext(result: unknown): unknown {
  return isRecord(result) && isRecord(result.context) ? result.context : result;
}

/** `v1.ext.settings.get`'s `{ settings }`: a JSON object of modest size, copied; else `undefined`. */
export function mapSettings(result: unknown): Record<string, unknown> | undefined {
  const settings = isRecord(result) ? result.settings : undefined;
  if (!isRecord(settings) || !fitsJson(settings, MAX_SETTINGS)) return undefined;
  return JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
}

export function mapContext(raw: unknown): StripchatContext | undefined {
  if (!isRecord(raw)) return undefined;
  const { model, user } = raw;
  if ((model !== undefined && model !== null && !isRecord(model)) || (user !== undefined && user !== null && !isRecord(user))) {
    return undefined;
  }
  const channel = isRecord(model) ? mapModel(model) : undefined;
  if (isRecord(model) && !channel) return undefined;
  const showStatus = isRecord(model) ? text(model.status, 32) : undefined;
  // No user, or a guest: nobody signed in, so nothing can be spent.
  if (!isRecord(user) || user.isGuest === true) return { role: 'guest', channel, showStatus };
  const userId = id(user.id);
  const name = text(user.username) ?? text(user.name);
  if (!userId || !name) return undefined;
  const isModel = user.isModel === true || (channel !== undefined && channel.id === userId);
  return { role: isModel ? 'broadcaster' : 'viewer', user: { id: userId, name }, channel, showStatus };
}

function mapModel(model: Record<string, unknown>): StripchatContext['channel'] {
  const modelId = id(model.id);
  if (!modelId) return undefined;
  return { id: modelId, name: text(model.username) ?? text(model.name) };
}

/** `null` = no count for this show type; `undefined` = malformed. */
export function mapViewers(raw: unknown): Viewers | null | undefined {
  if (raw === null) return null;
  if (!isRecord(raw)) return undefined;
  const total = count(raw.total);
  if (total === undefined) return undefined;
  const viewers: Viewers = { total };
  const guests = count(raw.guests);
  const withTokens = count(raw.withTokens);
  if (guests !== undefined) viewers.guests = guests;
  if (withTokens !== undefined) viewers.withTokens = withTokens;
  return viewers;
}

export interface MappedTipMenu {
  menu: TipMenu;
  /** How many items were dropped as malformed. */
  skipped: number;
}

export function mapTipMenu(raw: unknown): MappedTipMenu | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.items)) return undefined;
  const items: TipMenuItem[] = [];
  raw.items.slice(0, 200).forEach((entry, index) => {
    const item = isRecord(entry) ? mapTipMenuItem(entry, index) : undefined;
    if (item) items.push(item);
  });
  return { menu: { enabled: raw.isEnabled === true, items }, skipped: Math.min(raw.items.length, 200) - items.length };
}

function mapTipMenuItem(entry: Record<string, unknown>, index: number): TipMenuItem | undefined {
  const label = text(entry.activity, 120);
  const price = amount(entry.price);
  if (!label || price === undefined) return undefined;
  // Items have no id of their own; position plus activity stays stable while the menu does.
  return { id: `tm-${index}-${hash(label)}`, label, price, currency: 'tokens' };
}

export interface StripchatTip {
  tip: Tip;
  /** False when the host marks this delivery as a copy (`isOriginalSource: false`, inferred). */
  original: boolean;
}

/**
 * Names tips, whose payload (`TV1TipData`: amount, user, message, type, source, `isOriginalSource`)
 * carries no id and no time. A payload with one of the usual id fields keeps it (`sc-<id>`), stable
 * across deliveries and reloads. Otherwise: `sc-<content hash>-<this load's tag>-<n>`, where `n`
 * counts this content's deliveries of one kind: the n-th original and the n-th copy
 * (`isOriginalSource: false`) of equal tips are one payment and share an id, while two equal tips
 * are two. The load's random tag keeps a reloaded page's ids apart from those it stored before the
 * reload. (A copy delivered without its original pairs with the next original of that content.)
 */
export class TipIds {
  private readonly load = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  private readonly counts = new Map<string, number>();

  name(content: string, given: string | undefined, original: boolean): string {
    if (given) return `sc-${given}`;
    const kind = `${original ? 'o' : 'c'}|${content}`;
    const n = (this.counts.get(kind) ?? 0) + 1;
    remember(this.counts, kind, n, MAX_CONTENTS);
    return `sc-${hash(content)}-${this.load}-${n}`;
  }
}

/** Contents whose counts a page keeps (each delivery of a new content adds one). */
const MAX_CONTENTS = 1_000;

/** A `v1.tokens.spent` tip, named by `ids` (see `TipIds`). */
export function mapTip(raw: unknown, ids: TipIds, at = new Date()): StripchatTip | undefined {
  if (!isRecord(raw)) return undefined;
  const tokens = amount(raw.amount);
  if (tokens === undefined) return undefined;
  const user = isRecord(raw.user) ? raw.user : undefined;
  const anonymous = raw.isAnonymous === true || !user || user.isGuest === true;
  const userId = anonymous ? undefined : id(user?.id);
  const name = anonymous ? 'Anonymous' : (text(user?.username) ?? text(user?.name));
  if (!anonymous && (!userId || !name)) return undefined;
  const message = text(raw.message, MAX_MESSAGE);
  const given = id(raw.id) ?? id(raw.tipId) ?? id(raw.transactionId);
  const key = `${userId ?? 'anon'}|${tokens}|${message ?? ''}|${text(raw.type, 16) ?? ''}`;
  const original = raw.isOriginalSource !== false;
  const tipId = ids.name(`${key}|${text(raw.source, 32) ?? ''}`, given, original);
  const tip: Tip = {
    id: tipId,
    user: userId ? { id: userId, name: name ?? 'Anonymous' } : { name: 'Anonymous' },
    amount: tokens,
    currency: 'tokens',
    at,
    source: 'stripchat',
  };
  if (message) tip.message = message;
  return { tip, original };
}

export interface TopUser {
  userId: string;
  total: number;
  meta?: string;
}

/** `v1.storage.top.get` → ranked users; `undefined` when the answer is not a record. */
export function mapTopUsers(raw: unknown): { users: TopUser[]; skipped: number } | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.topUsers === undefined || raw.topUsers === null) return { users: [], skipped: 0 };
  if (!Array.isArray(raw.topUsers)) return undefined;
  const users: TopUser[] = [];
  for (const entry of raw.topUsers.slice(0, 100)) {
    if (!isRecord(entry)) continue;
    const userId = id(entry.userId);
    const total = amount(entry.total);
    if (!userId || total === undefined) continue;
    const meta = text(entry.meta);
    users.push(meta ? { userId, total, meta } : { userId, total });
  }
  return { users, skipped: Math.min(raw.topUsers.length, 100) - users.length };
}
