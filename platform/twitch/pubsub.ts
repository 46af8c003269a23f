/**
 * onair's room on Twitch Extension PubSub's `broadcast` target: decodes and orders what arrives
 * (per sender `seq`, see envelope.ts), and encodes, size-checks and paces what goes out (Outbox).
 */
import type { ErrorCode } from '../model.js';
import { remember } from '../bounded.js';
import { envelope } from '../kit/envelope.js';
import { errorMessage } from '../validate.js';
import { byteLength, decodeEnvelope, MAX_MESSAGE_BYTES, type TwitchEnvelope } from './envelope.js';
import type { TwitchHelper } from './hub.js';
import { Outbox } from './outbox.js';

const BROADCAST = 'broadcast';
const EVENT_QUEUE_LIMIT = 20;
const MAX_SENDERS = 256;

export interface PubSubListener {
  /** A fresh envelope (not stale, not a duplicate) from another sender or a backend. */
  receive(envelope: TwitchEnvelope): void;
  report(code: ErrorCode, message: string, payload?: unknown): void;
  /** Runs a host-triggered step so that nothing it throws reaches the helper. */
  guard(step: () => void): void;
}

export class PubSubRoom {
  private readonly outbox: Outbox;
  private readonly lastSeq = new Map<string, number>();
  private seq = 0;
  private foreignReported = false;
  private readonly onMessage = (target: string, _contentType: string, message: string) =>
    this.on.guard(() => target === BROADCAST && this.read(message));

  constructor(
    private readonly ext: TwitchHelper,
    private readonly clientId: string,
    intervalMs: number,
    private readonly on: PubSubListener,
  ) {
    this.outbox = new Outbox({ intervalMs, eventLimit: EVENT_QUEUE_LIMIT, send: (type, payload) => this.sendNow(type, payload) });
    on.guard(() => ext.listen(BROADCAST, this.onMessage));
  }

  /**
   * Queues a message once it is known to fit (measured with the widest possible seq, so it still
   * fits when numbered later); resolves false when it did not go out.
   */
  async send(type: string, payload: unknown, event = false): Promise<boolean> {
    if (this.encode(type, payload, Number.MAX_SAFE_INTEGER) === undefined) return true;
    return this.outbox.push(type, payload, event);
  }

  close(): void {
    try {
      this.ext.unlisten(BROADCAST, this.onMessage);
    } catch {
      // The helper may already be gone with its page; nothing is left to remove then.
    }
    this.outbox.close();
  }

  private read(message: string): void {
    const decoded = decodeEnvelope(message);
    if (decoded.kind === 'foreign') {
      if (!this.foreignReported) this.on.report('foreign-message', 'Ignoring PubSub messages that are not onair envelopes.', message);
      this.foreignReported = true;
    } else if (decoded.kind === 'oversize') {
      this.on.report('oversize', `Dropped a PubSub message over ${MAX_MESSAGE_BYTES} bytes.`, message);
    } else if (decoded.kind === 'invalid') {
      this.on.report('invalid-payload', `Dropped a room message: ${decoded.reason}.`, message);
    } else if (this.isFresh(decoded.envelope)) {
      this.on.receive(decoded.envelope);
    }
  }

  /** Per sender, a message at or below the last seen `seq` is stale or a duplicate. */
  private isFresh({ from, seq }: TwitchEnvelope): boolean {
    const last = this.lastSeq.get(from);
    if (last !== undefined && seq <= last) return false;
    this.lastSeq.delete(from);
    remember(this.lastSeq, from, seq, MAX_SENDERS);
    return true;
  }

  /** The envelope's JSON text, or `undefined` (reported) when it would break the size limit. */
  private encode(type: string, payload: unknown, seq: number): string | undefined {
    let json: string;
    try {
      json = JSON.stringify(envelope(type, payload, this.clientId, seq));
    } catch (error) {
      this.on.report('invalid-message', `A ${type} message cannot be written as JSON: ${errorMessage(error)}`);
      return undefined;
    }
    if (byteLength(json) > MAX_MESSAGE_BYTES) {
      this.on.report('oversize', `A ${type} message is over Twitch's ${MAX_MESSAGE_BYTES}-byte limit and was not sent.`, { type });
      return undefined;
    }
    return json;
  }

  private sendNow(type: string, payload: unknown): void {
    const json = this.encode(type, payload, this.seq + 1);
    if (json === undefined) return;
    this.seq += 1;
    try {
      this.ext.send(BROADCAST, 'application/json', json);
    } catch (error) {
      this.on.report('send-failed', `Twitch did not send a ${type} message: ${errorMessage(error)}`);
    }
  }
}
