/** How the adapter reaches the host: the page's helper object, or onair's own client. */
import type { ConnectionStatus } from '../model.js';
import { listenShared } from './events.js';
import { PostMessageExt, resolveHostOrigin, type ExtHandler, type ExtHelper } from './ext.js';

export interface ClientOptions {
  /** An `ext` option was given but is not a helper object. */
  invalidExt?: boolean;
  /** The `?origin=` host. */
  origin?: string;
  requestTimeoutMs?: number;
  /** An event handler of onair's own client threw. */
  onHandlerError(eventName: string, error: unknown): void;
}

/**
 * onair's own client for this slot, bound to the `?origin=` host, or the status that says why there
 * is none. Unlike `createStripchatHelper()` it leaves the page's DOM alone: the theme reaches widgets
 * through `context$`.
 */
export function openClient(options: ClientOptions): PostMessageExt | ConnectionStatus {
  if (options.invalidExt) {
    return { state: 'error', reason: 'helper-missing', detail: 'The ext option is not a Stripchat helper (makeRequest, subscribe, unsubscribe).' };
  }
  const hostOrigin = resolveHostOrigin(options.origin);
  if (!hostOrigin || window.parent === window) {
    return { state: 'error', reason: 'not-embedded', detail: 'Not inside a Stripchat extension slot: no valid host origin (?origin=).' };
  }
  const client = new PostMessageExt({ hostOrigin, peer: window.parent, timeoutMs: options.requestTimeoutMs, onHandlerError: options.onHandlerError });
  client.watchSize(document);
  return client;
}

/**
 * Hands `eventName` to `handler` until the returned function is called: on the `client` onair opened
 * itself by subscribing and unsubscribing, on a page's helper object (the official one or
 * `createStripchatHelper()`'s) through the shared handler (`listenShared`), which is never
 * unsubscribed. May throw like `subscribe`.
 */
export function listenTo(ext: ExtHelper, client: PostMessageExt | undefined, eventName: string, handler: ExtHandler): () => void {
  if (ext !== client) return listenShared(ext, eventName, handler);
  ext.subscribe(eventName, handler);
  return () => ext.unsubscribe(eventName, handler);
}
