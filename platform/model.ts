/**
 * The platform-neutral model every widget binds to. Adapters translate host payloads into these
 * shapes after validating them; widgets never see a host's own types.
 */
import type { Observable } from 'rxjs';

/** `tokens` (Stripchat), `bits` (Twitch) or an ISO 4217 money code such as `USD`. */
export type Currency = 'tokens' | 'bits' | (string & {});

/** Audience size. `null` (in place of a `Viewers`) means the host has no count right now. */
export interface Viewers {
  total: number;
  guests?: number;
  withTokens?: number;
  /** Per-platform counts when the host aggregates several (e.g. `{ twitch: 120, youtube: 40 }`). */
  byPlatform?: Record<string, number>;
}

export interface TipMenuItem {
  id: string;
  label: string;
  price: number;
  currency: Currency;
}

export interface TipMenu {
  enabled: boolean;
  items: TipMenuItem[];
}

export interface TipUser {
  id?: string;
  name: string;
}

/** A tip received by the broadcaster, from anyone. */
export interface Tip {
  id: string;
  user: TipUser;
  amount: number;
  currency: Currency;
  message?: string;
  at: Date;
  /** Where it came from: the adapter name, or a finer source such as `streamelements`. */
  source: string;
}

export interface LeaderboardEntry {
  userId: string;
  name: string;
  total: number;
  rank: number;
  /** When this contributor reached the current total; earlier wins ties. */
  firstAt: Date;
  currency?: Currency;
}

export const LEADERBOARD_WINDOWS = ['session', '1d', '7d', '30d', 'all'] as const;
/** `session` = since the board started; the others are rolling windows; `all` = everything kept. */
export type LeaderboardWindow = (typeof LEADERBOARD_WINDOWS)[number];

export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'disconnected'
  | 'error'
  | 'no-host';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Human-readable explanation, shown by the status pill. */
  detail?: string;
}

export type Role = 'broadcaster' | 'moderator' | 'viewer' | 'guest';

export interface HostContext {
  theme: 'light' | 'dark';
  /** BCP 47 tag, e.g. `de-DE`. */
  locale: string;
  role: Role;
  user?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  /** True while the host hides the page (Twitch visibility); widgets pause work. */
  hidden?: boolean;
  /** Host-provided widget settings (validated by the adapter). */
  settings?: Record<string, unknown>;
  /** Where a guest can sign in to spend, when the host offers one. */
  signIn?: boolean;
}

/**
 * A message shared between clients of the same room (all viewers of a channel), e.g. a wheel spin.
 * `type` namespaces the payload (`wheel.spin`); `from` is the sender's client id when known.
 */
export interface RoomMessage<P = unknown> {
  type: string;
  payload: P;
  from?: string;
  /** Sender's clock, ms since epoch. */
  sentAt: number;
}

export type TipResult =
  | { status: 'success'; item: TipMenuItem; transactionId?: string }
  | { status: 'cancelled'; item: TipMenuItem; reason?: string }
  | { status: 'failed'; item: TipMenuItem; error: string };

/** Something a host sent or did that onair could not use. Reported, never thrown. */
export interface PlatformError {
  /** Adapter name. */
  source: string;
  /** Short stable code: `invalid-payload`, `request-failed`, `auth-failed`, … */
  code: string;
  message: string;
  /** The offending payload, truncated, for debugging. Never rendered as HTML. */
  payload?: unknown;
  at: Date;
}

export type Capability =
  | 'viewers'
  | 'tipMenu'
  | 'spend'
  | 'tips'
  | 'broadcast'
  | 'leaderboardStore'
  | 'movableOverlay'
  | 'signIn'
  | 'reconnect';

export type PlatformName = 'demo' | 'twitch' | 'stripchat' | 'streamerbot' | 'streamnook' | 'no-host';

export type MovableOverlayState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'no-host';

/**
 * One host behind one interface. Every stream is hot, replays its latest value to late subscribers
 * and never errors or completes while the platform lives: failures surface on `errors$` and
 * `status$` instead.
 */
export interface Platform {
  readonly name: PlatformName;
  readonly capabilities: ReadonlySet<Capability>;
  /** `null` = the host has no count right now (e.g. a private show). */
  readonly viewers$: Observable<Viewers | null>;
  readonly tipMenu$: Observable<TipMenu>;
  readonly tips$: Observable<Tip>;
  readonly status$: Observable<ConnectionStatus>;
  readonly context$: Observable<HostContext>;
  readonly errors$: Observable<PlatformError>;
  /** Messages from other clients in the room (and echoes of our own, which carry our `from`). */
  readonly room$: Observable<RoomMessage>;
  /** This client's id as it appears in `RoomMessage.from`. */
  readonly clientId: string;
  /** Starts a spend for `item`; never rejects. */
  requestTip(item: TipMenuItem): Promise<TipResult>;
  /** Sends to the room; never rejects (failures go to `errors$`). Needs the `broadcast` capability. */
  broadcast(message: Omit<RoomMessage, 'from' | 'sentAt'>): Promise<void>;
  /** The host's own leaderboard for a window, or `undefined` when it has no store for it. */
  leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined;
  /** Mirrors a status onto the host's native movable overlay (capability `movableOverlay`). */
  updateMovableOverlay?(state: MovableOverlayState, message?: string): void;
  /** Opens the host's sign-in flow (capability `signIn`). */
  requestSignIn?(): void;
  reconnect(): void;
  dispose(): void;
}
