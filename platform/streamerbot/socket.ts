import type { ConnectionReason, ConnectionStatus, ErrorCode } from '../model.js';
import { errorMessage, isRecord, text } from '../validate.js';
import { DEFAULT_TIMING, type SocketTiming } from './timing.js';

export { DEFAULT_TIMING, type SocketTiming };

export type Frame = Record<string, unknown>;

/** A request's outcome. `transient` failures (timeout, offline) say nothing about the request itself. */
export type Reply = { ok: true; frame: Frame } | { ok: false; error: string; transient: boolean };

export interface SocketHandlers {
  status(status: ConnectionStatus): void;
  /** Runs after the handshake on every (re)connection; `false` drops the socket and retries. */
  ready(): Promise<boolean>;
  /** Every frame that is neither the handshake nor a reply to one of our requests. */
  frame(frame: Frame): void;
  problem(code: ErrorCode, message: string, payload?: unknown): void;
}

interface Pending {
  resolve(reply: Reply): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One Streamer.bot WebSocket connection that stays up: the v0.2.5 Hello → Authenticate handshake,
 * request/reply pairing by id, a periodic `GetInfo` probe that catches half-open sockets, and
 * reconnects forever with capped exponential backoff and jitter. A rejected or missing password
 * stops retrying (state `error`) until `restart()`.
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
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly url: string,
    private readonly password: string | undefined,
    private readonly timing: SocketTiming,
    private readonly on: SocketHandlers,
  ) {}

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
  }

  get connected(): boolean {
    return this.live;
  }

  /** Sends `{ request, id, ...body }` and waits for the reply with the same id. Never rejects. */
  request(request: string, body: Frame = {}, timeout = this.timing.requestTimeout): Promise<Reply> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.resolve({ ok: false, error: 'Not connected to Streamer.bot.', transient: true });
    }
    const id = `onair-${++this.nextId}`;
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: `Streamer.bot did not answer ${request} in time.`, transient: true });
      }, timeout);
      this.pending.set(id, { resolve, timer });
      try {
        ws.send(JSON.stringify({ ...body, request, id }));
      } catch (error) {
        this.settle(id, { ok: false, error: `Could not send ${request}: ${String(error)}`, transient: true });
      }
    });
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
    if (id !== undefined && this.pending.has(id)) {
      this.settle(id, frame.status === 'ok' ? { ok: true, frame } : { ok: false, error: text(frame.error, 300) ?? 'Streamer.bot answered with an error.', transient: false });
      return;
    }
    // A late reply to a request that already timed out is not news.
    if (id !== undefined && 'status' in frame) return;
    this.on.frame(frame);
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

  private startPing(ws: WebSocket): void {
    this.pingTimer = setInterval(() => {
      if (this.pinging) return;
      this.pinging = true;
      void this.request('GetInfo', {}, this.timing.pingTimeout).then((reply) => {
        if (ws !== this.ws) return;
        this.pinging = false;
        if (!reply.ok && reply.transient) this.drop(ws, 'Streamer.bot stopped answering.', 'connection-lost');
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

  private settle(id: string, reply: Reply): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(reply);
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
      this.settle(id, { ok: false, error: 'The connection to Streamer.bot closed.', transient: true });
    }
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
