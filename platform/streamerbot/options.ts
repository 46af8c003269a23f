import type { Currency, TipMenuItem } from '../model.js';
import type { PlatformOptions } from '../registry.js';
import { custom, integer, LOOK_OPTIONS, number, oneOf, readOptions, text, type OptionProblem } from '../kit/options.js';
import { amount, currency, id, isRecord, text as cleanText } from '../validate.js';
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
  subValue?: number;
  giftValue?: number;
  subCurrency: Currency;
  /** The page's look, for OBS sources configured by URL; the widgets' own attributes still win. */
  theme?: 'light' | 'dark';
  locale?: string;
  timing: SocketTiming;
}

export const DEFAULT_RELAY_ACTION = 'onair relay';
const MAX_MENU_ITEMS = 50;

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
  subValue: custom('number', amount, { description: 'Value of one sub / resub; unset ignores subs.' }),
  giftValue: custom('number', amount, { description: 'Value of one gifted sub; unset ignores gifts.' }),
  subCurrency: custom('string', currency, { default: 'USD', description: 'Currency of `sub-value` and `gift-value`.' }),
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
      subValue: v.subValue,
      giftValue: v.giftValue,
      subCurrency: v.subCurrency!,
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
