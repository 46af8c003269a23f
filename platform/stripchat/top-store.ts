/**
 * The host-side leaderboard: a Stripchat `top` storage counter (declared in the extension's
 * manifest) that the model's page adds each tip to, read per window and refreshed after tips.
 */
import { Subject, type Observable } from 'rxjs';
import { shareLatest, until } from '../streams.js';
import type { LeaderboardEntry, LeaderboardWindow, Tip } from '../model.js';
import { remember } from '../bounded.js';
import { isRecord, num } from '../validate.js';
import { mapTopUsers } from './map.js';
import { rereads, type StoreHost } from './reread.js';

const TOP_WINDOWS: Partial<Record<LeaderboardWindow, string>> = { '1d': 'TOP_1D', '7d': 'TOP_7D', '30d': 'TOP_30D' };
const MAX_NAMES = 1_000;
const MAX_BOARDS = 12;

export class TopStore {
  private readonly names = new Map<string, string>();
  private readonly boards = new Map<string, Observable<LeaderboardEntry[]>>();
  private readonly dirty = new Subject<void>();
  private readonly closing = new Subject<void>();

  constructor(
    private readonly key: string,
    private readonly host: StoreHost,
  ) {}

  /** The board for `window` (1d, 7d, 30d only), re-read after tips; `undefined` for other windows. */
  board(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    const top = TOP_WINDOWS[window];
    if (!top) return undefined;
    const topN = Math.min(Math.max(Math.round(num(limit, 1, 100) ?? 10), 1), 100);
    const cacheKey = `${top}:${topN}`;
    let board = this.boards.get(cacheKey);
    if (!board) {
      board = rereads(this.dirty, () => this.fetch(top, topN)).pipe(
        until(this.closing),
        shareLatest(),
      );
      remember(this.boards, cacheKey, board, MAX_BOARDS);
    }
    return board;
  }

  /** A tip arrived: remember its tipper's name, add it to the counter when `record`, then re-read. */
  async tipped(tip: Tip, record: boolean): Promise<void> {
    const userId = tip.user.id;
    if (userId) remember(this.names, userId, tip.user.name, MAX_NAMES);
    // Anonymous tips are not credited to anyone.
    if (record && userId) {
      const params = { key: this.key, amount: String(tip.amount), userId, meta: tip.user.name };
      const answer = await this.host.request('v1.storage.top.increment', params);
      if (!answer.ok) this.host.report('request-failed', `The tip was not added to the leaderboard: ${answer.error}`);
      else if (!isRecord(answer.value) || answer.value.success !== true) this.host.report('store-failed', 'Stripchat did not record the tip.', answer.value);
    }
    this.dirty.next();
  }

  close(): void {
    this.closing.next();
    this.closing.complete();
    this.dirty.complete();
    this.boards.clear();
  }

  private async fetch(top: string, topN: number): Promise<LeaderboardEntry[] | undefined> {
    const answer = await this.host.request('v1.storage.top.get', { key: this.key, top, topN });
    if (!answer.ok) {
      this.host.report('request-failed', `v1.storage.top.get failed: ${answer.error}`);
      return undefined;
    }
    const mapped = mapTopUsers(answer.value);
    if (!mapped) {
      this.host.report('invalid-payload', 'Stripchat sent a leaderboard onair cannot use.', answer.value);
      return undefined;
    }
    if (mapped.skipped > 0) this.host.report('invalid-payload', `${mapped.skipped} leaderboard row(s) skipped as malformed.`, answer.value);
    // The host ranks the rows; equal `firstAt` keeps its order in any stable re-sort.
    return mapped.users.slice(0, topN).map((user, index) => ({
      userId: user.userId,
      name: this.names.get(user.userId) ?? user.meta ?? `#${user.userId}`,
      total: user.total,
      rank: index + 1,
      firstAt: new Date(0),
      currency: 'tokens',
    }));
  }
}
