import type { Messages } from '../messages.js';

/** Portuguese: loaded on first use (see `messagesReady` in ../messages.ts). */
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
  tipThanks: 'Obrigado! “{item}” foi enviado.',
  tipCancelled: '“{item}” foi cancelado.',
  tipFailed: '“{item}” não foi enviado.',
  tipChargedLate: '“{item}” foi enviado afinal: a plataforma confirmou com atraso.',
  tipChargedLateUnknown: 'Uma gorjeta foi enviada afinal: a plataforma confirmou com atraso.',

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

export default pt;
