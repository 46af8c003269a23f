/**
 * The widgets' own words (labels, empty states, ARIA names, announcements) in six languages.
 *
 * English is the source: the words several widgets share live here, each widget's own beside it
 * (`components/<widget>/<widget>.messages.ts`, added when the widget loads, so a page downloads the
 * English words of the widgets it uses); together they define the message ids. Every other built-in
 * language is a module of its own (./messages/<lang>.ts), loaded with a dynamic `import()` the
 * first time a widget needs it (`messagesReady`), so a page downloads the one language it speaks.
 * Those tables are typed `Messages`, so a missing or extra key fails the type check (and
 * `messages.test.ts` checks keys and placeholders at run time too). Page overrides are partial and
 * fall back per message: widget `messages` property → `setMessages()` for the locale → built-in
 * table for the locale, each tried for the full tag (`de-at`), then its language (`de`), then English.
 *
 * `{name}` is filled from the caller's values; numbers arrive already formatted with `Intl`.
 * A message with `|` holds singular and plural (`one|other`), chosen with `Intl.PluralRules`.
 */
import type { counterEnglish } from '../viewer-counter/viewer-counter.messages.js';
import type { tipMenuEnglish } from '../tip-menu/tip-menu.messages.js';
import type { statusPillEnglish } from '../status-pill/status-pill.messages.js';
import type { leaderboardEnglish } from '../leaderboard/leaderboard.messages.js';
import type { alertBoxEnglish } from '../alert-box/alert-box.messages.js';
import type { goalBarEnglish } from '../goal-bar/goal-bar.messages.js';
import type { eventListEnglish } from '../event-list/event-list.messages.js';
import type { tipTimerEnglish } from '../tip-timer/tip-timer.messages.js';
import type { wheelSpinnerEnglish } from '../wheel-spinner/wheel-spinner.messages.js';

/** The words several widgets share. */
const en = {
  connecting: 'Connecting…',
  noHost: 'No streaming host is connected.',
  tokens: '{n} token|{n} tokens',
  bits: '{n} bit|{n} bits',

  tipMenu: 'Tip menu',
};

/**
 * Every message id: the shared words above and each widget's own (`components/<widget>/<widget>.messages.ts`,
 * added by `addEnglish` when the widget's module loads, so a page downloads only its widgets' words).
 */
export type MessageId =
  | keyof typeof en
  | keyof typeof counterEnglish
  | keyof typeof tipMenuEnglish
  | keyof typeof statusPillEnglish
  | keyof typeof leaderboardEnglish
  | keyof typeof alertBoxEnglish
  | keyof typeof goalBarEnglish
  | keyof typeof eventListEnglish
  | keyof typeof tipTimerEnglish
  | keyof typeof wheelSpinnerEnglish;
export type Messages = Record<MessageId, string>;

/** The English table: the shared words now, each widget's once its module has loaded. */
const english = en as Messages;

/** Adds a widget's English words (its module calls this as it loads, before defining its element). */
export function addEnglish(words: Partial<Messages>): void {
  Object.assign(english, words);
}

type Loader = () => Promise<{ default: Messages }>;

/** Where each built-in language other than English comes from, by language subtag. */
const loaders = new Map<string, Loader>([
  ['de', () => import('./messages/de.js')],
  ['fr', () => import('./messages/fr.js')],
  ['es', () => import('./messages/es.js')],
  ['pt', () => import('./messages/pt.js')],
  ['ja', () => import('./messages/ja.js')],
]);

/** Every built-in language, English first. */
export const builtInLanguages: readonly string[] = ['en', ...loaders.keys()];

/**
 * Built-in tables that are here, by language subtag: English always; another language once its
 * module has loaded, or `null` when loading it failed (that language then speaks English).
 */
const tables = new Map<string, Messages | null>([['en', english]]);

/** Loads in flight, so every widget waiting for a language shares one `import()`. */
const loading = new Map<string, Promise<void>>();

/**
 * Undefined when the built-in words for `locale` are here (or there are none: English, an
 * unsupported language, one a page added with `setMessages`); otherwise a promise that resolves,
 * never rejects, once that language's module has loaded or failed to. One import per language
 * per page: later calls share it. A failed load is not retried and leaves the language in English.
 */
export function messagesReady(locale: string): Promise<void> | undefined {
  const lang = locale.toLowerCase().split('-')[0];
  const loader = loaders.get(lang);
  if (!loader || tables.has(lang)) return undefined;
  let load = loading.get(lang);
  if (!load) {
    // A widget must not throw into the page over a missing translation: English is always there.
    load = loader().then(
      (module) => void tables.set(lang, module.default),
      () => void tables.set(lang, null),
    );
    loading.set(lang, load);
  }
  return load;
}

/**
 * Replaces where a built-in language is loaded from and forgets what was loaded, so tests can count
 * or fail imports. Not for pages: they add or change words with `setMessages`.
 */
export function setMessageLoader(lang: string, loader: Loader): void {
  loaders.set(lang, loader);
  tables.delete(lang);
  loading.delete(lang);
}

/** The loaded built-in table for a language subtag (`de`), if any. */
export function builtInMessages(lang: string): Messages | undefined {
  return tables.get(lang) ?? undefined;
}

/**
 * Page-wide overrides from `setMessages`, by lower-case tag. Kept on `globalThis` under a
 * registered symbol, so every copy of onair on the page (the `onair/api` entry beside the full
 * bundle, say) reads and writes the same table.
 */
const pageTables: Map<string, Partial<Messages>> = ((globalThis as Record<symbol, unknown>)[Symbol.for('onair.pageMessages')] ??= new Map()) as Map<
  string,
  Partial<Messages>
>;

/**
 * Replaces messages for every widget on the page, for a locale (`de`, or a region such as
 * `de-CH`), or adds a language: `setMessages('it', { counterLabel: 'spettatori' })`. Call it
 * before widgets render; a widget picks changes up on its next render.
 */
export function setMessages(locale: string, messages: Partial<Messages>): void {
  const tag = locale.toLowerCase();
  pageTables.set(tag, { ...pageTables.get(tag), ...messages });
  pageTablesVersion += 1;
}

let pageTablesVersion = 0;

/** Changes with every `setMessages`: a widget may keep text it built from messages until then. */
export function messagesVersion(): number {
  return pageTablesVersion;
}

/** `de-AT` → `['de-at', 'de', 'en']`. */
function fallbacks(locale: string): string[] {
  const tag = locale.toLowerCase();
  return [tag, tag.split('-')[0], 'en'];
}

/** The language the messages for `locale` are in: `de` for `de-AT`, `en` when none is known. */
export function messageLang(locale: string): string {
  return fallbacks(locale).find((tag) => builtInMessages(tag) || pageTables.has(tag))!;
}

/** Only strings count: overrides come from page scripts, unchecked. */
const pick = (table: Partial<Messages> | undefined, id: MessageId) => (typeof table?.[id] === 'string' ? table[id] : undefined);

/** The message `id` for `locale`, with `{name}` placeholders filled from `values`. */
export function message(locale: string, id: MessageId, values?: Record<string, string>, overrides?: Partial<Messages>): string {
  let text = pick(overrides, id);
  for (const tag of fallbacks(locale)) text ??= pick(pageTables.get(tag), id) ?? pick(builtInMessages(tag), id);
  // English has every id of a loaded widget; the id itself stands in for one that is not loaded.
  text ??= id;
  return values ? text.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(values, name) ? values[name] : match)) : text;
}

/** By language; bounded by the built-in and page-added languages. */
const pluralRules = new Map<string, Intl.PluralRules>();

/** The singular or plural form of a `one|other` message, by the rules of the message's language. */
export function plural(locale: string, text: string, count: number): string {
  const forms = text.split('|');
  const lang = messageLang(locale);
  let rules = pluralRules.get(lang);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(lang);
    } catch {
      rules = new Intl.PluralRules('en');
    }
    pluralRules.set(lang, rules);
  }
  return forms[rules.select(count) === 'one' ? 0 : forms.length - 1];
}
