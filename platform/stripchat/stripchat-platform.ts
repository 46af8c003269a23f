import { Subject, debounceTime, filter, from, merge, of, shareReplay, switchMap, takeUntil, type Observable } from 'rxjs';
import { BasePlatform, browserLocale } from '../base.js';
import type {
  Capability,
  LeaderboardEntry,
  LeaderboardWindow,
  MovableOverlayState,
  Role,
  RoomMessage,
  TipMenuItem,
  TipResult,
} from '../model.js';
import type { PlatformOptions } from '../registry.js';
import { amount, clip, errorMessage, id, isRecord, num, oneOf, text, THEMES } from '../validate.js';
import { PostMessageExt, isExtHelper, resolveHostOrigin, ulid, type ExtHandler, type ExtHelper } from './ext.js';
import { mapContext, mapTip, mapTipMenu, mapTopUsers, mapViewers, unwrapContext } from './map.js';
import { listenShared } from './events.js';
import { MAX_HOLD_MS, OverlaySlot } from './activity.js';
import { ANNOUNCE_KINDS, ANNOUNCE_VOICES, Announcer, type AnnounceKind, type AnnounceVoice } from './announce.js';
import { remember } from '../bounded.js';

export interface StripchatOptions {
  /** The helper from `createExtHelper()` (way 1). Without it onair speaks the postMessage protocol. */
  ext?: ExtHelper;
  /** Set when an `ext` option was given but is not a helper object. */
  invalidExt?: boolean;
  /** The host origin, from the iframe's `?origin=` parameter (way 2). */
  origin?: string;
  theme?: 'light' | 'dark';
  locale?: string;
  /** A `top` storage key declared in the manifest: enables the host-side leaderboard. */
  topKey?: string;
  /** On the model's background page: add each received tip to the `topKey` counter. */
  recordTips?: boolean;
  /** The page sits in a shared activity slot (right or video decorative overlay). */
  activity?: boolean;
  /** How long a spend waits for its confirmation before counting as cancelled. */
  spendTimeoutMs?: number;
  /** How long any other request waits for an answer. */
  requestTimeoutMs?: number;
  /** Announce these in chat (off by default): tips this frame shows, results of this page's wheels. */
  announce?: AnnounceKind[];
  /** Who announces: the extension's bot (default), the model, or a system line. */
  announceAs?: AnnounceVoice;
  /** Tip announcement text; `{name}`, `{amount}`, `{message}` are filled in. */
  announceTipText?: string;
  /** Spin announcement text; `{label}` is filled in. */
  announceSpinText?: string;
  /** Share the latest room message among this viewer's frames in one tab (`v1.ext.whisper.local`). */
  sync?: boolean;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

interface PendingSpend {
  requestId: string;
  item: TipMenuItem;
  resolve: (result: TipResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

const DEFAULT_SPEND_TIMEOUT_MS = 120_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** `v1.ext.activity.request` waits until the shared slot is free, so it may take long. */
const ACTIVITY_TIMEOUT_MS = 90_000;
/** Extra reservation after the spin so viewers still see where the wheel stopped. */
const ACTIVITY_MARGIN_MS = 2_000;
const DEFAULT_SPIN_MS = 8_000;
const LEADERBOARD_DEBOUNCE_MS = 1_000;
const MONITORING_INTERVAL_MS = 10_000;
const MAX_SEEN = 500;
const MAX_NAMES = 1_000;
const MAX_BOARDS = 12;
const MAX_ROOM_PAYLOAD = 16_000;
const MAX_SETTINGS = 20_000;
const TOP_WINDOWS: Partial<Record<LeaderboardWindow, string>> = { '1d': 'TOP_1D', '7d': 'TOP_7D', '30d': 'TOP_30D' };
/**
 * Our states → `TMovableOverlayStatus`. Only `active` appears in the docs; the other strings are
 * inferred, and a value the host rejects surfaces as a reported request failure.
 */
const OVERLAY_STATUS: Record<MovableOverlayState, string> = {
  connecting: 'connecting',
  live: 'active',
  reconnecting: 'connecting',
  offline: 'inactive',
  'no-host': 'inactive',
};
const EVENTS = [
  'v1.ext.context.updated',
  'v1.ext.viewers.updated',
  'v1.tipMenu.updated',
  'v1.tokens.spent',
  'v1.payment.tokens.spend.succeeded',
  'v1.ext.whispered',
  'v1.ext.whispered.local',
  'v1.ext.activity.busy',
  'v1.ext.activity.available',
] as const;
type EventName = (typeof EVENTS)[number];

/**
 * Stripchat extension slots. Talks to the host through the page's `createExtHelper()` object, or,
 * on drop-in pages, through onair's own client for the same postMessage protocol, bound to the
 * `?origin=` host. Maps context, viewers, tip menu and received tips; spends tokens through the
 * host's modal; syncs wheel spins by whisper; keeps a host-side leaderboard in a `top` counter.
 */
export class StripchatPlatform extends BasePlatform {
  readonly name = 'stripchat' as const;
  private readonly caps = new Set<Capability>(['viewers', 'tipMenu', 'tips', 'movableOverlay', 'signIn', 'reconnect']);
  readonly capabilities: ReadonlySet<Capability> = this.caps;

  private readonly ext?: ExtHelper;
  private readonly client?: PostMessageExt;
  /** Ends each event subscription: an unsubscribe on onair's own client, leaving the shared one on a page's helper. */
  private readonly subscriptions: Array<() => void> = [];
  private readonly timers = new Map<ReturnType<typeof setTimeout>, (answer: Answer) => void>();
  private readonly seenTips = new Set<string>();
  private readonly seenRoom = new Set<string>();
  private readonly lateSpends = new Set<string>();
  /** Spends this page started, so a repeated confirmation of one is not taken for an older page's. */
  private readonly startedSpends = new Set<string>();
  private readonly reportedLate = new Set<string>();
  private readonly names = new Map<string, string>();
  private readonly boards = new Map<string, Observable<LeaderboardEntry[]>>();
  private readonly leaderboardDirty = new Subject<void>();
  private readonly disposing = new Subject<void>();
  private readonly forwarded = new Set<string>();
  private spend?: PendingSpend;
  private paymentData?: Record<string, unknown>;
  private showStatus?: string;
  private viewersVersion = 0;
  private tipSeq = 0;
  private lastForwardAt = -Infinity;
  private lastOverlay?: string;
  /** This client's hold on the shared overlay slot, in frames with the `activity` option. */
  private overlay?: OverlaySlot;
  private announcer?: Announcer;
  /** The latest room message, for this viewer's other frames when they ask (`sync`). */
  private lastRoom?: RoomMessage;

  constructor(private readonly options: StripchatOptions = {}) {
    super();
    this.patchContext({ theme: options.theme ?? 'dark', locale: options.locale ?? browserLocale(), role: 'guest', signIn: true });
    if (options.topKey) this.caps.add('leaderboardStore');
    const ext = options.ext ?? this.openClient();
    if (!ext) return;
    this.ext = ext;
    if (ext instanceof PostMessageExt) this.client = ext;
    if (options.activity) {
      this.overlay = new OverlaySlot({ request: (method, params) => this.request(method, params), report: (code, message) => this.report(code, message) });
      void this.overlay.sync();
    }
    if (options.announce?.length) {
      this.announcer = new Announcer({
        kinds: new Set(options.announce),
        voice: options.announceAs ?? 'bot',
        tipText: options.announceTipText,
        spinText: options.announceSpinText,
        request: (method, params) => this.request(method, params),
        report: (code, message) => this.report(code, message),
      });
    }
    for (const eventName of EVENTS) this.listen(eventName);
    void this.load();
    if (options.sync) this.askFramesForRoom();
  }

  /** Re-reads the context, viewers, tip menu and settings (e.g. after an error). */
  override reconnect(): void {
    if (this.disposed || !this.ext) return;
    this.setStatus({ state: 'reconnecting' });
    void this.load();
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    const role = this.context.getValue().role;
    if (this.disposed || !this.ext) return { status: 'failed', item, error: 'Stripchat is not connected.' };
    if (role === 'guest') return { status: 'failed', item, error: 'Sign in to tip.' };
    if (role === 'broadcaster') return { status: 'failed', item, error: 'The model cannot tip in her own room.' };
    if (this.spend) return { status: 'failed', item, error: 'Another tip is still waiting for confirmation.' };
    const tokens = amount(item.price);
    if (tokens === undefined || !Number.isInteger(tokens)) return { status: 'failed', item, error: 'This item has no valid token price.' };
    const requestId = ulid();
    return new Promise<TipResult>((resolve) => {
      const timer = setTimeout(() => this.expireSpend(requestId), this.options.spendTimeoutMs ?? DEFAULT_SPEND_TIMEOUT_MS);
      this.spend = { requestId, item, resolve, timer };
      remember(this.startedSpends, requestId, undefined, MAX_SEEN);
      const params = { tokensAmount: tokens, tokensSpendData: { onairRequestId: requestId, itemId: item.id, page: pageKey() } };
      void this.request('v1.payment.tokens.spend', params).then((answer) => {
        if (!answer.ok && this.spend?.requestId === requestId) this.finishSpend({ status: 'failed', item, error: answer.error });
      });
    });
  }

  override async broadcast(message: Omit<RoomMessage, 'from' | 'sentAt'>): Promise<void> {
    if (this.disposed || !this.ext) return;
    const type = text(message.type);
    if (!type || !fitsJson(message.payload, MAX_ROOM_PAYLOAD)) {
      this.report('invalid-payload', 'A room message needs a type and a small JSON payload.', message);
      return;
    }
    const role = this.context.getValue().role;
    if (role === 'guest') {
      this.report('unsupported', 'Guests cannot send to the room; sign in first.');
      return;
    }
    const paymentData = role === 'broadcaster' ? undefined : this.paymentData;
    if (role !== 'broadcaster' && !paymentData) {
      this.report('payment-required', 'Stripchat relays a viewer\'s room message only with the payment of a spend; tip first.');
      return;
    }
    // One payment carries one message.
    this.paymentData = undefined;
    if (this.disposed) return;
    const data = { onair: 1, type, payload: message.payload, from: this.clientId, sentAt: Date.now() };
    const answer = await this.request('v1.ext.whisper', paymentData ? { data, paymentData } : { data });
    if (!answer.ok) this.report('request-failed', `The room message was not sent: ${answer.error}`);
  }

  override leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    const top = TOP_WINDOWS[window];
    const key = this.options.topKey;
    if (!top || !key || this.disposed) return undefined;
    const topN = Math.min(Math.max(Math.round(num(limit, 1, 100) ?? 10), 1), 100);
    const cacheKey = `${top}:${topN}`;
    let board = this.boards.get(cacheKey);
    if (!board) {
      board = merge(of(undefined), this.leaderboardDirty.pipe(debounceTime(LEADERBOARD_DEBOUNCE_MS))).pipe(
        switchMap(() => from(this.fetchTop(key, top, topN))),
        filter((entries): entries is LeaderboardEntry[] => entries !== undefined),
        takeUntil(this.disposing),
        shareReplay({ bufferSize: 1, refCount: true }),
      );
      remember(this.boards, cacheKey, board, MAX_BOARDS);
    }
    return board;
  }

  updateMovableOverlay(state: MovableOverlayState, message?: string): void {
    const status = OVERLAY_STATUS[state];
    if (!status || this.disposed || !this.ext) return;
    const params = message === undefined ? { status } : { status, message: clip(text(message, 200) ?? '', 64) };
    const signature = JSON.stringify(params);
    if (signature === this.lastOverlay) return;
    this.lastOverlay = signature;
    void this.request('v1.ext.movableOverlay.update', params).then((answer) => {
      if (answer.ok) return;
      if (this.lastOverlay === signature) this.lastOverlay = undefined;
      this.report('request-failed', `The movable overlay was not updated: ${answer.error}`);
    });
  }

  requestSignIn(): void {
    if (this.disposed || !this.ext) return;
    void this.request('v1.ext.signup.open', { type: 'user' }).then((answer) => {
      if (!answer.ok) this.report('request-failed', `The sign-up dialog did not open: ${answer.error}`);
    });
  }

  override dispose(): void {
    if (this.disposed) return;
    this.overlay?.dispose();
    this.announcer?.dispose();
    for (const end of this.subscriptions.splice(0)) end();
    if (this.spend) this.finishSpend({ status: 'cancelled', item: this.spend.item, reason: 'disposed' });
    for (const [timer, settle] of this.timers) {
      clearTimeout(timer);
      settle({ ok: false, error: 'disposed' });
    }
    this.timers.clear();
    this.client?.close();
    this.disposing.next();
    this.disposing.complete();
    this.leaderboardDirty.complete();
    this.boards.clear();
    super.dispose();
  }

  /** Every problem also goes to Stripchat's monitoring, at most one per 10 s and each text once. */
  protected override report(code: string, message: string, payload?: unknown): void {
    super.report(code, message, payload);
    if (this.disposed || !this.ext) return;
    const detail = clip(message, 300);
    const now = Date.now();
    if (now - this.lastForwardAt < MONITORING_INTERVAL_MS || this.forwarded.has(`${code}|${detail}`)) return;
    this.lastForwardAt = now;
    remember(this.forwarded, `${code}|${detail}`, undefined, 50);
    // Sent without `request()`: a failing monitoring call must not report itself again.
    try {
      void Promise.resolve(this.ext.makeRequest('v1.monitoring.report.error', { message: `onair ${code}`, data: { detail } })).catch(() => undefined);
    } catch {
      // Monitoring is best effort.
    }
  }

  private openClient(): PostMessageExt | undefined {
    if (this.options.invalidExt) {
      this.setStatus({ state: 'error', detail: 'The ext option is not a Stripchat helper (makeRequest, subscribe, unsubscribe).' });
      return undefined;
    }
    const hostOrigin = resolveHostOrigin(this.options.origin);
    if (!hostOrigin || window.parent === window) {
      this.setStatus({ state: 'error', detail: 'Not inside a Stripchat extension slot: no valid host origin (?origin=).' });
      return undefined;
    }
    document.documentElement.dataset.theme = this.options.theme ?? 'dark';
    const client = new PostMessageExt({
      hostOrigin,
      peer: window.parent,
      timeoutMs: this.options.requestTimeoutMs,
      onHandlerError: (eventName, error) => this.report('handler-failed', `Handling ${eventName} failed: ${String(error)}`),
    });
    client.watchSize(document);
    return client;
  }

  private listen(eventName: EventName): void {
    const handle = this.eventHandler(eventName);
    const handler: ExtHandler = (data) => {
      if (this.disposed) return;
      try {
        handle(data);
      } catch (error) {
        this.report('handler-failed', `Handling ${eventName} failed: ${String(error)}`, data);
      }
    };
    const ext = this.ext;
    if (!ext) return;
    try {
      if (this.client) {
        this.client.subscribe(eventName, handler);
        this.subscriptions.push(() => this.client?.unsubscribe(eventName, handler));
      } else {
        this.subscriptions.push(listenShared(ext, eventName, handler));
      }
    } catch (error) {
      this.report('request-failed', `Could not subscribe to ${eventName}: ${String(error)}`);
    }
  }

  private eventHandler(eventName: EventName): (data: unknown) => void {
    switch (eventName) {
      case 'v1.ext.context.updated':
        return (data) => this.applyContext(isRecord(data) ? data.context : undefined, data);
      case 'v1.ext.viewers.updated':
        return (data) => {
          this.viewersVersion += 1;
          this.applyViewers(isRecord(data) && 'viewers' in data ? data.viewers : undefined, data);
        };
      case 'v1.tipMenu.updated':
        return (data) => this.applyTipMenu(isRecord(data) ? data.tipMenu : undefined, data);
      case 'v1.tokens.spent':
        return (data) => this.onTip(data);
      case 'v1.payment.tokens.spend.succeeded':
        return (data) => this.onSpendSucceeded(data);
      case 'v1.ext.whispered':
        return (data) => this.onWhispered(data);
      case 'v1.ext.whispered.local':
        return (data) => this.onLocalWhisper(data);
      case 'v1.ext.activity.busy':
        return () => this.overlay?.setBusy(true);
      case 'v1.ext.activity.available':
        return () => this.overlay?.setBusy(false);
    }
  }

  private async load(): Promise<void> {
    void this.fetchViewers();
    void this.fetchTipMenu();
    void this.fetchSettings();
    const answer = await this.request('v1.ext.context.get', null);
    if (this.disposed) return;
    if (!answer.ok) {
      this.setStatus({ state: 'error', detail: `Stripchat did not answer: ${answer.error}` });
      this.report('request-failed', `v1.ext.context.get failed: ${answer.error}`);
      return;
    }
    this.applyContext(unwrapContext(answer.value), answer.value);
    this.setStatus({ state: 'connected' });
  }

  private applyContext(raw: unknown, payload: unknown): void {
    const mapped = mapContext(raw);
    if (!mapped) {
      this.report('invalid-payload', 'Stripchat sent a context onair cannot use.', payload);
      return;
    }
    const statusChanged = this.showStatus !== undefined && mapped.showStatus !== this.showStatus;
    this.showStatus = mapped.showStatus;
    this.updateCapabilities(mapped.role);
    this.patchContext({ role: mapped.role, user: mapped.user, channel: mapped.channel, signIn: mapped.role === 'guest' });
    if (statusChanged) void this.fetchViewers();
  }

  private updateCapabilities(role: Role): void {
    toggle(this.caps, 'spend', role === 'viewer');
    toggle(this.caps, 'broadcast', role === 'viewer' || role === 'broadcaster');
  }

  private async fetchViewers(): Promise<void> {
    const version = ++this.viewersVersion;
    const answer = await this.request('v1.ext.viewers.get', null);
    // An update event (or a newer fetch) since this request makes its answer stale.
    if (version !== this.viewersVersion || this.disposed) return;
    if (answer.ok) this.applyViewers(answer.value, answer.value);
    else this.report('request-failed', `v1.ext.viewers.get failed: ${answer.error}`);
  }

  private applyViewers(raw: unknown, payload: unknown): void {
    const viewers = mapViewers(raw);
    if (viewers === undefined) this.report('invalid-payload', 'Stripchat sent viewer counts onair cannot use.', payload);
    else this.setViewers(viewers);
  }

  private async fetchTipMenu(): Promise<void> {
    const answer = await this.request('v1.tipMenu.get', null);
    if (!answer.ok) this.report('request-failed', `v1.tipMenu.get failed: ${answer.error}`);
    else this.applyTipMenu(isRecord(answer.value) ? answer.value.tipMenu : undefined, answer.value);
  }

  private applyTipMenu(raw: unknown, payload: unknown): void {
    const mapped = mapTipMenu(raw);
    if (!mapped) {
      this.report('invalid-payload', 'Stripchat sent a tip menu onair cannot use.', payload);
      return;
    }
    if (mapped.skipped > 0) this.report('invalid-payload', `${mapped.skipped} tip menu item(s) skipped as malformed.`, payload);
    this.setTipMenu(mapped.menu);
  }

  private async fetchSettings(): Promise<void> {
    const answer = await this.request('v1.ext.settings.get', null);
    if (!answer.ok) {
      this.report('request-failed', `v1.ext.settings.get failed: ${answer.error}`);
      return;
    }
    const settings = isRecord(answer.value) ? answer.value.settings : undefined;
    if (!isRecord(settings) || !fitsJson(settings, MAX_SETTINGS)) {
      this.report('invalid-payload', 'Stripchat sent settings onair cannot use.', answer.value);
      return;
    }
    this.patchContext({ settings: JSON.parse(JSON.stringify(settings)) as Record<string, unknown> });
  }

  /**
   * Every tip is shown once, by id. `isOriginalSource` (undocumented; public extensions read it in
   * opposite ways) never hides a tip: it only picks the frame that adds it to the top counter, so
   * that side effect happens once.
   */
  private onTip(data: unknown): void {
    const mapped = isRecord(data) ? mapTip(data.tipData, (this.tipSeq += 1)) : undefined;
    if (!mapped) {
      this.report('invalid-payload', 'Stripchat sent a tip onair cannot use.', data);
      return;
    }
    const { tip } = mapped;
    if (this.seenTips.has(tip.id)) return;
    remember(this.seenTips, tip.id, undefined, MAX_SEEN);
    if (tip.user.id) remember(this.names, tip.user.id, tip.user.name, MAX_NAMES);
    this.emitTip(tip);
    this.announcer?.tip(tip);
    if (this.recording && mapped.original) void this.record(tip.user.id, tip.amount, tip.user.name);
    else this.leaderboardDirty.next();
  }

  private get recording(): boolean {
    return Boolean(this.options.recordTips && this.options.topKey && this.context.getValue().role === 'broadcaster');
  }

  /** Adds one tip to the top counter. Anonymous tips are not credited to anyone. */
  private async record(userId: string | undefined, tokens: number, name: string): Promise<void> {
    if (!userId || !this.options.topKey) return;
    const params = { key: this.options.topKey, amount: String(tokens), userId, meta: name };
    const answer = await this.request('v1.storage.top.increment', params);
    if (!answer.ok) this.report('request-failed', `The tip was not added to the leaderboard: ${answer.error}`);
    else if (!isRecord(answer.value) || answer.value.success !== true) this.report('store-failed', 'Stripchat did not record the tip.', answer.value);
    this.leaderboardDirty.next();
  }

  private async fetchTop(key: string, top: string, topN: number): Promise<LeaderboardEntry[] | undefined> {
    const answer = await this.request('v1.storage.top.get', { key, top, topN });
    if (!answer.ok) {
      this.report('request-failed', `v1.storage.top.get failed: ${answer.error}`);
      return undefined;
    }
    const mapped = mapTopUsers(answer.value);
    if (!mapped) {
      this.report('invalid-payload', 'Stripchat sent a leaderboard onair cannot use.', answer.value);
      return undefined;
    }
    if (mapped.skipped > 0) this.report('invalid-payload', `${mapped.skipped} leaderboard row(s) skipped as malformed.`, answer.value);
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

  private onSpendSucceeded(data: unknown): void {
    const spendData = isRecord(data) && isRecord(data.tokensSpendData) ? data.tokensSpendData : undefined;
    const paymentData = isRecord(data) && isRecord(data.paymentData) && fitsJson(data.paymentData, 4_000) ? data.paymentData : undefined;
    const requestId = text(spendData?.onairRequestId, 64);
    if (!paymentData) {
      this.report('invalid-payload', 'Stripchat sent a spend confirmation onair cannot use.', data);
      return;
    }
    // Not onair's: another flow of this extension.
    if (!requestId) return;
    const spend = this.spend;
    if (spend?.requestId === requestId) {
      this.paymentData = JSON.parse(JSON.stringify(paymentData)) as Record<string, unknown>;
      const transactionId = id(paymentData.transactionId);
      this.finishSpend(transactionId ? { status: 'success', item: spend.item, transactionId } : { status: 'success', item: spend.item });
      return;
    }
    // Confirmed after onair stopped waiting here, or for this page before it was reloaded: the
    // viewer paid, so it is reported (once), never dropped. Other pages' spends are theirs.
    const beforeReload = text(spendData?.page, 200) === pageKey() && !this.startedSpends.has(requestId);
    if ((this.lateSpends.has(requestId) || beforeReload) && !this.reportedLate.has(requestId)) {
      remember(this.reportedLate, requestId, undefined, 20);
      const item = text(spendData?.itemId, 120);
      const transactionId = id(paymentData.transactionId);
      this.report('spend-late', 'A tip was confirmed after onair had stopped waiting for it: the viewer paid.', { itemId: item, transactionId, amount: text(paymentData.amount, 20) });
    }
  }

  private expireSpend(requestId: string): void {
    if (this.spend?.requestId !== requestId) return;
    remember(this.lateSpends, requestId, undefined, 20);
    // The host's modal reports no cancel, so silence means the viewer closed it.
    this.finishSpend({ status: 'cancelled', item: this.spend.item, reason: 'No confirmation from Stripchat in time.' });
  }

  private finishSpend(result: TipResult): void {
    const spend = this.spend;
    if (!spend) return;
    this.spend = undefined;
    clearTimeout(spend.timer);
    spend.resolve(result);
  }

  private onWhispered(data: unknown): void {
    const raw = isRecord(data) && data.onair === 1 ? data : isRecord(data) && isRecord(data.data) && data.data.onair === 1 ? data.data : undefined;
    // Whispers without our marker belong to other code of the extension.
    if (!raw) return;
    const type = text(raw.type);
    const sentAt = num(raw.sentAt, 0, 1e14);
    const from = raw.from === undefined ? undefined : text(raw.from, 128);
    if (!type || sentAt === undefined || !('payload' in raw) || (raw.from !== undefined && !from)) {
      this.report('invalid-payload', 'Stripchat relayed a room message onair cannot use.', data);
      return;
    }
    const key = `${from ?? ''}|${sentAt}|${type}`;
    if (this.seenRoom.has(key)) return;
    remember(this.seenRoom, key, undefined, MAX_SEEN);
    const message: RoomMessage = from ? { type, payload: raw.payload, from, sentAt } : { type, payload: raw.payload, sentAt };
    this.lastRoom = message;
    this.emitRoom(message);
    const holdMs = this.overlayHoldMs(type, raw.payload);
    if (holdMs !== undefined) this.overlay?.hold(holdMs);
  }

  /**
   * With `sync`, this viewer's frames in one browser tab share the latest room message over
   * `v1.ext.whisper.local` (free, and never leaving the tab): a frame that starts asks, the others
   * answer with theirs. A frame mounted after a spin began (an overlay slot, a tab the viewer opens)
   * then still shows it; the usual duplicate check drops what a frame already has.
   */
  private onLocalWhisper(data: unknown): void {
    if (isRecord(data) && data.onair === 1 && data.sync === 'ask') {
      if (this.options.sync && this.lastRoom) void this.request('v1.ext.whisper.local', { data: roomData(this.lastRoom) });
      return;
    }
    this.onWhispered(data);
  }

  private askFramesForRoom(): void {
    void this.request('v1.ext.whisper.local', { data: { onair: 1, sync: 'ask', from: this.clientId } });
  }

  /** How long a room message wants the overlay shown: a wheel spin, plus time to see where it stopped. */
  private overlayHoldMs(type: string, payload: unknown): number | undefined {
    if (type !== 'wheel.spin') return undefined;
    const spin = isRecord(payload) ? num(payload.durationMs, 0, MAX_HOLD_MS) : undefined;
    return (spin ?? DEFAULT_SPIN_MS) + ACTIVITY_MARGIN_MS;
  }

  /** One host request that never rejects: an answer, or the reason there is none. */
  private request(method: string, params: unknown): Promise<Answer> {
    const ext = this.ext;
    if (!ext || this.disposed) return Promise.resolve({ ok: false, error: 'not connected' });
    const timeout = method === 'v1.ext.activity.request' ? ACTIVITY_TIMEOUT_MS : (this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    return new Promise<Answer>((resolve) => {
      const timer = setTimeout(() => settle({ ok: false, error: `${method} timed out` }), timeout);
      const settle = (answer: Answer) => {
        if (!this.timers.delete(timer)) return;
        clearTimeout(timer);
        resolve(answer);
      };
      this.timers.set(timer, settle);
      try {
        Promise.resolve(ext.makeRequest(method, params)).then(
          (value) => settle({ ok: true, value }),
          (error: unknown) => settle({ ok: false, error: errorMessage(error) }),
        );
      } catch (error) {
        settle({ ok: false, error: String(error) });
      }
    });
  }
}

/** A room message as onair whispers it. */
function roomData(message: RoomMessage): Record<string, unknown> {
  return { onair: 1, type: message.type, payload: message.payload, from: message.from, sentAt: message.sentAt };
}

/** Which page of the extension this is: a spend names it, so the same page after a reload knows its own. */
function pageKey(): string {
  return typeof location === 'undefined' ? '' : location.pathname.slice(0, 200);
}

function toggle<T>(set: Set<T>, value: T, on: boolean): void {
  if (on) set.add(value);
  else set.delete(value);
}

/** Adds to a Set or Map, dropping the oldest entry past `max`. */

function fitsJson(value: unknown, max: number): boolean {
  try {
    const json = JSON.stringify(value);
    return json !== undefined && json.length <= max;
  } catch {
    return false;
  }
}

function flag(value: unknown): boolean | undefined {
  if (value === true || value === '' || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return undefined;
}

/** `"tips spins"` (or a list): the known kinds, in order, each once; nothing else. */
function announceKinds(value: unknown): AnnounceKind[] | undefined {
  const words = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const kinds = ANNOUNCE_KINDS.filter((kind) => words.includes(kind));
  return kinds.length > 0 ? kinds : undefined;
}

/** The helper object, or the one a factory function returns. */
function helperFrom(value: unknown): ExtHelper | undefined {
  if (isExtHelper(value)) return value;
  if (typeof value !== 'function') return undefined;
  try {
    const made: unknown = (value as () => unknown)();
    return isExtHelper(made) ? made : undefined;
  } catch {
    return undefined;
  }
}

/** Reads Stripchat options from attributes / query parameters (strings) or typed JS values. */
export function stripchatOptions(options: PlatformOptions): StripchatOptions {
  const ext = options.ext === undefined ? undefined : helperFrom(options.ext);
  const theme = oneOf(THEMES, options.theme);
  const parsed: StripchatOptions = {
    ext,
    invalidExt: options.ext !== undefined && !ext,
    origin: typeof options.origin === 'string' ? options.origin : undefined,
    theme,
    locale: text(options.locale, 35),
    topKey: text(options.topKey ?? options['top-key'], 64),
    recordTips: flag(options.recordTips ?? options['record-tips']),
    activity: flag(options.activity),
    spendTimeoutMs: num(options.spendTimeoutMs ?? options['spend-timeout'], 50, 600_000),
    requestTimeoutMs: num(options.requestTimeoutMs ?? options['request-timeout'], 100, 120_000),
    announce: announceKinds(options.announce),
    sync: flag(options.sync),
    announceAs: oneOf(ANNOUNCE_VOICES, options.announceAs ?? options['announce-as']),
    announceTipText: text(options.announceTipText ?? options['announce-tip-text'], 200),
    announceSpinText: text(options.announceSpinText ?? options['announce-spin-text'], 200),
  };
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as StripchatOptions;
}

export function createStripchatPlatform(options: PlatformOptions): StripchatPlatform {
  return new StripchatPlatform(stripchatOptions(options));
}
