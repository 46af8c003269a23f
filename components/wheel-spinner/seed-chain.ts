/**
 * The authority's side of commit–reveal, as a hash chain: from a secret generator `g` it derives
 * `v[N] = g`, `v[k] = SHA-256(v[k+1])`, publishes `v[0]` and reveals `v[1]`, `v[2]`, … one per
 * spin. Each revealed seed hashes to the commitment before it, so a wheel can check any reveal
 * against the commitment it holds (also across spins it missed), and nobody but the authority can
 * produce the next one. Also keeps the payments already spun (one spin per payment) and the paid
 * spins still waiting their turn. Stored in `localStorage` when a key is given, so a reload
 * continues the same chain and never spins a payment twice or forgets one.
 */
import { remember } from '../../platform/bounded.js';
import { isRecord } from '../../platform/validate.js';
import { HEX256, PAYMENT_ID } from './wheel-model.js';
import { newSeed, sha256Hex } from './fairness.js';
import { readStored, writeStored } from '../shared/stored.js';

/** A paid spin waiting for the wheel. */
export interface QueuedSpin {
  paymentId: string;
  payer?: string;
}

/** Spins per chain; then a new chain starts (its first commitment travels with the last spin). */
export const CHAIN_LENGTH = 1024;
/** Payments remembered as spun; older ones are far outside any host's redelivery window. */
export const MAX_SPENT = 500;
/** Paid spins that may wait; more would run for longer than anyone watches. */
export const MAX_QUEUE = 20;

/** `v[0..N]` for a generator: `v[N] = g`, each value the SHA-256 of the next. */
async function chainValues(generator: string): Promise<string[]> {
  const values = new Array<string>(CHAIN_LENGTH + 1);
  values[CHAIN_LENGTH] = generator;
  for (let k = CHAIN_LENGTH - 1; k >= 0; k -= 1) values[k] = await sha256Hex(values[k + 1]);
  return values;
}

export class SeedChain {
  private constructor(
    private readonly key: string | undefined,
    private generator: string,
    private values: string[],
    private position: number,
    private readonly spentIds: Set<string>,
    private readonly waiting: QueuedSpin[],
  ) {}

  /** The chain stored under `key`, or a new one (also when the stored one is unreadable or used up). */
  static async open(key?: string): Promise<SeedChain> {
    const stored = key ? read(key) : undefined;
    const fresh = !stored || stored.position >= CHAIN_LENGTH;
    const generator = fresh ? newSeed() : stored.generator;
    const chain = new SeedChain(key, generator, await chainValues(generator), fresh ? 0 : stored.position, new Set(stored?.spent ?? []), stored?.queue ?? []);
    chain.save();
    return chain;
  }

  /** The published commitment: the next spin's seed hashes to it. */
  get commitment(): string {
    return this.values[this.position];
  }

  /** The secret behind `commitment`, revealed by the next spin. */
  get seed(): string {
    return this.values[this.position + 1];
  }

  get queue(): readonly QueuedSpin[] {
    return this.waiting;
  }

  spent(paymentId: string): boolean {
    return this.spentIds.has(paymentId) || this.waiting.some((q) => q.paymentId === paymentId);
  }

  /** Queues a paid spin; false when the queue is full. */
  enqueue(spin: QueuedSpin): boolean {
    if (this.waiting.length >= MAX_QUEUE) return false;
    this.waiting.push(spin);
    this.save();
    return true;
  }

  /**
   * Records `paymentId` as spun with the current seed and moves to the next one. True when that
   * was the chain's last seed and a new chain started (its commitment must travel with the spin).
   */
  async advance(paymentId: string): Promise<boolean> {
    this.position += 1;
    const restarted = this.position >= CHAIN_LENGTH;
    if (restarted) {
      this.generator = newSeed();
      this.values = await chainValues(this.generator);
      this.position = 0;
    }
    remember(this.spentIds, paymentId, undefined, MAX_SPENT);
    const queued = this.waiting.findIndex((q) => q.paymentId === paymentId);
    if (queued !== -1) this.waiting.splice(queued, 1);
    this.save();
    return restarted;
  }

  private save(): void {
    if (!this.key) return;
    writeStored(this.key, { generator: this.generator, position: this.position, spent: [...this.spentIds], queue: this.waiting });
  }
}

function read(key: string): { generator: string; position: number; spent: string[]; queue: QueuedSpin[] } | undefined {
  const raw = readStored(key);
  if (!isRecord(raw) || typeof raw.generator !== 'string' || !HEX256.test(raw.generator)) return undefined;
  const position = raw.position;
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) return undefined;
  const ids = (value: unknown) => (typeof value === 'string' && PAYMENT_ID.test(value) ? value : undefined);
  const spent = (Array.isArray(raw.spent) ? raw.spent : []).map(ids).filter((v): v is string => v !== undefined).slice(-MAX_SPENT);
  const queue: QueuedSpin[] = [];
  for (const entry of (Array.isArray(raw.queue) ? raw.queue : []).slice(0, MAX_QUEUE)) {
    const paymentId = isRecord(entry) ? ids(entry.paymentId) : undefined;
    const payer = isRecord(entry) ? ids(entry.payer) : undefined;
    if (paymentId) queue.push(payer ? { paymentId, payer } : { paymentId });
  }
  return { generator: raw.generator, position, spent, queue };
}
