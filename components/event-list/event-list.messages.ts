/**
 * The event list's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const eventListEnglish = {
  eventsLabel: 'Recent tips',
  eventsEmpty: 'No tips yet.',
  eventsNoTips: 'This host does not report tips.',
  eventsSomeone: 'Someone',
  eventsTotal: '{n} tip|{n} tips',
};
