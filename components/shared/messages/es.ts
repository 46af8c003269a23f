import type { Messages } from '../messages.js';

/** Spanish: loaded on first use (see `messagesReady` in ../messages.ts). */
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
  tipThanks: '¡Gracias! «{item}» se ha enviado.',
  tipCancelled: '«{item}» se ha cancelado.',
  tipFailed: '«{item}» no se ha podido enviar.',
  tipChargedLate: '«{item}» se envió al final: la plataforma lo confirmó tarde.',
  tipChargedLateUnknown: 'Una propina se envió al final: la plataforma la confirmó tarde.',

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

export default es;
