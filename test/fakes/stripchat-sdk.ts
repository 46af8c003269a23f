/**
 * A stand-in for Stripchat's official helper, `createExtHelper()` from `@stripchatdev/ext-helper`
 * (not on our registry), behaving as its public build does (read, not copied): it peers with
 * `window.parent` at `?origin=` (else the parent's origin), writes `?theme=` (default dark) to
 * `<html data-theme>`, and accepts only messages whose source and origin are the host's. Requests
 * are `iframe_rpc` with ULID ids and never time out; an error answer rejects with an `Error` carrying
 * the host's `code`. Every `subscribe` call announces the event again, and every `unsubscribe` call
 * announces the end of it, even while other handlers of the same event remain; handlers get
 * `(data, peerId)`. On creation it sends `v1.system.resize.notify {height, width}`, and again
 * whenever the body's size changes (a ResizeObserver and a MutationObserver on the body).
 */
import type { ExtHelper } from '../../platform/stripchat/ext.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PEER_ID = 'server';

function ulid(): string {
  let time = '';
  for (let i = 0, t = Date.now(); i < 10; i += 1, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  return time + Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => CROCKFORD[b % 32]).join('');
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RPC_ERROR';
  }
}

export interface FakeSdk extends ExtHelper {
  /** Disconnects from the window (tests only; the real helper has no such call). */
  destroy(): void;
}

export function createFakeExtHelper(win: Window = window): FakeSdk {
  const params = new URL(win.location.href).searchParams;
  const origin = params.get('origin') || win.location.ancestorOrigins?.[0] || '';
  win.document.documentElement.dataset.theme = params.get('theme') || 'dark';
  const peer = win.parent;
  const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const handlers = new Map<string, Set<(data: unknown, peerId: string) => void>>();
  const send = (message: Record<string, unknown>) => peer.postMessage(message, origin);

  const onMessage = (event: MessageEvent) => {
    if (event.source !== peer || event.origin !== origin) return;
    const data = event.data as Record<string, any> | null;
    if (typeof data !== 'object' || data === null || data.version !== '1.0') return;
    if (data.protocol === 'iframe_rpc' && data.type === 'response') {
      const entry = pending.get(data.id);
      if (!entry) return;
      pending.delete(data.id);
      if (data.status === 'ok') entry.resolve(data.result);
      else entry.reject(new RpcError(data.error?.message || 'rpc error', data.error?.code || 'INTERNAL_ERROR'));
    } else if (data.protocol === 'iframe_pubsub' && data.type === 'event') {
      for (const handler of [...(handlers.get(data.eventName) ?? [])]) {
        try {
          handler(data.data, PEER_ID);
        } catch {
          // The helper logs a failing handler and goes on with the next.
        }
      }
    }
  };
  win.addEventListener('message', onMessage);

  const sdk: FakeSdk = {
    makeRequest(method, requestParams) {
      const id = ulid();
      const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      send({ protocol: 'iframe_rpc', version: '1.0', id, timestamp: Date.now(), type: 'request', method, params: requestParams });
      return answer;
    },
    subscribe(eventName, handler) {
      const set = handlers.get(eventName) ?? new Set();
      set.add(handler);
      handlers.set(eventName, set);
      send({ protocol: 'iframe_pubsub', version: '1.0', id: ulid(), seq: ulid(), timestamp: Date.now(), type: 'subscribe', eventName });
    },
    unsubscribe(eventName, handler) {
      const set = handlers.get(eventName);
      if (!set) return;
      if (handler) set.delete(handler);
      else handlers.delete(eventName);
      send({ protocol: 'iframe_pubsub', version: '1.0', id: ulid(), seq: ulid(), timestamp: Date.now(), type: 'unsubscribe', eventName });
    },
    destroy() {
      win.removeEventListener('message', onMessage);
      resize.disconnect();
      mutations.disconnect();
    },
  };

  let size = { height: 0, width: 0 };
  const notify = () => {
    const body = win.document.body;
    const next = { height: Math.max(body.offsetHeight, body.scrollHeight), width: Math.max(body.offsetWidth, body.scrollWidth) };
    if (next.height === size.height && next.width === size.width) return;
    size = next;
    void sdk.makeRequest('v1.system.resize.notify', next).catch(() => undefined);
  };
  notify();
  const resize = new ResizeObserver(notify);
  resize.observe(win.document.body);
  const mutations = new MutationObserver(notify);
  mutations.observe(win.document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden', 'open'] });
  return sdk;
}
