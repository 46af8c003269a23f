// onair's PubSub envelope (version 1), as the frames decode it: see "Envelope" in the README of the
// Twitch example pages. `from` names one sender stream per message type and window, so a snapshot
// of one kind that PubSub delivers late never makes the frames drop a newer one of another kind.

export const ENVELOPE_VERSION = 1;
/** Twitch Extension PubSub's message size limit; the client's own (platform/twitch/envelope.ts) is held equal by test/wire.test.ts. */
export const MAX_MESSAGE_BYTES = 5 * 1024;

/**
 * @param {{ type: string, seq: number, from: string, payload: unknown, sentAt?: number }} message
 * @returns {string}
 */
export function encodeEnvelope({ type, seq, from, payload, sentAt = Date.now() }) {
  return JSON.stringify({ onair: ENVELOPE_VERSION, type, seq, from, sentAt, payload });
}

/** @param {string} text */
export function byteLength(text) {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The `leaderboard` message with as many of the top entries as fit in one PubSub message.
 * @param {{ seq: number, from: string, window: string, entries: import('./store/types.mjs').Entry[] }} snapshot
 * @returns {{ json: string, count: number }}
 */
export function fitLeaderboard({ seq, from, window, entries }) {
  const sentAt = Date.now();
  /** @param {number} n */
  const encode = (n) => encodeEnvelope({ type: 'leaderboard', seq, from, sentAt, payload: { window, entries: entries.slice(0, n) } });
  let json = encode(entries.length);
  if (byteLength(json) <= MAX_MESSAGE_BYTES) return { json, count: entries.length };
  let low = 0;
  let high = entries.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (byteLength(encode(mid)) <= MAX_MESSAGE_BYTES) low = mid;
    else high = mid - 1;
  }
  json = encode(low);
  return { json, count: low };
}
