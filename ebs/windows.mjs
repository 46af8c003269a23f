// Leaderboard windows, shared by every store so they all count alike. Rolling windows sum time
// buckets, as the widgets' own aggregator does: a purchase counts in its bucket, and a bucket counts
// while any part of it is inside the window (so a board may hold up to one bucket more than its span).
// The client keeps the same table (components/leaderboard/aggregator.ts); test/wire.test.ts holds
// the two equal, in value and in what they count.

/** @typedef {'session' | '1d' | '7d' | '30d' | 'all'} LeaderboardWindow */

/** @type {readonly LeaderboardWindow[]} */
export const LEADERBOARD_WINDOWS = ['session', '1d', '7d', '30d', 'all'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** @type {Record<'1d' | '7d' | '30d', { span: number, bucket: number }>} */
export const ROLLING = {
  '1d': { span: DAY, bucket: HOUR },
  '7d': { span: 7 * DAY, bucket: 6 * HOUR },
  '30d': { span: 30 * DAY, bucket: DAY },
};

/** @type {('1d' | '7d' | '30d')[]} */
export const ROLLING_WINDOWS = ['1d', '7d', '30d'];

/** The most entries a board holds (the frames read up to 100). */
export const MAX_ENTRIES = 100;

/**
 * The bucket a purchase at `at` falls in, and until when that bucket is still needed.
 * @param {'1d' | '7d' | '30d'} window @param {number} at
 */
export function bucketOf(window, at) {
  const { span, bucket } = ROLLING[window];
  const start = Math.floor(at / bucket) * bucket;
  return { key: `${window}:${start}`, start, expiresAt: start + bucket + span };
}

/**
 * Keys of the buckets that make up a rolling window at `now`.
 * @param {'1d' | '7d' | '30d'} window @param {number} now
 */
export function bucketsIn(window, now) {
  const { span, bucket } = ROLLING[window];
  const keys = [];
  const last = Math.floor(now / bucket) * bucket;
  for (let start = last; start + bucket > now - span; start -= bucket) keys.push(`${window}:${start}`);
  return keys;
}

/** @param {unknown} value @returns {value is LeaderboardWindow} */
export function isWindow(value) {
  return typeof value === 'string' && LEADERBOARD_WINDOWS.includes(/** @type {LeaderboardWindow} */ (value));
}

/**
 * Highest total first; ties go to whoever bought first, then by id so the order is stable.
 * @param {{ userId: string, total: number, firstAt: string }} a
 * @param {{ userId: string, total: number, firstAt: string }} b
 */
export function compareEntries(a, b) {
  return b.total - a.total || a.firstAt.localeCompare(b.firstAt) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}
