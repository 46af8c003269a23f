/**
 * The viewer counter's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const counterEnglish = {
  counterLabel: 'viewers',
  counterLabelChatters: 'in chat',
  counterNoHost: 'No streaming host connected',
  counterUnsupported: 'This host does not share a viewer count',
  counterOffline: 'Not connected to the host',
  counterUnavailable: 'Viewer count unavailable',
  counterBreakdown: 'By platform',
};
