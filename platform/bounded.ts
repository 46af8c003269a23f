/**
 * Adds `key` to a set (or `key → value` to a map) and drops the oldest entries beyond `max`, so
 * dedupe sets and caches fed by a host stay bounded however long the page runs.
 */
export function remember<K, V>(store: Set<K> | Map<K, V>, key: K, value: V | undefined, max: number): void {
  if (store instanceof Map) store.set(key, value as V);
  else store.add(key);
  while (store.size > max) store.delete(store.keys().next().value as K);
}
