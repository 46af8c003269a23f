/**
 * The room's authority (see `room.ts` for the rules): loaded only on the page that decides, with
 * its ledger, so viewers' pages never download either.
 */
import { PaymentLedger, localStore, memoryStore, type BoundSpin } from './ledger.js';
import { drawIdOf, freeDrawId, outranks, type Announcement, type Crypto, type Payment, type PaymentIds, type PayResult } from './room.js';

export { PaymentLedger, localStore, memoryStore };

/** The room's authority: binds payments as they come, spins them in order, steps down for an older authority. */
export class WheelAuthority {
  /** Set while another authority outranks this one and is heard: this one spins nothing and says why. */
  yieldedTo?: Announcement;
  private yieldedHeardAt = -Infinity;
  /**
   * When (this page's clock) its election window ends: it binds payments from the start but spins
   * none before, so another authority page opened at the same moment is heard first and only one
   * of them ever spins a payment. Unset until its first announcement went out.
   */
  private electedAt?: number;
  private itemsHash = '';
  private items: [string, number][] = [];

  constructor(
    readonly ledger: PaymentLedger,
    readonly identity: Pick<Announcement, 'authority' | 'since'>,
    private readonly crypto: Crypto,
    private readonly mode: PaymentIds,
  ) {}

  /** The segments new payments bind to. */
  async setItems(items: [string, number][]): Promise<void> {
    this.items = items;
    this.itemsHash = items.length > 0 ? await this.crypto.hashItems(items) : '';
  }

  get leads(): boolean {
    return this.yieldedTo === undefined;
  }

  /** Takes the lead back once the authority it yielded to has been silent for `silenceMs`. */
  wake(now: number, silenceMs: number): void {
    if (this.yieldedTo && now - this.yieldedHeardAt > silenceMs) this.yieldedTo = undefined;
  }

  announcement(): Announcement | undefined {
    if (!this.itemsHash) return undefined;
    return { commitment: this.ledger.commitment, itemsHash: this.itemsHash, ...this.identity };
  }

  /** Its first announcement went out at `now`: it spins once `windowMs` passed without an older authority heard. */
  announced(now: number, windowMs: number): void {
    this.electedAt ??= now + windowMs;
  }

  /** True once its election window passed: alone, or heard no older authority within it. */
  elected(now: number): boolean {
    return this.leads && this.electedAt !== undefined && now >= this.electedAt;
  }

  /** Another authority's announcement (room or anchor): the younger one steps down. */
  hear(other: Announcement, now: number): void {
    if (other.authority === this.identity.authority || !outranks(other, this.identity)) return;
    this.yieldedTo = other;
    this.yieldedHeardAt = now;
  }

  /** A payment the host reported: bound now, or refused (`full`), or already had (`duplicate`). */
  async pay(payment: Payment): Promise<PayResult> {
    if (!this.leads) return { result: 'not-leading' };
    if (!this.itemsHash) return { result: 'no-items' };
    if (this.ledger.has(payment.id)) return { result: 'duplicate' };
    const commitment = this.ledger.commitment;
    const drawId = await drawIdOf(payment, commitment, this.mode, this.crypto.hash, (prefix) => this.ledger.countBound(commitment, prefix));
    // The ledger may have moved on while hashing: bind to what it holds now.
    if (this.ledger.commitment !== commitment) return this.pay(payment);
    return this.bind(payment, drawId);
  }

  /** The streamer's own spin: bound like a payment, with the id the commitment fixes. */
  free(): PayResult {
    if (!this.leads) return { result: 'not-leading' };
    if (!this.itemsHash) return { result: 'no-items' };
    const id = freeDrawId(this.ledger.commitment);
    return this.bind({ id, content: id }, id);
  }

  private bind(payment: Payment, drawId: string): PayResult {
    const result = this.ledger.accept({ id: payment.id, drawId, ...(payment.payer ? { payer: payment.payer } : {}) }, this.itemsHash, this.items);
    return { result, drawId };
  }

  /**
   * The next spin, in the order payments came; no payment before its election window passed (the
   * streamer's own spin, bought by nobody, plays at once: she clicked on this page).
   */
  next(now: number): BoundSpin | undefined {
    const spin = this.leads ? this.ledger.pending[0] : undefined;
    return spin && (this.elected(now) || spin.drawId === freeDrawId(spin.commitment)) ? spin : undefined;
  }

  /**
   * Draws `spin` on its bound segments and records it as spun; the seed may be revealed only when
   * this answers (`undefined`: it could not be recorded, so nothing may be revealed).
   */
  async reveal(spin: BoundSpin): Promise<{ index: number; offset: number } | undefined> {
    const winner = await this.crypto.draw(spin.seed, spin.drawId, spin.itemsHash, spin.items.map(([, w]) => w));
    return (await this.ledger.spend(spin)) ? winner : undefined;
  }
}

