import { BasePlatform, defaultContext } from '../base.js';
import { browserLocale } from '../locale.js';
import type { Capability, HostContext, OutgoingRoomMessage, RoomMessage, Tip, TipMenu, TipMenuItem, TipResult } from '../model.js';
import { readOptions, type OptionProblem, type PlatformOptions } from '../kit/options.js';
import { DEMO_TIP_MENU, DemoFeed } from './feed.js';
import { DEMO_OPTIONS, MAX_RATE, type SpendOutcome } from './options.js';

export type { SpendOutcome };

export interface DemoOptions {
  /** Seed of the simulated stream; the same seed gives the same names, amounts and viewer walk. */
  seed?: number;
  /** Tips per second; 0 stops automatic tips (controls can still fire them). Up to 5,000. */
  rate?: number;
  /** Starting viewer count. */
  viewers?: number;
  /** What a spend request ends in. */
  spend?: SpendOutcome;
  /** Milliseconds before a spend request resolves. */
  spendDelay?: number;
  /** Milliseconds from creation to `connected`; 0 connects synchronously. */
  connectDelay?: number;
  /** Milliseconds between viewer-count steps; 0 keeps the count still. */
  viewerInterval?: number;
  currency?: string;
  theme?: 'light' | 'dark';
  locale?: string;
  role?: HostContext['role'];
}

/** A demo spend waits `spendDelay`; the slot's timeout only guards against a lost timer. */
const SPEND_TIMEOUT_MARGIN_MS = 60_000;
/** Ticks at high rates batch several tips, since timers cannot fire every 0.2 ms. */
const BATCH_PERIOD_MS = 50;

/**
 * A seeded simulated stream: wandering viewers, tips at `rate` per second, a tip menu, spends that
 * succeed (or are cancelled / fail, per `spend`) after `spendDelay`, room messages echoed locally,
 * and connection drops on demand. Its public methods drive the gallery's control panel and tests.
 */
export class DemoPlatform extends BasePlatform {
  readonly name = 'demo' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>([
    'viewers', 'tipMenu', 'spend', 'tips', 'broadcast', 'reconnect', 'signIn',
  ]);

  readonly feed: DemoFeed;
  private rate: number;
  private spendOutcome: SpendOutcome;
  private readonly spendDelay: number;
  private readonly viewerInterval: number;
  private viewerCount: number;
  /** False after `setViewerCount(null)`: the walk waits until a count is set again. */
  private viewersAvailable = true;
  private tipTimer?: ReturnType<typeof setInterval>;
  private viewerTimer?: ReturnType<typeof setInterval>;
  private connectTimer?: ReturnType<typeof setTimeout>;
  private tipBacklog = 0;
  private readonly spendTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly spends = this.createSpendSlot({ busy: 'Another tip is still being sent.' });

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(options: DemoOptions = {}, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    this.feed = new DemoFeed(options.seed ?? 1, options.currency ?? 'tokens');
    this.rate = clampRate(options.rate ?? 0.5);
    this.spendOutcome = options.spend ?? 'success';
    this.spendDelay = options.spendDelay ?? 800;
    this.viewerInterval = options.viewerInterval ?? 2500;
    this.viewerCount = options.viewers ?? 1280;
    this.patchContext({
      ...defaultContext(),
      ...(options.theme ? { theme: options.theme } : {}),
      locale: options.locale ?? browserLocale(),
      role: options.role ?? 'broadcaster',
      user: { id: 'demo-you', name: 'You' },
      channel: { id: 'demo', name: 'onair demo' },
      signIn: true,
    });
    this.setTipMenu(DEMO_TIP_MENU);
    this.connect(options.connectDelay ?? 250);
  }

  /** Fires one tip now; fields not given come from the seeded feed. */
  fireTip(overrides: Partial<Omit<Tip, 'user'>> & { user?: Partial<Tip['user']> } = {}): Tip {
    const generated = this.feed.nextTip();
    const tip: Tip = { ...generated, ...overrides, user: { ...generated.user, ...overrides.user } };
    this.emitTip(tip);
    return tip;
  }

  /** Sets the viewer count; `null` simulates a host with no count (e.g. a private show). */
  setViewerCount(total: number | null): void {
    if (total !== null) this.viewerCount = total;
    this.viewersAvailable = total !== null;
    this.setViewers(total === null ? null : { total });
  }

  /** The count shown now, or while unavailable the last one shown. */
  get lastViewerCount(): number {
    return this.viewerCount;
  }

  setRate(rate: number): void {
    this.rate = clampRate(rate);
    if (this.status.getValue().state === 'connected') this.startTips();
  }

  setSpendOutcome(outcome: SpendOutcome): void {
    this.spendOutcome = outcome;
  }

  updateContext(patch: Partial<HostContext>): void {
    this.patchContext(patch);
  }

  updateTipMenu(menu: TipMenu): void {
    this.setTipMenu(menu);
  }

  /** Injects a message as if another client had sent it to the room. */
  receiveRoomMessage(message: RoomMessage): void {
    this.emitRoom(message);
  }

  /** Simulates a dropped connection: events stop until `reconnect()`. */
  drop(detail = 'Connection to the demo feed dropped.'): void {
    this.stopTimers();
    this.setStatus({ state: 'disconnected', reason: 'connection-lost', detail });
  }

  override reconnect(): void {
    if (this.disposed) return;
    this.stopTimers();
    this.setStatus({ state: 'reconnecting', reason: 'connecting' });
    this.connect(300);
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    if (this.status.getValue().state !== 'connected') {
      return { status: 'failed', item, error: 'The demo feed is offline.' };
    }
    if (this.context.getValue().role === 'guest') {
      return { status: 'failed', item, error: 'Sign in to tip.' };
    }
    return this.spends.spend({ item, timeoutMs: this.spendDelay + SPEND_TIMEOUT_MARGIN_MS, pay: () => this.pay(item) });
  }

  private async pay(item: TipMenuItem): Promise<TipResult> {
    await this.wait(this.spendDelay);
    if (this.disposed) return { status: 'cancelled', item, reason: 'disposed' };
    if (this.spendOutcome === 'cancel') return { status: 'cancelled', item, reason: 'Cancelled in the demo.' };
    if (this.spendOutcome === 'fail') return { status: 'failed', item, error: 'The demo declined this spend.' };
    const tip = this.fireTip({ amount: item.price, currency: item.currency, user: { id: 'demo-you', name: 'You' }, message: item.label, itemId: item.id });
    return { status: 'success', item, transactionId: tip.id };
  }

  override async broadcast(message: OutgoingRoomMessage): Promise<void> {
    const sent: RoomMessage = { ...message, from: this.clientId, sentAt: Date.now() };
    queueMicrotask(() => this.emitRoom(sent));
  }

  requestSignIn(): void {
    this.patchContext({ role: 'viewer', user: { id: 'demo-you', name: 'You' } });
  }

  override dispose(): void {
    this.stopTimers();
    this.spendTimers.forEach((timer) => clearTimeout(timer));
    this.spendTimers.clear();
    super.dispose();
  }

  private connect(delay: number): void {
    const open = () => {
      this.setStatus({ state: 'connected', reason: 'connected' });
      this.setViewers(this.viewersAvailable ? { total: this.viewerCount } : null);
      this.startTips();
      this.startViewerWalk();
    };
    if (delay <= 0) open();
    else this.connectTimer = setTimeout(open, delay);
  }

  private startTips(): void {
    clearInterval(this.tipTimer);
    this.tipTimer = undefined;
    if (this.rate <= 0) return;
    const period = Math.max(BATCH_PERIOD_MS, 1000 / this.rate);
    this.tipTimer = setInterval(() => this.tickTips(period), period);
  }

  private tickTips(period: number): void {
    this.tipBacklog += (this.rate * period) / 1000;
    for (; this.tipBacklog >= 1; this.tipBacklog -= 1) this.emitTip(this.feed.nextTip());
  }

  private startViewerWalk(): void {
    clearInterval(this.viewerTimer);
    if (this.viewerInterval <= 0) return;
    this.viewerTimer = setInterval(() => {
      if (this.viewersAvailable) this.setViewerCount(this.feed.nextViewers(this.viewerCount));
    }, this.viewerInterval);
  }

  private stopTimers(): void {
    clearInterval(this.tipTimer);
    clearInterval(this.viewerTimer);
    clearTimeout(this.connectTimer);
    this.tipTimer = this.viewerTimer = this.connectTimer = undefined;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.spendTimers.delete(timer);
        resolve();
      }, ms);
      this.spendTimers.add(timer);
    });
  }
}

function clampRate(rate: number): number {
  return Number.isFinite(rate) ? Math.min(Math.max(rate, 0), MAX_RATE) : 0;
}

export function createDemoPlatform(options: PlatformOptions): DemoPlatform {
  const { values, problems } = readOptions(DEMO_OPTIONS, options);
  return new DemoPlatform(values, problems);
}
