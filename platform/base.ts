import { BehaviorSubject, Observable, ReplaySubject, Subject } from 'rxjs';
import { remember } from './bounded.js';
import { PLATFORM_LABELS } from './model.js';
import type {
  Capability,
  ConnectionStatus,
  DeliveryHints,
  ErrorCode,
  HostContext,
  LateTipResult,
  LeaderboardEntry,
  LeaderboardWindow,
  Platform,
  PlatformError,
  PlatformName,
  OutgoingRoomMessage,
  RoomMessage,
  Tip,
  TipMenu,
  TipMenuItem,
  TipResult,
  Viewers,
} from './model.js';
import { clip } from './validate.js';
import { browserLocale } from './locale.js';
import { SpendSlot, type SpendTexts } from './kit/spend-slot.js';
import type { OptionProblem } from './kit/options.js';

/** How many recent errors a late subscriber to `errors$` still sees. */
const ERROR_REPLAY = 1;
/**
 * How many recent tip ids `emitTip` remembers to drop a host's repeats: hosts resend a tip across a
 * reconnect or deliver it to two handlers, never hundreds of tips later.
 */
export const MAX_TIP_IDS = 1000;

/**
 * The theme when the host names none: the page's colour scheme, except in an OBS browser source
 * (`window.obsstudio`), which reports light while its output is composited over video, where
 * light text with a shadow (the dark theme) is what stays readable.
 */
export function defaultContext(): HostContext {
  const inObs = typeof window !== 'undefined' && 'obsstudio' in window;
  const dark = inObs || (typeof matchMedia === 'function' && !matchMedia('(prefers-color-scheme: light)').matches);
  return { theme: dark ? 'dark' : 'light', locale: browserLocale(), role: 'viewer' };
}

export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Shared plumbing for adapters: subjects behind read-only observables (state streams replay their
 * latest value; `tips$` and `lateResults$` are events and replay nothing), error reporting, the
 * one de-duplication of tips, and teardown. Subclasses push values with the protected `set*` /
 * `emit*` methods; the subjects never error, so a failing host can never terminate a widget's
 * subscription.
 */
export abstract class BasePlatform implements Platform {
  abstract readonly name: PlatformName;
  abstract readonly capabilities: ReadonlySet<Capability>;
  readonly clientId = randomId();

  protected readonly viewers = new BehaviorSubject<Viewers | null>(null);
  protected readonly tipMenu = new BehaviorSubject<TipMenu>({ enabled: false, items: [] });
  private readonly tips = new Subject<Tip>();
  /** Keys (ids) of the latest tips emitted (bounded), so a host's repeat of one is dropped. */
  private readonly tipIds = new Set<string>();
  protected readonly status = new BehaviorSubject<ConnectionStatus>({ state: 'connecting' });
  protected readonly context = new BehaviorSubject<HostContext>(defaultContext());
  protected readonly errors = new ReplaySubject<PlatformError>(ERROR_REPLAY);
  protected readonly room = new ReplaySubject<RoomMessage>(1);
  private readonly lateResults = new Subject<LateTipResult>();
  private readonly capabilityChanges = new Subject<void>();
  private readonly slots: SpendSlot[] = [];
  protected disposed = false;

  readonly viewers$: Observable<Viewers | null> = this.viewers.asObservable();
  readonly tipMenu$: Observable<TipMenu> = this.tipMenu.asObservable();
  readonly tips$: Observable<Tip> = this.tips.asObservable();
  readonly status$: Observable<ConnectionStatus> = this.status.asObservable();
  readonly context$: Observable<HostContext> = this.context.asObservable();
  readonly errors$: Observable<PlatformError> = this.errors.asObservable();
  readonly room$: Observable<RoomMessage> = this.room.asObservable();
  readonly lateResults$: Observable<LateTipResult> = this.lateResults.asObservable();
  readonly capabilities$: Observable<ReadonlySet<Capability>> = new Observable<ReadonlySet<Capability>>((subscriber) => {
    const emit = () => subscriber.next(new Set(this.capabilities));
    emit();
    return this.capabilityChanges.subscribe(emit);
  });

  /** The host's display name, for widgets that show where they are connected. */
  get label(): string {
    return PLATFORM_LABELS[this.name];
  }

  abstract requestTip(item: TipMenuItem): Promise<TipResult>;

  async broadcast(_message: OutgoingRoomMessage, _hints?: DeliveryHints): Promise<void> {
    this.report('unsupported', `${this.name} cannot broadcast to the room`);
  }

  leaderboard$(_window: LeaderboardWindow, _limit: number): Observable<LeaderboardEntry[]> | undefined {
    return undefined;
  }

  reconnect(): void {}

  dispose(): void {
    if (this.disposed) return;
    for (const slot of this.slots) slot.dispose();
    this.disposed = true;
    this.tipIds.clear();
    const subjects = [this.viewers, this.tipMenu, this.tips, this.status, this.context, this.errors, this.room, this.lateResults, this.capabilityChanges];
    for (const subject of subjects) {
      (subject as Subject<unknown>).complete();
    }
  }

  /** Reports a problem on `errors$`; the payload is kept only as a short string. */
  protected report(code: ErrorCode, message: string, payload?: unknown): void {
    if (this.disposed) return;
    this.errors.next({ source: this.name, code, message, payload: summarize(payload), at: new Date() });
  }

  /** Reports each option problem found while parsing the adapter's options. */
  protected reportOptions(problems: readonly OptionProblem[]): void {
    for (const problem of problems) this.report('invalid-option', problem.message, problem.payload);
  }

  /**
   * This adapter's handle on the page's single spend slot. A spend confirmed after its timeout is
   * reported on `lateResults$` and as `spend-late` on `errors$`.
   */
  protected createSpendSlot(texts: SpendTexts): SpendSlot {
    const slot = new SpendSlot(texts, (result) => this.reportLate(result));
    this.slots.push(slot);
    return slot;
  }

  /**
   * A success for a spend this page no longer waits for (it timed out, or the page was reloaded
   * since it began): money spent, so it goes to `lateResults$` and, as `spend-late`, to `errors$`.
   */
  protected reportLate(result: LateTipResult): void {
    if (this.disposed) return;
    const { transactionId } = result;
    this.report('spend-late', 'A tip was confirmed after onair had stopped waiting for it.', { itemId: result.item.id, ...(transactionId ? { transactionId } : {}) });
    this.lateResults.next(result);
  }

  /**
   * Adds or removes `capability` in `set` (the adapter's own set behind `capabilities`) and tells
   * `capabilities$` subscribers when that changed something.
   */
  protected toggleCapability(set: Set<Capability>, capability: Capability, on: boolean): void {
    if (set.has(capability) === on) return;
    if (on) set.add(capability);
    else set.delete(capability);
    if (!this.disposed) this.capabilityChanges.next();
  }

  protected setStatus(status: ConnectionStatus): void {
    if (this.disposed) return;
    const current = this.status.getValue();
    if (current.state === status.state && current.detail === status.detail && current.reason === status.reason) return;
    this.status.next(status);
  }

  protected patchContext(patch: Partial<HostContext>): void {
    if (this.disposed) return;
    this.context.next({ ...this.context.getValue(), ...patch });
  }

  protected setViewers(viewers: Viewers | null): void {
    if (!this.disposed) this.viewers.next(viewers);
  }

  protected setTipMenu(menu: TipMenu): void {
    if (!this.disposed) this.tipMenu.next(menu);
  }

  /**
   * Delivers a tip on `tips$` once: a tip whose key was among the latest `MAX_TIP_IDS` is a host's
   * repeat and is dropped. The key is the tip id, or what the adapter says tells a repeat when the
   * host's ids are unique only per kind of event. True when the tip was delivered, so an adapter
   * runs its own side effects (recording, announcing, settling a spend) once per tip too.
   */
  protected emitTip(tip: Tip, key: string = tip.id): boolean {
    if (this.disposed || this.tipIds.has(key)) return false;
    remember(this.tipIds, key, undefined, MAX_TIP_IDS);
    this.tips.next(tip);
    return true;
  }

  /** Delivers a room message, stamped with its arrival time (`receivedAt`). */
  protected emitRoom(message: RoomMessage): void {
    if (this.disposed) return;
    this.room.next({ ...message, receivedAt: performance.now() });
  }
}

function summarize(payload: unknown): string | undefined {
  if (payload === undefined) return undefined;
  try {
    return clip(typeof payload === 'string' ? payload : JSON.stringify(payload), 500);
  } catch {
    // A payload whose every conversion throws (e.g. a proxy from a broken host) is not worth a throw.
    try {
      return clip(String(payload), 500);
    } catch {
      return '[unprintable payload]';
    }
  }
}
