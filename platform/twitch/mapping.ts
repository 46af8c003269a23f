/** Twitch helper values → the neutral model: Bits products, purchases as tips, and the iframe's query parameters. */
import type { Tip, TipMenuItem } from '../model.js';
import { amount, id, isRecord, locale, oneOf, text } from '../validate.js';

/** The client query parameters Twitch puts on the extension iframe's URL, validated. */
export interface TwitchClient {
  anchor?: 'component' | 'panel' | 'video_overlay';
  language?: string;
  locale?: string;
  mode?: 'config' | 'dashboard' | 'viewer';
  platform?: 'mobile' | 'web';
  popout?: boolean;
  state?: string;
}

const ANCHORS = ['component', 'panel', 'video_overlay'] as const;
const MAX_PRODUCTS = 100;
export const MODES = ['config', 'dashboard', 'viewer'] as const;
const CLIENT_PLATFORMS = ['mobile', 'web'] as const;
const STATES = ['testing', 'hosted_test', 'approved', 'released', 'ready_for_review', 'in_review', 'pending_action', 'uploading'] as const;

export function readClient(search: string): TwitchClient {
  const params = new URLSearchParams(search);
  const pick = <T extends string>(list: readonly T[], key: string) => oneOf(list, params.get(key));
  const popout = params.get('popout');
  return {
    anchor: pick(ANCHORS, 'anchor'),
    language: locale(params.get('language')),
    locale: locale(params.get('locale')),
    mode: pick(MODES, 'mode'),
    platform: pick(CLIENT_PLATFORMS, 'platform'),
    popout: popout === 'true' ? true : popout === 'false' ? false : undefined,
    state: pick(STATES, 'state'),
  };
}

/** A Bits product as a tip menu item, or `undefined` when malformed. */
export function productItem(value: unknown): TipMenuItem | undefined {
  if (!isRecord(value) || !isRecord(value.cost)) return undefined;
  const sku = id(value.sku);
  const label = text(value.displayName);
  const price = amount(value.cost.amount);
  if (sku === undefined || label === undefined || price === undefined || value.cost.type !== 'bits') return undefined;
  if (!Number.isInteger(price)) return undefined;
  return { id: sku, label, price, currency: 'bits' };
}

/**
 * `bits.getProducts()`'s answer as tip menu items keyed by SKU (at most 100), with what was
 * skipped and why; `undefined` when it is not a list.
 */
export function readProducts(products: unknown): { items: Map<string, TipMenuItem>; skipped: Array<{ reason: string; product: unknown }> } | undefined {
  if (!Array.isArray(products)) return undefined;
  const items = new Map<string, TipMenuItem>();
  const skipped: Array<{ reason: string; product: unknown }> = [];
  for (const product of products.slice(0, MAX_PRODUCTS)) {
    const item = productItem(product);
    if (!item) skipped.push({ reason: 'Skipped a malformed Bits product.', product });
    else if (items.has(item.id)) skipped.push({ reason: `Skipped a second Bits product with sku ${item.id}.`, product });
    else items.set(item.id, item);
  }
  return { items, skipped };
}

/** A completed Bits transaction, validated; `undefined` when malformed. */
export interface Transaction {
  transactionId: string;
  sku?: string;
  product?: TipMenuItem;
  userId?: string;
  displayName?: string;
  /** Whether this page's viewer made it. */
  mine: boolean;
}

/**
 * What Twitch's helper hands `bits.onTransactionComplete`: `{ product, transactionId, userId,
 * displayName, initiator, transactionReceipt }`, `product` being the Bits product object. The
 * reference doc spells the id `transactionID`; both spellings are read. The receipt is for a backend
 * to verify and is not kept.
 */
export function readTransaction(raw: unknown): Transaction | undefined {
  const transaction = isRecord(raw) ? raw : {};
  const transactionId = id(transaction.transactionId) ?? id(transaction.transactionID);
  const product = isRecord(transaction.product) ? productItem(transaction.product) : undefined;
  const sku = product?.id ?? (isRecord(transaction.product) ? id(transaction.product.sku) : id(transaction.product));
  const initiator = typeof transaction.initiator === 'string' ? transaction.initiator.toLowerCase() : undefined;
  if (transactionId === undefined || (initiator !== 'current_user' && initiator !== 'other')) return undefined;
  return {
    transactionId,
    sku,
    product,
    userId: id(transaction.userId),
    displayName: text(transaction.displayName),
    mine: initiator === 'current_user',
  };
}

/**
 * A completed purchase as a whole tip, with the transaction it came from; priced from the product
 * the transaction carries, else from the extension's own product of that SKU. `undefined` when
 * malformed or without a price.
 */
export function transactionTip(raw: unknown, products: ReadonlyMap<string, TipMenuItem>): { tip: Tip; transaction: Transaction } | undefined {
  const transaction = readTransaction(raw);
  if (!transaction) return undefined;
  const { sku, product, transactionId } = transaction;
  const known = sku ? products.get(sku) : undefined;
  const price = product?.price ?? known?.price;
  if (price === undefined) return undefined;
  const label = product?.label ?? known?.label;
  const tip: Tip = {
    id: transactionId,
    user: { ...(transaction.userId ? { id: transaction.userId } : {}), name: transaction.displayName ?? 'Someone' },
    amount: price,
    currency: 'bits',
    ...(label ? { message: label } : {}),
    ...(sku ? { itemId: sku } : {}),
    at: new Date(),
    source: 'twitch',
  };
  return { tip, transaction };
}
