/**
 * The alert box's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const alertBoxEnglish = {
  alertLabel: 'Tip alerts',
  alertTipped: '{name} tipped {amount}!',
  alertSomeone: 'Someone',
  alertMore: '+{n} more tip|+{n} more tips',
  alertSampleName: 'Test viewer',
  alertSampleMessage: 'This is a test alert.',
};
