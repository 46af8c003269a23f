/**
 * From what the page gives (items or the tip menu) to drawn segments: cleaned, laid out by weight,
 * each label fitted to its wedge with the element's font.
 */
import type { Currency, Tip, TipMenu } from '../../platform/model.js';
import { currency as validCurrency, num } from '../../platform/validate.js';
import { cleanItems, fitLabel, layoutSegments, type Segment, type SkippedItem, type WheelItem } from './wheel-model.js';
import type { Price } from './wheel-room.js';
import { labelText, type DrawnSegment } from './wheel-view.js';

let measureContext: CanvasRenderingContext2D | null | undefined;

/** What the wheel is made of: `items`, or the tip menu's items (sized by price when asked). */
export function sourceItems(source: 'items' | 'tip-menu', items: unknown, menu: TipMenu | undefined, weightBy: 'price' | undefined): unknown[] {
  if (source !== 'tip-menu') return Array.isArray(items) ? items : [];
  if (!menu?.enabled) return [];
  return menu.items.map((item) => ({ key: `t${item.id}`, label: item.label, weight: weightBy === 'price' ? item.price : 1 }));
}

/** Cleans and lays out `items` without the removed keys; `removed` comes back without keys that left. */
export function layout(items: unknown[], removed: ReadonlySet<string>, font: string): { segments: DrawnSegment[]; skipped: SkippedItem[]; removed: ReadonlySet<string> } {
  const { kept, skipped } = cleanItems(items);
  const present = new Set(kept.map((entry) => entry.key));
  // Forget removals whose items left the source, so the set stays bounded.
  const stillRemoved = [...removed].every((key) => present.has(key)) ? removed : new Set([...removed].filter((key) => present.has(key)));
  return { segments: drawSegments(layoutSegments(kept.filter((entry) => !stillRemoved.has(entry.key))), font), skipped, removed: stillRemoved };
}

/** The segments a spin was drawn on: `own` when they match, else those pairs laid out again (keeping each item's looks). */
export function segmentsFor(pairs: [string, number][] | undefined, own: DrawnSegment[], font: string): DrawnSegment[] {
  if (!pairs || (pairs.length === own.length && pairs.every(([label, weight], i) => own[i].label === label && own[i].weight === weight))) return own;
  const looks = new Map(own.map((s) => [`${s.label}\u0000${s.weight}`, s.item]));
  const { kept } = cleanItems(pairs.map(([label, weight]) => ({ ...looks.get(`${label}\u0000${weight}`), label, weight })));
  return drawSegments(layoutSegments(kept), font);
}

function drawSegments(segments: Segment[], font: string): DrawnSegment[] {
  measureContext ??= document.createElement('canvas').getContext('2d');
  const measure = (text: string, size: number) => {
    if (!measureContext) return text.length * size * 0.6;
    measureContext.font = `600 ${size}px ${font}`;
    return measureContext.measureText(text).width;
  };
  return segments.map((segment) => {
    const fitted = fitLabel(labelText(segment), segment.end - segment.start, measure);
    return { ...segment, shown: fitted.text, size: fitted.size };
  });
}

/** What a spin costs: the wheel's price (or the host's default), else the bound item's; `undefined` when it sells none. */
export function priceOf(wheel: { price?: number; hostPrice?: unknown; currency?: string; item?: string }, menu: TipMenu | undefined): Price | undefined {
  const bound = wheel.item ? menu?.items.find((i) => i.id === wheel.item) : undefined;
  const price = num(wheel.price, 0) ?? num(wheel.hostPrice, 0) ?? bound?.price;
  const currency: Currency | undefined = validCurrency(wheel.currency) ?? bound?.currency ?? menu?.items[0]?.currency;
  if (price === undefined || price <= 0 || !currency) return undefined;
  return wheel.item ? { price, currency, itemId: wheel.item } : { price, currency };
}

/** Enough of the right currency, for the bound item if it names one, from the wanted source. */
export function buysSpin(tip: Pick<Tip, 'amount' | 'currency' | 'itemId' | 'source'>, price: Price, triggerSource: string | undefined): boolean {
  if (triggerSource && tip.source && tip.source.toLowerCase() !== triggerSource.toLowerCase()) return false;
  if (tip.currency !== price.currency || !(tip.amount >= price.price)) return false;
  return !(price.itemId && tip.itemId !== undefined && tip.itemId !== price.itemId);
}

/** The `items` attribute: a JSON list; anything else is no items (reported as skipped on layout). */
export function parseItemsAttribute(value: string | null): WheelItem[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as WheelItem[]) : [];
  } catch {
    return [];
  }
}
