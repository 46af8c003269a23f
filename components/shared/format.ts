import type { Currency } from '../../platform/model.js';
import { message, plural, type Messages } from './messages.js';

export type Notation = 'standard' | 'compact';

const formatters = new Map<string, Intl.NumberFormat>();

/** Cached `Intl.NumberFormat`; formatters are costly to build and widgets format on every tick. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      format = new Intl.NumberFormat('en-US', options);
    }
    formatters.set(key, format);
  }
  return format;
}

/** A count such as `12,345` or, compact, `12.3K`. */
export function formatCount(value: number, locale: string, notation: Notation = 'standard'): string {
  return numberFormat(locale, notation === 'compact' ? { notation: 'compact', maximumFractionDigits: 1 } : {}).format(value);
}

/**
 * An amount with its currency: `25 tokens` (`25 Token`, `25 jetons`… in the locale's language),
 * `1.2K bits`, `€5.00`. Never sums across currencies. `messages` are a widget's overrides.
 */
export function formatAmount(
  amount: number,
  currency: Currency,
  locale: string,
  notation: Notation = 'standard',
  messages?: Partial<Messages>,
): string {
  if (currency === 'tokens' || currency === 'bits') {
    // `Currency` keeps any string open, so the check does not narrow it.
    const unit = currency as 'tokens' | 'bits';
    return plural(locale, message(locale, unit, { n: formatCount(amount, locale, notation) }, messages), amount);
  }
  const compact: Intl.NumberFormatOptions = notation === 'compact' ? { notation: 'compact', maximumFractionDigits: 1 } : {};
  return numberFormat(locale, { style: 'currency', currency, ...compact }).format(amount);
}
