/**
 * Commit–reveal for the wheel. The room's authority keeps a secret random seed and publishes only
 * its SHA-256 (the commitment). A spin's winner is a public function of the seed, the payment's id
 * and the hash of the segments, so once the seed is revealed anyone can recompute it, and nobody
 * could steer it: the seed was fixed before the payment existed, and the payment id comes from the
 * host. Hashing uses WebCrypto (`crypto.subtle`), available on every page onair runs on (HTTPS,
 * localhost and the extension hosts' frames).
 */
import { WeightedPicker } from './weighted-picker.js';
import { HEX256, PAYMENT_ID, cleanItems } from './wheel-model.js';

/** What anyone needs, with the segments as they were, to re-check one spin. */
export interface SpinProof {
  /** SHA-256 of `seed`, published before the spin. */
  commitment: string;
  /** The secret, revealed by the spin. */
  seed: string;
  /** The host's id of the payment that bought the spin (`free-…` for a spin the streamer started). */
  paymentId: string;
  /** SHA-256 of the segments' labels and weights. */
  itemsHash: string;
  /** The winner's index in those segments. */
  index: number;
  /** Where inside the winner the pointer stopped (0 to 1), drawn from the same hash stream. */
  offset: number;
}

export type VerifiedProof = SpinProof & { verified: true };

export type Verdict = { ok: true } | { ok: false; reason: 'commitment' | 'payment' | 'items' | 'winner' | 'malformed' };

/** Where inside the winning segment the pointer may land: off the edges, so it never sits on a line. */
export const EDGE_MARGIN = 0.1;
const DOMAIN = 'onair-wheel-v1';
const WORDS_PER_BLOCK = 8;
const encoder = new TextEncoder();

/** Lower-case hex SHA-256 of a UTF-8 string. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(value));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh secret seed: 32 random bytes as hex. */
export function newSeed(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function commitmentOf(seed: string): Promise<string> {
  return sha256Hex(seed);
}

/**
 * How many hashes lead from `value` to `commitment` along a hash chain (1 when `value` is the seed
 * behind it), trying at most `maxSteps`; 0 when it does not get there.
 */
export async function stepsTo(value: string, commitment: string, maxSteps: number): Promise<number> {
  let current = value;
  for (let step = 1; step <= maxSteps; step += 1) {
    current = await sha256Hex(current);
    if (current === commitment) return step;
  }
  return 0;
}

/** The hash of segments as `[label, weight]` pairs, in order. */
export function hashSegments(segments: readonly { label: string; weight: number }[]): Promise<string> {
  return sha256Hex(JSON.stringify(segments.map((s) => [s.label, s.weight])));
}

/** A host's payment id as it can travel in a spin message: itself when it fits, else its hash. */
export async function paymentIdOf(hostId: string): Promise<string> {
  // `free-` ids belong to the streamer's own spins, whose id the commitment fixes.
  return PAYMENT_ID.test(hostId) && !isFreeSpin(hostId) ? hostId : `h-${(await sha256Hex(hostId)).slice(0, 40)}`;
}

/**
 * The payment id of a spin the streamer starts without a payment: fixed by the commitment, so the
 * streamer cannot try ids until one gives the winner they want.
 */
export function freePaymentId(commitment: string): string {
  return `free-${commitment.slice(0, 32)}`;
}

export function isFreeSpin(paymentId: string): boolean {
  return paymentId.startsWith('free-');
}

/** Thrown by the word source when it runs dry; `draw` then hashes more blocks and starts over. */
const EXHAUSTED = Symbol('exhausted');

/** 32-bit words of SHA-256(domain | seed | paymentId | itemsHash | block number), block after block. */
async function wordBlock(seed: string, paymentId: string, itemsHash: string, block: number): Promise<number[]> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${DOMAIN}|${seed}|${paymentId}|${itemsHash}|${block}`));
  const view = new DataView(digest);
  return Array.from({ length: WORDS_PER_BLOCK }, (_, i) => view.getUint32(i * 4));
}

/**
 * The winner and the landing offset for a spin: the weighted, unbiased `WeightedPicker` fed with
 * words from SHA-256 of the inputs. Rejection sampling may need more words than one block holds;
 * the stream is then extended and the draw repeated from its start, so the result depends only on
 * the inputs.
 */
export async function draw(
  seed: string,
  paymentId: string,
  itemsHash: string,
  weights: readonly number[],
): Promise<{ index: number; offset: number }> {
  const words: number[] = [];
  for (let block = 0; ; block += 1) {
    words.push(...(await wordBlock(seed, paymentId, itemsHash, block)));
    let next = 0;
    const picker = new WeightedPicker(() => {
      if (next >= words.length) throw EXHAUSTED;
      return words[next++];
    });
    try {
      const index = picker.pick(weights);
      return { index, offset: EDGE_MARGIN + (1 - 2 * EDGE_MARGIN) * picker.fraction() };
    } catch (error) {
      if (error !== EXHAUSTED) throw error;
    }
  }
}

/**
 * Re-checks a spin: the seed matches the commitment, the segments match the items hash, and the
 * winner and landing point are the ones the seed, payment id and segments give. `items` are the
 * segments as they were when the wheel spun (`{ label, weight? }`, as given to the wheel).
 *
 * A proof alone shows only that it is self-consistent: anyone can make one for a seed of their own.
 * It shows a fair spin when `commitment` is the one **you** saw published before the payment (and
 * the segments the ones announced with it): pass it as `{ commitment }`, and a proof for any other
 * commitment fails with `commitment`. Without it, the verdict says nothing about who chose the seed.
 */
export async function verifySpin(proof: SpinProof, items: readonly unknown[], seen: { commitment?: string } = {}): Promise<Verdict> {
  const { commitment, seed, paymentId, itemsHash, index, offset } = proof ?? ({} as SpinProof);
  if (seen.commitment !== undefined && seen.commitment !== commitment) return { ok: false, reason: 'commitment' };
  if (![commitment, seed, itemsHash].every((v) => typeof v === 'string' && HEX256.test(v))) return { ok: false, reason: 'malformed' };
  if (typeof paymentId !== 'string' || !PAYMENT_ID.test(paymentId) || !Number.isInteger(index) || typeof offset !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if ((await commitmentOf(seed)) !== commitment) return { ok: false, reason: 'commitment' };
  if (isFreeSpin(paymentId) && paymentId !== freePaymentId(commitment)) return { ok: false, reason: 'payment' };
  const { kept } = cleanItems(Array.isArray(items) ? items : []);
  if (kept.length === 0 || (await hashSegments(kept)) !== itemsHash) return { ok: false, reason: 'items' };
  const winner = await draw(seed, paymentId, itemsHash, kept.map((k) => k.weight));
  return winner.index === index && winner.offset === offset ? { ok: true } : { ok: false, reason: 'winner' };
}
