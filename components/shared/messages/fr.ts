import type { Messages } from '../messages.js';

/** French: loaded on first use (see `messagesReady` in ../messages.ts). */
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
  tipThanks: 'Merci ! « {item} » est bien passé.',
  tipCancelled: '« {item} » a été annulé.',
  tipFailed: '« {item} » n’est pas passé.',
  tipChargedLate: '« {item} » est finalement passé : la plateforme l’a confirmé en retard.',
  tipChargedLateUnknown: 'Un tip est finalement passé : la plateforme l’a confirmé en retard.',

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

export default fr;
