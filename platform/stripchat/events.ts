import type { ExtHandler, ExtHelper } from './ext.js';

/**
 * Event subscriptions on a helper object the page handed to onair (`createExtHelper()`). The
 * official helper announces the end of an event to the host on every `unsubscribe`, even while the
 * page's own handlers of that event remain, so onair never unsubscribes from a page's helper: each
 * event gets one handler per helper object, subscribed on first use and kept for the page's life,
 * which hands the event to the adapters listening now. Adapters created later (the provider
 * restarts on option changes) join the same handler, so there is never more than one per event.
 */
const hubs = new WeakMap<ExtHelper, Map<string, Set<ExtHandler>>>();

/** Hands `eventName` to `handler` until the returned function is called. May throw like `subscribe`. */
export function listenShared(ext: ExtHelper, eventName: string, handler: ExtHandler): () => void {
  let events = hubs.get(ext);
  if (!events) {
    events = new Map();
    hubs.set(ext, events);
  }
  let listeners = events.get(eventName);
  if (!listeners) {
    const set = new Set<ExtHandler>();
    ext.subscribe(eventName, (data) => {
      for (const listener of Array.from(set)) listener(data);
    });
    listeners = set;
    events.set(eventName, set);
  }
  listeners.add(handler);
  const joined = listeners;
  return () => joined.delete(handler);
}

/** How many adapters listen to `eventName` on `ext` (tests check 0 after dispose). */
export function sharedListenerCount(ext: ExtHelper, eventName: string): number {
  return hubs.get(ext)?.get(eventName)?.size ?? 0;
}
