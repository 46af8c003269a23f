/**
 * The wheel's items, geometry, colours and room message payloads, kept apart from the element so the
 * arithmetic is small and testable. Angles are degrees clockwise from the top (where the pointer is).
 */
import type { Currency } from '../../platform/model.js';
import { count, currency as validCurrency, isRecord, text } from '../../platform/validate.js';

/** One segment as the page gives it. */
export interface WheelItem {
  label: string;
  /** Relative size and chance: a positive number up to 10^12; 1 when missing. Any other value skips the item. */
  weight?: number;
  /** Any CSS colour; a palette colour when missing or invalid. */
  color?: string;
  /** A short emoji shown before the label on the wedge. */
  emoji?: string;
  /** An image (https: or a data: image URL) drawn on the wedge near the rim. */
  image?: string;
}

/** A laid-out segment: where it sits on the wheel and how its label is drawn. */
export interface Segment {
  /** Stable identity for `remove-winner` (tip-menu item id, or label, weight and occurrence). */
  key: string;
  label: string;
  weight: number;
  color: string;
  /** Black or white, whichever contrasts more with `color`. */
  textColor: string;
  /** The item as given, for event details. */
  item: WheelItem;
  start: number;
  end: number;
}

/** The `wheel.spin` room message payload: the authority's verified spin. */
export interface SpinPayload {
  /** The host's payment id (see `paymentIdOf`); also the spin's id. */
  paymentId: string;
  /**
   * The revealed seed: its SHA-256 is the commitment the payment was bound to, and it is the
   * commitment for later payments (the seeds form a hash chain).
   */
  seed: string;
  /** The hash of the segments the payment was bound to. */
  itemsHash: string;
  index: number;
  /** Sender's clock, ms since epoch, when the spin began: only ever compared with the same sender's `sentAt`. */
  startedAt: number;
  durationMs: number;
  turns: number;
  /** The payer's user id on the host, so the payer's own wheel can match its pending request. */
  payer?: string;
  /** The `wheel` attribute of the sender, to tell several wheels on a page apart. */
  wheel?: string;
}

/** The `wheel.request` room message payload: a spin bought outside the host's tips (a redemption). */
export type RequestPayload = {
  /** The host's id of the redemption (or other payment); one spin per id. */
  paymentId: string;
  payer?: string;
  wheel?: string;
} & (
  | {
      /** The reward's title, matched against the wheel's `redemption` (a channel-point redemption). */
      reward: string;
    }
  | {
      /** The tip-menu item paid for and what it cost, checked like a tip (a backend's verified purchase). */
      item: string;
      amount: number;
      currency: Currency;
    }
);

/**
 * The `wheel.commit` payload (and the anchor's value): the authority's announcement, its heartbeat.
 * Payments bind to the commitment and segments it names.
 */
export interface CommitPayload {
  commitment: string;
  /** The hash of the segments payments bind to now. */
  itemsHash: string;
  /** A random id of the authority page. */
  authority: string;
  /** When that page started leading, on its clock (the older leads). */
  since: number;
  wheel?: string;
}

/** The `wheel.refused` payload: a payment the authority could not queue, for its payer's wheel. */
export interface RefusedPayload {
  paymentId: string;
  reason: 'queue-full';
  payer?: string;
  wheel?: string;
}

export const MAX_SEGMENTS = 100;
export const MAX_DURATION_MS = 60_000;
export const MAX_TURNS = 20;
export const MAX_LABEL = 64;
export const MAX_WEIGHT = 1e12;
const MAX_IMAGE_URL = 2048;

/** Twelve hues that stay apart from their neighbours. */
export const PALETTE = [
  '#8b5cf6', '#f59e0b', '#10b981', '#ef4444', '#3b82f6', '#ec4899',
  '#14b8a6', '#f97316', '#6366f1', '#84cc16', '#06b6d4', '#e11d48',
] as const;

let colorContext: CanvasRenderingContext2D | null | undefined;

/** `[r, g, b]` (0–255) of a CSS colour, or `undefined` when the browser does not accept it. */
export function parseColor(value: string): [number, number, number] | undefined {
  colorContext ??= document.createElement('canvas').getContext('2d');
  if (!colorContext || !CSS.supports('color', value)) return undefined;
  // The canvas normalises any accepted colour to `#rrggbb` or `rgba(r, g, b, a)`.
  colorContext.fillStyle = '#000000';
  colorContext.fillStyle = value;
  const normal = String(colorContext.fillStyle);
  if (normal.startsWith('#')) {
    return [1, 3, 5].map((i) => parseInt(normal.slice(i, i + 2), 16)) as [number, number, number];
  }
  const channels = normal.match(/[\d.]+/g)?.slice(0, 3).map(Number);
  return channels?.length === 3 ? (channels as [number, number, number]) : undefined;
}

function luminance([r, g, b]: [number, number, number]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** `#000` or `#fff`, whichever has the higher WCAG contrast ratio against `rgb`. */
export function textColorFor(rgb: [number, number, number]): string {
  const l = luminance(rgb);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** A palette colour for segment `i` of `count` that differs from both neighbours. */
function paletteColor(i: number, count: number): string {
  const wraps = i === count - 1 && count > 1 && i % PALETTE.length === 0;
  return PALETTE[wraps ? 1 : i % PALETTE.length];
}

export interface CleanItem {
  key: string;
  item: WheelItem;
  label: string;
  weight: number;
}

/** Why an item was left off the wheel, by its index in the list given. */
export interface SkippedItem {
  index: number;
  reason: 'not-an-object' | 'no-label' | 'bad-weight' | 'too-many';
}

/**
 * Keeps usable items (a label after cleaning and, when given, a positive weight up to
 * `MAX_WEIGHT`), up to `MAX_SEGMENTS`. Nothing is clamped: an unusable item is skipped and listed.
 */
export function cleanItems(items: readonly unknown[]): { kept: CleanItem[]; skipped: SkippedItem[] } {
  const kept: CleanItem[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i += 1) {
    const raw = items[i];
    if (!isRecord(raw)) {
      skipped.push({ index: i, reason: 'not-an-object' });
      continue;
    }
    const label = text(raw.label, MAX_LABEL);
    if (!label) {
      skipped.push({ index: i, reason: 'no-label' });
      continue;
    }
    const w = raw.weight;
    const weight = w === undefined ? 1 : typeof w === 'number' && Number.isFinite(w) && w > 0 && w <= MAX_WEIGHT ? w : undefined;
    if (weight === undefined) {
      skipped.push({ index: i, reason: 'bad-weight' });
      continue;
    }
    if (kept.length === MAX_SEGMENTS) {
      skipped.push({ index: i, reason: 'too-many' });
      continue;
    }
    const color = typeof raw.color === 'string' ? raw.color : undefined;
    const emoji = text(raw.emoji, 8);
    const image = imageUrl(raw.image);
    // By content, so a page that sets an equal list again keeps its removed winners.
    const content = `${label}\u0000${weight}`;
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    const key = typeof raw.key === 'string' ? raw.key : `${content}\u0000${occurrence}`;
    const item: WheelItem = { label, weight, ...(color ? { color } : {}), ...(emoji ? { emoji } : {}), ...(image ? { image } : {}) };
    kept.push({ key, label, weight, item });
  }
  return { kept, skipped };
}

/** An https: URL or a data: URL of a raster image; anything else (script URLs, SVG) is dropped. */
function imageUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_IMAGE_URL) return undefined;
  if (/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(value)) return value;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Lays the cleaned items around the wheel, each spanning an angle proportional to its weight. */
export function layoutSegments(items: readonly CleanItem[]): Segment[] {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let start = 0;
  return items.map((entry, i) => {
    const span = (entry.weight / total) * 360;
    const rgb = (entry.item.color && parseColor(entry.item.color)) || undefined;
    const color = rgb ? entry.item.color! : paletteColor(i, items.length);
    const segment: Segment = {
      key: entry.key,
      label: entry.label,
      weight: entry.weight,
      color,
      textColor: textColorFor(rgb ?? parseColor(color) ?? [0, 0, 0]),
      item: entry.item,
      start,
      end: i === items.length - 1 ? 360 : start + span,
    };
    start += span;
    return segment;
  });
}

const mod360 = (angle: number) => ((angle % 360) + 360) % 360;

/** The segment under the pointer when the wheel is turned `rotation` degrees clockwise. */
export function indexAt(segments: readonly Segment[], rotation: number): number {
  const angle = mod360(-rotation);
  const found = segments.findIndex((s) => angle >= s.start && angle < s.end);
  return found === -1 ? segments.length - 1 : found;
}

/**
 * How many segment boundaries have passed the pointer as the wheel turned from 0 to `rotation`
 * (up to a constant): the difference between two calls counts the crossings between them.
 */
export function boundariesPassed(segments: readonly Segment[], rotation: number): number {
  let count = 0;
  for (const s of segments) count += Math.floor((rotation - mod360(-s.start)) / 360);
  return count;
}

/**
 * The rotation, `turns` full turns beyond `from`, that leaves the pointer `offset` (0–1) of the
 * way through `segment`.
 */
export function targetRotation(from: number, segment: Segment, offset: number, turns: number): number {
  const angle = segment.start + offset * (segment.end - segment.start);
  return from + turns * 360 + mod360(-angle - from);
}

/** What a following wheel knows about a `wheel.spin` message when it applies it. */
export interface SpinReceipt {
  /** The sender's clock when it sent the message (`RoomMessage.sentAt`). */
  sentAt: number;
  /** Milliseconds since the message reached this page, on this page's monotonic clock. */
  sinceArrival: number;
}

/**
 * How far into a followed spin this wheel is, 0 to `durationMs`, without comparing clocks across
 * machines (a viewer's clock may be minutes off): the time the spin had run on the sender's clock
 * when it sent (`sentAt − startedAt`, both the sender's) plus the time since the message arrived
 * here on ours. Transit time is not counted (measuring it needs a shared clock). A host that
 * delivers a spin again does not replay it: the wheel plays each payment once.
 */
export function followedElapsed(payload: Pick<SpinPayload, 'startedAt' | 'durationMs'>, receipt: SpinReceipt): number {
  const { startedAt, durationMs } = payload;
  const beforeSending = Number.isFinite(receipt.sentAt) ? Math.max(receipt.sentAt - startedAt, 0) : 0;
  return Math.min(beforeSending + Math.max(receipt.sinceArrival, 0), durationMs);
}

export { easeOut } from '../shared/easing.js';

const WHEEL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** 64 lower-case hex digits: seeds, commitments and items hashes. */
export const HEX256 = /^[0-9a-f]{64}$/;
/** Payment ids as they travel: host ids outside this alphabet travel as their hash. */
export const PAYMENT_ID = /^[A-Za-z0-9_.:@+=-]{1,128}$/;

/**
 * Checks a `wheel.spin` payload from the room field by field; returns it or why not. Values out of
 * bounds are refused, never clamped, so no message can bend or freeze later spins. `startedAt` is
 * the sender's clock and is never compared with this page's (clocks differ between devices).
 */
export function parseSpinPayload(value: unknown): { payload: SpinPayload } | { error: string } {
  if (!isRecord(value)) return { error: 'payload is not an object' };
  const { paymentId, seed, itemsHash, index, startedAt, durationMs, turns, payer, wheel } = value;
  if (typeof paymentId !== 'string' || !PAYMENT_ID.test(paymentId)) return { error: 'bad paymentId' };
  if (typeof seed !== 'string' || !HEX256.test(seed)) return { error: 'bad seed' };
  if (typeof itemsHash !== 'string' || !HEX256.test(itemsHash)) return { error: 'bad itemsHash' };
  if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= MAX_SEGMENTS) return { error: 'bad index' };
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return { error: 'bad startedAt' };
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0 || durationMs > MAX_DURATION_MS) {
    return { error: 'bad durationMs' };
  }
  if (!Number.isInteger(turns) || (turns as number) < 0 || (turns as number) > MAX_TURNS) return { error: 'bad turns' };
  if (payer !== undefined && (typeof payer !== 'string' || !PAYMENT_ID.test(payer))) return { error: 'bad payer' };
  if (wheel !== undefined && (typeof wheel !== 'string' || !WHEEL_NAME.test(wheel))) return { error: 'bad wheel' };
  return {
    payload: {
      paymentId,
      seed,
      itemsHash,
      index: index as number,
      startedAt,
      durationMs,
      turns: turns as number,
      ...(payer !== undefined ? { payer } : {}),
      ...(wheel !== undefined ? { wheel } : {}),
    },
  };
}

/** Checks a `wheel.request` payload; returns it or why not. */
export function parseRequestPayload(value: unknown): { payload: RequestPayload } | { error: string } {
  if (!isRecord(value)) return { error: 'payload is not an object' };
  const { paymentId, reward, payer, wheel } = value;
  const id = typeof paymentId === 'string' ? text(paymentId, 128) : undefined;
  if (!id) return { error: 'bad paymentId' };
  if (payer !== undefined && (typeof payer !== 'string' || !PAYMENT_ID.test(payer))) return { error: 'bad payer' };
  if (wheel !== undefined && (typeof wheel !== 'string' || !WHEEL_NAME.test(wheel))) return { error: 'bad wheel' };
  const common = { paymentId: id, ...(payer !== undefined ? { payer } : {}), ...(wheel !== undefined ? { wheel } : {}) };
  if (value.item !== undefined) {
    const item = text(value.item, 128);
    const amount = count(value.amount);
    const unit = validCurrency(value.currency);
    if (!item || amount === undefined || !unit) return { error: 'bad item, amount or currency' };
    return { payload: { ...common, item, amount, currency: unit } };
  }
  const title = text(reward, 100);
  if (!title) return { error: 'bad reward' };
  return { payload: { ...common, reward: title } };
}

/** Checks a `wheel.commit` payload (or the anchor's value); returns it or why not. */
export function parseCommitPayload(value: unknown): { payload: CommitPayload } | { error: string } {
  if (!isRecord(value)) return { error: 'payload is not an object' };
  const { commitment, itemsHash, authority, since, wheel } = value;
  if (typeof commitment !== 'string' || !HEX256.test(commitment)) return { error: 'bad commitment' };
  if (typeof itemsHash !== 'string' || !HEX256.test(itemsHash)) return { error: 'bad itemsHash' };
  if (typeof authority !== 'string' || !WHEEL_NAME.test(authority)) return { error: 'bad authority' };
  if (typeof since !== 'number' || !Number.isFinite(since)) return { error: 'bad since' };
  if (wheel !== undefined && (typeof wheel !== 'string' || !WHEEL_NAME.test(wheel))) return { error: 'bad wheel' };
  return { payload: { commitment, itemsHash, authority, since, ...(wheel !== undefined ? { wheel } : {}) } };
}

/** Checks a `wheel.refused` payload; returns it or why not. */
export function parseRefusedPayload(value: unknown): { payload: RefusedPayload } | { error: string } {
  if (!isRecord(value)) return { error: 'payload is not an object' };
  const { paymentId, reason, payer, wheel } = value;
  if (typeof paymentId !== 'string' || !PAYMENT_ID.test(paymentId)) return { error: 'bad paymentId' };
  if (reason !== 'queue-full') return { error: 'bad reason' };
  if (payer !== undefined && (typeof payer !== 'string' || !PAYMENT_ID.test(payer))) return { error: 'bad payer' };
  if (wheel !== undefined && (typeof wheel !== 'string' || !WHEEL_NAME.test(wheel))) return { error: 'bad wheel' };
  return { payload: { paymentId, reason, ...(payer !== undefined ? { payer } : {}), ...(wheel !== undefined ? { wheel } : {}) } };
}

/** The wheel is drawn in a 200 × 200 view box. */
export const GEOMETRY = { center: 100, radius: 98, hub: 14, labelInner: 24, labelOuter: 90 } as const;
const MAX_FONT = 14;
const MIN_FONT = 6;

/** Measures text `size` units high: returns its width in the same units. */
export type Measure = (text: string, size: number) => number;

/**
 * Fits a label along its segment's radius: the font shrinks to the segment's thickness and length,
 * and a label still too long at the smallest size is cut with an ellipsis. Segments too thin for
 * the smallest font get no visible label (the full list stays available to assistive tech).
 */
export function fitLabel(label: string, span: number, measure: Measure): { text: string; size: number } {
  const { labelInner, labelOuter } = GEOMETRY;
  const length = labelOuter - labelInner;
  const middle = (labelInner + labelOuter) / 2;
  const thickness = 2 * middle * Math.sin((Math.min(span, 180) / 2) * (Math.PI / 180));
  if (thickness < MIN_FONT) return { text: '', size: MIN_FONT };
  let size = Math.min(MAX_FONT, thickness * 0.75);
  const width = measure(label, size);
  if (width <= length) return { text: label, size };
  size = Math.max(MIN_FONT, (size * length) / width);
  if (measure(label, size) <= length) return { text: label, size };
  const chars = Array.from(label);
  let fits = 0;
  for (let lo = 1, hi = chars.length - 1; lo <= hi; ) {
    const n = (lo + hi) >> 1;
    if (measure(`${chars.slice(0, n).join('')}…`, size) <= length) {
      fits = n;
      lo = n + 1;
    } else {
      hi = n - 1;
    }
  }
  return { text: `${chars.slice(0, fits).join('').trimEnd()}…`, size };
}

/** Where a label sits: its `x` on the horizontal radius, its anchor, and the turn onto its wedge. */
export interface LabelPlacement {
  x: number;
  anchor: 'start' | 'end';
  /** Degrees clockwise about the centre. */
  rotate: number;
}

/**
 * Places a label along the radius through its wedge's middle, its rim end at `labelOuter`. Judged
 * with the wheel at rest (rotation 0): on the right half the text reads from the hub out to the rim;
 * on the left half (middle past 6 o'clock) that would be upside down, so it is turned half a turn
 * and reads from the rim in. Both kinds hug the rim, so fitting is the same for either.
 */
export function labelPlacement(start: number, end: number): LabelPlacement {
  const { center: c, labelOuter } = GEOMETRY;
  const middle = (start + end) / 2;
  if (middle > 180) return { x: c - labelOuter, anchor: 'start', rotate: middle + 90 - 360 };
  return { x: c + labelOuter, anchor: 'end', rotate: middle - 90 };
}

/** A wedge from the centre between two angles, as an SVG path. */
export function wedgePath(start: number, end: number): string {
  const { center: c, radius: r } = GEOMETRY;
  const point = (angle: number) => {
    const rad = (angle * Math.PI) / 180;
    return `${(c + r * Math.sin(rad)).toFixed(3)} ${(c - r * Math.cos(rad)).toFixed(3)}`;
  };
  const large = end - start > 180 ? 1 : 0;
  return `M ${c} ${c} L ${point(start)} A ${r} ${r} 0 ${large} 1 ${point(end)} Z`;
}
