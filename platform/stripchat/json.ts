/** Size checks for JSON a page sends or the host relays. */

/** `value` as JSON, or `''` when it has none (a cycle, a BigInt, `undefined`). */
export function printable(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Whether `value` is JSON of at most `max` characters. */
export function fitsJson(value: unknown, max: number): boolean {
  const json = printable(value);
  return json !== '' && json.length <= max;
}
