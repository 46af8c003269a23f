/**
 * Money as hosts write it for people: "$5.00", "1.234,56 €", "CA$10.00", "¥1,000", "5,00 EUR".
 * YouTube's Super Chat `amount` is such a display string (the live payloads often carry no
 * `currencyCode`), so the amount and the currency are both read from it.
 */
import { amount } from '../validate.js';

/**
 * Currency signs as YouTube's display strings use them (a bare `$` is US dollars, other dollars
 * carry a prefix, a bare `¥` is yen). Longest first, so `CA$` wins over `$`. Signs shared by
 * several currencies (`kr`) are left out: such an amount needs its code.
 */
const SIGNS: Array<[string, string]> = [
  ['CA$', 'CAD'], ['A$', 'AUD'], ['AU$', 'AUD'], ['NZ$', 'NZD'], ['HK$', 'HKD'], ['NT$', 'TWD'], ['MX$', 'MXN'],
  ['R$', 'BRL'], ['S$', 'SGD'], ['CN¥', 'CNY'], ['US$', 'USD'], ['zł', 'PLN'], ['Kč', 'CZK'], ['Ft', 'HUF'],
  ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₹', 'INR'], ['₩', 'KRW'], ['₱', 'PHP'], ['₫', 'VND'],
  ['₪', 'ILS'], ['₺', 'TRY'], ['₽', 'RUB'], ['₴', 'UAH'], ['฿', 'THB'], ['₦', 'NGN'],
];
SIGNS.sort((a, b) => b[0].length - a[0].length);

/**
 * The number in a display amount. The last `.` or `,` is the decimal point only when one or two
 * digits follow it; every other separator (`.`, `,`, spaces, `'`) groups thousands.
 */
export function parseDisplayAmount(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value.replace(/[^\d.,]/g, '');
  if (!/\d/.test(digits)) return undefined;
  const decimal = /[.,](\d{1,2})$/.exec(digits);
  const whole = (decimal ? digits.slice(0, decimal.index) : digits).replace(/[.,]/g, '');
  return amount(Number(`${whole || '0'}.${decimal ? decimal[1] : '0'}`));
}

/** The ISO 4217 code a display amount names, by a three-letter code or a sign; else undefined. */
export function displayCurrency(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = /(?:^|[^A-Za-z])([A-Z]{3})(?:$|[^A-Za-z])/.exec(value);
  if (code) return code[1];
  const text = value.replace(/[\d.,\s\u00a0\u202f'-]/g, '');
  return SIGNS.find(([sign]) => text === sign)?.[1];
}

/** Amount and currency from a display string; undefined unless both are clear. */
export function parseDisplayMoney(value: unknown): { amount: number; currency: string } | undefined {
  const number = parseDisplayAmount(value);
  const code = displayCurrency(value);
  return number !== undefined && code ? { amount: number, currency: code } : undefined;
}
