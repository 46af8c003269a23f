/**
 * What a Twitch page does with onair's backend (`backend="https://…"`, see backend.ts for the HTTP
 * client): posts the receipt of a purchase this viewer made, reads the boards widgets ask for when
 * the page loads, and on the broadcaster's page reads the paid spin requests PubSub may have
 * dropped. The adapter hands it tokens and purchases and gets back boards, spin requests (as room
 * messages, the way the Streamer.bot relay delivers them) and problems to report.
 */
import { BehaviorSubject, type Subscription } from 'rxjs';
import { remember } from '../bounded.js';
import type { ErrorCode, LeaderboardEntry, LeaderboardWindow, RoomMessage, Role } from '../model.js';
import { count, id, isRecord, text } from '../validate.js';
import { TwitchBackend, type WheelRequest } from './backend.js';

/** The sender name the backend puts on its paid spin requests (the `from` of its envelopes). */
export const BACKEND_WHEEL_SENDER = 'ebs.wheel';
/** The room message type of a paid spin request, shared with the wheel and the Streamer.bot relay. */
export const WHEEL_REQUEST = 'wheel.request';

const MAX_POSTED = 256;
const WHEEL_REQUESTS = 20;
/** How long a post waits for Twitch to renew a refused token before it reports the purchase uncounted. */
const TOKEN_WAIT_MS = 10 * 60_000;

export interface BackendLinkHost {
  report(code: ErrorCode, message: string, payload?: unknown): void;
  /** A board read over HTTP; the adapter applies it unless a PubSub snapshot came first. */
  board(window: LeaderboardWindow, entries: LeaderboardEntry[]): void;
  /** A verified paid spin request, as a room message. */
  request(message: RoomMessage): void;
}

export class BackendLink {
  private readonly client: TwitchBackend;
  private readonly token$ = new BehaviorSubject<string | undefined>(undefined);
  private readonly aborts = new AbortController();
  private readonly asked = new Set<LeaderboardWindow>();
  private readonly posted = new Set<string>();
  private role?: Role;
  private catchingUp = false;

  constructor(
    url: string,
    private readonly host: BackendLinkHost,
  ) {
    this.client = new TwitchBackend(url, {
      token: () => this.token$.getValue(),
      freshToken: (stale, signal) => this.nextToken(stale, TOKEN_WAIT_MS, signal),
    });
  }

  /** Every `onAuthorized`: the broadcaster's page catches up on spin requests the first time. */
  authorized(token: unknown, role: Role | undefined): void {
    const first = this.token$.getValue() === undefined;
    this.role = role;
    if (typeof token === 'string' && token.length > 0) this.token$.next(token);
    if (first) this.catchUp();
  }

  /**
   * The page may have missed PubSub messages (it was hidden, offline or reconnecting): the
   * broadcaster's page reads the paid spin requests again.
   */
  gap(): void {
    this.catchUp();
  }

  /** A purchase this viewer completed (`initiator === "current_user"`): posted until counted or refused. */
  purchase(transactionId: string, receipt: unknown): void {
    if (this.posted.has(transactionId)) return;
    remember(this.posted, transactionId, undefined, MAX_POSTED);
    if (typeof receipt !== 'string' || receipt.length === 0) {
      this.host.report('invalid-payload', 'A Bits purchase came without a receipt, so the backend cannot count it.', { transactionId });
      return;
    }
    void this.client.postReceipt(receipt, this.aborts.signal).then((outcome) => {
      if (this.aborts.signal.aborted) return;
      if (outcome.status === 'refused') {
        this.host.report('receipt-refused', `The backend refused a Bits receipt (${outcome.reason}); it was not counted.`, { transactionId, reason: outcome.reason });
      } else if (outcome.status === 'failed') {
        this.host.report('receipt-unconfirmed', `The backend has not counted a Bits purchase yet (${outcome.reason}).`, { transactionId, reason: outcome.reason });
      }
    });
  }

  /** A widget asked for a board: read it once, after the first token. */
  wantBoard(window: LeaderboardWindow): void {
    if (this.asked.has(window)) return;
    this.asked.add(window);
    void this.withToken(() => this.client.leaderboard(window, 100, this.aborts.signal)).then((snapshot) => {
      if (!snapshot || this.aborts.signal.aborted) return;
      if (snapshot.skipped > 0) this.host.report('invalid-payload', `Left ${snapshot.skipped} malformed leaderboard entries out.`, { window });
      this.host.board(window, snapshot.entries);
    });
  }

  dispose(): void {
    this.aborts.abort();
    this.token$.complete();
  }

  /** The broadcaster's page reads recent paid spin requests; the wheel spins each payment once. */
  private catchUp(): void {
    if (this.role !== 'broadcaster' || this.catchingUp) return;
    this.catchingUp = true;
    void this.withToken(() => this.client.wheelRequests(WHEEL_REQUESTS, this.aborts.signal)).then((requests) => {
      this.catchingUp = false;
      if (!requests || this.aborts.signal.aborted) return;
      // Oldest first, so spins play in the order they were paid.
      for (const request of [...requests].reverse()) this.host.request(requestMessage(request, Date.parse(request.at)));
    });
  }

  /** Runs `call` once there is a token (Twitch authorizes a moment after load). */
  private async withToken<T>(call: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.token$.getValue() === undefined && !(await this.nextToken(undefined, TOKEN_WAIT_MS, this.aborts.signal))) return undefined;
    return call();
  }

  /**
   * True once a token other than `stale` is here; false after `waitMs`, on abort or on dispose.
   * A plain timer and listener rather than RxJS `race`/`timer`/`fromEvent`/`firstValueFrom`, which
   * would bring RxJS's scheduler, `innerFrom` and tslib into the Twitch chunk (≈ 1.5 kB gzip).
   */
  private nextToken(stale: string | undefined, waitMs: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted || this.token$.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      let finished = false;
      let subscription: Subscription | undefined;
      // The first answer ends the wait: no timer, abort listener or subscription outlives it.
      const finish = (fresh: boolean) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        subscription?.unsubscribe();
        resolve(fresh);
      };
      const giveUp = () => finish(false);
      const timer = setTimeout(giveUp, waitMs);
      signal?.addEventListener('abort', giveUp);
      subscription = this.token$.subscribe({
        next: (token) => {
          if (token !== undefined && token !== stale) finish(true);
        },
        complete: giveUp,
      });
      // The current token came synchronously, before `subscription` was set.
      if (finished) subscription.unsubscribe();
    });
  }
}

/**
 * The backend's `wheel.request` payload (`{ paymentId, userId, name, sku, amount }`) as the neutral
 * spin request widgets read: the payment, the item it bought, what it cost and who paid. `undefined`
 * when malformed.
 */
export function backendWheelRequest(payload: unknown, sentAt: number): RoomMessage | undefined {
  if (!isRecord(payload)) return undefined;
  const paymentId = id(payload.paymentId);
  const userId = id(payload.userId);
  const sku = text(payload.sku, 128);
  const amount = count(payload.amount);
  if (!paymentId || !userId || !sku || amount === undefined) return undefined;
  return requestMessage({ paymentId, userId, sku, amount }, sentAt);
}

/** `paidAt`: when the backend counted the payment (ms since epoch; 0 when unknown): the wheel ignores stale ones. */
function requestMessage(request: Omit<WheelRequest, 'at' | 'name'>, paidAt: number): RoomMessage {
  return {
    type: WHEEL_REQUEST,
    payload: { paymentId: request.paymentId, item: request.sku, amount: request.amount, currency: 'bits', payer: request.userId },
    from: BACKEND_WHEEL_SENDER,
    sentAt: Number.isFinite(paidAt) ? paidAt : 0,
  };
}
