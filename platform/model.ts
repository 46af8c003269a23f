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
  /** `chatters`: people present in chat, not stream viewers (a host option chose this). */
  counts?: 'chatters';
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
  /** The tip-menu item / SKU this tip paid for, when the host reports it. */
  itemId?: string;
}

export interface LeaderboardEntry {
  userId: string;
  name: string;
  total: number;
  rank: number;
  /** When this contributor first had the current total (their latest counted tip); earlier wins ties. */
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

/** The connection states of a page that has a host: every state but `no-host`. */
export type HostState = Exclude<ConnectionState, 'no-host'>;

/** True when `state` is one of a page that has a host; lets widgets stay host-neutral. */
export function hasHost(state: ConnectionState): state is HostState {
  return state !== 'no-host';
}

/**
 * Why the connection is in its state, as a stable code widgets translate (`status-pill` shows the
 * localised text and falls back to `detail`).
 */
export type ConnectionReason =
  /** No host was found on the page. */
  | 'no-host'
  /** The host's adapter could not start. */
  | 'adapter-failed'
  /** The host's own helper script or object is missing or not usable. */
  | 'helper-missing'
  /** The page is not inside the host's frame. */
  | 'not-embedded'
  /** Waiting for the host to authorize this page. */
  | 'auth-waiting'
  /** The host needs credentials that are missing or were refused. */
  | 'auth-failed'
  /** Opening the connection to the host. */
  | 'connecting'
  /** Connected and receiving. */
  | 'connected'
  /** The host did not answer or could not be reached. */
  | 'host-unreachable'
  /** An open connection was lost; retrying. */
  | 'connection-lost'
  /** The host restarted (or is restarting) and its state is being reloaded. */
  | 'host-restarting'
  /** The host answered with something unreadable. */
  | 'invalid-response';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why, as a code widgets translate; every adapter sets it with `detail`. */
  reason?: ConnectionReason;
  /** Human-readable explanation in English, the fallback for `reason`. */
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
  /**
   * When the message reached this page, on this page's `performance.now()` clock; set by the
   * platform on delivery. `room$` replays its latest message to late subscribers, so the moment a
   * subscriber sees a message is not when it arrived; this is.
   */
  receivedAt?: number;
}

/** What a widget sends to the room; the platform adds `from` and `sentAt`. */
export type OutgoingRoomMessage<P = unknown> = Pick<RoomMessage<P>, 'type' | 'payload'>;

/**
 * A value in the room that only its authority can write and everyone can read, expiring unless
 * written again (Stripchat: a `strings` storage key whose manifest role lets only the model write).
 * Where viewers can send room messages too, the wheel anchors its commitment and liveness here.
 */
export interface RoomAnchor {
  /** The value, or `undefined` when there is none (never written, expired, unreadable). */
  read(): Promise<string | undefined>;
  /** Writes it (the authority's page only), to expire after `ttlSeconds`; answers whether it was stored. */
  write(value: string, ttlSeconds: number): Promise<boolean>;
}

/** How a room message should be delivered, so adapters never inspect a widget's message types. */
export interface DeliveryHints {
  /**
   * Every message of this kind matters (e.g. a wheel spin): queue it rather than letting a newer
   * message of the same type replace it while rate limited.
   */
  event?: boolean;
  /** Hold the host's shared overlay slot this long, where the host has one (Stripchat activity). */
  holdOverlayMs?: number;
}

export type TipResult =
  /** `late`: the confirmation came after the spend had timed out; reported on `lateResults$`. */
  | { status: 'success'; item: TipMenuItem; transactionId?: string; late?: true }
  | { status: 'cancelled'; item: TipMenuItem; reason?: string }
  | { status: 'failed'; item: TipMenuItem; error: string };

/** The stable codes of `PlatformError`; the same failure has the same code on every host. */
export type ErrorCode =
  /** A host payload failed validation and was skipped. */
  | 'invalid-payload'
  /** An adapter option (attribute, URL parameter or JS value) was invalid and ignored. */
  | 'invalid-option'
  /** A widget's outgoing room message was malformed and not sent. */
  | 'invalid-message'
  /** Handling a host event threw; the event was skipped. */
  | 'handler-failed'
  /** A request to the host failed or timed out. */
  | 'request-failed'
  /** A room message could not be sent. */
  | 'send-failed'
  /** Listening to a host event was refused. */
  | 'listen-failed'
  /** The host connection could not be opened. */
  | 'connect-failed'
  /** The host's handshake failed. */
  | 'handshake-failed'
  /** Credentials were missing, unreadable or refused. */
  | 'auth-failed'
  /** The host reported an error of its own. */
  | 'host-error'
  /** A message was over the host's size limit. */
  | 'oversize'
  /** Too many messages wait for the host's rate limit; one was dropped. */
  | 'queue-full'
  /** The host needs a payment before it relays this. */
  | 'payment-required'
  /** The host cannot do what was asked (in this role). */
  | 'unsupported'
  /** The host did not store what it was asked to. */
  | 'store-failed'
  /** Messages that are not onair's were seen (reported once). */
  | 'foreign-message'
  /** A spend was confirmed after onair stopped waiting for it: money spent, see `lateResults$`. */
  | 'spend-late'
  /** A backend refused to count a payment's receipt (forged, expired, another channel…); not retried. */
  | 'receipt-refused'
  /** A backend has not confirmed a payment after every try (unreachable, no valid token): not counted yet. */
  | 'receipt-unconfirmed'
  /** A room message came from a sender that may not send it (e.g. a spin request not from the backend); dropped. */
  | 'untrusted-sender';

/** A success confirmed after `requestTip` had already answered `cancelled` (timeout). */
export type LateTipResult = Extract<TipResult, { status: 'success' }> & { late: true };

/** Something a host sent or did that onair could not use. Reported, never thrown. */
export interface PlatformError {
  /** Adapter name. */
  source: string;
  code: ErrorCode;
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

/** Display names, so widgets never name a host themselves; empty when there is no host. */
export const PLATFORM_LABELS: Record<PlatformName, string> = {
  demo: 'Demo',
  twitch: 'Twitch',
  stripchat: 'Stripchat',
  streamerbot: 'Streamer.bot',
  streamnook: 'StreamNook',
  'no-host': '',
};

export type MovableOverlayState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'no-host';

/**
 * One host behind one interface. Every stream is hot and never errors or completes while the
 * platform lives: failures surface on `errors$` and `status$` instead. State streams replay their
 * latest value to late subscribers; the event streams `tips$` and `lateResults$` replay nothing.
 */
export interface Platform {
  readonly name: PlatformName;
  /** The host's display name (e.g. `Streamer.bot`); empty when there is no host. */
  readonly label: string;
  /** What the host offers right now; may change (role, products, a backend snapshot). */
  readonly capabilities: ReadonlySet<Capability>;
  /** `capabilities` now and after every change; widgets follow this rather than reading once. */
  readonly capabilities$: Observable<ReadonlySet<Capability>>;
  /** `null` = the host has no count right now (e.g. a private show). */
  readonly viewers$: Observable<Viewers | null>;
  readonly tipMenu$: Observable<TipMenu>;
  /**
   * Each tip as it arrives, once (the platform drops a host's repeats by tip id). An event stream:
   * a subscriber gets the tips that arrive after it subscribed, never an earlier one. A widget that
   * keeps totals across subscriptions stores them itself.
   */
  readonly tips$: Observable<Tip>;
  readonly status$: Observable<ConnectionStatus>;
  readonly context$: Observable<HostContext>;
  readonly errors$: Observable<PlatformError>;
  /** Messages from other clients in the room (and echoes of our own, which carry our `from`). */
  readonly room$: Observable<RoomMessage>;
  /**
   * Spends confirmed after `requestTip` had already answered `cancelled` (timeout): the money was
   * spent, so widgets should show it. Each carries `late: true`.
   */
  readonly lateResults$: Observable<LateTipResult>;
  /** This client's id as it appears in `RoomMessage.from`. */
  readonly clientId: string;
  /** Starts a spend for `item`; never rejects. One spend at a time per page, across providers. */
  requestTip(item: TipMenuItem): Promise<TipResult>;
  /** The room's authority-only value, where the host has one and the page configured it. */
  readonly roomAnchor?: RoomAnchor;
  /** Sends to the room; never rejects (failures go to `errors$`). Needs the `broadcast` capability. */
  broadcast(message: OutgoingRoomMessage, hints?: DeliveryHints): Promise<void>;
  /** The host's own leaderboard for a window, or `undefined` when it has no store for it. */
  leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined;
  /**
   * The total of tips in `currency` that the host's own store keeps for a goal, counted since the
   * store was last reset and updated as tips arrive; `undefined` when the host keeps none.
   */
  goalTotal$?(currency: Currency): Observable<number> | undefined;
  /** Sets the host's goal store (`goalTotal$`) back to zero; failures go to `errors$`. */
  resetGoalTotal?(): void;
  /** Mirrors a status onto the host's native movable overlay (capability `movableOverlay`). */
  updateMovableOverlay?(state: MovableOverlayState, message?: string): void;
  /** Opens the host's sign-in flow (capability `signIn`). */
  requestSignIn?(): void;
  reconnect(): void;
  dispose(): void;
}
