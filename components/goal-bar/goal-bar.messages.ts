/**
 * The goal bar's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const goalBarEnglish = {
  goalLabel: 'Goal',
  goalProgress: '{amount} of {goal} ({percent})',
  goalReached: 'Goal reached!',
  goalStretch: 'Stretch goal {n}',
};
