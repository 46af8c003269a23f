/**
 * The shape of Stripchat's extension helper (`createExtHelper()` from `@stripchatdev/ext-helper`),
 * and onair's own client for the same postMessage protocol, for pages without a bundler.
 */
import { oneOf, isRecord, text, THEMES } from '../validate.js';
import { notifySize } from './resize.js';

export type ExtHandler = (data: unknown) => void;

/** What `createExtHelper()` returns; onair accepts any object of this shape. */
export interface ExtHelper {
  makeRequest(method: string, params: unknown): Promise<unknown>;
  subscribe(eventName: string, handler: ExtHandler): void;
  unsubscribe(eventName: string, handler?: ExtHandler): void;
}

export function isExtHelper(value: unknown): value is ExtHelper {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['makeRequest', 'subscribe', 'unsubscribe'].every((key) => typeof candidate[key] === 'function');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id: 10 characters of millisecond time, then 16 random ones (Crockford base32). */
export function ulid(now = Date.now()): string {
  let time = '';
  for (let i = 0, t = now; i < 10; i += 1, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => CROCKFORD[b % 32]).join('');
  return time + random;
}

/**
 * The host origin an extension iframe may talk to: `?origin=` when given, else the parent's origin
 * from `location.ancestorOrigins` (set by the browser, so it cannot be forged by a message), else
 * `undefined`. Only plain http(s) origins pass.
 */
export function resolveHostOrigin(origin: unknown, win: Window = window): string | undefined {
  if (origin !== undefined) return validOrigin(origin);
  return validOrigin(win.location.ancestorOrigins?.[0]);
}

export function validOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if (!bare || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export interface PostMessageExtOptions {
  /** The host's origin; every message goes only there and only its messages are accepted. */
  hostOrigin: string;
  /** The host window (the extension iframe's parent). */
  peer: Window;
  /** The extension's own window, whose `message` events carry the host's answers. */
  self?: Window;
  /** Milliseconds before an unanswered request rejects. */
  timeoutMs?: number;
  /** Called when an event handler throws, so the adapter can report it. */
  onHandlerError?: (eventName: string, error: unknown) => void;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const PROTOCOL_VERSION = '1.0';
const DEFAULT_TIMEOUT_MS = 15_000;
/** `v1.ext.activity.request` waits until the shared slot is free, so it may take long. */
export const ACTIVITY_TIMEOUT_MS = 90_000;
const SLOW_METHODS: Record<string, number> = { 'v1.ext.activity.request': ACTIVITY_TIMEOUT_MS };

/**
 * A small client for the iframe_rpc / iframe_pubsub protocol the official helper speaks (read off its
 * bundle; undocumented): requests carry ids and are matched to responses by id, event subscriptions
 * are announced to the host with a sequence number, and only messages from the host window at the
 * host origin are accepted.
 */
export class PostMessageExt implements ExtHelper {
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, Set<ExtHandler>>();
  private readonly self: Window;
  private readonly timeoutMs: number;
  private closed = false;
  private stopSizing?: () => void;

  constructor(private readonly options: PostMessageExtOptions) {
    this.self = options.self ?? window;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.self.addEventListener('message', this.onMessage);
  }

  makeRequest(method: string, params: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The Stripchat connection is closed.'));
    const id = ulid();
    return new Promise((resolve, reject) => {
      const timeout = Math.max(this.timeoutMs, SLOW_METHODS[method] ?? 0);
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeout} ms`));
      }, timeout);
      this.pending.set(id, { resolve, reject, timer });
      const request = { protocol: 'iframe_rpc', version: PROTOCOL_VERSION, id, timestamp: Date.now(), type: 'request', method, params };
      if (!this.post(request)) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new Error(`${method} could not be sent to the host`));
      }
    });
  }

  subscribe(eventName: string, handler: ExtHandler): void {
    if (this.closed) return;
    let set = this.handlers.get(eventName);
    if (!set) {
      set = new Set();
      this.handlers.set(eventName, set);
      this.postPubsub('subscribe', eventName);
    }
    set.add(handler);
  }

  unsubscribe(eventName: string, handler?: ExtHandler): void {
    const set = this.handlers.get(eventName);
    if (!set) return;
    if (handler) set.delete(handler);
    else set.clear();
    if (set.size > 0) return;
    this.handlers.delete(eventName);
    this.postPubsub('unsubscribe', eventName);
  }

  /** Tells the host this document's size now and on every change, as the official helper does. */
  watchSize(doc: Document): void {
    this.stopSizing?.();
    this.stopSizing = notifySize(this, doc, (error) => this.options.onHandlerError?.('v1.system.resize.notify', error));
  }

  /** Unsubscribes from every event, rejects pending requests and stops listening. */
  close(): void {
    if (this.closed) return;
    this.stopSizing?.();
    for (const eventName of [...this.handlers.keys()]) this.unsubscribe(eventName);
    this.closed = true;
    this.self.removeEventListener('message', this.onMessage);
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error('The Stripchat connection is closed.'));
      this.pending.delete(id);
    }
  }

  private postPubsub(type: 'subscribe' | 'unsubscribe', eventName: string): void {
    // The official helper sends a fresh ULID as `seq` too.
    this.post({ protocol: 'iframe_pubsub', version: PROTOCOL_VERSION, id: ulid(), seq: ulid(), timestamp: Date.now(), type, eventName });
  }

  private post(message: Record<string, unknown>): boolean {
    try {
      this.options.peer.postMessage(message, this.options.hostOrigin);
      return true;
    } catch {
      return false;
    }
  }

  private readonly onMessage = (event: MessageEvent): void => {
    if (event.source !== this.options.peer || event.origin !== this.options.hostOrigin) return;
    const data: unknown = event.data;
    if (!isRecord(data)) return;
    if (data.protocol === 'iframe_rpc' && data.type === 'response') this.onResponse(data);
    else if (data.protocol === 'iframe_pubsub' && data.type === 'event') this.onEvent(data);
  };

  private onResponse(data: Record<string, unknown>): void {
    const id = typeof data.id === 'string' ? data.id : undefined;
    const pending = id === undefined ? undefined : this.pending.get(id);
    // Unknown ids are late answers to timed-out requests, duplicates, or someone else's traffic.
    if (!pending || id === undefined) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (data.status === 'ok') pending.resolve(data.result);
    else pending.reject(new Error(errorMessage(data.error)));
  }

  private onEvent(data: Record<string, unknown>): void {
    const eventName = typeof data.eventName === 'string' ? data.eventName : undefined;
    const set = eventName === undefined ? undefined : this.handlers.get(eventName);
    if (!set || eventName === undefined) return;
    for (const handler of [...set]) {
      try {
        handler(data.data);
      } catch (error) {
        this.options.onHandlerError?.(eventName, error);
      }
    }
  }
}

/**
 * onair's drop-in stand-in for the official `createExtHelper()`: a helper object for this slot,
 * talking only to the `?origin=` host (else the parent's origin the browser reports), with
 * `?theme=` (default dark) on `<html data-theme>` and the document's size sent to the host, as the
 * official helper does. For page code that wants subscriptions of its own next to onair's: create
 * it once and hand it to `<onair-platform>.ext`. `undefined` outside an extension slot.
 */
export function createStripchatHelper(win: Window = window, options: { timeoutMs?: number } = {}): PostMessageExt | undefined {
  const params = new URLSearchParams(win.location.search);
  const hostOrigin = resolveHostOrigin(params.get('origin') ?? undefined, win);
  if (!hostOrigin || win.parent === win) return undefined;
  win.document.documentElement.dataset.theme = oneOf(THEMES, params.get('theme')) ?? 'dark';
  const ext = new PostMessageExt({ hostOrigin, peer: win.parent, self: win, timeoutMs: options.timeoutMs });
  ext.watchSize(win.document);
  return ext;
}

function errorMessage(error: unknown): string {
  if (!isRecord(error)) return 'The host answered with an error.';
  const message = text(error.message, 200) ?? 'The host answered with an error.';
  const code = text(error.code, 40);
  return code ? `${message} (${code})` : message;
}
