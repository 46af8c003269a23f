import { BehaviorSubject, filter, map, type Observable } from 'rxjs';
import { BasePlatform } from '../base.js';
import { browserLocale } from '../locale.js';
import {
  LEADERBOARD_WINDOWS,
  type Capability,
  type ErrorCode,
  type DeliveryHints,
  type HostContext,
  type LeaderboardEntry,
  type LeaderboardWindow,
  type OutgoingRoomMessage,
  type Platform,
  type TipMenuItem,
  type TipResult,
  type Viewers,
} from '../model.js';
import { isTwitchFrame, TWITCH_HELPER_SCRIPT } from '../detect.js';
import { NoHostPlatform } from '../no-host.js';
import { remember } from '../bounded.js';
import { isRoomType, roomMessage } from '../kit/envelope.js';
import { readOptions, type OptionProblem, type PlatformOptions } from '../kit/options.js';
import { Requests } from '../kit/request.js';
import { clip, errorMessage, id, isRecord, oneOf, text, THEMES } from '../validate.js';
import { backendUrl } from './backend-url.js';
import { BackendLink, BACKEND_WHEEL_SENDER, backendWheelRequest, WHEEL_REQUEST } from './backend-link.js';
import { parseLeaderboard, parseViewers, type TwitchEnvelope } from './envelope.js';
import { isHelper, joinHelper, type HelperListener, type TwitchHelper } from './hub.js';
import { modelRole, readClaims, twitchRole, type TwitchClaims } from './jwt.js';
import { MODES, productItem, readClient, readTransaction, type TwitchClient } from './mapping.js';
import { TWITCH_OPTIONS } from './options.js';
import { PubSubRoom } from './pubsub.js';
import { parseSettings } from './settings.js';

export type { TwitchClient };

export interface TwitchOptions {
  /**
   * The helper, `window.Twitch.ext` (or a fake with the same shape), or a function that finds it:
   * until it returns one, the adapter waits (Twitch's script may load after onair).
   */
  ext: TwitchHelper | (() => TwitchHelper | undefined);
  /** The extension iframe's query string; defaults to `location.search`. */
  search?: string;
  /** Forces a locale over the one Twitch passes in the URL. */
  locale?: string;
  /** How long a Bits spend may stay open before it counts as cancelled (default 5 minutes). */
  spendTimeoutMs?: number;
  /** Least time between two outgoing PubSub messages (default 1000 ms). */
  sendIntervalMs?: number;
  /** `backend`: an EBS pushes leaderboard snapshots, so offer `leaderboardStore` from the start. */
  leaderboard?: 'backend';
  /**
   * onair's backend (`ebs/`): this page posts its purchases' receipts there, reads boards and (the
   * broadcaster's page) paid spin requests from it. Implies `leaderboard: 'backend'`.
   */
  backend?: string;
}

const MAX_PRODUCTS = 100;
const MAX_SEEN_TRANSACTIONS = 256;
/** `getProducts` has no timeout of its own; a product list that never comes is a failure. */
const PRODUCTS_TIMEOUT_MS = 60_000;
/** First and longest wait between two looks for a helper script that loads after onair. */
const HELPER_POLL_MS = 100;
const MAX_HELPER_POLL_MS = 2000;
/** Tokens kept to blank out of reports: the current and previous pair, with their segments. */
const MAX_SECRETS = 12;
const MIN_SECRET = 8;

interface Identity {
  claims?: TwitchClaims;
  /** `onAuthorized`'s opaque user id. */
  opaqueUserId?: string;
  channelId?: string;
}

/**
 * The Twitch extension helper behind the `Platform` interface. Context comes from `onAuthorized`
 * (role from the JWT, for display only), `onContext`, the iframe's query parameters and
 * `viewer.onChanged`; the tip menu and spends are Bits products; the room is Extension PubSub's
 * `broadcast` topic carrying onair's envelope (see `envelope.ts`), where a backend can also push
 * viewer counts and leaderboards; widget settings come from the broadcaster configuration segment.
 */
export class TwitchPlatform extends BasePlatform {
  readonly name = 'twitch' as const;
  readonly client: TwitchClient;

  private readonly caps = new Set<Capability>(['tips', 'viewers']);
  private ext?: TwitchHelper;
  private readonly spendTimeoutMs: number;
  private readonly sendIntervalMs: number;
  private pubsub?: PubSubRoom;
  private leaveHelper?: () => void;
  private helperTimer?: ReturnType<typeof setTimeout>;
  /** The viewer's tokens, so no report carries them (a helper error may quote one). */
  private readonly secrets = new Set<string>();
  private readonly spends = this.createSpendSlot({
    busy: 'Another Bits purchase is still open.',
    failed: (error) => `Twitch refused the purchase: ${errorMessage(error)}`,
  });
  private readonly requests = new Requests(PRODUCTS_TIMEOUT_MS);
  private readonly products$ = this.requests.latest('getProducts', () => this.ext?.bits.getProducts(), (answer) =>
    this.guard(() => (answer.ok ? this.applyProducts(answer.value) : this.productsFailed(answer.error))),
  );
  private identity: Identity = {};
  private authorized = false;
  private bitsEnabled = false;
  private products = new Map<string, TipMenuItem>();
  private refreshWhenVisible = false;
  private readonly seenTransactions = new Set<string>();
  private readonly boards = new Map<LeaderboardWindow, BehaviorSubject<LeaderboardEntry[] | undefined>>();
  private heldViewers?: Viewers;
  private readonly heldBoards = new Map<LeaderboardWindow, LeaderboardEntry[]>();
  private readonly backend?: BackendLink;
  private readonly onOnline = () => this.backend?.gap();

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(options: TwitchOptions, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    this.spendTimeoutMs = options.spendTimeoutMs ?? TWITCH_OPTIONS.spendTimeoutMs.default!;
    this.sendIntervalMs = options.sendIntervalMs ?? TWITCH_OPTIONS.sendIntervalMs.default!;
    const backend = options.backend === undefined ? undefined : backendUrl(options.backend);
    if (options.backend !== undefined && !backend) this.report('invalid-option', 'The backend option is not an https:// origin; not using a backend.');
    if (backend) this.backend = this.linkBackend(backend);
    if (options.leaderboard === 'backend' || backend) this.caps.add('leaderboardStore');
    this.client = readClient(options.search ?? (typeof location !== 'undefined' ? location.search : ''));
    this.patchContext({ locale: options.locale ?? this.client.locale ?? this.client.language ?? browserLocale() });
    if (typeof options.ext === 'function') this.findHelper(options.ext, HELPER_POLL_MS);
    else this.attach(options.ext);
  }

  /** Looks for the helper again and again (less often over time) until it is there. */
  private findHelper(find: () => TwitchHelper | undefined, wait: number): void {
    const ext = find();
    if (ext) {
      this.attach(ext);
      return;
    }
    this.setStatus({ state: 'connecting', reason: 'helper-missing', detail: 'Waiting for Twitch’s extension helper script.' });
    this.helperTimer = setTimeout(() => this.findHelper(find, Math.min(wait * 2, MAX_HELPER_POLL_MS)), wait);
  }

  private attach(ext: TwitchHelper): void {
    this.ext = ext;
    this.setStatus({ state: 'connecting', reason: 'auth-waiting', detail: 'Waiting for Twitch to authorize the extension.' });
    this.pubsub = new PubSubRoom(ext, this.clientId, this.sendIntervalMs, {
      receive: (received) => this.dispatch(received),
      report: (code, message, payload) => this.report(code, message, payload),
      guard: (step) => this.guard(step),
    });
    this.readConfiguration();
    this.leaveHelper = joinHelper(ext, this.helperListener());
  }

  /** Changes as the role, Bits availability and backend snapshots change; see `capabilities$`. */
  get capabilities(): ReadonlySet<Capability> {
    return this.caps;
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    if (this.disposed) return { status: 'cancelled', item, reason: 'disposed' };
    if (!this.capabilities.has('spend')) return { status: 'failed', item, error: this.spendUnavailableReason() };
    if (!this.products.has(item.id)) return { status: 'failed', item, error: 'This item is not a Bits product of this extension.' };
    return this.spends.spend({ item, timeoutMs: this.spendTimeoutMs, pay: () => this.ext?.bits.useBits(item.id) });
  }

  override async broadcast(message: OutgoingRoomMessage, hints: DeliveryHints = {}): Promise<void> {
    if (this.disposed) return;
    if (!this.capabilities.has('broadcast')) {
      this.report('unsupported', 'Only the broadcaster can send to the room on Twitch.', { type: message.type });
      return;
    }
    const { type } = message;
    if (!isRoomType(type)) {
      this.report('invalid-message', 'A room message needs a short type of letters, digits and . _ : -.', message);
      return;
    }
    if (this.pubsub && !(await this.pubsub.send(type, message.payload, hints.event)) && !this.disposed) {
      this.report('queue-full', `Too many ${type} messages are waiting for Twitch's rate limit; this one was not sent.`, { type });
    }
  }

  override leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    if (!this.capabilities.has('leaderboardStore') || !LEADERBOARD_WINDOWS.includes(window)) return undefined;
    const rows = Math.max(0, Math.floor(limit));
    this.backend?.wantBoard(window);
    return this.board(window).pipe(
      filter((entries): entries is LeaderboardEntry[] => entries !== undefined),
      map((entries) => entries.slice(0, rows)),
    );
  }

  override dispose(): void {
    if (this.disposed) return;
    clearTimeout(this.helperTimer);
    this.leaveHelper?.();
    this.pubsub?.close();
    this.requests.dispose();
    this.backend?.dispose();
    if (this.backend && typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    for (const board of this.boards.values()) board.complete();
    this.boards.clear();
    super.dispose();
  }

  // ---- helper callbacks ----------------------------------------------------------------------

  private helperListener(): HelperListener {
    const guarded = <A extends unknown[]>(handle: (...args: A) => void) => (...args: A) => {
      if (!this.disposed) this.guard(() => handle(...args));
    };
    return {
      authorized: guarded((auth) => this.onAuthorized(auth)),
      context: guarded((context) => this.onContext(context)),
      visibility: guarded((visible, context) => this.onVisibility(visible, context)),
      error: guarded((error) => this.report('host-error', `The Twitch helper reported an error: ${errorMessage(error)}`, error)),
      featuresChanged: guarded(() => this.readFeatures()),
      configurationChanged: guarded(() => this.readConfiguration()),
      viewerChanged: guarded(() => this.applyIdentity()),
      transactionComplete: guarded((transaction) => this.onTransaction(transaction)),
      transactionCancelled: guarded(() => this.spends.settleOpen((item) => ({ status: 'cancelled', item, reason: 'Cancelled on Twitch.' }))),
    };
  }

  private onAuthorized(auth: unknown): void {
    const channelId = isRecord(auth) ? id(auth.channelId) : undefined;
    if (isRecord(auth)) this.rememberSecrets(auth.token, auth.helixToken);
    if (!isRecord(auth) || channelId === undefined) {
      // Which fields came, never their values: the tokens authenticate this viewer.
      this.report('invalid-payload', 'Twitch authorization without a channel id.', isRecord(auth) ? { fields: Object.keys(auth).slice(0, 10) } : typeof auth);
      return;
    }
    const claims = readClaims(auth.token);
    // The token itself stays out of the report: it authenticates this viewer to the backend.
    if (!claims) this.report('auth-failed', 'The Twitch token could not be read; showing the least a viewer has.');
    this.identity = { claims, opaqueUserId: text(auth.userId, 128), channelId };
    this.authorized = true;
    this.applyIdentity();
    this.backend?.authorized(auth.token, this.context.getValue().role);
    this.setStatus({ state: 'connected', reason: 'connected' });
    this.readFeatures();
  }

  /** Combines the token's claims with `Twitch.ext.viewer`, which may change after the token. */
  private applyIdentity(): void {
    if (!this.authorized) return;
    const viewer = this.ext?.viewer as Partial<Twitch.ext.Viewer> | undefined;
    const claims = this.identity.claims ?? {};
    const userId = claims.userId ?? id(viewer?.id);
    const opaqueUserId = claims.opaqueUserId ?? this.identity.opaqueUserId ?? text(viewer?.opaqueId, 128);
    const role = modelRole(claims.role ?? twitchRole(viewer?.role), opaqueUserId, userId);
    this.toggleCapability(this.caps, 'broadcast', role === 'broadcaster');
    this.updateSpendCapabilities(role);
    this.patchContext({
      role,
      user: userId ? { id: userId } : undefined,
      channel: { id: this.identity.channelId },
    });
  }

  private onContext(raw: unknown): void {
    if (!isRecord(raw)) {
      this.report('invalid-payload', 'Twitch context is not an object.', raw);
      return;
    }
    const patch: Partial<HostContext> = {};
    const theme = oneOf(THEMES, raw.theme);
    if (theme) patch.theme = theme;
    else if (raw.theme !== undefined) this.report('invalid-payload', 'Unknown Twitch theme.', raw.theme);
    const mode = oneOf(MODES, raw.mode);
    if (mode) this.client.mode = mode;
    if (Object.keys(patch).length > 0) this.patchContext(patch);
  }

  private onVisibility(visible: unknown, context: unknown): void {
    if (typeof visible !== 'boolean') {
      this.report('invalid-payload', 'Twitch visibility is not a boolean.', visible);
      return;
    }
    this.patchContext({ hidden: !visible });
    if (!visible) return;
    if (context !== undefined) this.onContext(context);
    this.releaseHeld();
    this.backend?.gap();
  }

  // ---- Bits ------------------------------------------------------------------------------------

  private readFeatures(): void {
    const enabled = this.ext?.features?.isBitsEnabled === true;
    const changed = enabled !== this.bitsEnabled;
    this.bitsEnabled = enabled;
    if (!enabled) {
      this.products$.cancel();
      this.products.clear();
      this.updateSpendCapabilities();
      if (changed || this.tipMenu.getValue().enabled) this.setTipMenu({ enabled: false, items: [] });
      return;
    }
    this.updateSpendCapabilities();
    if (changed || this.products.size === 0) this.refreshProducts();
  }

  /** Loads Bits products into the tip menu; while hidden, waits until the page shows again. */
  private refreshProducts(): void {
    if (this.context.getValue().hidden) this.refreshWhenVisible = true;
    else this.products$.next();
  }

  private applyProducts(products: unknown): void {
    if (!Array.isArray(products)) {
      this.report('invalid-payload', 'Twitch Bits products are not a list.', products);
      return;
    }
    const items = new Map<string, TipMenuItem>();
    for (const product of products.slice(0, MAX_PRODUCTS)) {
      const item = productItem(product);
      if (!item) this.report('invalid-payload', 'Skipped a malformed Bits product.', product);
      else if (items.has(item.id)) this.report('invalid-payload', `Skipped a second Bits product with sku ${item.id}.`, product);
      else items.set(item.id, item);
    }
    this.products = items;
    this.updateSpendCapabilities();
    const sorted = Array.from(items.values()).sort((a, b) => a.price - b.price);
    this.setTipMenu({ enabled: sorted.length > 0, items: sorted });
  }

  private productsFailed(error: string): void {
    this.products.clear();
    this.updateSpendCapabilities();
    this.setTipMenu({ enabled: false, items: [] });
    this.report('request-failed', `Twitch did not list the Bits products: ${error}`);
  }

  /**
   * A completed purchase, as Twitch's helper hands it over (see `readTransaction`). Every one is a
   * tip; only the current viewer's purchase of the open spend's own product settles that spend, as
   * the same viewer may buy something else in another frame.
   */
  private onTransaction(raw: unknown): void {
    const transaction = readTransaction(raw);
    const { sku } = transaction ?? {};
    const known = sku ? this.products.get(sku) : undefined;
    const price = transaction?.product?.price ?? known?.price;
    if (!transaction || price === undefined) {
      this.report('invalid-payload', 'Skipped a malformed Bits transaction.', withoutReceipt(raw));
      return;
    }
    const { transactionId } = transaction;
    if (this.seenTransactions.has(transactionId)) return;
    remember(this.seenTransactions, transactionId, undefined, MAX_SEEN_TRANSACTIONS);
    const label = transaction.product?.label ?? known?.label;
    this.emitTip({
      id: transactionId,
      user: { ...(transaction.userId ? { id: transaction.userId } : {}), name: transaction.displayName ?? 'Someone' },
      amount: price,
      currency: 'bits',
      ...(label ? { message: label } : {}),
      ...(sku ? { itemId: sku } : {}),
      at: new Date(),
      source: 'twitch',
    });
    if (transaction.mine && sku) this.spends.settle(sku, (item) => ({ status: 'success', item, transactionId }));
    if (transaction.mine && isRecord(raw)) {
      this.rememberSecrets(raw.transactionReceipt);
      this.backend?.purchase(transactionId, raw.transactionReceipt);
    }
  }

  private updateSpendCapabilities(role = this.context.getValue().role): void {
    const canSpend = this.authorized && this.bitsEnabled && this.products.size > 0 && role !== 'guest';
    this.toggleCapability(this.caps, 'tipMenu', canSpend);
    this.toggleCapability(this.caps, 'spend', canSpend);
  }

  private spendUnavailableReason(): string {
    if (!this.bitsEnabled) return 'Bits are not enabled on this channel.';
    if (this.context.getValue().role === 'guest') return 'Log in to Twitch to use Bits.';
    return 'Bits products are not available yet.';
  }

  // ---- room (PubSub) -----------------------------------------------------------------------------

  private dispatch(received: TwitchEnvelope): void {
    const { type, payload } = received;
    if (type === 'viewers') {
      const viewers = parseViewers(payload);
      if (!viewers) this.report('invalid-payload', 'Dropped a malformed viewers snapshot.', payload);
      else if (this.context.getValue().hidden) this.heldViewers = viewers;
      else this.setViewers(viewers);
      return;
    }
    if (type === 'leaderboard') {
      const snapshot = parseLeaderboard(payload);
      if (!snapshot) {
        this.report('invalid-payload', 'Dropped a malformed leaderboard snapshot.', payload);
        return;
      }
      if (snapshot.skipped > 0) this.report('invalid-payload', `Left ${snapshot.skipped} malformed leaderboard entries out.`, payload);
      this.toggleCapability(this.caps, 'leaderboardStore', true);
      this.showBoard(snapshot.window, snapshot.entries);
      return;
    }
    if (type === WHEEL_REQUEST) return this.onWheelRequest(received);
    this.emitRoom(roomMessage(received));
  }

  /**
   * A paid spin request is trusted only from the backend: the broadcast topic carries only what the
   * broadcaster's pages and the extension's backend send, and the backend sends these only for
   * receipts it verified.
   */
  private onWheelRequest(received: TwitchEnvelope): void {
    if (!this.backend || received.from !== BACKEND_WHEEL_SENDER) {
      this.report('untrusted-sender', 'Dropped a wheel.request that did not come from the configured backend.', { from: received.from });
      return;
    }
    const request = backendWheelRequest(received.payload, received.sentAt);
    if (request) this.emitRoom(request);
    else this.report('invalid-payload', 'Dropped a malformed paid spin request from the backend.', received.payload);
  }

  /** A board from PubSub, or read over HTTP before any PubSub snapshot of its window came. */
  private showBoard(window: LeaderboardWindow, entries: LeaderboardEntry[]): void {
    if (this.context.getValue().hidden) this.heldBoards.set(window, entries);
    else this.board(window).next(entries);
  }

  private linkBackend(url: string): BackendLink {
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    return new BackendLink(url, {
      report: (code, message, payload) => this.report(code, message, payload),
      board: (window, entries) => {
        if (this.board(window).getValue() === undefined && !this.heldBoards.has(window)) this.showBoard(window, entries);
      },
      request: (message) => this.emitRoom(message),
    });
  }

  private board(window: LeaderboardWindow): BehaviorSubject<LeaderboardEntry[] | undefined> {
    let board = this.boards.get(window);
    if (!board) {
      board = new BehaviorSubject<LeaderboardEntry[] | undefined>(undefined);
      this.boards.set(window, board);
    }
    return board;
  }

  /** Snapshots that arrived while hidden are applied when the page shows again (latest wins). */
  private releaseHeld(): void {
    if (this.heldViewers) this.setViewers(this.heldViewers);
    this.heldViewers = undefined;
    for (const [window, entries] of this.heldBoards) this.board(window).next(entries);
    this.heldBoards.clear();
    if (this.refreshWhenVisible) {
      this.refreshWhenVisible = false;
      this.refreshProducts();
    }
  }

  // ---- configuration ---------------------------------------------------------------------------

  /** The broadcaster segment holds `{ "<widget name>": { …settings } }` as JSON. */
  private readConfiguration(): void {
    const segment = this.ext?.configuration?.broadcaster as unknown;
    if (segment === undefined) return;
    const content = isRecord(segment) ? segment.content : undefined;
    if (typeof content !== 'string') {
      this.report('invalid-payload', 'The broadcaster configuration has no text content.', segment);
      return;
    }
    if (content.trim() === '') return;
    const result = parseSettings(content);
    if (!result.ok) {
      this.report('invalid-payload', `${result.error} Keeping the previous settings.`, content);
      return;
    }
    for (const { name, value } of result.ignored) {
      this.report('invalid-payload', `Ignored the configuration entry "${clip(String(name), 40)}": settings are objects keyed by widget name.`, value);
    }
    this.patchContext({ settings: result.settings });
  }

  /** Every report passes through here with the viewer's tokens blanked out. */
  protected override report(code: ErrorCode, message: string, payload?: unknown): void {
    super.report(code, this.scrub(message), payload === undefined ? undefined : this.scrub(printable(payload)));
  }

  private rememberSecrets(...values: unknown[]): void {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET) continue;
      remember(this.secrets, value, undefined, MAX_SECRETS);
      // A JWT's payload segment alone still identifies the viewer.
      for (const part of value.split('.')) if (part.length >= MIN_SECRET * 2) remember(this.secrets, part, undefined, MAX_SECRETS);
    }
  }

  private scrub(value: string): string {
    let scrubbed = value;
    for (const secret of this.secrets) scrubbed = scrubbed.split(secret).join('[redacted]');
    return scrubbed;
  }

  /** Runs a host-triggered step; whatever goes wrong is reported, never thrown into the helper. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.report('handler-failed', `Handling a Twitch event failed: ${errorMessage(error)}`);
    }
  }
}

/** A payload as text, whatever it is, for scrubbing before it is reported. */
function printable(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  try {
    return JSON.stringify(payload) ?? String(payload);
  } catch {
    return '[unprintable payload]';
  }
}

/** A transaction for a report: the receipt is a signed token of the viewer's purchase, so it stays out. */
function withoutReceipt(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const { transactionReceipt: _receipt, ...rest } = raw;
  return rest;
}

/**
 * Creates the Twitch adapter from `options.ext` (a helper-shaped object, for tests and bundlers) or
 * `window.Twitch.ext`. In a Twitch extension frame whose helper script has not run yet, the adapter
 * waits for it; anywhere else, without a usable helper, it is a no-host platform that says why.
 */
export function createTwitchPlatform(options: PlatformOptions): Platform {
  const { values, problems } = readOptions(TWITCH_OPTIONS, options);
  const find = () => {
    const global = typeof window !== 'undefined' ? (window as { Twitch?: { ext?: unknown } }).Twitch?.ext : undefined;
    return isHelper(global) ? global : undefined;
  };
  if (options.ext !== undefined) {
    if (isHelper(options.ext)) return new TwitchPlatform({ ...values, ext: options.ext }, problems);
    return new NoHostPlatform('The ext option is not Twitch’s extension helper.', 'helper-missing');
  }
  const ext = find();
  if (ext || looksLikeTwitchFrame(values.search)) return new TwitchPlatform({ ...values, ext: ext ?? find }, problems);
  return new NoHostPlatform('The Twitch extension helper (twitch-ext.min.js) is not on this page.', 'helper-missing');
}

/** A Twitch extension frame (Twitch's query parameters, or Twitch's helper script tag): the helper is on its way. */
function looksLikeTwitchFrame(search: string | undefined): boolean {
  const params = new URLSearchParams(search ?? (typeof location !== 'undefined' ? location.search : ''));
  const script = typeof document !== 'undefined' && document.querySelector(TWITCH_HELPER_SCRIPT) !== null;
  return isTwitchFrame(params) || script;
}
