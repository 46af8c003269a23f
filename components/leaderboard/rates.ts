import type { Currency } from '../../platform/model.js';
import { currency as asCurrency, isRecord, num } from '../../platform/validate.js';
import type { Rates } from './aggregator.js';

/** What one Bit is worth to a streamer: $0.01 per Bit cheered. */
const USD_PER_BIT = 0.01;
const MAX_RATES = 50;
const MAX_RATE = 1e9;

/**
 * The streamer's rates as given: `EUR=1.08, GBP:1.27` (as an attribute or OBS URL value) or an
 * object `{ "EUR": 1.08 }` (JSON text or a property). Each is the value of one unit in the board's
 * currency. Malformed entries are left out; `undefined` when nothing was given at all.
 */
export function parseRates(value: unknown): Map<Currency, number> | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  let source: unknown = value;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      source = JSON.parse(value);
    } catch {
      source = {};
    }
  }
  const pairs: [unknown, unknown][] =
    typeof source === 'string'
      ? source
          .split(/[,;\s]+/)
          .filter(Boolean)
          .map((pair) => pair.split(/[=:]/) as [string, string])
      : isRecord(source)
        ? Object.entries(source)
        : [];
  const rates = new Map<Currency, number>();
  for (const [code, rate] of pairs.slice(0, MAX_RATES)) {
    const currency = asCurrency(typeof code === 'string' ? code.trim() : code);
    const value = num(typeof rate === 'string' ? rate.trim() : rate, Number.MIN_VALUE, MAX_RATE);
    if (currency && value !== undefined) rates.set(currency, value);
  }
  return rates;
}

/**
 * The rates a combined board in `target` uses: the streamer's, plus Bits at their usual value
 * ($0.01) wherever US dollars are known (the target, or a rate for USD), and US dollars in Bits on
 * a Bits board. A rate the streamer gives always wins.
 */
export function resolveRates(target: Currency, given: ReadonlyMap<Currency, number>): Rates {
  const rates = new Map(given);
  rates.delete(target);
  const usd = target === 'USD' ? 1 : given.get('USD');
  if (!rates.has('bits') && target !== 'bits' && usd !== undefined) rates.set('bits', USD_PER_BIT * usd);
  if (!rates.has('USD') && target === 'bits') rates.set('USD', 1 / USD_PER_BIT);
  return rates;
}
