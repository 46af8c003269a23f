/**
 * The wheel's room protocol, without a DOM: the authority that decides spins and the followers
 * that check them. The element feeds it what the platform delivers and plays what it answers;
 * the room simulator (`room.sim.test.ts`) drives the same classes with thousands of seeded faults.
 *
 * The rules that make a spin's outcome nobody's choice:
 * - A payment is **bound when it comes** to the commitment and segments published then (the
 *   authority records the binding before anything else; a follower records the commitment it held
 *   when it learned of the payment from the host). The spin must reveal exactly the seed of that
 *   commitment and use exactly those segments: a new chain, a reload or reordered segments after
 *   the payment cannot move its winner, and a follower shows anything else as unverified.
 * - The draw id is one every wheel derives alike: the host's payment id where the host gives one
 *   that every page sees (`host`), else (`content`) a digest of what the host shows of the payment
 *   plus its rank among equal payments bound to the same commitment.
 * - Where viewers can write to the room (`anchor` mode), commitments and liveness come only from a
 *   channel only the authority writes; a room message that fails a check is ignored, never played.
 * - Two authorities hear each other's commitments: the older (`since`, then id) leads, the other
 *   stops spinning. Neither spins a payment before its election window (from its first
 *   announcement) passed, so two opened at the same moment have heard each other by then.
 *   Followers follow the same one.
 */
import { remember } from '../../platform/bounded.js';
import { freePaymentId } from './fairness.js';
import type { Hash } from './ledger.js';

/** What a room message or the anchor says about the authority: its commitment, segments and identity. */
export interface Announcement {
  commitment: string;
  itemsHash: string;
  /** A random id per authority page load. */
  authority: string;
  /** When that page started leading, on its own clock: only ever compared with another authority's. */
  since: number;
}

/** The draw: winner and landing offset from seed, draw id and segments (`fairness.draw` on a page). */
export type Draw = (seed: string, drawId: string, itemsHash: string, weights: readonly number[]) => Promise<{ index: number; offset: number }>;

export interface Crypto {
  hash: Hash;
  draw: Draw;
  /** SHA-256 of segments as `[label, weight]` pairs (`fairness.hashSegments`). */
  hashItems(items: readonly [string, number][]): Promise<string>;
}

/** How payment ids travel between pages of this host (see the module comment). */
export type PaymentIds = 'host' | 'content';

/** A payment as the host reported it on this page. */
export interface Payment {
  /** The host's id here (`paymentIdOf` form). */
  id: string;
  payer?: string;
  /** Stable text of what the host shows of the payment (payer, amount, currency, message), for `content` ids. */
  content: string;
}

/** Why a spin played without the verified mark (or, where viewers can write, was ignored). */
export type Unverified =
  | 'payment-unseen'
  | 'no-commitment'
  | 'seed-not-bound'
  | 'segments-changed'
  | 'segments-unknown'
  | 'winner'
  | 'no-anchor';

/** The part of a `wheel.spin` message the protocol checks. */
export interface SpinClaim {
  paymentId: string;
  seed: string;
  itemsHash: string;
  index: number;
}

export type Followed =
  | { kind: 'ignored'; reason: 'duplicate' | 'other-authority' | Unverified }
  | { kind: 'play'; verified: true; index: number; offset: number; items: [string, number][]; commitment: string }
  | { kind: 'play'; verified: false; reason: Unverified; index: number; offset: number; items?: [string, number][] };

/** The id of a spin the streamer starts without a payment: fixed by the commitment, so not hers to pick. */
export const freeDrawId = freePaymentId;

/** True when `a` leads over `b`: it led first, or (same moment) has the smaller id. */
export function outranks(a: Pick<Announcement, 'since' | 'authority'>, b: Pick<Announcement, 'since' | 'authority'>): boolean {
  return a.since < b.since || (a.since === b.since && a.authority < b.authority);
}

export interface PayResult {
  result: 'queued' | 'duplicate' | 'full' | 'no-items' | 'not-leading';
  drawId?: string;
}

/**
 * The draw id of `payment` bound to `commitment`: the host's id, or (`content`) a digest of the
 * payment and the commitment plus its rank among equal payments bound to it, where
 * `rank(prefix)` counts those already bound.
 */
export async function drawIdOf(payment: Payment, commitment: string, mode: PaymentIds, hash: Hash, rank: (prefix: string) => number): Promise<string> {
  if (mode === 'host') return payment.id;
  const prefix = `m-${(await hash(`${commitment}|${payment.content}`)).slice(0, 32)}-`;
  return `${prefix}${rank(prefix) + 1}`;
}

/** Follower modes: who may announce commitments, and what happens to a spin that fails a check. */
export type Trust =
  /** Only the authority can write to the room: announcements from it count; a failing spin plays unverified. */
  | 'room'
  /** Viewers can write to the room; announcements come from a channel only the authority writes. Failing spins are ignored. */
  | 'anchor'
  /** Viewers can write and there is no such channel: every spin plays unverified ("no-anchor"). */
  | 'none';

const MAX_LEARNED = 500;
const MAX_KNOWN_SEGMENTS = 16;
/** Spins a follower may have missed and still follow the chain forward. */
const MAX_MISSED = 32;

interface Binding {
  commitment: string;
  itemsHash: string;
}

/** A wheel that follows the room's authority and checks every spin against what it saw before the payment. */
export class WheelFollower {
  /** The announcement held now: new payments bind to it. */
  held?: Announcement;
  /** When (this page's monotonic ms) the authority was last proven present. */
  heardAt = -Infinity;
  private readonly learned = new Map<string, Binding | null>();
  private readonly played = new Set<string>();
  private readonly revealed = new Set<string>();
  private readonly segments = new Map<string, [string, number][]>();

  constructor(
    private readonly crypto: Crypto,
    private readonly trust: Trust,
    private readonly mode: PaymentIds,
    private readonly silenceMs: number,
  ) {}

  /** True while the authority was heard within the silence window. */
  online(now: number): boolean {
    return now - this.heardAt <= this.silenceMs;
  }

  /** Segments this wheel can check against, by hash (its own, as they change). */
  async knowSegments(items: [string, number][]): Promise<string> {
    const itemsHash = await this.crypto.hashItems(items);
    remember(this.segments, itemsHash, items, MAX_KNOWN_SEGMENTS);
    return itemsHash;
  }

  /** An announcement: `via` the room, or the authority-only anchor. Answers whether it was taken. */
  announce(announcement: Announcement, via: 'room' | 'anchor', now: number): boolean {
    if (this.trust === 'anchor' && via === 'room') return false;
    const held = this.held;
    if (held && held.authority !== announcement.authority && this.online(now) && outranks(held, announcement)) return false;
    this.heardAt = now;
    // A heartbeat overtaken by a spin: its commitment's seed is already out.
    if (this.revealed.has(announcement.commitment) && held?.authority === announcement.authority) return true;
    this.held = announcement;
    return true;
  }

  /** A payment this page learned of from the host's own data: bound to what is held now. Answers its draw id. */
  async learn(payment: Payment): Promise<string> {
    const binding = this.held ? { commitment: this.held.commitment, itemsHash: this.held.itemsHash } : null;
    const drawId = await drawIdOf(payment, binding?.commitment ?? '', this.mode, this.crypto.hash, (prefix) => this.countBound(prefix));
    if (!this.learned.has(drawId) && !this.played.has(drawId)) remember(this.learned, drawId, binding, MAX_LEARNED);
    return drawId;
  }

  /** Checks a spin against the binding of its payment, and says whether and how to play it. */
  async spin(claim: SpinClaim, now: number): Promise<Followed> {
    if (this.played.has(claim.paymentId)) return { kind: 'ignored', reason: 'duplicate' };
    const revealed = await this.crypto.hash(claim.seed);
    const isFree = claim.paymentId.startsWith('free-');
    const binding = isFree ? this.freeBinding(claim.paymentId, revealed) : this.learned.get(claim.paymentId);
    await this.follow(claim.seed);
    const items = this.segments.get(claim.itemsHash);
    const reason = this.problem(binding, revealed, claim.itemsHash, items);
    const winner = items ? await this.crypto.draw(claim.seed, claim.paymentId, claim.itemsHash, items.map(([, w]) => w)) : undefined;
    const wrongWinner = winner !== undefined && winner.index !== claim.index;
    const why = reason ?? (wrongWinner ? 'winner' : undefined);
    if (why === undefined && winner && binding) {
      this.settle(claim.paymentId, now);
      return { kind: 'play', verified: true, index: winner.index, offset: winner.offset, items: items!, commitment: binding.commitment };
    }
    if (this.trust === 'anchor') return { kind: 'ignored', reason: why ?? 'winner' };
    this.settle(claim.paymentId, this.trust === 'room' ? now : this.heardAt);
    const shown = this.trust === 'none' ? 'no-anchor' : why ?? 'winner';
    return { kind: 'play', verified: false, reason: shown, index: claim.index, offset: winner && !wrongWinner ? winner.offset : 0.5, ...(items ? { items } : {}) };
  }

  private problem(binding: Binding | null | undefined, revealed: string, itemsHash: string, items: unknown): Unverified | undefined {
    if (binding === undefined) return 'payment-unseen';
    if (binding === null) return 'no-commitment';
    if (revealed !== binding.commitment) return 'seed-not-bound';
    if (itemsHash !== binding.itemsHash) return 'segments-changed';
    return items ? undefined : 'segments-unknown';
  }

  /** A free spin is bound to the commitment its id names, which this wheel must have held. */
  private freeBinding(paymentId: string, revealed: string): Binding | undefined {
    const held = this.held;
    if (held && paymentId === freeDrawId(held.commitment)) return { commitment: held.commitment, itemsHash: held.itemsHash };
    if (this.revealed.has(revealed) && paymentId === freeDrawId(revealed)) return this.lastBinding.get(revealed);
    return undefined;
  }

  private readonly lastBinding = new Map<string, Binding>();

  /** A revealed seed moves the held commitment forward (only the authority knows the preimage). */
  private async follow(seed: string): Promise<void> {
    const held = this.held;
    if (!held || held.commitment === seed) return;
    let value = seed;
    for (let step = 0; step < MAX_MISSED; step += 1) {
      value = await this.crypto.hash(value);
      if (value === held.commitment) {
        remember(this.lastBinding, held.commitment, { commitment: held.commitment, itemsHash: held.itemsHash }, MAX_LEARNED);
        remember(this.revealed, held.commitment, undefined, MAX_LEARNED);
        this.held = { ...held, commitment: seed };
        return;
      }
    }
  }

  private settle(paymentId: string, heardAt: number): void {
    this.learned.delete(paymentId);
    remember(this.played, paymentId, undefined, MAX_LEARNED);
    this.heardAt = Math.max(this.heardAt, heardAt);
  }

  private countBound(prefix: string): number {
    let count = 0;
    for (const id of this.learned.keys()) if (id.startsWith(prefix)) count += 1;
    for (const id of this.played) if (id.startsWith(prefix)) count += 1;
    return count;
  }
}

