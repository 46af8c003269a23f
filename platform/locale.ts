/** The browser's language, the locale of last resort for adapters and widgets. */
export function browserLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-US';
}
