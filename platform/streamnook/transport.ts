/**
 * The ways StreamNook notifications can reach the page: a UI plugin's `api.events.listen`, or a
 * message source the page hands in (an `EventTarget` firing `message` events, such as a
 * `MessagePort`, `BroadcastChannel` or `window`; a `subscribe(callback) => unsubscribe` function;
 * or an object with such a `subscribe` method). Each returns one function that removes everything
 * it added. Host functions are called defensively: their exact shapes are not part of a frozen API.
 */
import { isRecord } from '../validate.js';

/** Calls a host method: `(method, params) => Promise<result>`. */
export type HostCall = (method: string, params: Record<string, unknown>) => Promise<unknown>;

/** The parts of StreamNook's UI plugin `api` object onair uses; all optional, all feature-detected. */
export interface StreamNookApi {
  events?: { listen?: (name: string, handler: (value: unknown) => void) => unknown };
  host?: { call?: HostCall };
  call?: HostCall;
  ui?: {
    registerOverlay?: (contribution: Record<string, unknown>) => unknown;
    registerSlot?: (slotId: string, contribution: Record<string, unknown>) => unknown;
  };
  settings?: { registerPanel?: (panel: unknown) => unknown };
  libs?: { react?: { createElement?: (type: string, props: Record<string, unknown>) => unknown } };
  /** A container element some hosts hand to the plugin. */
  container?: unknown;
}

export type MessageSource =
  | EventTarget
  | ((callback: (data: unknown) => void) => unknown)
  | { subscribe: (callback: (data: unknown) => void) => unknown };

export interface Listening {
  /** Settles once every `listen` call has answered (or failed). */
  ready: Promise<void>;
  close: () => void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return isRecord(value) && typeof (value as { then?: unknown }).then === 'function';
}

/** Runs a host-provided teardown, which may be a function or an `{ unsubscribe() }` object. */
export function runTeardown(teardown: unknown): void {
  try {
    if (typeof teardown === 'function') teardown();
    else if (isRecord(teardown) && typeof teardown.unsubscribe === 'function') teardown.unsubscribe();
  } catch {
    // A host's own teardown failing must not stop ours.
  }
}

/**
 * Listens to each of `names` through `api.events.listen`. `listen` may return the unlisten function
 * or a promise of it (StreamNook documents the promise); one that resolves after `close()` is
 * called at once, so nothing outlives the adapter.
 */
export function listenThroughApi(
  api: StreamNookApi,
  names: readonly string[],
  deliver: (name: string, value: unknown) => void,
  fail: (name: string, error: unknown) => void,
): Listening {
  const events = api.events;
  const unlisteners: unknown[] = [];
  let closed = false;
  const adopt = (unlisten: unknown) => (closed ? runTeardown(unlisten) : unlisteners.push(unlisten));
  const pending = names.map(async (name) => {
    try {
      const result = events!.listen!.call(events, name, (value: unknown) => deliver(name, value));
      adopt(isThenable(result) ? await result : result);
    } catch (error) {
      fail(name, error);
    }
  });
  return {
    ready: Promise.all(pending).then(() => undefined),
    close: () => {
      closed = true;
      unlisteners.splice(0).forEach(runTeardown);
    },
  };
}

/** Listens to a message source; `undefined` when `source` is none of the supported kinds. */
export function listenToSource(source: unknown, deliver: (data: unknown) => void): (() => void) | undefined {
  if (isRecord(source) && typeof source.addEventListener === 'function' && typeof source.removeEventListener === 'function') {
    const target = source as unknown as EventTarget & { start?: () => void };
    const onMessage = (event: Event) => deliver((event as MessageEvent).data);
    target.addEventListener('message', onMessage);
    // A MessagePort only delivers to addEventListener listeners once started.
    if (typeof target.start === 'function') target.start();
    return () => target.removeEventListener('message', onMessage);
  }
  if (typeof source === 'function') {
    const teardown = (source as (callback: (data: unknown) => void) => unknown)(deliver);
    return () => runTeardown(teardown);
  }
  if (isRecord(source) && typeof source.subscribe === 'function') {
    const teardown = (source as { subscribe: (callback: (data: unknown) => void) => unknown }).subscribe(deliver);
    return () => runTeardown(teardown);
  }
  return undefined;
}

/** The host-method caller: `options.call`, else `api.host.call`, else `api.call`. */
export function findCall(api: StreamNookApi | undefined, call: unknown): HostCall | undefined {
  if (typeof call === 'function') return call as HostCall;
  const host = api?.host;
  if (host && typeof host.call === 'function') return host.call.bind(host);
  if (api && typeof api.call === 'function') return api.call.bind(api);
  return undefined;
}
