import { BehaviorSubject, filter, map, type Observable } from 'rxjs';
import { BasePlatform, browserLocale } from '../base.js';
import {
  LEADERBOARD_WINDOWS,
  type Capability,
  type HostContext,
  type LeaderboardEntry,
  type LeaderboardWindow,
  type Platform,
  type RoomMessage,
  type TipMenuItem,
  type TipResult,
  type Viewers,
} from '../model.js';
import { NoHostPlatform } from '../no-host.js';
import type { PlatformOptions } from '../registry.js';
import { amount, errorMessage, id, isRecord, locale as validLocale, num, oneOf, text, THEMES } from '../validate.js';
import {
  byteLength,
  decodeEnvelope,
  encodeEnvelope,
  isRoomType,
  ENVELOPE_VERSION,
  MAX_MESSAGE_BYTES,
  parseLeaderboard,
  parseViewers,
  type Envelope,
} from './envelope.js';
import { isHelper, joinHelper, type HelperListener, type TwitchHelper } from './hub.js';
import { modelRole, readClaims, twitchRole, type TwitchClaims } from './jwt.js';
import { Outbox } from './outbox.js';
import { parseSettings } from './settings.js';
import { remember } from '../bounded.js';

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
}

/** The client query parameters Twitch puts on the extension iframe's URL, validated. */
export interface TwitchClient {
  anchor?: 'component' | 'panel' | 'video_overlay';
  language?: string;
  locale?: string;
  mode?: 'config' | 'dashboard' | 'viewer';
  platform?: 'mobile' | 'web';
  popout?: boolean;
  state?: string;
}

const DEFAULT_SPEND_TIMEOUT = 5 * 60_000;
/** First and longest wait between two looks for a helper script that loads after onair. */
const HELPER_POLL_MS = 100;
const MAX_HELPER_POLL_MS = 2000;
/**
 * Twitch allows 100 PubSub broadcasts per minute per channel, shared with the EBS; one per second
 * from the broadcaster's page leaves the backend the rest.
 */
const DEFAULT_SEND_INTERVAL = 1000;
/** Room types whose every message matters; all others are snapshots where the latest wins. */
const EVENT_TYPES = new Set(['wheel.spin']);
const EVENT_QUEUE_LIMIT = 20;
const MAX_PRODUCTS = 100;
const MAX_SENDERS = 256;
const MAX_SEEN_TRANSACTIONS = 256;
/** Tokens kept to blank out of reports: the current and previous pair, with their segments. */
const MAX_SECRETS = 12;
const MIN_SECRET = 8;
const BROADCAST = 'broadcast';

const ANCHORS = ['component', 'panel', 'video_overlay'] as const;
const MODES = ['config', 'dashboard', 'viewer'] as const;
const CLIENT_PLATFORMS = ['mobile', 'web'] as const;
const STATES = ['testing', 'hosted_test', 'approved', 'released', 'ready_for_review', 'in_review', 'pending_action', 'uploading'] as const;

interface PendingSpend {
  item: TipMenuItem;
  resolve: (result: TipResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

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
  private readonly outbox: Outbox;
  private leaveHelper?: () => void;
  private helperTimer?: ReturnType<typeof setTimeout>;
  /** The viewer's tokens, so no report carries them (a helper error may quote one). */
  private readonly secrets = new Set<string>();
  private readonly onPubSub = (target: string, contentType: string, message: string) =>
    this.guard(() => this.receive(target, contentType, message));
  private identity: Identity = {};
  private authorized = false;
  private bitsEnabled = false;
  private products = new Map<string, TipMenuItem>();
  private productRequest = 0;
  private refreshWhenVisible = false;
  private spend?: PendingSpend;
  private seq = 0;
  private readonly lastSeq = new Map<string, number>();
  private readonly seenTransactions = new Set<string>();
  private readonly reportedOnce = new Set<string>();
  private readonly boards = new Map<LeaderboardWindow, BehaviorSubject<LeaderboardEntry[] | undefined>>();
  private heldViewers?: Viewers;
  private readonly heldBoards = new Map<LeaderboardWindow, LeaderboardEntry[]>();

  constructor(options: TwitchOptions) {
    super();
    this.spendTimeoutMs = options.spendTimeoutMs ?? DEFAULT_SPEND_TIMEOUT;
    this.outbox = new Outbox({
      intervalMs: options.sendIntervalMs ?? DEFAULT_SEND_INTERVAL,
      isEvent: (type) => EVENT_TYPES.has(type),
      eventLimit: EVENT_QUEUE_LIMIT,
      send: (type, payload) => this.sendNow(type, payload),
    });
    if (options.leaderboard === 'backend') this.caps.add('leaderboardStore');
    this.client = this.readClient(options.search ?? (typeof location !== 'undefined' ? location.search : ''));
    this.patchContext({
      locale: validLocale(options.locale) ?? this.client.locale ?? this.client.language ?? browserLocale(),
    });
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
    this.setStatus({ state: 'connecting', detail: 'Waiting for Twitch’s extension helper script.' });
    this.helperTimer = setTimeout(() => this.findHelper(find, Math.min(wait * 2, MAX_HELPER_POLL_MS)), wait);
  }

  private attach(ext: TwitchHelper): void {
    this.ext = ext;
    this.setStatus({ state: 'connecting', detail: 'Waiting for Twitch to authorize the extension.' });
    this.guard(() => ext.listen(BROADCAST, this.onPubSub));
    this.readConfiguration();
    this.leaveHelper = joinHelper(ext, this.helperListener());
  }

  /** Changes as the role and Bits availability change; widgets re-read it when they render. */
  get capabilities(): ReadonlySet<Capability> {
    return this.caps;
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    if (this.disposed) return { status: 'cancelled', item, reason: 'disposed' };
    if (!this.capabilities.has('spend')) return { status: 'failed', item, error: this.spendUnavailableReason() };
    if (this.spend) return { status: 'failed', item, error: 'Another Bits purchase is still open.' };
    if (!this.products.has(item.id)) return { status: 'failed', item, error: 'This item is not a Bits product of this extension.' };
    return new Promise<TipResult>((resolve) => {
      const timer = setTimeout(() => this.settleSpend((open) => ({ status: 'cancelled', item: open, reason: 'timeout' })), this.spendTimeoutMs);
      this.spend = { item, resolve, timer };
      try {
        this.ext?.bits.useBits(item.id);
      } catch (error) {
        this.settleSpend((open) => ({ status: 'failed', item: open, error: `Twitch refused the purchase: ${errorMessage(error)}` }));
      }
    });
  }

  override async broadcast(message: Omit<RoomMessage, 'from' | 'sentAt'>): Promise<void> {
    if (this.disposed) return;
    if (!this.capabilities.has('broadcast')) {
      this.report('unsupported', 'Only the broadcaster can send to the room on Twitch.', { type: message.type });
      return;
    }
    const { type } = message;
    if (!isRoomType(type)) {
      this.report('invalid-payload', 'A room message needs a short type of letters, digits and . _ : -.', message);
      return;
    }
    // Measured with the widest possible seq, so the message still fits when it is numbered later.
    if (this.envelope(type, message.payload, Number.MAX_SAFE_INTEGER) === undefined) return;
    if (!(await this.outbox.push(type, message.payload)) && !this.disposed) {
      this.report('queue-full', `Too many ${type} messages are waiting for Twitch's rate limit; this one was not sent.`, { type });
    }
  }

  override leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    if (!this.capabilities.has('leaderboardStore') || !LEADERBOARD_WINDOWS.includes(window)) return undefined;
    const rows = Math.max(0, Math.floor(limit));
    return this.board(window).pipe(
      filter((entries): entries is LeaderboardEntry[] => entries !== undefined),
      map((entries) => entries.slice(0, rows)),
    );
  }

  override dispose(): void {
    if (this.disposed) return;
    clearTimeout(this.helperTimer);
    this.leaveHelper?.();
    try {
      this.ext?.unlisten(BROADCAST, this.onPubSub);
    } catch {
      // The helper may already be gone with its page; nothing is left to remove then.
    }
    this.outbox.close();
    this.productRequest += 1;
    this.settleSpend((item) => ({ status: 'cancelled', item, reason: 'disposed' }));
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
      transactionCancelled: guarded(() => this.settleSpend((item) => ({ status: 'cancelled', item, reason: 'Cancelled on Twitch.' }))),
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
    this.setStatus({ state: 'connected' });
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
    this.setCapability('broadcast', role === 'broadcaster');
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
  }

  // ---- Bits ------------------------------------------------------------------------------------

  private readFeatures(): void {
    const enabled = this.ext?.features?.isBitsEnabled === true;
    const changed = enabled !== this.bitsEnabled;
    this.bitsEnabled = enabled;
    if (!enabled) {
      this.productRequest += 1;
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
    if (this.context.getValue().hidden) {
      this.refreshWhenVisible = true;
      return;
    }
    const request = ++this.productRequest;
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(this.ext?.bits.getProducts());
    } catch (error) {
      this.productsFailed(error);
      return;
    }
    pending.then(
      (products) => request === this.productRequest && this.guard(() => this.applyProducts(products)),
      (error) => request === this.productRequest && this.guard(() => this.productsFailed(error)),
    );
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

  private productsFailed(error: unknown): void {
    this.products.clear();
    this.updateSpendCapabilities();
    this.setTipMenu({ enabled: false, items: [] });
    this.report('request-failed', `Twitch did not list the Bits products: ${errorMessage(error)}`);
  }

  /**
   * A completed purchase, as Twitch's helper hands it over: `{ product, transactionId, userId,
   * displayName, initiator, transactionReceipt }` (the reference doc spells the id `transactionID`;
   * both are read). Every one is a tip; only the current user's purchase of the open spend's own
   * product settles that spend, as the same viewer may buy something else in another frame.
   */
  private onTransaction(raw: unknown): void {
    const transaction = isRecord(raw) ? raw : {};
    const transactionId = id(transaction.transactionId) ?? id(transaction.transactionID);
    const sku = isRecord(transaction.product) ? id(transaction.product.sku) : id(transaction.product);
    const product = isRecord(transaction.product) ? productItem(transaction.product) : undefined;
    const known = sku === undefined ? undefined : this.products.get(sku);
    const price = product?.price ?? known?.price;
    const initiator = typeof transaction.initiator === 'string' ? transaction.initiator.toLowerCase() : undefined;
    if (transactionId === undefined || sku === undefined || price === undefined || (initiator !== 'current_user' && initiator !== 'other')) {
      this.report('invalid-payload', 'Skipped a malformed Bits transaction.', withoutReceipt(transaction));
      return;
    }
    if (this.seenTransactions.has(transactionId)) return;
    remember(this.seenTransactions, transactionId, undefined, MAX_SEEN_TRANSACTIONS);
    const userId = id(transaction.userId);
    const label = product?.label ?? known?.label;
    this.emitTip({
      id: transactionId,
      user: { ...(userId ? { id: userId } : {}), name: text(transaction.displayName) ?? 'Someone' },
      amount: price,
      currency: 'bits',
      ...(label ? { message: label } : {}),
      at: new Date(),
      source: 'twitch',
    });
    if (initiator === 'current_user' && this.spend?.item.id === sku) {
      this.settleSpend((item) => ({ status: 'success', item, transactionId }));
    }
  }

  /** Ends the open spend, if any, with the result built for its item. */
  private settleSpend(result: (item: TipMenuItem) => TipResult): void {
    const spend = this.spend;
    if (!spend) return;
    this.spend = undefined;
    clearTimeout(spend.timer);
    spend.resolve(result(spend.item));
  }

  private updateSpendCapabilities(role = this.context.getValue().role): void {
    const canSpend = this.authorized && this.bitsEnabled && this.products.size > 0 && role !== 'guest';
    this.setCapability('tipMenu', canSpend);
    this.setCapability('spend', canSpend);
  }

  private spendUnavailableReason(): string {
    if (!this.bitsEnabled) return 'Bits are not enabled on this channel.';
    if (this.context.getValue().role === 'guest') return 'Log in to Twitch to use Bits.';
    return 'Bits products are not available yet.';
  }

  // ---- room (PubSub) -----------------------------------------------------------------------------

  private receive(target: string, _contentType: string, message: string): void {
    if (target !== BROADCAST) return;
    const decoded = decodeEnvelope(message);
    if (decoded.kind === 'foreign') {
      this.reportOnce('foreign-message', 'Ignoring PubSub messages that are not onair envelopes.', message);
      return;
    }
    if (decoded.kind === 'oversize') {
      this.report('oversize', `Dropped a PubSub message over ${MAX_MESSAGE_BYTES} bytes.`, message);
      return;
    }
    if (decoded.kind === 'invalid') {
      this.report('invalid-payload', `Dropped a room message: ${decoded.reason}.`, message);
      return;
    }
    const { envelope } = decoded;
    if (!this.isFresh(envelope)) return;
    this.dispatch(envelope);
  }

  /** Per sender, a message at or below the last seen `seq` is stale or a duplicate. */
  private isFresh({ from, seq }: Envelope): boolean {
    const last = this.lastSeq.get(from);
    if (last !== undefined && seq <= last) return false;
    this.lastSeq.delete(from);
    this.lastSeq.set(from, seq);
    if (this.lastSeq.size > MAX_SENDERS) this.lastSeq.delete(this.lastSeq.keys().next().value as string);
    return true;
  }

  private dispatch({ type, payload, from, sentAt }: Envelope): void {
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
      this.caps.add('leaderboardStore');
      if (this.context.getValue().hidden) this.heldBoards.set(snapshot.window, snapshot.entries);
      else this.board(snapshot.window).next(snapshot.entries);
      return;
    }
    this.emitRoom({ type, payload, from, sentAt });
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

  /** The envelope's JSON text, or `undefined` (reported) when it would break the size limit. */
  private envelope(type: string, payload: unknown, seq: number): string | undefined {
    let json: string;
    try {
      json = encodeEnvelope({ onair: ENVELOPE_VERSION, type, seq, from: this.clientId, sentAt: Date.now(), payload });
    } catch (error) {
      this.report('invalid-payload', `A ${type} message cannot be written as JSON: ${errorMessage(error)}`);
      return undefined;
    }
    if (byteLength(json) > MAX_MESSAGE_BYTES) {
      this.report('oversize', `A ${type} message is over Twitch's ${MAX_MESSAGE_BYTES}-byte limit and was not sent.`, { type });
      return undefined;
    }
    return json;
  }

  private sendNow(type: string, payload: unknown): void {
    const json = this.envelope(type, payload, this.seq + 1);
    if (json === undefined) return;
    this.seq += 1;
    try {
      this.ext?.send(BROADCAST, 'application/json', json);
    } catch (error) {
      this.report('send-failed', `Twitch did not send a ${type} message: ${errorMessage(error)}`);
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
      this.report('invalid-payload', `Ignored the configuration entry "${clip(name)}": settings are objects keyed by widget name.`, value);
    }
    const { settings } = result;
    this.patchContext({ settings });
  }

  // ---- small helpers ---------------------------------------------------------------------------

  private readClient(search: string): TwitchClient {
    const params = new URLSearchParams(search);
    const pick = <T extends string>(list: readonly T[], key: string) => oneOf(list, params.get(key));
    const popout = params.get('popout');
    return {
      anchor: pick(ANCHORS, 'anchor'),
      language: validLocale(params.get('language')),
      locale: validLocale(params.get('locale')),
      mode: pick(MODES, 'mode'),
      platform: pick(CLIENT_PLATFORMS, 'platform'),
      popout: popout === 'true' ? true : popout === 'false' ? false : undefined,
      state: pick(STATES, 'state'),
    };
  }

  private setCapability(capability: Capability, on: boolean): void {
    if (on) this.caps.add(capability);
    else this.caps.delete(capability);
  }

  /** Every report passes through here with the viewer's tokens blanked out. */
  protected override report(code: string, message: string, payload?: unknown): void {
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

  private reportOnce(code: string, message: string, payload?: unknown): void {
    if (this.reportedOnce.has(code)) return;
    this.reportedOnce.add(code);
    this.report(code, message, payload);
  }

  /** Runs a host-triggered step; whatever goes wrong is reported, never thrown into the helper. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.report('internal-error', `Handling a Twitch event failed: ${errorMessage(error)}`);
    }
  }
}

/** A Bits product as a tip menu item, or `undefined` when malformed. */
function productItem(value: unknown): TipMenuItem | undefined {
  if (!isRecord(value) || !isRecord(value.cost)) return undefined;
  const sku = id(value.sku);
  const label = text(value.displayName);
  const price = amount(value.cost.amount);
  if (sku === undefined || label === undefined || price === undefined || value.cost.type !== 'bits') return undefined;
  if (!Number.isInteger(price)) return undefined;
  return { id: sku, label, price, currency: 'bits' };
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
function withoutReceipt(transaction: Record<string, unknown>): Record<string, unknown> {
  const { transactionReceipt: _receipt, ...rest } = transaction;
  return rest;
}

function clip(value: unknown): string {
  return String(value).slice(0, 40);
}

/** Reads Twitch options from attribute strings / query parameters or typed values. */
export function twitchOptions(options: PlatformOptions, ext: TwitchOptions['ext']): TwitchOptions {
  return {
    ext,
    search: typeof options.search === 'string' ? options.search : undefined,
    locale: typeof options.locale === 'string' ? options.locale : undefined,
    spendTimeoutMs: num(options.spendTimeoutMs ?? options['spend-timeout'], 0, 3_600_000),
    sendIntervalMs: num(options.sendIntervalMs ?? options['send-interval'], 0, 60_000),
    leaderboard: options.leaderboard === 'backend' ? 'backend' : undefined,
  };
}

/**
 * Creates the Twitch adapter from `options.ext` (a helper-shaped object, for tests and bundlers) or
 * `window.Twitch.ext`. Without a usable helper it returns a no-host platform that says why.
 */
export function createTwitchPlatform(options: PlatformOptions): Platform {
  const find = () => {
    const global = typeof window !== 'undefined' ? (window as { Twitch?: { ext?: unknown } }).Twitch?.ext : undefined;
    return isHelper(global) ? global : undefined;
  };
  if (options.ext !== undefined) {
    return isHelper(options.ext)
      ? new TwitchPlatform(twitchOptions(options, options.ext))
      : new NoHostPlatform('The ext option is not Twitch’s extension helper.');
  }
  if (find() || looksLikeTwitchFrame(options)) return new TwitchPlatform(twitchOptions(options, find() ?? find));
  return new NoHostPlatform('The Twitch extension helper (twitch-ext.min.js) is not on this page.');
}

/**
 * Twitch serves extension pages with its client query parameters (`anchor`, `mode`, `platform`, …)
 * and requires its helper script in them; either means the helper is on its way.
 */
function looksLikeTwitchFrame(options: PlatformOptions): boolean {
  const search = typeof options.search === 'string' ? options.search : typeof location !== 'undefined' ? location.search : '';
  const params = new URLSearchParams(search);
  const fromTwitch = params.has('anchor') && params.has('mode') && params.has('platform');
  const script = typeof document !== 'undefined' && document.querySelector('script[src*="twitch-ext"]') !== null;
  return fromTwitch || script;
}
