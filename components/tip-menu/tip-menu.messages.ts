/**
 * The tip menu's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const tipMenuEnglish = {
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
};
