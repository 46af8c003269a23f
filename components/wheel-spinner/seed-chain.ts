/**
 * The authority's side of commit–reveal: the secret seed behind the published commitment, the
 * payments already spun (one spin per payment) and the paid spins still waiting their turn. Kept
 * in `localStorage` when a key is given, so a reload continues the same chain (followers keep
 * verifying) and never spins a payment twice or forgets one.
 */
import { remember } from '../../platform/bounded.js';
import { isRecord } from '../../platform/validate.js';
import { HEX256, PAYMENT_ID } from './wheel-model.js';
import { commitmentOf, newSeed } from './fairness.js';

/** A paid spin waiting for the wheel. */
export interface QueuedSpin {
  paymentId: string;
  payer?: string;
}

/** Payments remembered as spun; older ones are far outside any host's redelivery window. */
export const MAX_SPENT = 500;
/** Paid spins that may wait; more would run for longer than anyone watches. */
export const MAX_QUEUE = 20;

export class SeedChain {
  private constructor(
    private readonly key: string | undefined,
    private secret: string,
    private published: string,
    private readonly spentIds: Set<string>,
    private readonly waiting: QueuedSpin[],
  ) {}

  /** The chain stored under `key`, or a new one (also when the stored one is unreadable). */
  static async open(key?: string): Promise<SeedChain> {
    const stored = key ? read(key) : undefined;
    const seed = stored?.seed ?? newSeed();
    const chain = new SeedChain(key, seed, await commitmentOf(seed), new Set(stored?.spent ?? []), stored?.queue ?? []);
    chain.save();
    return chain;
  }

  get seed(): string {
    return this.secret;
  }

  get commitment(): string {
    return this.published;
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

  /** Records `paymentId` as spun with the current seed, then commits to a fresh seed. */
  async advance(paymentId: string): Promise<void> {
    const seed = newSeed();
    const commitment = await commitmentOf(seed);
    this.secret = seed;
    this.published = commitment;
    remember(this.spentIds, paymentId, undefined, MAX_SPENT);
    const queued = this.waiting.findIndex((q) => q.paymentId === paymentId);
    if (queued !== -1) this.waiting.splice(queued, 1);
    this.save();
  }

  private save(): void {
    if (!this.key) return;
    try {
      localStorage.setItem(this.key, JSON.stringify({ seed: this.secret, spent: [...this.spentIds], queue: this.waiting }));
    } catch {
      // No storage (a sandboxed frame, a full quota): the chain lives as long as the page.
    }
  }
}

function read(key: string): { seed: string; spent: string[]; queue: QueuedSpin[] } | undefined {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (!isRecord(raw) || typeof raw.seed !== 'string' || !HEX256.test(raw.seed)) return undefined;
    const ids = (value: unknown) => (typeof value === 'string' && PAYMENT_ID.test(value) ? value : undefined);
    const spent = (Array.isArray(raw.spent) ? raw.spent : []).map(ids).filter((v): v is string => v !== undefined).slice(-MAX_SPENT);
    const queue: QueuedSpin[] = [];
    for (const entry of (Array.isArray(raw.queue) ? raw.queue : []).slice(0, MAX_QUEUE)) {
      const paymentId = isRecord(entry) ? ids(entry.paymentId) : undefined;
      const payer = isRecord(entry) ? ids(entry.payer) : undefined;
      if (paymentId) queue.push(payer ? { paymentId, payer } : { paymentId });
    }
    return { seed: raw.seed, spent, queue };
  } catch {
    return undefined;
  }
}
