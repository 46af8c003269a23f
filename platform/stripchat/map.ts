/**
 * Stripchat payloads → the neutral model. Each mapper returns `undefined` for a payload it cannot
 * use, so the adapter reports and skips it. Field names follow Stripchat's extension requests
 * documentation and the types of its published helper package, `@stripchatdev/ext-helper`.
 */
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
 * `TV1TipData` (inferred) has no documented id. When one of the usual id fields is present it is
 * used, so repeated deliveries of one tip share an id; otherwise the id is a content hash plus this
 * page's running tip number `seq`, unique within the page.
 */
export function mapTip(raw: unknown, seq: number, at = new Date()): StripchatTip | undefined {
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
  const tipId = given ? `sc-${given}` : `sc-${hash(key)}-${seq}`;
  const tip: Tip = {
    id: tipId,
    user: userId ? { id: userId, name: name ?? 'Anonymous' } : { name: 'Anonymous' },
    amount: tokens,
    currency: 'tokens',
    at,
    source: 'stripchat',
  };
  if (message) tip.message = message;
  return { tip, original: raw.isOriginalSource !== false };
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
