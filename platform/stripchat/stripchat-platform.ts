import type { Observable } from 'rxjs';
import { BasePlatform } from '../base.js';
import { browserLocale } from '../locale.js';
import type { Capability, Currency, DeliveryHints, ErrorCode, RoomAnchor, LeaderboardEntry, LeaderboardWindow, MovableOverlayState, OutgoingRoomMessage, TipMenuItem, TipResult } from '../model.js';
import type { OptionProblem, PlatformOptions } from '../kit/options.js';
import { Requests, type Answer } from '../kit/request.js';
import { isRecord } from '../validate.js';
import { ACTIVITY_TIMEOUT_MS, PostMessageExt, isExtHelper, type ExtHandler, type ExtHelper } from './ext.js';
import { OverlaySlot } from './activity.js';
import { Announcer } from './announce.js';
import { listenTo, openClient } from './client.js';
import { stripchatOptions, type StripchatOptions } from './config.js';
import { TipIds, mapTip } from './map.js';
import { Monitoring } from './monitoring.js';
import { MovableOverlay } from './movable-overlay.js';
import { STRIPCHAT_OPTIONS } from './options.js';
import { WhisperRoom } from './room.js';
import { RoomState } from './room-state.js';
import { SPEND_TEXTS, StripchatSpends } from './spend.js';
import { GoalCounter } from './goal-counter.js';
import { StorageAnchor } from './anchor.js';
import { TopStore } from './top-store.js';

export { stripchatOptions, type StripchatOptions } from './config.js';

/**
 * Stripchat extension slots. Talks to the host through the page's `createExtHelper()` object, or,
 * on drop-in pages, through onair's own client for the same postMessage protocol, bound to the
 * `?origin=` host. Maps context, viewers, tip menu and received tips; spends tokens through the
 * host's modal (`spend.ts`); syncs wheel spins by whisper (`room.ts`); keeps a host-side
 * leaderboard in a `top` counter (`top-store.ts`) and a goal total in an `int` counter (`goal-counter.ts`).
 */
export class StripchatPlatform extends BasePlatform {
  readonly name = 'stripchat' as const;
  private readonly caps = new Set<Capability>(['viewers', 'tipMenu', 'tips', 'movableOverlay', 'signIn', 'reconnect']);
  readonly capabilities: ReadonlySet<Capability> = this.caps;

  private readonly ext?: ExtHelper;
  /** The client this adapter opened (no `ext` given); only it is closed on dispose. */
  private readonly client?: PostMessageExt;
  /** Ends each event subscription: an unsubscribe on onair's own client, leaving the shared one on a page's helper. */
  private readonly subscriptions: Array<() => void> = [];
  private readonly requests: Requests;
  private readonly state: RoomState;
  private readonly spends: StripchatSpends;
  private readonly whispers: WhisperRoom;
  private readonly movable = new MovableOverlay({ request: (method, params) => this.request(method, params), report: (code, message) => this.report(code, message) });
  private readonly top?: TopStore;
  private readonly goal?: GoalCounter;
  /** The wheel's anchor (`anchor-key`): written only by the model's pages. */
  readonly roomAnchor?: RoomAnchor;
  private monitoring?: Monitoring;
  private readonly tipNames = new TipIds();
  /** This client's hold on the shared overlay slot, in frames with the `activity` option. */
  private overlay?: OverlaySlot;
  private announcer?: Announcer;

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(private readonly options: StripchatOptions = {}, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    this.requests = new Requests(options.requestTimeoutMs ?? STRIPCHAT_OPTIONS.requestTimeoutMs.default!);
    const request = (method: string, params: unknown) => this.request(method, params);
    const report = (code: ErrorCode, message: string, payload?: unknown) => this.report(code, message, payload);
    this.state = new RoomState({
      requests: this.requests,
      request,
      viewers: () => this.ext?.makeRequest('v1.ext.viewers.get', null),
      report,
      setStatus: (status) => this.setStatus(status),
      patchContext: (patch) => this.patchContext(patch),
      setViewers: (viewers) => this.setViewers(viewers),
      setTipMenu: (menu) => this.setTipMenu(menu),
      role: (role) => {
        this.toggleCapability(this.caps, 'spend', role === 'viewer');
        this.toggleCapability(this.caps, 'broadcast', role === 'viewer' || role === 'broadcaster');
      },
    });
    this.spends = new StripchatSpends({
      slot: this.createSpendSlot(SPEND_TEXTS),
      timeoutMs: options.spendTimeoutMs ?? STRIPCHAT_OPTIONS.spendTimeoutMs.default!,
      request,
      report,
      reportLate: (result) => this.reportLate(result),
      items: () => this.tipMenu.getValue().items,
    });
    this.whispers = new WhisperRoom({ clientId: this.clientId, sync: Boolean(options.sync), request, report, deliver: (message) => this.emitRoom(message), hold: (ms) => this.overlay?.hold(ms) });
    this.patchContext({ theme: options.theme ?? 'dark', locale: options.locale ?? browserLocale(), role: 'guest', signIn: true });
    if (options.topKey) {
      this.caps.add('leaderboardStore');
      this.top = new TopStore(options.topKey, { request, report });
    }
    if (options.goalKey) this.goal = new GoalCounter(options.goalKey, { request, report });
    if (options.anchorKey) this.roomAnchor = new StorageAnchor(options.anchorKey, { request, report });
    const ext = options.ext ?? openClient({ ...options, onHandlerError: (eventName, error) => report('handler-failed', `Handling ${eventName} failed: ${String(error)}`) });
    if (!isExtHelper(ext)) {
      this.setStatus(ext);
      return;
    }
    this.ext = ext;
    this.monitoring = new Monitoring(ext);
    // A helper the page handed in stays the page's, even one made by `createStripchatHelper()`.
    if (ext !== options.ext && ext instanceof PostMessageExt) this.client = ext;
    if (options.activity) {
      this.overlay = new OverlaySlot({ request: (method, params) => this.request(method, params, ACTIVITY_TIMEOUT_MS), report });
      void this.overlay.sync();
    }
    if (options.announce?.length) {
      const { announceAs, announceTipText, announceSpinText } = options;
      this.announcer = new Announcer({ kinds: new Set(options.announce), voice: announceAs ?? 'bot', tipText: announceTipText, spinText: announceSpinText, request, report });
    }
    for (const [eventName, handle] of Object.entries(this.eventHandlers())) this.listen(eventName, handle);
    void this.state.load();
    if (options.sync) this.whispers.askFrames();
  }

  /** Re-reads the context, viewers, tip menu and settings (e.g. after an error). */
  override reconnect(): void {
    if (this.disposed || !this.ext) return;
    this.setStatus({ state: 'reconnecting', reason: 'connecting' });
    void this.state.load();
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    const role = this.context.getValue().role;
    if (this.disposed || !this.ext) return { status: 'failed', item, error: 'Stripchat is not connected.' };
    if (role === 'guest') return { status: 'failed', item, error: 'Sign in to tip.' };
    if (role === 'broadcaster') return { status: 'failed', item, error: 'The model cannot tip in her own room.' };
    return this.spends.start(item);
  }

  override async broadcast(message: OutgoingRoomMessage, hints: DeliveryHints = {}): Promise<void> {
    if (this.disposed || !this.ext) return;
    await this.whispers.send(message, hints, this.context.getValue().role, () => this.spends.takePayment());
  }

  override leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    return this.disposed ? undefined : this.top?.board(window, limit);
  }

  /** The `goal-key` counter's total, which counts tokens. */
  goalTotal$(currency: Currency): Observable<number> | undefined {
    return this.disposed || currency !== 'tokens' ? undefined : this.goal?.total$;
  }

  resetGoalTotal(): void {
    if (!this.disposed) void this.goal?.reset();
  }

  updateMovableOverlay(state: MovableOverlayState, message?: string): void {
    if (!this.disposed && this.ext) this.movable.update(state, message);
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
    this.spends.dispose();
    for (const end of this.subscriptions.splice(0)) end();
    this.requests.dispose();
    this.client?.close();
    this.top?.close();
    this.goal?.close();
    super.dispose();
  }

  /** Every problem also goes to Stripchat's monitoring. */
  protected override report(code: ErrorCode, message: string, payload?: unknown): void {
    super.report(code, message, payload);
    if (!this.disposed) this.monitoring?.forward(code, message);
  }

  private listen(eventName: string, handle: (data: unknown) => void): void {
    const handler: ExtHandler = (data) => {
      if (this.disposed) return;
      try {
        handle(data);
      } catch (error) {
        this.report('handler-failed', `Handling ${eventName} failed: ${String(error)}`, data);
      }
    };
    try {
      if (this.ext) this.subscriptions.push(listenTo(this.ext, this.client, eventName, handler));
    } catch (error) {
      this.report('request-failed', `Could not subscribe to ${eventName}: ${String(error)}`);
    }
  }

  /** What each host event does. */
  private eventHandlers(): Record<string, (data: unknown) => void> {
    return {
      ...this.state.handlers(),
      'v1.tokens.spent': (data) => this.onTip(data),
      'v1.payment.tokens.spend.succeeded': (data) => this.spends.confirmed(data),
      'v1.ext.whispered': (data) => this.whispers.whispered(data),
      'v1.ext.whispered.local': (data) => this.whispers.whisperedLocally(data),
      'v1.ext.activity.busy': () => this.overlay?.setBusy(true),
      'v1.ext.activity.available': () => this.overlay?.setBusy(false),
    };
  }

  /**
   * Every tip is shown once, by id (`emitTip`). `isOriginalSource` (undocumented; public extensions read it in
   * opposite ways) never hides a tip: it only picks the delivery that is added to the `top` and
   * goal counters, so that side effect happens once.
   */
  private onTip(data: unknown): void {
    const mapped = isRecord(data) ? mapTip(data.tipData, this.tipNames) : undefined;
    if (!mapped) {
      this.report('invalid-payload', 'Stripchat sent a tip onair cannot use.', data);
      return;
    }
    const { tip } = mapped;
    if (!this.emitTip(tip)) return;
    this.announcer?.tip(tip);
    const record = Boolean(this.options.recordTips && mapped.original && this.context.getValue().role === 'broadcaster');
    void this.top?.tipped(tip, record);
    void this.goal?.tipped(tip, record);
  }

  /** One host request that never rejects: an answer, or the reason there is none. */
  private request(method: string, params: unknown, timeoutMs?: number): Promise<Answer> {
    const ext = this.ext;
    if (!ext || this.disposed) return Promise.resolve({ ok: false, error: 'not connected' });
    return this.requests.run(method, () => ext.makeRequest(method, params), timeoutMs);
  }
}

export function createStripchatPlatform(options: PlatformOptions): StripchatPlatform {
  const { problems, ...parsed } = stripchatOptions(options);
  return new StripchatPlatform(parsed, problems);
}
