import type { Messages } from '../messages.js';

/** German: loaded on first use (see `messagesReady` in ../messages.ts). */
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
  tipThanks: 'Danke! „{item}“ ist angekommen.',
  tipCancelled: '„{item}“ wurde abgebrochen.',
  tipFailed: '„{item}“ ist nicht durchgegangen.',
  tipChargedLate: '„{item}“ ist doch durchgegangen: Die Plattform hat es verspätet bestätigt.',
  tipChargedLateUnknown: 'Ein Tip ist doch durchgegangen: Die Plattform hat ihn verspätet bestätigt.',

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

export default de;
