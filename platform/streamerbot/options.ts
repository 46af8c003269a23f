import type { Currency, TipMenuItem } from '../model.js';
import type { PlatformOptions } from '../registry.js';
import { amount, currency, id, isRecord, locale, num, oneOf, text, THEMES } from '../validate.js';
import { DEFAULT_TIMING, type SocketTiming } from './socket.js';

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

/** Option problems, reported on `errors$` once the platform exists. */
export type OptionProblem = { message: string; payload?: unknown };

/** Reads an option given as `kebab-case` (attributes, URL) or `camelCase` (JS `options`). */
function pick(options: PlatformOptions, name: string): unknown {
  const camel = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return options[name] ?? options[camel];
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])$/;

export function parseOptions(options: PlatformOptions): { options: StreamerbotOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const checked = <T>(name: string, value: T | undefined, fallback: T): T => {
    const raw = pick(options, name);
    if (raw !== undefined && raw !== '' && value === undefined) problems.push({ message: `Ignored the invalid \`${name}\` option.`, payload: raw });
    return value ?? fallback;
  };

  const rawHost = text(pick(options, 'host'), 253);
  const host = checked('host', rawHost && HOST.test(rawHost) ? rawHost : undefined, '127.0.0.1');
  const port = checked('port', integer(pick(options, 'port'), 1, 65_535), 8080);
  const rawEndpoint = text(pick(options, 'endpoint'), 200);
  const endpoint = checked('endpoint', rawEndpoint && /^\/[\w\-./~%]*$/.test(rawEndpoint) ? rawEndpoint : undefined, '/');
  const rawScheme = pick(options, 'scheme');
  const scheme = checked('scheme', rawScheme === 'ws' || rawScheme === 'wss' ? rawScheme : undefined, 'ws');
  const password = typeof pick(options, 'password') === 'string' && pick(options, 'password') !== '' ? (pick(options, 'password') as string) : undefined;

  const relay = pick(options, 'relay-action');
  const relayAction = relay === undefined ? DEFAULT_RELAY_ACTION : text(relay, 128);

  const subCurrency = checked('sub-currency', currency(pick(options, 'sub-currency')), 'USD');
  const defaultAction = text(pick(options, 'menu-action'), 128);

  return {
    options: {
      url: `${scheme}://${host}:${port}${endpoint}`,
      password,
      menu: parseMenu(pick(options, 'menu'), defaultAction, problems),
      relayAction,
      subValue: checked('sub-value', amount(pick(options, 'sub-value')), undefined),
      giftValue: checked('gift-value', amount(pick(options, 'gift-value')), undefined),
      subCurrency,
      theme: checked('theme', oneOf(THEMES, pick(options, 'theme')), undefined),
      locale: checked('locale', locale(pick(options, 'locale')), undefined),
      timing: {
        backoffMin: checked('backoff-min', integer(pick(options, 'backoff-min'), 1, 600_000), DEFAULT_TIMING.backoffMin),
        backoffMax: checked('backoff-max', integer(pick(options, 'backoff-max'), 1, 3_600_000), DEFAULT_TIMING.backoffMax),
        jitter: checked('jitter', num(pick(options, 'jitter'), 0, 0.9), DEFAULT_TIMING.jitter),
        pingInterval: checked('ping-interval', integer(pick(options, 'ping-interval'), 10, 3_600_000), DEFAULT_TIMING.pingInterval),
        pingTimeout: checked('ping-timeout', integer(pick(options, 'ping-timeout'), 10, 600_000), DEFAULT_TIMING.pingTimeout),
        requestTimeout: checked('request-timeout', integer(pick(options, 'request-timeout'), 10, 600_000), DEFAULT_TIMING.requestTimeout),
        helloTimeout: checked('hello-timeout', integer(pick(options, 'hello-timeout'), 10, 600_000), DEFAULT_TIMING.helloTimeout),
      },
    },
    problems,
  };
}


function integer(value: unknown, min: number, max: number): number | undefined {
  const n = num(value, min, max);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** The menu as JSON text (attribute, URL) or an array (JS `options`); bad items are reported and dropped. */
function parseMenu(raw: unknown, defaultAction: string | undefined, problems: OptionProblem[]): StreamerbotMenuItem[] {
  if (raw === undefined || raw === '') return [];
  let list = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw);
    } catch {
      problems.push({ message: 'The `menu` option is not valid JSON.', payload: raw });
      return [];
    }
  }
  if (!Array.isArray(list)) {
    problems.push({ message: 'The `menu` option must be a list of items.', payload: raw });
    return [];
  }
  const items: StreamerbotMenuItem[] = [];
  for (const entry of list.slice(0, MAX_MENU_ITEMS)) {
    const item = isRecord(entry) ? menuItem(entry, defaultAction) : undefined;
    if (item && !items.some((other) => other.id === item.id)) items.push(item);
    else problems.push({ message: 'Skipped a tip-menu item: it needs a unique `id`, `label`, positive `price`, `currency` and `action`.', payload: entry });
  }
  return items;
}

function menuItem(entry: Record<string, unknown>, defaultAction: string | undefined): StreamerbotMenuItem | undefined {
  const itemId = id(entry.id);
  const label = text(entry.label, 80);
  const price = amount(entry.price);
  const code = currency(entry.currency);
  const action = text(entry.action, 128) ?? defaultAction;
  if (!itemId || !label || price === undefined || !code || !action) return undefined;
  return { id: itemId, label, price, currency: code, action };
}
