/**
 * The authority's durable record: its seed chain and every payment it accepted, bound to the
 * commitment and segments that were published when the payment came. Bounded (a queue of at most
 * `MAX_QUEUE` waiting spins, the last `MAX_SPENT` spun ids), idempotent (a payment id is accepted
 * once, across reloads), and written before anything is revealed: a seed goes out only once the
 * record says it is used, so a reload never publishes a commitment whose seed is already known.
 * DOM-free: storage comes in as a `LedgerStore` (localStorage on a page, memory in tests).
 *
 * The chain: from a secret generator `g`, `v[N] = g` and `v[k] = H(v[k+1])`. `v[position]` is the
 * published commitment; its seed `v[position + 1]` is revealed by the next spin and becomes the
 * next commitment, so every reveal is checkable against any earlier commitment.
 */
import { isRecord } from '../../platform/validate.js';
import { HEX256, PAYMENT_ID } from './wheel-model.js';

/** Spins per chain; then a new chain starts (new payments bind to its first commitment). */
export const CHAIN_LENGTH = 1024;
/** Payments remembered as spun; older ones are far outside any host's redelivery window. */
export const MAX_SPENT = 500;
/** Paid spins that may wait; more would run for longer than anyone watches. A payment beyond it is refused. */
export const MAX_QUEUE = 20;

export type Hash = (value: string) => Promise<string>;

/** Where the ledger lives. `write` and `remove` say whether they worked (storage can be full or blocked). */
export interface LedgerStore {
  read(): unknown;
  write(value: unknown): boolean;
  remove(): boolean;
}

/** A payment waiting for its spin, with what it was bound to when it came. */
export interface BoundSpin {
  /** The payment as the host named it here (the ledger's key: one spin per id). */
  id: string;
  /** The id the draw uses, which every wheel in the room derives the same way (see `room.ts`). */
  drawId: string;
  payer?: string;
  /** The commitment published when the payment came, and its seed (secret until the spin). */
  commitment: string;
  seed: string;
  /** The segments published with that commitment: their hash and `[label, weight]` pairs. */
  itemsHash: string;
  items: [string, number][];
}

export type AcceptResult = 'queued' | 'duplicate' | 'full';

/** A `LedgerStore` over `localStorage[key]` that reports failures instead of hiding them. */
export function localStore(key: string): LedgerStore {
  return {
    read() {
      try {
        const raw = localStorage.getItem(key);
        return raw ? JSON.parse(raw) : undefined;
      } catch {
        return undefined;
      }
    },
    write(value) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },
    remove() {
      try {
        localStorage.removeItem(key);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** A store that lives as long as the page (the demo, a page without a host, tests). */
export function memoryStore(): LedgerStore & { value: unknown } {
  const store = {
    value: undefined as unknown,
    read: () => (store.value === undefined ? undefined : JSON.parse(JSON.stringify(store.value))),
    write: (value: unknown) => ((store.value = JSON.parse(JSON.stringify(value))), true),
    remove: () => ((store.value = undefined), true),
  };
  return store;
}

export function newSeed(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function chainValues(generator: string, hash: Hash, length: number): Promise<string[]> {
  const values = new Array<string>(length + 1);
  values[length] = generator;
  for (let k = length - 1; k >= 0; k -= 1) values[k] = await hash(values[k + 1]);
  return values;
}

export class PaymentLedger {
  /** False once a write failed: the record lives in memory only until a write works again. */
  saved = true;

  private constructor(
    private readonly store: LedgerStore,
    private readonly hash: Hash,
    private readonly fresh: () => string,
    private readonly length: number,
    private generator: string,
    private values: string[],
    private position: number,
    private readonly spent: string[],
    private readonly waiting: BoundSpin[],
  ) {}

  /**
   * The ledger in `store`, or a new chain when there is none (or it is unreadable or used up).
   * `length` is the chain's (shorter in the simulator, which also runs chains out).
   */
  static async open(store: LedgerStore, hash: Hash, fresh: () => string = newSeed, length = CHAIN_LENGTH): Promise<PaymentLedger> {
    const stored = parse(store.read());
    const usable = stored && stored.position < length;
    const generator = usable ? stored.generator : fresh();
    const ledger = new PaymentLedger(store, hash, fresh, length, generator, await chainValues(generator, hash, length), usable ? stored.position : 0, stored?.spent ?? [], stored?.pending ?? []);
    ledger.save();
    return ledger;
  }

  /** The published commitment: new payments bind to it. */
  get commitment(): string {
    return this.values[this.position];
  }

  get pending(): readonly BoundSpin[] {
    return this.waiting;
  }

  has(id: string): boolean {
    return this.spent.includes(id) || this.waiting.some((w) => w.id === id);
  }

  /** How many waiting payments are bound to `commitment` with a draw id starting `prefix`. */
  countBound(commitment: string, prefix: string): number {
    return this.waiting.filter((w) => w.commitment === commitment && w.drawId.startsWith(prefix)).length;
  }

  /** Binds a payment to the commitment and segments published now, and records it. */
  accept(payment: { id: string; drawId: string; payer?: string }, itemsHash: string, items: [string, number][]): AcceptResult {
    if (this.has(payment.id)) return 'duplicate';
    if (this.waiting.length >= MAX_QUEUE) return 'full';
    const { id, drawId, payer } = payment;
    this.waiting.push({ id, drawId, ...(payer ? { payer } : {}), commitment: this.commitment, seed: this.values[this.position + 1], itemsHash, items });
    this.save();
    return 'queued';
  }

  /**
   * Records `spin` as spun and its seed as revealed, before anyone sees the seed. False when that
   * cannot be made durable (storage full or throwing, and the old record cannot be removed either):
   * the seed must then stay secret, because a reload would publish its commitment again.
   */
  async spend(spin: BoundSpin): Promise<boolean> {
    const before = { generator: this.generator, values: this.values, position: this.position, spent: [...this.spent], waiting: [...this.waiting] };
    const at = this.values.indexOf(spin.commitment);
    if (at >= this.position) this.position = at + 1;
    this.spent.push(spin.id);
    this.spent.splice(0, Math.max(0, this.spent.length - MAX_SPENT));
    this.waiting.splice(this.waiting.indexOf(spin), 1);
    if (this.position >= this.length) {
      this.generator = this.fresh();
      this.values = await chainValues(this.generator, this.hash, this.length);
      this.position = 0;
    }
    if (this.save() || this.store.remove()) return true;
    Object.assign(this, { generator: before.generator, values: before.values, position: before.position });
    this.spent.splice(0, this.spent.length, ...before.spent);
    this.waiting.splice(0, this.waiting.length, ...before.waiting);
    return false;
  }

  private save(): boolean {
    this.saved = this.store.write({ generator: this.generator, position: this.position, spent: this.spent, pending: this.waiting });
    return this.saved;
  }
}

interface Stored {
  generator: string;
  position: number;
  spent: string[];
  pending: BoundSpin[];
}

/** What another version, another page or a person left in storage, checked field by field. */
function parse(raw: unknown): Stored | undefined {
  if (!isRecord(raw) || typeof raw.generator !== 'string' || !HEX256.test(raw.generator)) return undefined;
  const position = raw.position;
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) return undefined;
  const idOf = (value: unknown) => (typeof value === 'string' && PAYMENT_ID.test(value) ? value : undefined);
  const hex = (value: unknown) => (typeof value === 'string' && HEX256.test(value) ? value : undefined);
  const spent = (Array.isArray(raw.spent) ? raw.spent : []).map(idOf).filter((v): v is string => v !== undefined).slice(-MAX_SPENT);
  const pending: BoundSpin[] = [];
  for (const entry of (Array.isArray(raw.pending) ? raw.pending : []).slice(0, MAX_QUEUE)) {
    if (!isRecord(entry)) continue;
    const [id, drawId, commitment, seed, itemsHash] = [idOf(entry.id), idOf(entry.drawId), hex(entry.commitment), hex(entry.seed), hex(entry.itemsHash)];
    const items = Array.isArray(entry.items) ? entry.items.filter((i): i is [string, number] => Array.isArray(i) && typeof i[0] === 'string' && typeof i[1] === 'number') : [];
    if (!id || !drawId || !commitment || !seed || !itemsHash || items.length === 0) continue;
    const payer = idOf(entry.payer);
    pending.push({ id, drawId, ...(payer ? { payer } : {}), commitment, seed, itemsHash, items });
  }
  return { generator: raw.generator, position, spent, pending };
}
