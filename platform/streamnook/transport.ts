/**
 * How a hybrid StreamNook plugin's UI module reaches its sidecar (StreamNook docs: plugin-ui,
 * "Hybrid plugins"; api-hooks): app-wide events through `api.events.listen` (`plugin://status`,
 * `plugin://state-changed`), and the sidecar's actions through Tauri's
 * `invoke('plugins_invoke_action', { action, args })`. Host functions are called defensively.
 */
import { isRecord } from '../validate.js';

/** The parts of StreamNook's UI plugin `api` onair uses (the real object is frozen and larger). */
export interface StreamNookApi {
  pluginId?: string;
  events?: { listen?: (name: string, handler: (payload: unknown) => void) => unknown };
  ui?: {
    registerOverlay?: (contribution: Record<string, unknown>) => unknown;
    registerSlot?: (slotId: string, contribution: Record<string, unknown>) => unknown;
  };
  settings?: { registerPanel?: (panel: unknown) => unknown };
  libs?: { react?: { createElement?: (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown } };
  log?: { warn?: (...args: unknown[]) => void };
}

/** Calls a Tauri command: `(cmd, args) => Promise<result>`. */
export type Invoke = (cmd: string, args: Record<string, unknown>) => Promise<unknown>;

interface TauriWindow {
  __TAURI_INTERNALS__?: { invoke?: (cmd: string, args?: Record<string, unknown>) => Promise<unknown> };
}

/**
 * Tauri's command bridge, as `@tauri-apps/api/core`'s `invoke` reaches it inside the app window;
 * undefined outside StreamNook.
 */
export function tauriInvoke(): Invoke | undefined {
  const internals = (globalThis as TauriWindow).__TAURI_INTERNALS__;
  const invoke = internals?.invoke;
  return typeof invoke === 'function' ? (cmd, args) => invoke.call(internals, cmd, args) : undefined;
}

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
 * Listens to each of `names` through `api.events.listen`, which resolves to the unlisten
 * function; one that resolves after `close()` is called at once, so nothing outlives the adapter.
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
