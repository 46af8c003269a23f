import { BehaviorSubject, ReplaySubject, Subject, type Observable } from 'rxjs';
import type {
  Capability,
  ConnectionStatus,
  HostContext,
  LeaderboardEntry,
  LeaderboardWindow,
  Platform,
  PlatformError,
  PlatformName,
  RoomMessage,
  Tip,
  TipMenu,
  TipMenuItem,
  TipResult,
  Viewers,
} from './model.js';
import { clip } from './validate.js';

/** How many recent errors a late subscriber to `errors$` still sees. */
const ERROR_REPLAY = 1;

export function browserLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-US';
}

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
 * Shared plumbing for adapters: replaying subjects behind read-only observables, error reporting,
 * and teardown. Subclasses push values with the protected `set*` / `emit*` methods; the subjects
 * never error, so a failing host can never terminate a widget's subscription.
 */
export abstract class BasePlatform implements Platform {
  abstract readonly name: PlatformName;
  abstract readonly capabilities: ReadonlySet<Capability>;
  readonly clientId = randomId();

  protected readonly viewers = new BehaviorSubject<Viewers | null>(null);
  protected readonly tipMenu = new BehaviorSubject<TipMenu>({ enabled: false, items: [] });
  protected readonly tips = new ReplaySubject<Tip>(1);
  protected readonly status = new BehaviorSubject<ConnectionStatus>({ state: 'connecting' });
  protected readonly context = new BehaviorSubject<HostContext>(defaultContext());
  protected readonly errors = new ReplaySubject<PlatformError>(ERROR_REPLAY);
  protected readonly room = new ReplaySubject<RoomMessage>(1);
  protected disposed = false;

  readonly viewers$: Observable<Viewers | null> = this.viewers.asObservable();
  readonly tipMenu$: Observable<TipMenu> = this.tipMenu.asObservable();
  readonly tips$: Observable<Tip> = this.tips.asObservable();
  readonly status$: Observable<ConnectionStatus> = this.status.asObservable();
  readonly context$: Observable<HostContext> = this.context.asObservable();
  readonly errors$: Observable<PlatformError> = this.errors.asObservable();
  readonly room$: Observable<RoomMessage> = this.room.asObservable();

  abstract requestTip(item: TipMenuItem): Promise<TipResult>;

  async broadcast(_message: Omit<RoomMessage, 'from' | 'sentAt'>): Promise<void> {
    this.report('unsupported', `${this.name} cannot broadcast to the room`);
  }

  leaderboard$(_window: LeaderboardWindow, _limit: number): Observable<LeaderboardEntry[]> | undefined {
    return undefined;
  }

  reconnect(): void {}

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const subject of [this.viewers, this.tipMenu, this.tips, this.status, this.context, this.errors, this.room]) {
      (subject as Subject<unknown>).complete();
    }
  }

  /** Reports a problem on `errors$`; the payload is kept only as a short string. */
  protected report(code: string, message: string, payload?: unknown): void {
    if (this.disposed) return;
    this.errors.next({ source: this.name, code, message, payload: summarize(payload), at: new Date() });
  }

  protected setStatus(status: ConnectionStatus): void {
    if (this.disposed) return;
    const current = this.status.getValue();
    if (current.state === status.state && current.detail === status.detail) return;
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

  protected emitTip(tip: Tip): void {
    if (!this.disposed) this.tips.next(tip);
  }

  protected emitRoom(message: RoomMessage): void {
    if (this.disposed) return;
    roomArrivals.set(message, performance.now());
    this.room.next(message);
  }
}

/** `performance.now()` when each room message was emitted; weak, so it holds no message alive. */
const roomArrivals = new WeakMap<RoomMessage, number>();

/**
 * When `message` reached this page, on this page's `performance.now()` clock, or `undefined` when it
 * did not come through a `BasePlatform`. `room$` replays its latest message to late subscribers, so
 * the moment a subscriber sees a message is not when it arrived; this is.
 */
export function roomArrival(message: RoomMessage): number | undefined {
  return roomArrivals.get(message);
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
