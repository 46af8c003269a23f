/**
 * The widgets' own words (labels, empty states, ARIA names, announcements) in six languages.
 *
 * English is the source and lives here: its table defines the message ids. Every other built-in
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
const en = {
  connecting: 'Connecting…',
  noHost: 'No streaming host is connected.',
  tokens: '{n} token|{n} tokens',
  bits: '{n} bit|{n} bits',

  counterLabel: 'viewers',
  counterLabelChatters: 'in chat',
  counterNoHost: 'No streaming host connected',
  counterUnsupported: 'This host does not share a viewer count',
  counterOffline: 'Not connected to the host',
  counterUnavailable: 'Viewer count unavailable',
  counterBreakdown: 'By platform',

  tipMenu: 'Tip menu',
  tipOff: 'The tip menu is turned off.',
  tipEmpty: 'The tip menu has no items yet.',
  tipNoSpend: 'Tipping is not available here.',
  tipGuest: 'Sign in to tip.',
  tipSignIn: 'Sign in',
  tipConnecting: 'Connecting to the host…',
  tipOffline: 'Offline: tipping resumes when the connection is back.',
  tipPending: '(waiting for the host)',
  tipThanks: 'Thank you! “{item}” went through.',
  tipCancelled: '“{item}” was cancelled.',
  tipFailed: '“{item}” did not go through.',
  tipChargedLate: '“{item}” went through after all: the host confirmed it late.',

  wheelLabel: 'Prize wheel',
  wheelSegments: '{label}: segments',
  wheelSpin: 'Spin',
  wheelSpinning: 'Spinning…',
  wheelResult: 'Result: {label}',
  wheelHistory: 'Recent results',
  wheelNoMenu: 'This host has no tip menu to spin.',
  wheelMenuEmpty: 'The tip menu is empty.',
  wheelAllWon: 'Every segment has been won. Reset the wheel to spin again.',
  wheelEmpty: 'No segments to spin yet.',
  wheelSpinFor: 'Spin for {price}',
  wheelPaying: 'Waiting for your payment…',
  wheelPending: 'Paid. Waiting for the streamer’s wheel to spin…',
  wheelOnlyStreamer: 'Only the streamer’s wheel decides spins.',
  wheelNotPaid: 'Not paid, so no spin. {detail}',
  wheelPriceTooLow: 'The tip menu item costs less than a spin ({price}).',
  wheelNoItem: 'No tip menu item buys a spin ({price}).',
  wheelNoAuthority: 'The streamer’s wheel is not online, so nothing was charged.',
  wheelNoAnswer: 'Paid, but the streamer’s wheel has not answered yet. Your spin will play when it does.',
  wheelQueueFull: 'Too many spins are waiting; this payment was not queued.',
  wheelCommitment: 'Next spin sealed: {commitment}',
  wheelRevealed: 'Seed: {seed}',
  wheelVerify: 'Verify spins',
  wheelProofs: 'Recent spins and their proofs',
  wheelProofPayment: 'Payment id',
  wheelProofSeed: 'Revealed seed',
  wheelCheck: 'Check',
  wheelCheckOk: 'Verified: fair',
  wheelCheckFailed: 'Does not verify ({reason})',
  wheelProofCommitment: 'Commitment published before the payment',
  wheelUnverified: 'Unverified: {reason}.',
  wheelNotSaved: 'This wheel could not save its record, so it spins nothing until storage works again.',
  wheelYielded: 'Another page of the streamer leads this wheel; this one does not spin.',

  pillLive: 'Live',
  pillReconnecting: 'Reconnecting…',
  pillOffline: 'Offline',
  pillNoHost: 'No host',
  pillDetails: 'Connection details',
  pillMove: 'Move status pill',
  pillMoveHint: 'Arrow keys move it; hold Shift for bigger steps.',
  pillReconnect: 'Reconnect',
  reasonNoHost: 'No streaming host found on this page.',
  reasonAdapterFailed: 'The connection to {host} could not start.',
  reasonHelperMissing: 'The {host} helper is missing on this page.',
  reasonNotEmbedded: 'This page is not inside a {host} extension slot.',
  reasonAuthWaiting: 'Waiting for {host} to authorize this page.',
  reasonAuthFailed: '{host} refused the credentials; check the settings.',
  reasonConnecting: 'Connecting to {host}…',
  reasonConnected: 'Connected to {host}.',
  reasonHostUnreachable: '{host} did not answer.',
  reasonConnectionLost: 'Lost the connection to {host}; retrying.',
  reasonHostRestarting: '{host} restarted; reloading.',
  reasonInvalidResponse: '{host} sent something unreadable.',

  boardLabel: 'Top contributors, {window}',
  boardSession: 'this session',
  board1d: 'last 24 hours',
  board7d: 'last 7 days',
  board30d: 'last 30 days',
  boardAll: 'all time',
  boardEmpty: 'No tips yet.',
  boardNoTips: 'This host does not report tips.',
  boardRanked: 'Ranked in {currency}',
  boardCombined: 'All currencies, counted in {currency}',
  boardLeftOut: 'Not counted here: tips in {currencies}.',

  alertLabel: 'Tip alerts',
  alertTipped: '{name} tipped {amount}!',
  alertSomeone: 'Someone',
  alertMore: '+{n} more tip|+{n} more tips',
  alertSampleName: 'Test viewer',
  alertSampleMessage: 'This is a test alert.',

  goalLabel: 'Goal',
  goalProgress: '{amount} of {goal} ({percent})',
  goalReached: 'Goal reached!',
  goalStretch: 'Stretch goal {n}',

  eventsLabel: 'Recent tips',
  eventsEmpty: 'No tips yet.',
  eventsNoTips: 'This host does not report tips.',
  eventsSomeone: 'Someone',
  eventsTotal: '{n} tip|{n} tips',

  timerLabel: 'Tip timer',
  timerStart: 'Start',
  timerPause: 'Pause',
  timerResume: 'Resume',
  timerAdd: '+{time}',
  timerReset: 'Reset',
  timerControls: 'Timer controls',
  timerIdle: 'Not started',
  timerPaused: 'Paused',
  timerEnded: 'Time’s up!',
  timerWaiting: 'Waiting for the streamer’s timer…',
  timerLeft: '{time} left',
  timerPausedLeft: 'Paused with {time} left',
};

export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;

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
const tables = new Map<string, Messages | null>([['en', en]]);

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
  // English defines every id, so the loop always finds one.
  return values ? text!.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(values, name) ? values[name] : match)) : text!;
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
