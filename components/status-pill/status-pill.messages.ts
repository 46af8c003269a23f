/**
 * The status pill's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const statusPillEnglish = {
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
};
