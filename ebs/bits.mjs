// Verified Bits. A frame posts the `transactionReceipt` Twitch gave it, with its own extension JWT.
// A purchase counts only when every check passes:
//   1. the receipt is an HS256 JWT signed with the extension secret, not expired, topic
//      `bits_transaction_receipt`, for this extension's products (domainId `twitch.ext.<client id>`);
//   2. the buyer is the viewer who posts it, when the viewer shares an id;
//   3. the SKU is in the extension's catalogue at the same Bits cost;
//   4. Twitch's own record of the transaction (Helix "Get Extension Transactions") names the same
//      channel as the viewer's JWT, the same buyer, SKU and cost: a receipt carries no channel, so
//      this is what refuses a receipt bought on another channel;
//   5. the transaction id was never counted before (the store's atomic first-seen check).

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const USER_ID = /^[0-9]{1,32}$/;
const BATCH = 100;
const CATALOGUE_TTL_MS = 5 * 60_000;
const CATALOGUE_RETRY_MS = 30_000;

/**
 * @typedef {{ ok: true, receipt: VerifiedReceipt } | { ok: false, status: number, code: string }} ReceiptCheck
 * @typedef {{ transactionId: string, userId: string, sku: string, amount: number, at: number, expiresAt: number }} VerifiedReceipt
 */

/**
 * Checks 1–3 (everything that needs no network).
 * @param {Record<string, any>} claims the receipt's verified claims
 * @param {Record<string, any>} viewer the viewer JWT's verified claims
 * @param {{ clientId: string, cost: number | undefined }} context `cost`: the catalogue's cost for the receipt's SKU
 * @returns {ReceiptCheck}
 */
export function checkReceipt(claims, viewer, { clientId, cost }) {
  const refuse = (/** @type {string} */ code) => /** @type {const} */ ({ ok: false, status: 403, code });
  if (claims.topic !== 'bits_transaction_receipt') return refuse('receipt_invalid');
  const data = claims.data;
  if (!data || typeof data !== 'object') return refuse('receipt_invalid');
  const product = data.product;
  if (typeof data.transactionId !== 'string' || !ID.test(data.transactionId)) return refuse('receipt_invalid');
  if (typeof data.userId !== 'string' || !USER_ID.test(data.userId)) return refuse('receipt_invalid');
  const at = Date.parse(data.time);
  if (!Number.isFinite(at)) return refuse('receipt_invalid');
  if (!product || typeof product !== 'object' || product.domainId !== `twitch.ext.${clientId}`) return refuse('receipt_invalid');
  if (typeof product.sku !== 'string' || !ID.test(product.sku)) return refuse('receipt_invalid');
  const amount = Number(product.cost?.amount);
  if (product.cost?.type !== 'bits' || !Number.isInteger(amount) || amount <= 0) return refuse('receipt_invalid');
  if (viewer.user_id && viewer.user_id !== data.userId) return refuse('user_mismatch');
  if (cost !== amount) return refuse('product_mismatch');
  const exp = Number(claims.exp) * 1000;
  return { ok: true, receipt: { transactionId: data.transactionId, userId: data.userId, sku: product.sku, amount, at, expiresAt: exp } };
}

/**
 * Check 4 against Twitch's record of the transaction.
 * @param {any} transaction a Helix extension transaction
 * @param {VerifiedReceipt} receipt
 * @param {string} channelId from the viewer's JWT
 * @returns {string | undefined} a refusal code, or undefined when it matches
 */
export function matchTransaction(transaction, receipt, channelId) {
  if (String(transaction.broadcaster_id) !== channelId) return 'channel_mismatch';
  const product = transaction.product_data ?? {};
  if (String(transaction.user_id) !== receipt.userId || product.sku !== receipt.sku || Number(product.cost?.amount) !== receipt.amount) {
    return 'transaction_mismatch';
  }
  return undefined;
}

/**
 * Looks transactions up by id, up to 100 per Helix request: ids asked for within `delayMs` of each
 * other share a request, so a burst of purchases costs few Helix calls.
 */
export class TransactionLookup {
  /** @param {(ids: string[]) => Promise<any[]>} fetchBatch @param {number} [delayMs] */
  constructor(fetchBatch, delayMs = 20) {
    this.fetchBatch = fetchBatch;
    this.delayMs = delayMs;
    /** @type {Map<string, { resolve: (value: any) => void, reject: (error: unknown) => void }[]>} */
    this.pending = new Map();
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }

  /** @param {string} id @returns {Promise<any | undefined>} */
  get(id) {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(id) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(id, waiters);
      if (this.pending.size >= BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    });
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = new Map([...this.pending].slice(0, BATCH));
    for (const id of batch.keys()) this.pending.delete(id);
    if (this.pending.size > 0) this.timer = setTimeout(() => this.flush(), 0);
    this.fetchBatch([...batch.keys()]).then(
      (transactions) => {
        const byId = new Map(transactions.map((transaction) => [String(transaction.id), transaction]));
        for (const [id, waiters] of batch) for (const waiter of waiters) waiter.resolve(byId.get(id));
      },
      (error) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}

/**
 * The extension's Bits catalogue: SKU → cost. From configuration when given, else from Helix,
 * refreshed every few minutes and, for an unknown SKU, at most every 30 s.
 */
export class Catalogue {
  /**
   * @param {Map<string, number> | undefined} fixed
   * @param {() => Promise<any[]>} fetchProducts
   */
  constructor(fixed, fetchProducts) {
    this.fixed = fixed;
    this.fetchProducts = fetchProducts;
    /** @type {Map<string, number>} */
    this.products = new Map();
    this.loadedAt = 0;
    this.triedAt = 0;
    /** @type {Promise<void> | undefined} */
    this.loading = undefined;
  }

  /** @param {string} sku @returns {Promise<number | undefined>} */
  async cost(sku) {
    if (this.fixed) return this.fixed.get(sku);
    const now = Date.now();
    const stale = now - this.loadedAt > CATALOGUE_TTL_MS;
    const unknown = !this.products.has(sku) && now - this.triedAt > CATALOGUE_RETRY_MS;
    if (stale || unknown) {
      try {
        await this.load();
      } catch (error) {
        // A catalogue read before still serves while Helix is down.
        if (this.loadedAt === 0) throw error;
      }
    }
    return this.products.get(sku);
  }

  async load() {
    this.loading ??= (async () => {
      this.triedAt = Date.now();
      try {
        const products = new Map();
        for (const product of await this.fetchProducts()) {
          const amount = Number(product?.cost?.amount);
          if (typeof product?.sku === 'string' && Number.isInteger(amount) && amount > 0) products.set(product.sku, amount);
        }
        this.products = products;
        this.loadedAt = Date.now();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
