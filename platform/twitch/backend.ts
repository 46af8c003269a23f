/**
 * The frame side of onair's Twitch backend (`ebs/` in this repository; its README documents the
 * HTTP API). A page that completed a Bits purchase posts the receipt until the backend has counted
 * or refused it; a page that (re)loads reads the leaderboards; the broadcaster's page reads the paid
 * spin requests it may have missed. Never throws: every outcome is a value, and no outcome or
 * reason ever contains the token or the receipt.
 */
import type { LeaderboardWindow } from '../model.js';
import { count, id, isRecord, text } from '../validate.js';
import { parseLeaderboard, type LeaderboardSnapshot } from './envelope.js';

export { backendUrl } from './backend-url.js';

export type ReceiptOutcome =
  | { status: 'counted'; transactionId: string; amount: number; wheel: boolean }
  /** Counted before: by this page on an earlier try whose answer was lost, or by another page. */
  | { status: 'duplicate'; transactionId?: string }
  /** The backend refused the receipt (forged, expired, another channel…): retrying cannot help. */
  | { status: 'refused'; reason: string }
  /** Not counted yet and no more tries left (backend or Twitch unreachable): report it, keep the receipt. */
  | { status: 'failed'; reason: string };

export interface WheelRequest {
  paymentId: string;
  userId: string;
  name: string;
  sku: string;
  amount: number;
  at: string;
}

export interface BackendOptions {
  /** The page's current extension JWT (`onAuthorized`'s `auth.token`); read at every request. */
  token: () => string | undefined;
  /**
   * Resolves true once Twitch hands the page a token other than `stale` (it renews them), false
   * when it gives up. Without it, a refused or missing token ends the receipt's tries.
   */
  freshToken?: (stale: string | undefined, signal?: AbortSignal) => Promise<boolean>;
  fetch?: typeof fetch;
  /** Waits between tries; tests pass an immediate one. */
  sleep?: (ms: number) => Promise<void>;
  /** Tries for one receipt while the backend answers "pending" or is unreachable. */
  maxAttempts?: number;
}

const RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;
const MAX_RECEIPT = 8192;

export class TwitchBackend {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;

  constructor(
    private readonly url: string,
    private readonly options: BackendOptions,
  ) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Posts a `transactionReceipt` until it is counted, known, refused, or the tries run out. */
  async postReceipt(receipt: string, signal?: AbortSignal): Promise<ReceiptOutcome> {
    if (typeof receipt !== 'string' || receipt.length === 0 || receipt.length > MAX_RECEIPT) return { status: 'refused', reason: 'malformed receipt' };
    let reason = 'no answer';
    let wait = RETRY_MS;
    for (let attempt = 0; attempt < this.maxAttempts && !signal?.aborted; attempt++) {
      if (attempt > 0 && wait > 0) await this.sleep(wait);
      // Unreachable: back off; the backend's own retryAfterMs replaces this below.
      wait = Math.min(RETRY_MS * 2 ** attempt, MAX_RETRY_MS);
      const answer = await this.request('POST', '/v1/bits', { receipt }, signal);
      if (answer.kind === 'unauthorized') {
        // The token expired or has not come yet: the receipt stays valid, so post it with the next one.
        if (!(await this.options.freshToken?.(answer.token, signal))) return { status: 'failed', reason: 'no valid extension token' };
        wait = 0;
        continue;
      }
      if (answer.kind === 'unreachable') {
        reason = answer.reason;
        continue;
      }
      const { status, body } = answer;
      const transactionId = id(body.transactionId);
      if (status === 200 && transactionId) {
        return { status: 'counted', transactionId, amount: count(body.amount) ?? 0, wheel: body.wheel === true };
      }
      if (status === 409) return transactionId ? { status: 'duplicate', transactionId } : { status: 'duplicate' };
      if (status === 202 || status === 503) {
        reason = status === 202 ? 'pending' : 'Twitch unavailable';
        wait = Math.min(Math.max(count(body.retryAfterMs) ?? RETRY_MS, 250), MAX_RETRY_MS);
        continue;
      }
      if (status >= 500) {
        reason = `backend answered ${status}`;
        continue;
      }
      return { status: 'refused', reason: text(body.error, 64) ?? `backend answered ${status}` };
    }
    return { status: 'failed', reason: signal?.aborted ? 'aborted' : reason };
  }

  /** A board as it stands now (for a page that loads late), or `undefined` when unavailable. */
  async leaderboard(window: LeaderboardWindow, limit = 100, signal?: AbortSignal): Promise<LeaderboardSnapshot | undefined> {
    const query = new URLSearchParams({ window, limit: String(Math.min(Math.max(Math.trunc(limit), 1), 100)) });
    const answer = await this.read(`/v1/leaderboard?${query}`, signal);
    if (answer.kind !== 'answer' || answer.status !== 200) return undefined;
    const snapshot = parseLeaderboard(answer.body);
    return snapshot && snapshot.window === window ? snapshot : undefined;
  }

  /** Paid spin requests, newest first (broadcaster or moderator token only); malformed ones are left out. */
  async wheelRequests(limit = 20, signal?: AbortSignal): Promise<WheelRequest[] | undefined> {
    const asked = Math.min(Math.max(Math.trunc(limit), 1), 100);
    const answer = await this.read(`/v1/wheel/requests?limit=${asked}`, signal);
    if (answer.kind !== 'answer' || answer.status !== 200 || !Array.isArray(answer.body.requests)) return undefined;
    // A backend that lists more than asked (5,000) must not become 5,000 spins: the newest `asked` only.
    return answer.body.requests.slice(0, asked).map(parseWheelRequest).filter((request): request is WheelRequest => request !== undefined);
  }

  /** A GET, once more with Twitch's next token when the backend refused this one as expired. */
  private async read(path: string, signal: AbortSignal | undefined) {
    const answer = await this.request('GET', path, undefined, signal);
    if (answer.kind !== 'unauthorized' || !(await this.options.freshToken?.(answer.token, signal))) return answer;
    return this.request('GET', path, undefined, signal);
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<{ kind: 'answer'; status: number; body: Record<string, unknown> } | { kind: 'unauthorized'; token?: string } | { kind: 'unreachable'; reason: string }> {
    const token = this.options.token();
    if (!token) return { kind: 'unauthorized' };
    let response: Response;
    try {
      response = await this.fetch(`${this.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return { kind: 'unreachable', reason: 'backend unreachable' };
    }
    if (response.status === 401) return { kind: 'unauthorized', token };
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      data = undefined;
    }
    return { kind: 'answer', status: response.status, body: isRecord(data) ? data : {} };
  }
}

function parseWheelRequest(value: unknown): WheelRequest | undefined {
  if (!isRecord(value)) return undefined;
  const paymentId = id(value.paymentId);
  const userId = id(value.userId);
  const name = text(value.name) ?? userId;
  const sku = text(value.sku, 128);
  const amount = count(value.amount);
  const at = text(value.at, 40);
  if (!paymentId || !userId || !name || !sku || amount === undefined || !at) return undefined;
  return { paymentId, userId, name, sku, amount, at };
}
