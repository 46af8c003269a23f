import type { ConnectionReason, ConnectionStatus, ErrorCode } from '../model.js';
import { errorMessage, isRecord, text } from '../validate.js';
import { DEFAULT_TIMING, type SocketTiming } from './timing.js';

export { DEFAULT_TIMING, type SocketTiming };

export type Frame = Record<string, unknown>;

/**
 * A request's outcome. `transient` failures (timeout, offline) say nothing about the request
 * itself; `unknown` means it was sent but never answered (timeout, or the socket closed), so
 * Streamer.bot may still have carried it out.
 */
export type Reply = { ok: true; frame: Frame } | { ok: false; error: string; transient: boolean; unknown?: boolean };

/** Events waiting to be handled are capped; past this the oldest are dropped and reported. */
const MAX_QUEUED_EVENTS = 50_000;
/** Event handling yields to other tasks (replies, timers, rendering) after this long. */
const EVENT_SLICE_MS = 8;
/** How long a timed-out request still listens for its late reply. */
export const LATE_REPLY_MS = 10 * 60_000;

export interface SocketHandlers {
  status(status: ConnectionStatus): void;
  /** Runs after the handshake on every (re)connection; `false` drops the socket and retries. */
  ready(): Promise<boolean>;
  /** Every frame that is neither the handshake nor a reply to one of our requests. */
  frame(frame: Frame): void;
  problem(code: ErrorCode, message: string, payload?: unknown): void;
}

/** Settles one waiting request with the reply that carries its id. */
type Pending = (reply: Reply) => void;

/**
 * One Streamer.bot WebSocket connection that stays up: the v0.2.5 Hello → Authenticate handshake,
 * request/reply pairing by id, a liveness check that catches half-open sockets, and reconnects
 * forever with capped exponential backoff and jitter. A rejected or missing password stops
 * retrying (state `error`) until `restart()`.
 *
 * Liveness cannot be starved by an event flood: any frame counts as a sign of life (the `GetInfo`
 * probe is only sent after a quiet interval), replies are settled the moment they arrive, and
 * events are handled in time-boxed batches that let replies and timers run in between.
 */
export class StreamerbotSocket {
  private ws?: WebSocket;
  private attempt = 0;
  private halted = false;
  private closed = false;
  private greeted = false;
  private nextId = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private helloTimer?: ReturnType<typeof setTimeout>;
  private pingTimer?: ReturnType<typeof setInterval>;
  private pinging = false;
  /** Handshake and subscription done on the current socket. */
  private live = false;
  /** `performance.now()` of the last frame received on the current socket. */
  private lastFrameAt = 0;
  private readonly pending = new Map<string, Pending>();
  /** Timed-out requests still listening for their late reply. */
  private readonly late = new Map<string, { late: (reply: Reply) => void; timer: ReturnType<typeof setTimeout> }>();
  private readonly queue: Frame[] = [];
  private queueHead = 0;
  private draining = false;
  private readonly wake = new MessageChannel();

  constructor(
    private readonly url: string,
    private readonly password: string | undefined,
    private readonly timing: SocketTiming,
    private readonly on: SocketHandlers,
  ) {
    this.wake.port1.onmessage = () => this.drainEvents();
  }

  start(): void {
    this.on.status({ state: 'connecting', reason: 'connecting', detail: `Connecting to Streamer.bot at ${this.url}…` });
    this.open();
  }

  /** Drops the current socket (if any) and connects again now, also after an auth failure. */
  restart(): void {
    if (this.closed) return;
    this.teardown();
    this.halted = false;
    this.attempt = 1;
    this.on.status({ state: 'reconnecting', reason: 'connecting', detail: 'Reconnecting to Streamer.bot on request (attempt 1)…' });
    this.open();
  }

  /** Closes for good: socket, timers and pending requests. */
  close(): void {
    this.closed = true;
    this.teardown();
    this.queue.length = this.queueHead = 0;
    this.wake.port1.onmessage = null;
    this.wake.port1.close();
  }

  get connected(): boolean {
    return this.live;
  }

  /**
   * Sends `{ request, id, ...body }` and waits for the reply with the same id. Never rejects.
   * With `late`, a reply that comes after the timeout (within `LATE_REPLY_MS`) goes to `late`.
   */
  request(request: string, body: Frame = {}, ms = this.timing.requestTimeout, late?: (reply: Reply) => void): Promise<Reply> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.resolve({ ok: false, error: 'Not connected to Streamer.bot.', transient: true });
    }
    const id = `onair-${++this.nextId}`;
    const timedOut: Reply = { ok: false, error: `Streamer.bot did not answer ${request} in time.`, transient: true, unknown: true };
    // A plain timer rather than RxJS's `timeout`, which brings its scheduler and promise conversion
    // into the adapter's chunk (about 2 kB gzip). A reply (or teardown) clears it in the same call.
    const answered = new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        if (late) this.late.set(id, { late, timer: setTimeout(() => this.late.delete(id), LATE_REPLY_MS) });
        resolve(timedOut);
      }, ms);
      this.pending.set(id, (settled) => {
        clearTimeout(timer);
        resolve(settled);
      });
    });
    try {
      ws.send(JSON.stringify({ ...body, request, id }));
    } catch (error) {
      this.settle(id, { ok: false, error: `Could not send ${request}: ${String(error)}`, transient: true });
    }
    return answered;
  }

  private open(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch (error) {
      // An unusable URL, or ws: from an https page: retrying cannot help.
      this.halt(`Cannot open ${this.url}: ${errorMessage(error)}`, 'connect-failed', 'host-unreachable');
      return;
    }
    this.ws = ws;
    this.greeted = false;
    ws.onopen = () => this.opened(ws);
    ws.onmessage = (event: MessageEvent) => this.received(ws, event.data);
    ws.onclose = () =>
      this.live ? this.drop(ws, 'Lost the connection to Streamer.bot.', 'connection-lost') : this.drop(ws, `Could not reach Streamer.bot at ${this.url}.`, 'host-unreachable');
  }

  private opened(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.helloTimer = setTimeout(() => {
      if (ws === this.ws && !this.greeted) this.handshake(ws, {});
    }, this.timing.helloTimeout);
  }

  private received(ws: WebSocket, data: unknown): void {
    if (ws !== this.ws) return;
    this.lastFrameAt = performance.now();
    const frame = parse(data);
    if (!frame) {
      this.on.problem('invalid-payload', 'Streamer.bot sent a frame that is not a JSON object; skipped.', data);
      return;
    }
    if (frame.request === 'Hello') {
      if (!this.greeted) this.handshake(ws, frame);
      return;
    }
    const id = typeof frame.id === 'string' ? frame.id : undefined;
    if (id !== undefined && 'status' in frame) {
      const reply: Reply = frame.status === 'ok' ? { ok: true, frame } : { ok: false, error: text(frame.error, 300) ?? 'Streamer.bot answered with an error.', transient: false };
      if (this.pending.has(id)) this.settle(id, reply);
      else this.settleLate(id, reply);
      return;
    }
    this.enqueue(frame);
  }

  /** Events wait their turn; replies (above) never wait behind them. */
  private enqueue(frame: Frame): void {
    if (this.queue.length - this.queueHead >= MAX_QUEUED_EVENTS) {
      this.queueHead += 1;
      this.on.problem('queue-full', 'Streamer.bot sends events faster than this page can handle them; the oldest waiting event was dropped.');
    }
    this.queue.push(frame);
    if (!this.draining) {
      this.draining = true;
      this.wake.port2.postMessage(null);
    }
  }

  private drainEvents(): void {
    const until = performance.now() + EVENT_SLICE_MS;
    while (this.queueHead < this.queue.length && performance.now() < until) {
      const frame = this.queue[this.queueHead];
      this.queueHead += 1;
      this.on.frame(frame);
    }
    if (this.queueHead < this.queue.length) {
      this.wake.port2.postMessage(null);
      return;
    }
    this.queue.length = 0;
    this.queueHead = 0;
    this.draining = false;
  }

  private handshake(ws: WebSocket, hello: Frame): void {
    this.greet(ws, hello).catch((error: unknown) => {
      this.on.problem('handshake-failed', `The Streamer.bot handshake failed: ${String(error)}`);
      this.drop(ws, 'The handshake with Streamer.bot failed.', 'invalid-response');
    });
  }

  private async greet(ws: WebSocket, hello: Frame): Promise<void> {
    this.greeted = true;
    clearTimeout(this.helloTimer);
    const challenge = isRecord(hello.authentication) ? hello.authentication : undefined;
    const passed = challenge ? await this.authenticate(ws, challenge) : true;
    if (ws !== this.ws || !passed) return;
    const ready = await this.on.ready();
    if (ws !== this.ws) return;
    if (!ready) {
      this.drop(ws, 'Streamer.bot did not accept the event subscription.', 'invalid-response');
      return;
    }
    this.attempt = 0;
    this.live = true;
    this.startPing(ws);
    this.on.status({ state: 'connected', reason: 'connected', detail: `Connected to Streamer.bot at ${this.url}.` });
  }

  /** Answers the Hello challenge; `false` means the socket was dropped or halted. */
  private async authenticate(ws: WebSocket, challenge: Record<string, unknown>): Promise<boolean> {
    if (this.password === undefined) {
      // Without "enforce for all requests" the server still serves unauthenticated clients.
      const probe = await this.request('GetInfo');
      if (probe.ok) return true;
      if (ws === this.ws) this.halt('Streamer.bot asks for a password: set the `password` option to the WebSocket server password.', 'auth-failed');
      return false;
    }
    const salt = text(challenge.salt, 1000);
    const nonce = text(challenge.challenge, 1000);
    if (!salt || !nonce) {
      this.halt('Streamer.bot sent an authentication challenge without salt or challenge.', 'auth-failed');
      return false;
    }
    if (!globalThis.crypto?.subtle) {
      this.halt('Password authentication needs a secure page (https, localhost or a local file).', 'auth-failed');
      return false;
    }
    const secret = await sha256Base64(this.password + salt);
    const reply = await this.request('Authenticate', { authentication: await sha256Base64(secret + nonce) });
    if (ws !== this.ws) return false;
    if (reply.ok) return true;
    if (reply.transient) this.drop(ws, reply.error, 'host-unreachable');
    else this.halt(`Streamer.bot rejected the password (${reply.error}). Check the \`password\` option.`, 'auth-failed');
    return false;
  }

  /**
   * Every `pingInterval`: a socket that delivered any frame since the last check is alive; a quiet
   * one is probed with `GetInfo` and dropped only when neither the reply nor any other frame
   * arrives within `pingTimeout`.
   */
  private startPing(ws: WebSocket): void {
    this.pingTimer = setInterval(() => {
      if (this.pinging || performance.now() - this.lastFrameAt < this.timing.pingInterval) return;
      this.pinging = true;
      const sent = performance.now();
      void this.request('GetInfo', {}, this.timing.pingTimeout).then((reply) => {
        if (ws !== this.ws) return;
        this.pinging = false;
        if (!reply.ok && reply.transient && this.lastFrameAt < sent) this.drop(ws, 'Streamer.bot stopped answering.', 'connection-lost');
      });
    }, this.timing.pingInterval);
  }

  /** Forgets `ws` and schedules the next attempt, unless halted or closed. */
  private drop(ws: WebSocket, detail: string, reason: ConnectionReason): void {
    if (ws !== this.ws) return;
    this.teardown();
    if (this.halted || this.closed) return;
    this.attempt += 1;
    this.on.status({ state: 'reconnecting', reason, detail: `${detail} Reconnecting (attempt ${this.attempt})…` });
    this.retryTimer = setTimeout(() => this.open(), this.delay(this.attempt));
  }

  private halt(detail: string, code: ErrorCode, reason: ConnectionReason = 'auth-failed'): void {
    this.teardown();
    this.halted = true;
    this.on.problem(code, detail);
    this.on.status({ state: 'error', reason, detail });
  }

  private delay(attempt: number): number {
    const { backoffMin, backoffMax, jitter } = this.timing;
    const base = Math.min(backoffMax, backoffMin * 2 ** Math.min(attempt - 1, 30));
    return Math.round(base * (1 + jitter * (2 * Math.random() - 1)));
  }

  private settleLate(id: string, reply: Reply): void {
    const waiting = this.late.get(id);
    if (!waiting) return;
    this.late.delete(id);
    clearTimeout(waiting.timer);
    waiting.late(reply);
  }

  private settle(id: string, reply: Reply): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    pending?.(reply);
  }

  private teardown(): void {
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      // A half-open socket may never finish the closing handshake; we no longer listen to it.
      try {
        ws.close();
      } catch {
        // Already closing.
      }
    }
    clearTimeout(this.retryTimer);
    clearTimeout(this.helloTimer);
    clearInterval(this.pingTimer);
    this.retryTimer = this.helloTimer = this.pingTimer = undefined;
    this.pinging = false;
    this.live = false;
    for (const id of [...this.pending.keys()]) {
      this.settle(id, { ok: false, error: 'The connection to Streamer.bot closed before it answered.', transient: true, unknown: true });
    }
    // A reply cannot arrive on a closed socket; events already received are still handled.
    for (const { late, timer } of this.late.values()) {
      clearTimeout(timer);
      late({ ok: false, error: 'The connection to Streamer.bot closed before it answered.', transient: true, unknown: true });
    }
    this.late.clear();
  }
}

function parse(data: unknown): Frame | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

async function sha256Base64(input: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
