/**
 * The leaderboard's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const leaderboardEnglish = {
  boardLabel: 'Top contributors, {window}',
  boardSession: 'this session',
  board1d: 'last 24 hours',
  board7d: 'last 7 days',
  board30d: 'last 30 days',
  boardAll: 'all time',
  boardEmpty: 'No tips yet.',
  boardNoTips: 'This host does not report tips.',
  boardRanked: 'Ranked in {currency}',
  boardCombined: 'All currencies, counted in {currency}',
  boardLeftOut: 'Not counted here: tips in {currencies}.',
};
