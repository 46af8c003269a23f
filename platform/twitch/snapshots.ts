/**
 * What arrives on the room for this page rather than for widgets' room messages: the backend's
 * viewer counts and leaderboards (over PubSub, or read over HTTP on load) and its verified paid
 * spin requests. Snapshots that arrive while the page is hidden are held and applied when it shows.
 */
import { BehaviorSubject } from 'rxjs';
import type { ErrorCode, LeaderboardEntry, LeaderboardWindow, RoomMessage, Viewers } from '../model.js';
import { roomMessage } from '../kit/envelope.js';
import { BackendLink, BACKEND_WHEEL_SENDER, backendWheelRequest, WHEEL_REQUEST } from './backend-link.js';
import { parseLeaderboard, parseViewers, type TwitchEnvelope } from './envelope.js';

export interface SnapshotsHost {
  hidden(): boolean;
  setViewers(viewers: Viewers): void;
  /** A backend snapshot came: the host has a leaderboard store. */
  hasStore(): void;
  /** A room message for the widgets (`BasePlatform.emitRoom`). */
  room(message: RoomMessage): void;
  report(code: ErrorCode, message: string, payload?: unknown): void;
}

export class TwitchSnapshots {
  private readonly boards = new Map<LeaderboardWindow, BehaviorSubject<LeaderboardEntry[] | undefined>>();
  private heldViewers?: Viewers;
  private readonly heldBoards = new Map<LeaderboardWindow, LeaderboardEntry[]>();
  private backend?: BackendLink;

  constructor(private readonly host: SnapshotsHost) {}

  /** Reads boards over HTTP from onair's backend, and trusts its paid spin requests. */
  linkBackend(url: string): BackendLink {
    this.backend = new BackendLink(url, {
      report: (code, message, payload) => this.host.report(code, message, payload),
      board: (window, entries) => {
        if (this.board(window).getValue() === undefined && !this.heldBoards.has(window)) this.show(window, entries);
      },
      request: (message) => this.host.room(message),
    });
    return this.backend;
  }

  /** An envelope from PubSub: a snapshot, a paid spin request, or a room message. */
  dispatch(received: TwitchEnvelope): void {
    const { type, payload } = received;
    if (type === 'viewers') {
      const viewers = parseViewers(payload);
      if (!viewers) this.host.report('invalid-payload', 'Dropped a malformed viewers snapshot.', payload);
      else if (this.host.hidden()) this.heldViewers = viewers;
      else this.host.setViewers(viewers);
      return;
    }
    if (type === 'leaderboard') {
      const snapshot = parseLeaderboard(payload);
      if (!snapshot) {
        this.host.report('invalid-payload', 'Dropped a malformed leaderboard snapshot.', payload);
        return;
      }
      if (snapshot.skipped > 0) this.host.report('invalid-payload', `Left ${snapshot.skipped} malformed leaderboard entries out.`, payload);
      this.host.hasStore();
      this.show(snapshot.window, snapshot.entries);
      return;
    }
    if (type === WHEEL_REQUEST) return this.wheelRequest(received);
    this.host.room(roomMessage(received));
  }

  /** A window's board: `undefined` until a snapshot of it came. */
  board(window: LeaderboardWindow): BehaviorSubject<LeaderboardEntry[] | undefined> {
    let board = this.boards.get(window);
    if (!board) {
      board = new BehaviorSubject<LeaderboardEntry[] | undefined>(undefined);
      this.boards.set(window, board);
    }
    return board;
  }

  /** Snapshots that arrived while hidden are applied when the page shows again (latest wins). */
  releaseHeld(): void {
    if (this.heldViewers) this.host.setViewers(this.heldViewers);
    this.heldViewers = undefined;
    for (const [window, entries] of this.heldBoards) this.board(window).next(entries);
    this.heldBoards.clear();
  }

  dispose(): void {
    for (const board of this.boards.values()) board.complete();
    this.boards.clear();
  }

  /**
   * A paid spin request is trusted only from the backend: the broadcast topic carries only what the
   * broadcaster's pages and the extension's backend send, and the backend sends these only for
   * receipts it verified.
   */
  private wheelRequest(received: TwitchEnvelope): void {
    if (!this.backend || received.from !== BACKEND_WHEEL_SENDER) {
      this.host.report('untrusted-sender', 'Dropped a wheel.request that did not come from the configured backend.', { from: received.from });
      return;
    }
    const request = backendWheelRequest(received.payload, received.sentAt);
    if (request) this.host.room(request);
    else this.host.report('invalid-payload', 'Dropped a malformed paid spin request from the backend.', received.payload);
  }

  /** A board from PubSub, or read over HTTP before any PubSub snapshot of its window came. */
  private show(window: LeaderboardWindow, entries: LeaderboardEntry[]): void {
    if (this.host.hidden()) this.heldBoards.set(window, entries);
    else this.board(window).next(entries);
  }
}
