/**
 * Small validators for host payloads. Each returns the cleaned value or `undefined`, so adapters
 * can reject a payload (and report it) without ever throwing.
 */

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export const MAX_NAME = 64;
export const MAX_MESSAGE = 500;
export const MAX_AMOUNT = 1e12;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A trimmed, control-character-free string of at most `max` characters, or `undefined`. */
export function text(value: unknown, max = MAX_NAME): string | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = clip(value.replace(CONTROL_CHARS, '').trim(), max);
  return cleaned.length > 0 ? cleaned : undefined;
}

/** An id: a non-empty string or a finite number, as a string. */
export function id(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value, 128);
}

/** A finite number within [min, max]; numeric strings such as `"25"` are accepted. */
export function num(value: unknown, min = -MAX_AMOUNT, max = MAX_AMOUNT): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) return undefined;
  return n;
}

/** A positive amount (tips, prices). */
export function amount(value: unknown): number | undefined {
  const n = num(value, 0, MAX_AMOUNT);
  return n !== undefined && n > 0 ? n : undefined;
}

/** A non-negative whole count (viewers). */
export function count(value: unknown): number | undefined {
  const n = num(value, 0, 1e10);
  return n !== undefined ? Math.round(n) : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** `tokens`, `bits` or a three-letter ISO 4217 code (upper-cased). */
export function currency(value: unknown): string | undefined {
  if (value === 'tokens' || value === 'bits') return value;
  if (typeof value === 'string' && /^[a-zA-Z]{3}$/.test(value)) return value.toUpperCase();
  return undefined;
}

/** A date from a Date, epoch milliseconds or an ISO string. */
export function date(value: unknown): Date | undefined {
  const d = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  return d && Number.isFinite(d.getTime()) ? d : undefined;
}

/** A canonical BCP 47 tag (`de-de` → `de-DE`), or `undefined` for anything Intl rejects. */
export function locale(value: unknown): string | undefined {
  const tag = text(value, 35);
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** A short readable message for anything thrown or rejected; never throws itself. */
export function errorMessage(error: unknown): string {
  try {
    if (isRecord(error) && typeof error.message === 'string') return text(error.message, 200) ?? 'unknown error';
    const raw = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
    return text(raw, 200) ?? 'unknown error';
  } catch {
    return 'unknown error';
  }
}

/** `value` when it is one of `allowed` (a fixed list of names), else `undefined`. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((item) => item === value);
}

export const THEMES = ['light', 'dark'] as const;
