import type { TipMenuItem } from '../model.js';
import { custom, integer, LOOK_OPTIONS, number, oneOf, readOptions, text, type OptionProblem, type PlatformOptions } from '../kit/options.js';
import { amount, currency, id, isRecord, text as cleanText } from '../validate.js';
import type { MappingOptions, TierValues, ViewerMode } from './mapping.js';
import { DEFAULT_TIMING, type SocketTiming } from './timing.js';

/** A tip-menu entry and the Streamer.bot action (name or id) that fulfils it. */
export interface StreamerbotMenuItem extends TipMenuItem {
  action: string;
}

export interface StreamerbotOptions {
  url: string;
  password?: string;
  menu: StreamerbotMenuItem[];
  /** Action whose job is `CPH.WebsocketBroadcastJson(args["onair"])`; undefined disables broadcast. */
  relayAction?: string;
  /** What the viewer counter counts: stream viewers (default) or people present in chat. */
  viewerMode: ViewerMode;
  /** Values of subs, gifts, memberships and treats, and the rates of Kicks and Elixir. */
  mapping: MappingOptions;
  /** After an activation, further activations of the same item within this many ms are ignored. */
  spendCooldown: number;
  /** The page's look, for OBS sources configured by URL; the widgets' own attributes still win. */
  theme?: 'light' | 'dark';
  locale?: string;
  timing: SocketTiming;
}

export const DEFAULT_RELAY_ACTION = 'onair relay';
const MAX_MENU_ITEMS = 50;
/** Long enough to swallow a double click and a held key's repeats, short enough for a real second tip. */
export const DEFAULT_SPEND_COOLDOWN = 2_000;
/** Twitch's list prices per tier (4.99, 9.99, 24.99) relative to tier 1. */
const TIER_FACTORS = { 2: 2, 3: 5 } as const;
const value = (description: string, attribute?: string) => custom('number', amount, { description, ...(attribute ? { attribute } : {}) });
const rate = (description: string) => number({ min: 0, max: 1000, default: 0.01, description });

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])$/;
const ms = (min: number, max: number, fallback: number, description: string) => integer({ min, max, default: fallback, description });

/** The Streamer.bot adapter's options (`platform="streamerbot"`). */
export const STREAMERBOT_OPTIONS = {
  host: text({ max: 253, pattern: HOST, default: '127.0.0.1', description: 'Streamer.bot WebSocket server host.' }),
  port: integer({ min: 1, max: 65_535, default: 8080, description: 'Streamer.bot WebSocket server port.' }),
  endpoint: text({ max: 200, pattern: /^\/[\w\-./~%]*$/, default: '/', description: 'Streamer.bot WebSocket server endpoint.' }),
  scheme: oneOf(['ws', 'wss'] as const, { default: 'ws', description: 'WebSocket scheme, `ws` or `wss`.' }),
  password: text({ secret: true, max: 1024, description: 'Streamer.bot WebSocket server password (never reported or shown).' }),
  menu: custom('json', (value) => value, { description: 'Tip menu as JSON: `[{ id, label, price, currency, action }]`; each item runs a Streamer.bot action.' }),
  menuAction: text({ max: 128, description: 'Action for menu items that name none.' }),
  relayAction: text({ max: 128, default: DEFAULT_RELAY_ACTION, description: 'Action that broadcasts room messages back (`CPH.WebsocketBroadcastJson(args["onair"])`); empty disables the room.' }),
  viewerCount: oneOf(['viewers', 'chatters'] as const, {
    default: 'viewers',
    description: 'What the viewer counter counts: `viewers` (stream viewers per platform, from the viewer-count events) or `chatters` (people present in chat, a smaller number; the counter then says "in chat").',
  }),
  subValue: value('Value of one tier-1 (or Kick) sub / resub; unset ignores subs.'),
  subValue2: value('Value of one tier-2 sub (default 2× `sub-value`).', 'sub-value-2'),
  subValue3: value('Value of one tier-3 sub (default 5× `sub-value`).', 'sub-value-3'),
  primeValue: value('Value of one Prime sub (default `sub-value`).'),
  giftValue: value('Value of one gifted tier-1 sub; unset ignores gifts.'),
  giftValue2: value('Value of one gifted tier-2 sub (default 2× `gift-value`).', 'gift-value-2'),
  giftValue3: value('Value of one gifted tier-3 sub (default 5× `gift-value`).', 'gift-value-3'),
  membershipValue: value('Value of one gifted YouTube membership; unset ignores them.'),
  treatValue: value('Value of one TreatStream treat (treats carry no amount); unset ignores them.'),
  subCurrency: custom('string', currency, { default: 'USD', description: 'Currency of the sub, gift, membership and treat values.' }),
  kicksRate: rate('US dollars per Kick for Kick gifts; 0 ignores them.'),
  elixirRate: rate('US dollars per Elixir for Trovo spells (Mana spells are free and never count); 0 ignores them.'),
  spendCooldown: ms(0, 600_000, DEFAULT_SPEND_COOLDOWN, 'Activations of the same tip-menu item within this many ms of the previous one are ignored.'),
  backoffMin: ms(1, 600_000, DEFAULT_TIMING.backoffMin, 'First reconnect delay in ms; doubles per failed attempt.'),
  backoffMax: ms(1, 3_600_000, DEFAULT_TIMING.backoffMax, 'Longest reconnect delay in ms.'),
  jitter: number({ min: 0, max: 0.9, default: DEFAULT_TIMING.jitter, description: 'Share of each reconnect delay that is randomised.' }),
  pingInterval: ms(10, 3_600_000, DEFAULT_TIMING.pingInterval, 'How often an idle connection is probed, in ms.'),
  pingTimeout: ms(10, 600_000, DEFAULT_TIMING.pingTimeout, 'How long a probe may go unanswered, in ms.'),
  requestTimeout: ms(10, 600_000, DEFAULT_TIMING.requestTimeout, 'How long any other request may take, in ms.'),
  helloTimeout: ms(10, 600_000, DEFAULT_TIMING.helloTimeout, 'How long to wait for the server\'s Hello, in ms.'),
  ...LOOK_OPTIONS,
};

export function parseOptions(raw: PlatformOptions): { options: StreamerbotOptions; problems: OptionProblem[] } {
  const { values: v, problems } = readOptions(STREAMERBOT_OPTIONS, raw);
  // An empty `relay-action` turns the room off rather than meaning "the default".
  const relayOff = raw['relay-action'] === '' || raw.relayAction === '';
  return {
    options: {
      url: `${v.scheme}://${v.host}:${v.port}${v.endpoint}`,
      password: v.password,
      menu: parseMenu(v.menu, v.menuAction, problems),
      relayAction: relayOff ? undefined : v.relayAction,
      viewerMode: v.viewerCount!,
      mapping: {
        subs: tiers(v.subValue, v.subValue2, v.subValue3, v.primeValue),
        gifts: tiers(v.giftValue, v.giftValue2, v.giftValue3),
        membershipValue: v.membershipValue,
        treatValue: v.treatValue,
        valueCurrency: v.subCurrency!,
        kicksRate: v.kicksRate!,
        elixirRate: v.elixirRate!,
      },
      spendCooldown: v.spendCooldown!,
      theme: v.theme,
      locale: v.locale,
      timing: {
        backoffMin: v.backoffMin!,
        backoffMax: v.backoffMax!,
        jitter: v.jitter!,
        pingInterval: v.pingInterval!,
        pingTimeout: v.pingTimeout!,
        requestTimeout: v.requestTimeout!,
        helloTimeout: v.helloTimeout!,
      },
    },
    problems,
  };
}

/** Values per tier from the tier-1 value; a Prime sub pays like tier 1 unless told otherwise. */
function tiers(tier1: number | undefined, tier2?: number, tier3?: number, prime?: number): TierValues | undefined {
  if (tier1 === undefined) return undefined;
  return { 1: tier1, 2: tier2 ?? tier1 * TIER_FACTORS[2], 3: tier3 ?? tier1 * TIER_FACTORS[3], prime: prime ?? tier1 };
}

/** The menu as JSON text (attribute, URL) or an array (JS `options`); bad items are reported and dropped. */
function parseMenu(raw: unknown, defaultAction: string | undefined, problems: OptionProblem[]): StreamerbotMenuItem[] {
  if (raw === undefined || raw === '') return [];
  let list = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw);
    } catch {
      problems.push({ option: 'menu', message: 'The `menu` option is not valid JSON.', payload: raw });
      return [];
    }
  }
  if (!Array.isArray(list)) {
    problems.push({ option: 'menu', message: 'The `menu` option must be a list of items.', payload: raw });
    return [];
  }
  const items: StreamerbotMenuItem[] = [];
  for (const entry of list.slice(0, MAX_MENU_ITEMS)) {
    const item = isRecord(entry) ? menuItem(entry, defaultAction) : undefined;
    if (item && !items.some((other) => other.id === item.id)) items.push(item);
    else problems.push({ option: 'menu', message: 'Skipped a tip-menu item: it needs a unique `id`, `label`, positive `price`, `currency` and `action`.', payload: entry });
  }
  return items;
}

function menuItem(entry: Record<string, unknown>, defaultAction: string | undefined): StreamerbotMenuItem | undefined {
  const itemId = id(entry.id);
  const label = cleanText(entry.label, 80);
  const price = amount(entry.price);
  const code = currency(entry.currency);
  const action = cleanText(entry.action, 128) ?? defaultAction;
  if (!itemId || !label || price === undefined || !code || !action) return undefined;
  return { id: itemId, label, price, currency: code, action };
}
