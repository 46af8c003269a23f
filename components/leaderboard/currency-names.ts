import type { Currency } from '../../platform/model.js';
import { message, plural, type Messages } from '../shared/messages.js';

/**
 * A currency's name for running text: `tokens` and `bits` in the locale's language (the plural
 * form of the amount message without its number), ISO currencies by their code (`USD`).
 */
export function currencyName(currency: Currency, locale: string, messages?: Partial<Messages>): string {
  if (currency !== 'tokens' && currency !== 'bits') return currency;
  const unit = currency as 'tokens' | 'bits';
  return plural(locale, message(locale, unit, { n: '' }, messages), 2).trim();
}

const listFormats = new Map<string, Intl.ListFormat>();

/** Cached `Intl.ListFormat` joining with "and" (`EUR, GBP and tokens`). */
export function listFormat(locale: string): Intl.ListFormat {
  let format = listFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.ListFormat(locale, { type: 'conjunction' });
    } catch {
      format = new Intl.ListFormat('en', { type: 'conjunction' });
    }
    listFormats.set(locale, format);
  }
  return format;
}
