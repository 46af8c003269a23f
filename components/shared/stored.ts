/**
 * What a widget keeps across page loads, as JSON in `localStorage`. Storage can be blocked (sandboxed
 * extension iframes), full, or hold anything a previous version or another page wrote, so reads
 * never throw and their value is untrusted: callers validate it.
 */

/** The JSON stored under `key`, or `undefined` when there is none, storage is unreadable or it is not JSON. */
export function readStored(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON under `key`; when storage is full or blocked the widget keeps working and just forgets. */
export function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the state lives as long as the page.
  }
}
