import type { Observable } from 'rxjs';
import { BasePlatform, browserLocale } from '../base.js';
import type {
  Capability,
  DeliveryHints,
  ErrorCode,
  LateTipResult,
  LeaderboardEntry,
  LeaderboardWindow,
  MovableOverlayState,
  OutgoingRoomMessage,
  Role,
  RoomMessage,
  TipMenuItem,
  TipResult,
} from '../model.js';
import type { PlatformOptions } from '../registry.js';
import { remember } from '../bounded.js';
import { decodeEnvelope, envelope, isRoomType, roomMessage } from '../kit/envelope.js';
import { readOptions, type OptionProblem } from '../kit/options.js';
import { Requests, type Answer, type Latest } from '../kit/request.js';
import { amount, clip, id, isRecord, num, text } from '../validate.js';
import { ACTIVITY_TIMEOUT_MS, PostMessageExt, isExtHelper, resolveHostOrigin, ulid, type ExtHandler, type ExtHelper } from './ext.js';
import { MAX_HOLD_MS, OverlaySlot } from './activity.js';
import { Announcer, type AnnounceKind, type AnnounceVoice } from './announce.js';
import { listenShared } from './events.js';
import { mapContext, mapTip, mapTipMenu, mapViewers, unwrapContext } from './map.js';
import { hash } from '../hash.js';
import { TopStore } from './top-store.js';
import { STRIPCHAT_OPTIONS } from './options.js';

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
  /** This viewer's frame holds the shared overlay slot while a room message asks for it. */
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

const MONITORING_INTERVAL_MS = 10_000;
const MAX_SEEN = 500;
const MAX_ROOM_PAYLOAD = 16_000;
const MAX_SETTINGS = 20_000;
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
  private readonly requests: Requests;
  private readonly viewersRequest: Latest;
  private readonly spends = this.createSpendSlot({
    busy: 'Another tip is still waiting for confirmation.',
    // The host's modal reports no cancel, so silence means the viewer closed it.
    timeout: 'No confirmation from Stripchat in time.',
  });
  private readonly seenTips = new Set<string>();
  private readonly seenRoom = new Set<string>();
  private readonly top?: TopStore;
  private readonly forwarded = new Set<string>();
  private paymentData?: Record<string, unknown>;
  private showStatus?: string;
  private tipSeq = 0;
  private lastForwardAt = -Infinity;
  private lastOverlay?: string;
  /** This client's hold on the shared overlay slot, in frames with the `activity` option. */
  private overlay?: OverlaySlot;
  private announcer?: Announcer;
  /** The latest room message, for this viewer's other frames when they ask (`sync`). */
  private lastRoom?: RoomMessage;
  /** Spends this page started, so a repeated confirmation of one is not taken for an older page's. */
  private readonly startedSpends = new Set<string>();
  private readonly reportedLate = new Set<string>();

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(private readonly options: StripchatOptions = {}, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    this.requests = new Requests(options.requestTimeoutMs ?? STRIPCHAT_OPTIONS.requestTimeoutMs.default!);
    // An update event (or a newer fetch) since a request makes its answer stale.
    this.viewersRequest = this.requests.latest('v1.ext.viewers.get', () => this.ext!.makeRequest('v1.ext.viewers.get', null), (answer) => {
      if (answer.ok) this.applyViewers(answer.value, answer.value);
      else this.report('request-failed', `v1.ext.viewers.get failed: ${answer.error}`);
    });
    this.patchContext({ theme: options.theme ?? 'dark', locale: options.locale ?? browserLocale(), role: 'guest', signIn: true });
    if (options.topKey) {
      this.caps.add('leaderboardStore');
      this.top = new TopStore(options.topKey, { request: (method, params) => this.request(method, params), report: (code, message, payload) => this.report(code, message, payload) });
    }
    const ext = options.ext ?? this.openClient();
    if (!ext) return;
    this.ext = ext;
    if (ext instanceof PostMessageExt) this.client = ext;
    if (options.activity) {
      this.overlay = new OverlaySlot({ request: (method, params) => this.request(method, params, ACTIVITY_TIMEOUT_MS), report: (code, message) => this.report(code, message) });
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
    this.setStatus({ state: 'reconnecting', reason: 'connecting' });
    void this.load();
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    const role = this.context.getValue().role;
    if (this.disposed || !this.ext) return { status: 'failed', item, error: 'Stripchat is not connected.' };
    if (role === 'guest') return { status: 'failed', item, error: 'Sign in to tip.' };
    if (role === 'broadcaster') return { status: 'failed', item, error: 'The model cannot tip in her own room.' };
    const tokens = amount(item.price);
    if (tokens === undefined || !Number.isInteger(tokens)) return { status: 'failed', item, error: 'This item has no valid token price.' };
    const requestId = ulid();
    const timeoutMs = this.options.spendTimeoutMs ?? STRIPCHAT_OPTIONS.spendTimeoutMs.default!;
    remember(this.startedSpends, requestId, undefined, MAX_SEEN);
    const params = { tokensAmount: tokens, tokensSpendData: { onairRequestId: requestId, itemId: item.id, page: pageKey() } };
    // The request only opens the host's modal; the confirmation arrives as an event (onSpendSucceeded).
    const pay = async (): Promise<TipResult | undefined> => {
      const answer = await this.request('v1.payment.tokens.spend', params);
      return answer.ok ? undefined : { status: 'failed', item, error: answer.error };
    };
    return this.spends.spend({ item, key: requestId, timeoutMs, pay });
  }

  override async broadcast(message: OutgoingRoomMessage, hints: DeliveryHints = {}): Promise<void> {
    if (this.disposed || !this.ext) return;
    const { type } = message;
    if (!isRoomType(type) || !fitsJson(message.payload, MAX_ROOM_PAYLOAD)) {
      this.report('invalid-message', 'A room message needs a type and a small JSON payload.', message);
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
    // The hold travels with the message: every viewer's frame that receives it holds its own slot.
    const wanted = num(hints.holdOverlayMs, 1, Number.MAX_SAFE_INTEGER);
    const hold = wanted === undefined ? undefined : Math.min(Math.round(wanted), MAX_HOLD_MS);
    const data = { ...envelope(type, message.payload, this.clientId), ...(hold ? { holdOverlayMs: hold } : {}) };
    const answer = await this.request('v1.ext.whisper', paymentData ? { data, paymentData } : { data });
    if (!answer.ok) this.report('request-failed', `The room message was not sent: ${answer.error}`);
  }

  override leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    return this.disposed ? undefined : this.top?.board(window, limit);
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
    this.requests.dispose();
    this.client?.close();
    this.top?.close();
    super.dispose();
  }

  /** Every problem also goes to Stripchat's monitoring, at most one per 10 s and each text once. */
  protected override report(code: ErrorCode, message: string, payload?: unknown): void {
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
      this.setStatus({ state: 'error', reason: 'helper-missing', detail: 'The ext option is not a Stripchat helper (makeRequest, subscribe, unsubscribe).' });
      return undefined;
    }
    const hostOrigin = resolveHostOrigin(this.options.origin);
    if (!hostOrigin || window.parent === window) {
      this.setStatus({ state: 'error', reason: 'not-embedded', detail: 'Not inside a Stripchat extension slot: no valid host origin (?origin=).' });
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
          this.viewersRequest.cancel();
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
    this.viewersRequest.next();
    void this.fetchTipMenu();
    void this.fetchSettings();
    const answer = await this.request('v1.ext.context.get', null);
    if (this.disposed) return;
    if (!answer.ok) {
      this.setStatus({ state: 'error', reason: 'host-unreachable', detail: `Stripchat did not answer: ${answer.error}` });
      this.report('request-failed', `v1.ext.context.get failed: ${answer.error}`);
      return;
    }
    this.applyContext(unwrapContext(answer.value), answer.value);
    this.setStatus({ state: 'connected', reason: 'connected' });
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
    if (statusChanged) this.viewersRequest.next();
  }

  private updateCapabilities(role: Role): void {
    this.toggleCapability(this.caps, 'spend', role === 'viewer');
    this.toggleCapability(this.caps, 'broadcast', role === 'viewer' || role === 'broadcaster');
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
   * opposite ways) never hides a tip: it only picks the delivery that is added to the top counter,
   * so that side effect happens once.
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
    this.emitTip(tip);
    this.announcer?.tip(tip);
    void this.top?.tipped(tip, this.recording && mapped.original);
  }

  private get recording(): boolean {
    return Boolean(this.options.recordTips && this.options.topKey && this.context.getValue().role === 'broadcaster');
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
    const transactionId = id(paymentData.transactionId);
    const success = (item: TipMenuItem): TipResult => (transactionId ? { status: 'success', item, transactionId } : { status: 'success', item });
    const settled = this.spends.settle(requestId, success);
    // Kept only for a spend this page still waits for: its payment lets that spend's room message through.
    if (settled === 'settled') this.paymentData = JSON.parse(JSON.stringify(paymentData)) as Record<string, unknown>;
    if (settled !== undefined) return;
    // This page's spend from before it was reloaded (or mounted again): the viewer paid, so it is
    // reported once, never dropped. Spends of other pages are theirs.
    if (text(spendData?.page, 200) !== pageKey() || this.startedSpends.has(requestId) || this.reportedLate.has(requestId)) return;
    remember(this.reportedLate, requestId, undefined, 20);
    const itemId = text(spendData?.itemId, 120) ?? 'unknown';
    const tokens = amount(paymentData.amount) ?? 0;
    const item = this.tipMenu.getValue().items.find((entry) => entry.id === itemId) ?? { id: itemId, label: itemId, price: tokens, currency: 'tokens' };
    const late: LateTipResult = transactionId ? { status: 'success', item, transactionId, late: true } : { status: 'success', item, late: true };
    this.reportLate(late);
  }

  private onWhispered(data: unknown): void {
    // The host may wrap what was whispered in `data`; whispers without our envelope belong to other code.
    const inner = isRecord(data) && !('onair' in data) && isRecord(data.data) ? data.data : data;
    const decoded = decodeEnvelope(inner);
    if (decoded.kind === 'foreign') return;
    if (decoded.kind === 'invalid') {
      this.report('invalid-payload', `Stripchat relayed a room message onair cannot use: ${decoded.reason}.`, data);
      return;
    }
    const { from, sentAt, type, payload } = decoded.envelope;
    // Whispers carry no sequence number; two spins sent in one millisecond still differ in payload.
    const key = `${from ?? ''}|${sentAt}|${type}|${hash(printable(payload))}`;
    if (this.seenRoom.has(key)) return;
    remember(this.seenRoom, key, undefined, MAX_SEEN);
    const message = roomMessage(decoded.envelope);
    this.lastRoom = message;
    this.emitRoom(message);
    // The slot keeps to its own limit (`OverlaySlot.hold` caps it).
    const hold = isRecord(inner) ? num(inner.holdOverlayMs, 1, Number.MAX_SAFE_INTEGER) : undefined;
    if (hold !== undefined) this.overlay?.hold(hold);
  }

  /**
   * With `sync`, this viewer's frames in one browser tab share the latest room message over
   * `v1.ext.whisper.local` (free, and never leaving the tab): a frame that starts asks, the others
   * answer with theirs. A frame mounted after a spin began (an overlay slot, a tab the viewer opens)
   * then still shows it; the usual duplicate check drops what a frame already has.
   */
  private onLocalWhisper(data: unknown): void {
    if (isRecord(data) && data.onair === 1 && data.sync === 'ask') {
      const last = this.lastRoom;
      if (this.options.sync && last) {
        const { type, payload, from, sentAt } = last;
        void this.request('v1.ext.whisper.local', { data: { onair: 1, type, payload, ...(from ? { from } : {}), sentAt } });
      }
      return;
    }
    this.onWhispered(data);
  }

  private askFramesForRoom(): void {
    void this.request('v1.ext.whisper.local', { data: { onair: 1, sync: 'ask', from: this.clientId } });
  }

  /** One host request that never rejects: an answer, or the reason there is none. */
  private request(method: string, params: unknown, timeoutMs?: number): Promise<Answer> {
    const ext = this.ext;
    if (!ext || this.disposed) return Promise.resolve({ ok: false, error: 'not connected' });
    return this.requests.run(method, () => ext.makeRequest(method, params), timeoutMs);
  }
}

/** Which page of the extension this is: a spend names it, so the same page after a reload knows its own. */
function pageKey(): string {
  return typeof location === 'undefined' ? '' : location.pathname.slice(0, 200);
}

function printable(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function fitsJson(value: unknown, max: number): boolean {
  try {
    const json = JSON.stringify(value);
    return json !== undefined && json.length <= max;
  } catch {
    return false;
  }
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
export function stripchatOptions(options: PlatformOptions): StripchatOptions & { problems: OptionProblem[] } {
  const { values, problems } = readOptions(STRIPCHAT_OPTIONS, options);
  const ext = values.ext === undefined ? undefined : helperFrom(values.ext);
  const parsed: StripchatOptions = { ...values, ext, invalidExt: values.ext !== undefined && !ext };
  const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as StripchatOptions;
  return { ...defined, problems };
}

export function createStripchatPlatform(options: PlatformOptions): StripchatPlatform {
  const { problems, ...parsed } = stripchatOptions(options);
  return new StripchatPlatform(parsed, problems);
}
