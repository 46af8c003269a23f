/**
 * The widgets' own words (labels, empty states, ARIA names, announcements) in six languages.
 *
 * English is the source: its table defines the message ids. Every other built-in table is typed
 * `Messages`, so a missing or extra key fails the type check (and `messages.test.ts` checks keys
 * and placeholders at run time too). Page overrides are partial and fall back per message:
 * widget `messages` property → `setMessages()` for the locale → built-in table for the locale,
 * each tried for the full tag (`de-at`), then its language (`de`), then English.
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

  pillLive: 'Live',
  pillReconnecting: 'Reconnecting…',
  pillOffline: 'Offline',
  pillNoHost: 'No host',
  pillDetails: 'Connection details',
  pillMove: 'Move status pill',
  pillMoveHint: 'Arrow keys move it; hold Shift for bigger steps.',
  pillReconnect: 'Reconnect',

  boardLabel: 'Top contributors, {window}',
  boardSession: 'this session',
  board1d: 'last 24 hours',
  board7d: 'last 7 days',
  board30d: 'last 30 days',
  boardAll: 'all time',
  boardEmpty: 'No tips yet.',
  boardNoTips: 'This host does not report tips.',
};

export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;

const de: Messages = {
  connecting: 'Verbinde…',
  noHost: 'Keine Streaming-Plattform verbunden.',
  tokens: '{n} Token',
  bits: '{n} Bit|{n} Bits',

  counterLabel: 'Zuschauer',
  counterNoHost: 'Keine Streaming-Plattform verbunden',
  counterUnsupported: 'Diese Plattform liefert keine Zuschauerzahl',
  counterOffline: 'Nicht mit der Plattform verbunden',
  counterUnavailable: 'Zuschauerzahl nicht verfügbar',
  counterBreakdown: 'Nach Plattform',

  tipMenu: 'Tip-Menü',
  tipOff: 'Das Tip-Menü ist ausgeschaltet.',
  tipEmpty: 'Das Tip-Menü hat noch keine Einträge.',
  tipNoSpend: 'Tips sind hier nicht möglich.',
  tipGuest: 'Melde dich an, um Tips zu senden.',
  tipSignIn: 'Anmelden',
  tipConnecting: 'Verbinde mit der Plattform…',
  tipOffline: 'Offline: Tips gehen wieder, sobald die Verbindung steht.',
  tipPending: '(wartet auf die Plattform)',

  wheelLabel: 'Glücksrad',
  wheelSegments: '{label}: Felder',
  wheelSpin: 'Drehen',
  wheelSpinning: 'Dreht sich…',
  wheelResult: 'Ergebnis: {label}',
  wheelHistory: 'Letzte Ergebnisse',
  wheelNoMenu: 'Diese Plattform hat kein Tip-Menü.',
  wheelMenuEmpty: 'Das Tip-Menü ist leer.',
  wheelAllWon: 'Alle Felder gewonnen. Setz das Rad zurück, um neu zu drehen.',
  wheelEmpty: 'Noch keine Felder zum Drehen.',

  pillLive: 'Live',
  pillReconnecting: 'Verbinde neu…',
  pillOffline: 'Offline',
  pillNoHost: 'Keine Plattform',
  pillDetails: 'Verbindungsdetails',
  pillMove: 'Statusanzeige verschieben',
  pillMoveHint: 'Mit den Pfeiltasten verschieben, mit Umschalt in großen Schritten.',
  pillReconnect: 'Neu verbinden',

  boardLabel: 'Top-Unterstützer, {window}',
  boardSession: 'dieser Stream',
  board1d: 'letzte 24 Stunden',
  board7d: 'letzte 7 Tage',
  board30d: 'letzte 30 Tage',
  boardAll: 'gesamt',
  boardEmpty: 'Noch keine Tips.',
  boardNoTips: 'Diese Plattform meldet keine Tips.',
};

const fr: Messages = {
  connecting: 'Connexion…',
  noHost: 'Aucune plateforme de streaming connectée.',
  tokens: '{n} jeton|{n} jetons',
  bits: '{n} Bit|{n} Bits',

  counterLabel: 'spectateurs',
  counterNoHost: 'Aucune plateforme de streaming connectée',
  counterUnsupported: 'Cette plateforme ne partage pas le nombre de spectateurs',
  counterOffline: 'Non connecté à la plateforme',
  counterUnavailable: 'Nombre de spectateurs indisponible',
  counterBreakdown: 'Par plateforme',

  tipMenu: 'Menu des pourboires',
  tipOff: 'Le menu des pourboires est désactivé.',
  tipEmpty: 'Le menu des pourboires est encore vide.',
  tipNoSpend: 'Les pourboires ne sont pas disponibles ici.',
  tipGuest: 'Connectez-vous pour donner un pourboire.',
  tipSignIn: 'Se connecter',
  tipConnecting: 'Connexion à la plateforme…',
  tipOffline: 'Hors ligne\u00a0: les pourboires reprendront au retour de la connexion.',
  tipPending: '(en attente de la plateforme)',

  wheelLabel: 'Roue de la fortune',
  wheelSegments: '{label}\u00a0: cases',
  wheelSpin: 'Tourner',
  wheelSpinning: 'La roue tourne…',
  wheelResult: 'Résultat\u00a0: {label}',
  wheelHistory: 'Derniers résultats',
  wheelNoMenu: 'Cette plateforme n’a pas de menu des pourboires.',
  wheelMenuEmpty: 'Le menu des pourboires est vide.',
  wheelAllWon: 'Toutes les cases ont été gagnées. Réinitialisez la roue pour rejouer.',
  wheelEmpty: 'Aucune case à faire tourner pour l’instant.',

  pillLive: 'En direct',
  pillReconnecting: 'Reconnexion…',
  pillOffline: 'Hors ligne',
  pillNoHost: 'Aucune plateforme',
  pillDetails: 'Détails de la connexion',
  pillMove: 'Déplacer l’indicateur d’état',
  pillMoveHint: 'Déplacez-le avec les flèches, Maj pour aller plus loin.',
  pillReconnect: 'Reconnecter',

  boardLabel: 'Top soutiens, {window}',
  boardSession: 'ce live',
  board1d: '24 dernières heures',
  board7d: '7 derniers jours',
  board30d: '30 derniers jours',
  boardAll: 'depuis le début',
  boardEmpty: 'Aucun pourboire pour l’instant.',
  boardNoTips: 'Cette plateforme ne transmet pas les pourboires.',
};

const es: Messages = {
  connecting: 'Conectando…',
  noHost: 'No hay ninguna plataforma de streaming conectada.',
  tokens: '{n} token|{n} tokens',
  bits: '{n} Bit|{n} Bits',

  counterLabel: 'espectadores',
  counterNoHost: 'Ninguna plataforma de streaming conectada',
  counterUnsupported: 'Esta plataforma no comparte el número de espectadores',
  counterOffline: 'Sin conexión con la plataforma',
  counterUnavailable: 'Número de espectadores no disponible',
  counterBreakdown: 'Por plataforma',

  tipMenu: 'Menú de propinas',
  tipOff: 'El menú de propinas está desactivado.',
  tipEmpty: 'El menú de propinas aún está vacío.',
  tipNoSpend: 'Aquí no se pueden dar propinas.',
  tipGuest: 'Inicia sesión para dar propina.',
  tipSignIn: 'Iniciar sesión',
  tipConnecting: 'Conectando con la plataforma…',
  tipOffline: 'Sin conexión: las propinas vuelven con la conexión.',
  tipPending: '(esperando a la plataforma)',

  wheelLabel: 'Ruleta de premios',
  wheelSegments: '{label}: opciones',
  wheelSpin: 'Girar',
  wheelSpinning: 'Girando…',
  wheelResult: 'Resultado: {label}',
  wheelHistory: 'Resultados recientes',
  wheelNoMenu: 'Esta plataforma no tiene menú de propinas.',
  wheelMenuEmpty: 'El menú de propinas está vacío.',
  wheelAllWon: 'Ya salieron todas las opciones. Reinicia la ruleta para volver a girar.',
  wheelEmpty: 'Aún no hay opciones en la ruleta.',

  pillLive: 'En directo',
  pillReconnecting: 'Reconectando…',
  pillOffline: 'Desconectado',
  pillNoHost: 'Sin plataforma',
  pillDetails: 'Detalles de la conexión',
  pillMove: 'Mover indicador de estado',
  pillMoveHint: 'Muévelo con las flechas; con Mayús, en pasos más grandes.',
  pillReconnect: 'Reconectar',

  boardLabel: 'Mejores donantes, {window}',
  boardSession: 'este directo',
  board1d: 'últimas 24 horas',
  board7d: 'últimos 7 días',
  board30d: 'últimos 30 días',
  boardAll: 'desde el inicio',
  boardEmpty: 'Aún no hay propinas.',
  boardNoTips: 'Esta plataforma no informa de las propinas.',
};

const pt: Messages = {
  connecting: 'Conectando…',
  noHost: 'Nenhuma plataforma de streaming conectada.',
  tokens: '{n} token|{n} tokens',
  bits: '{n} Bit|{n} Bits',

  counterLabel: 'espectadores',
  counterNoHost: 'Nenhuma plataforma de streaming conectada',
  counterUnsupported: 'Esta plataforma não informa o número de espectadores',
  counterOffline: 'Sem conexão com a plataforma',
  counterUnavailable: 'Número de espectadores indisponível',
  counterBreakdown: 'Por plataforma',

  tipMenu: 'Menu de gorjetas',
  tipOff: 'O menu de gorjetas está desativado.',
  tipEmpty: 'O menu de gorjetas ainda está vazio.',
  tipNoSpend: 'Não é possível dar gorjetas aqui.',
  tipGuest: 'Faça login para dar gorjeta.',
  tipSignIn: 'Entrar',
  tipConnecting: 'Conectando à plataforma…',
  tipOffline: 'Offline: as gorjetas voltam com a conexão.',
  tipPending: '(aguardando a plataforma)',

  wheelLabel: 'Roleta de prêmios',
  wheelSegments: '{label}: opções',
  wheelSpin: 'Girar',
  wheelSpinning: 'Girando…',
  wheelResult: 'Resultado: {label}',
  wheelHistory: 'Resultados recentes',
  wheelNoMenu: 'Esta plataforma não tem menu de gorjetas.',
  wheelMenuEmpty: 'O menu de gorjetas está vazio.',
  wheelAllWon: 'Todas as opções já saíram. Reinicie a roleta para girar de novo.',
  wheelEmpty: 'Ainda não há opções na roleta.',

  pillLive: 'Ao vivo',
  pillReconnecting: 'Reconectando…',
  pillOffline: 'Offline',
  pillNoHost: 'Sem plataforma',
  pillDetails: 'Detalhes da conexão',
  pillMove: 'Mover indicador de status',
  pillMoveHint: 'Use as setas para mover; segure Shift para passos maiores.',
  pillReconnect: 'Reconectar',

  boardLabel: 'Maiores apoiadores, {window}',
  boardSession: 'esta live',
  board1d: 'últimas 24 horas',
  board7d: 'últimos 7 dias',
  board30d: 'últimos 30 dias',
  boardAll: 'desde o início',
  boardEmpty: 'Nenhuma gorjeta ainda.',
  boardNoTips: 'Esta plataforma não informa as gorjetas.',
};

const ja: Messages = {
  connecting: '接続中…',
  noHost: '配信プラットフォームに接続されていません。',
  tokens: '{n}トークン',
  bits: '{n}ビッツ',

  counterLabel: '人が視聴中',
  counterNoHost: '配信プラットフォーム未接続',
  counterUnsupported: 'このプラットフォームは視聴者数を提供していません',
  counterOffline: 'プラットフォームとの接続が切れています',
  counterUnavailable: '視聴者数を取得できません',
  counterBreakdown: 'プラットフォーム別',

  tipMenu: 'チップメニュー',
  tipOff: 'チップメニューはオフです。',
  tipEmpty: 'チップメニューにはまだ項目がありません。',
  tipNoSpend: 'ここではチップを送れません。',
  tipGuest: 'チップを送るにはログインしてください。',
  tipSignIn: 'ログイン',
  tipConnecting: 'プラットフォームに接続中…',
  tipOffline: 'オフライン：接続が戻るとチップを送れます。',
  tipPending: '（プラットフォームの応答待ち）',

  wheelLabel: 'ルーレット',
  wheelSegments: '{label}：項目',
  wheelSpin: '回す',
  wheelSpinning: '回転中…',
  wheelResult: '結果：{label}',
  wheelHistory: '最近の結果',
  wheelNoMenu: 'このプラットフォームにはチップメニューがありません。',
  wheelMenuEmpty: 'チップメニューは空です。',
  wheelAllWon: 'すべての項目が当たりました。もう一度回すにはリセットしてください。',
  wheelEmpty: 'ルーレットの項目がまだありません。',

  pillLive: 'ライブ',
  pillReconnecting: '再接続中…',
  pillOffline: 'オフライン',
  pillNoHost: '未接続',
  pillDetails: '接続の詳細',
  pillMove: 'ステータス表示を移動',
  pillMoveHint: '矢印キーで移動、Shiftキーで大きく移動します。',
  pillReconnect: '再接続',

  boardLabel: '{window}のトップ支援者',
  boardSession: 'この配信',
  board1d: '過去24時間',
  board7d: '過去7日間',
  board30d: '過去30日間',
  boardAll: '全期間',
  boardEmpty: 'まだチップはありません。',
  boardNoTips: 'このプラットフォームはチップ情報を提供していません。',
};

/** The built-in tables by language subtag. */
export const catalogue: Readonly<Record<string, Messages>> = { en, de, fr, es, pt, ja };

/** Page-wide overrides from `setMessages`, by lower-case tag. */
const pageTables = new Map<string, Partial<Messages>>();

/**
 * Replaces messages for every widget on the page, for a locale (`de`, or a region such as
 * `de-CH`), or adds a language: `setMessages('it', { counterLabel: 'spettatori' })`. Call it
 * before widgets render; a widget picks changes up on its next render.
 */
export function setMessages(locale: string, messages: Partial<Messages>): void {
  const tag = locale.toLowerCase();
  pageTables.set(tag, { ...pageTables.get(tag), ...messages });
}

/** `de-AT` → `['de-at', 'de', 'en']`. */
function fallbacks(locale: string): string[] {
  const tag = locale.toLowerCase();
  return [tag, tag.split('-')[0], 'en'];
}

const builtIn = (tag: string) => (Object.hasOwn(catalogue, tag) ? catalogue[tag] : undefined);

/** The language the messages for `locale` are in: `de` for `de-AT`, `en` when none is known. */
export function messageLang(locale: string): string {
  return fallbacks(locale).find((tag) => builtIn(tag) || pageTables.has(tag))!;
}

/** Only strings count: overrides come from page scripts, unchecked. */
const pick = (table: Partial<Messages> | undefined, id: MessageId) => (typeof table?.[id] === 'string' ? table[id] : undefined);

/** The message `id` for `locale`, with `{name}` placeholders filled from `values`. */
export function message(locale: string, id: MessageId, values?: Record<string, string>, overrides?: Partial<Messages>): string {
  let text = pick(overrides, id);
  for (const tag of fallbacks(locale)) text ??= pick(pageTables.get(tag), id) ?? pick(builtIn(tag), id);
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
