import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import { roomAuthority, type RoomAuthority } from '../../platform/authority.js';
import type { Currency, LateTipResult, Platform, RoomMessage, Tip, TipMenu, TipMenuItem } from '../../platform/model.js';
import { bool, currency as validCurrency, num, text } from '../../platform/validate.js';
import { emit } from '../shared/events.js';
import { formatAmount, numberFormat } from '../shared/format.js';
import type { MessageId } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { commitmentOf, draw, freePaymentId, isFreeSpin, hashSegments, paymentIdOf, stepsTo, verifySpin, type SpinProof, type VerifiedProof } from './fairness.js';
import type { QueuedSpin, SeedChain } from './seed-chain.js';
import { WheelSounds } from './sounds.js';
import {
  GEOMETRY,
  MAX_DURATION_MS,
  PAYMENT_ID,
  MAX_TURNS,
  boundariesPassed,
  cleanItems,
  easeOut,
  fitLabel,
  followedElapsed,
  indexAt,
  labelPlacement,
  layoutSegments,
  parseCommitPayload,
  parseRequestPayload,
  parseSpinPayload,
  targetRotation,
  wedgePath,
  type Segment,
  type SkippedItem,
  type SpinPayload,
  type WheelItem,
} from './wheel-model.js';
import { wheelSpinnerStyles } from './wheel-spinner.styles.js';
import { renderHeading } from '../shared/heading.js';
import { headingStyles } from '../shared/heading.styles.js';
import { remember } from '../../platform/bounded.js';

export { WeightedPicker, cryptoUint32, type Uint32Source } from './weighted-picker.js';
export { verifySpin, type SpinProof, type VerifiedProof, type Verdict } from './fairness.js';
export type { CommitPayload, SkippedItem, SpinPayload, WheelItem } from './wheel-model.js';

export interface SpinResult {
  /** Index of the winner in the segments as they were when the spin began. */
  index: number;
  item: WheelItem;
  /** The payment id that bought the spin (`free-…` for one the streamer started). */
  spinId: string;
}

export interface SpinEventDetail extends SpinResult {
  /** True when the room's authority spun elsewhere and this wheel follows it. */
  remote: boolean;
}

export interface SpinEndDetail extends SpinEventDetail {
  /** True when `remove-winner` took the winner off the wheel. */
  removed: boolean;
  /** What anyone needs to re-check the spin with `verifySpin(proof, items)`. */
  proof: VerifiedProof;
  /** The segments as they were when the wheel spun, for `verifySpin`. */
  items: WheelItem[];
}

/** Why a spin did not happen. */
export type RefusalReason =
  | 'not-authority'
  | 'outcome-chosen'
  | 'not-paid'
  | 'price-too-low'
  | 'no-item'
  | 'no-authority'
  | 'no-answer'
  | 'queue-full';

export interface RefusedDetail {
  reason: RefusalReason;
  /** The payment concerned, when there was one. */
  paymentId?: string;
  /** The host's own words, for `not-paid`. */
  detail?: string;
}

export interface HistoryEntry {
  index: number;
  label: string;
  spinId: string;
  at: Date;
}

/** One verified spin as the wheel keeps it for the verify view. */
export interface ProofEntry {
  proof: VerifiedProof;
  items: WheelItem[];
  label: string;
  at: Date;
}

/** The room message type of a verified spin. */
export const SPIN_MESSAGE = 'wheel.spin';
/** The room message type of the authority's commitment heartbeat. */
export const COMMIT_MESSAGE = 'wheel.commit';
/** The room message type of a spin request from the streamer's own tooling (see `redemption`). */
export const REQUEST_MESSAGE = 'wheel.request';
/** How often the authority repeats its commitment, so wheels that join learn it and see it is online. */
export const HEARTBEAT_MS = 15_000;
/** A wheel that heard no authority for this long counts it as offline. */
export const AUTHORITY_SILENCE_MS = 2.5 * HEARTBEAT_MS;
/** How long a paid request waits for the authority's spin before saying it has no answer. */
export const PENDING_MS = 60_000;
/** Tips older than this (replayed by the host or the stream layer) buy no spin. */
const MAX_TIP_AGE_MS = 10 * 60_000;
/** Spin requests kept while this page waits to lead (a backend lists at most 20 on load). */
const MAX_HELD_REQUESTS = 20;
/** Reduced motion: the wheel fades out, turns while invisible, and fades back in. */
const FADE_MS = 400;
const CELEBRATION_MS = 1_500;
/** How long a host's shared overlay slot stays after a spin, so viewers still see where it stopped. */
const SETTLED_VIEW_MS = 2_000;
const MAX_HISTORY = 100;
const MAX_PROOFS = 10;
/** Spins a wheel may have missed and still check the next one against the commitment it holds. */
const MAX_MISSED = 32;
const DEFAULTS = { duration: 5000, turns: 5, historySize: 10 } as const;

/** Where the authority keeps its seed chain (`localStorage`), per host and wheel name. */
export const STORAGE_PREFIX = 'onair.wheel.';

/** Payments claimed by a wheel on this page, by room and payment id: one payment buys one spin, page-wide. */
const claimedPayments = new Set<string>();

interface ActiveSpin {
  spinId: string;
  index: number;
  segments: DrawnSegment[];
  remote: boolean;
  proof: VerifiedProof;
  from: number;
  to: number;
  durationMs: number;
  /** `performance.now()` at which the spin (as the sender started it) began. */
  startTime: number;
  /** Eased progress already elapsed when this wheel joined; the animation covers the rest. */
  joinedAt: number;
  reduced: boolean;
  ticks: number;
  promise: Promise<SpinResult>;
  resolve: (result: SpinResult) => void;
}

/** A segment with its label fitted to the wedge. */
interface DrawnSegment extends Segment {
  shown: string;
  size: number;
}

/** A viewer's paid request, from the click until the authority's spin arrives or it is refused. */
type Request =
  | { state: 'paying' }
  | { state: 'pending'; paymentId?: string; timer: ReturnType<typeof setTimeout> }
  | { state: 'refused'; reason: RefusalReason; detail?: string };

/** What a paid spin costs, from the wheel's attributes and the tip menu. */
interface Price {
  price: number;
  currency: Currency;
  /** The tip-menu item that buys a spin, when the wheel is bound to one. */
  itemId?: string;
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/**
 * A provably fair prize wheel. One page per room decides every spin (the broadcaster's page where
 * viewers have pages of their own; otherwise the page itself, e.g. an OBS source). It commits to a
 * secret seed (publishing its SHA-256), and a spin's winner follows from the seed, the payment's
 * id and the segments through an unbiased weighted pick. The spin reveals the seed; every other
 * wheel in the room checks commitment, segments and winner before it turns, and refuses anything
 * else. Viewers buy a spin by paying the wheel's `price` (a tip-menu item); the authority spins
 * once per payment it sees in the host's own payment data.
 *
 * Host settings (`settings['wheel-spinner']` in the host context) may give defaults for `duration`,
 * `turns`, `history-size`, `remove-winner` and `price` where the page set none.
 *
 * @summary A provably fair, synchronised spin-the-wheel.
 *
 * @fires {CustomEvent<SpinEventDetail>} onair-spin-start - A verified spin began (here or, followed, elsewhere). Detail: `{ index, item, spinId, remote }`.
 * @fires {CustomEvent<{ index: number }>} onair-spin-tick - A segment boundary passed the pointer (at most one per frame; none under reduced motion). Detail: `{ index }`.
 * @fires {CustomEvent<SpinEndDetail>} onair-spin-end - The wheel stopped. Detail: `{ index, item, spinId, remote, removed, proof, items }`.
 * @fires {CustomEvent<{ reason: string }>} onair-spin-rejected - A room message was malformed or failed verification, and was not spun. Detail: `{ reason }`.
 * @fires {CustomEvent<{ paymentId: string }>} onair-spin-pending - A viewer's payment went through; the wheel waits for the authority's spin. Detail: `{ paymentId }`.
 * @fires {CustomEvent<RefusedDetail>} onair-spin-refused - A spin was asked for and did not happen. Detail: `{ reason, paymentId?, detail? }`.
 * @fires {CustomEvent<{ skipped: SkippedItem[] }>} onair-items-skipped - Some items were left off the wheel (no label, a weight that is not a positive number up to 10^12, more than 100). Detail: `{ skipped: [{ index, reason }] }`.
 *
 * @slot heading - A title shown above the wheel; replaces the `heading` attribute's text.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The wheel's visible title (`heading` attribute or slot), an `h2`.
 * @csspart stage - The box holding the wheel and the pointer.
 * @csspart wheel - The rotating SVG.
 * @csspart segment - One wedge (an SVG group); the winner's also has the part `winner`.
 * @csspart label - One wedge's text.
 * @csspart hub - The disc at the centre.
 * @csspart pointer - The marker at the top.
 * @csspart winner-label - The winner's label, upright over the wheel after a spin.
 * @csspart spin-button - The Spin button.
 * @csspart result - The result line (a polite live region).
 * @csspart commitment - The short commitment before a spin and the revealed seed after it.
 * @csspart proofs - The "Verify" disclosure with recent spins' proofs.
 * @csspart history - The recent results list (with `show-history`).
 * @csspart empty - The message shown when there is nothing to spin.
 *
 * @cssprop --onair-wheel-size - Width and height of the wheel (default 17.5rem, times `--onair-scale`).
 * @cssprop --onair-wheel-pointer-color - Pointer fill (default the text colour).
 * @cssprop --onair-wheel-border-color - Rim and segment outline colour (default the border colour).
 * @cssprop --onair-wheel-hub-color - Centre disc colour (default the surface colour).
 * @cssprop --onair-wheel-winner-color - Outline of the winning wedge (default the accent colour).
 * @cssprop --onair-wheel-fade-duration - Fade used instead of rotation under reduced motion (default 200ms).
 * @cssprop --onair-heading-size - Size of the heading. Default `1.1em`.
 * @cssprop --onair-heading-color - Colour of the heading. Default: the shared `--onair-color`.
 */
@customElement('onair-wheel-spinner')
export class OnAirWheelSpinnerElement extends OnAirElement {
  static override styles = [wheelSpinnerStyles, headingStyles];

  /**
   * The segments: `{ label, weight?, color?, emoji?, image? }`. Used unless `source="tip-menu"`.
   * The `items` attribute takes the same list as JSON (for OBS page URLs).
   */
  @property({ attribute: 'items', converter: { fromAttribute: parseItemsAttribute } }) items: WheelItem[] = [];
  /** `items` (default) or `tip-menu` (the host's tip menu items as segments). */
  @property() source: 'items' | 'tip-menu' = 'items';
  /** With `source="tip-menu"`: `price` sizes segments by price; otherwise they are equal. */
  @property({ attribute: 'weight-by' }) weightBy?: 'price';
  /** Spin length in milliseconds (0 to 60,000). */
  @property({ type: Number }) duration: number = DEFAULTS.duration;
  /** Full turns before the wheel settles (0 to 20). */
  @property({ type: Number }) turns: number = DEFAULTS.turns;
  /** Takes each winner off the wheel after its spin; `reset()` puts them back. */
  @property({ type: Boolean, attribute: 'remove-winner' }) removeWinner = false;
  /** How many recent results `history` keeps (0 to 100). */
  @property({ type: Number, attribute: 'history-size' }) historySize: number = DEFAULTS.historySize;
  /** Shows the recent results under the wheel. */
  @property({ type: Boolean, attribute: 'show-history' }) showHistory = false;
  /** Hides the Spin button; same as `controls="none"`. */
  @property({ type: Boolean, attribute: 'hide-button', reflect: true }) hideButton = false;
  /** `none` hides the Spin button (OBS: nobody can click there); `auto` (default) shows it. */
  @property() controls: 'auto' | 'none' = 'auto';
  /** Names this wheel in sync messages, so several wheels on one page follow only their own. */
  @property() wheel?: string;
  /** Accessible name of the wheel; default "Prize wheel" in the widget's language. */
  @property() label?: string;
  /** A visible title above the wheel, e.g. "Spin for a prize" in a panel; the `heading` slot replaces it. */
  @property() heading?: string;
  /** What one paid spin costs; with it (or `item`) viewers can buy spins. */
  @property({ type: Number }) price?: number;
  /** Currency of `price`: `tokens`, `bits` or an ISO 4217 code; default the bound item's or the tip menu's. */
  @property() currency?: string;
  /** The tip-menu item (its id, e.g. a Bits product SKU) that buys a spin. */
  @property() item?: string;
  /** Only tips from this source buy spins (a `Tip.source`, e.g. `streamelements` or `kofi`). */
  @property({ attribute: 'trigger-source' }) triggerSource?: string;
  /**
   * The channel-point reward (by title) whose redemptions buy spins, where the room is the
   * streamer's own tooling: an action for the reward sends `{ type: 'wheel.request', payload:
   * { paymentId, reward } }` to the room (see the README); elsewhere it is ignored.
   */
  @property() redemption?: string;
  /** Plays a tick per boundary and a chime for the winner (off by default). */
  @property({ type: Boolean }) sounds = false;

  @state() private slottedHeading = false;
  @state() private tipMenu?: TipMenu;
  @state() private removed: ReadonlySet<string> = new Set();
  @state() private results: HistoryEntry[] = [];
  /** What the result line says, as a message id, so it follows locale changes. */
  @state() private announcement?: 'wheelSpinning' | 'wheelResult';
  /** The winner's label for `wheelResult`. */
  @state() private announcedLabel = '';
  @state() private fading = false;
  @state() private request?: Request;
  /** The commitment this wheel holds for the next spin (its own on the authority). */
  @state() private head?: string;
  @state() private lastProof?: ProofEntry;
  @state() private proofList: ProofEntry[] = [];
  @state() private winnerKey?: string;
  @state() private celebrating = false;
  @state() private checks: Record<string, string> = {};

  @query('.wheel') private wheelSvg?: SVGSVGElement;

  private segmentList: DrawnSegment[] = [];
  private layoutInputs: unknown[] = [];
  private rotation = 0;
  private active?: ActiveSpin;
  private frame?: number;
  private endTimer?: ReturnType<typeof setTimeout>;
  private celebrationTimer?: ReturnType<typeof setTimeout>;
  private heartbeat?: ReturnType<typeof setInterval>;
  /** Serialises the asynchronous work (hashing, spins) in arrival order. */
  private work: Promise<unknown> = Promise.resolve();
  private chain?: Promise<SeedChain>;
  /** This wheel's bid for the lead: pending until it holds the lock, released when it steps down. */
  private claim?: { release: () => void };
  /**
   * Spin requests that came while this page was becoming the authority (its chain still opening, or
   * another wheel of the room holding the lead): handled once it leads, where each payment spins once.
   */
  private heldRequests: RoomMessage[] = [];
  private chainPlatform?: Platform;
  /** Host and channel: payments are claimed per room, so one buys one spin whichever wheel takes it. */
  private roomKey = '';
  /** `performance.now()` when this wheel last heard its authority. */
  private authorityHeardAt = -Infinity;
  private lastSkipped = '';
  /** The item of this page's last request that was not paid in time, for a late confirmation. */
  private unpaidItem?: string;
  /** The commitment last sent to the room (a spin's seed is the next one itself). */
  private beatHead?: string;
  /** The streamer's spin being drawn, so a second click returns it. */
  private freeRun?: Promise<SpinResult | undefined>;
  private readonly sound = new WheelSounds();

  constructor() {
    super();
    this.platformController.observe(
      (platform) => platform.tipMenu$,
      (menu) => (this.tipMenu = menu),
    );
    this.platformController.observe(
      (platform) => platform.room$,
      (message) => this.queueWork(() => this.onRoomMessage(message)),
    );
    this.platformController.observe(
      (platform) => platform.tips$,
      (tip) => this.onTip(tip),
    );
    this.platformController.observe(
      (platform) => platform.lateResults$,
      (result) => this.onLateResult(result),
    );
  }

  /** The segments on the wheel now (after `remove-winner` removals). */
  get segments(): readonly Segment[] {
    return this.segmentList;
  }

  /** Recent results, newest first, at most `history-size`. */
  get history(): readonly HistoryEntry[] {
    return this.results;
  }

  /** The last verified spins, newest first, with what `verifySpin` needs. */
  get proofs(): readonly ProofEntry[] {
    return this.proofList;
  }

  /** The commitment to the next spin's seed (SHA-256 hex), once known. */
  get commitment(): string | undefined {
    return this.head;
  }

  /** True while the wheel turns. */
  get spinning(): boolean {
    return this.active !== undefined;
  }

  /**
   * Whether this wheel decides the room's spins: its page is the room's authority (see
   * `roomAuthority`) and, of the wheels for the same room in this browser, it holds the lead.
   */
  get isAuthority(): boolean {
    return this.leads;
  }

  /**
   * On the room's authority: spins now, for free (the streamer's own spin). Elsewhere: buys a spin
   * when the wheel has a price, and resolves once the authority's verified spin has played here.
   * Resolves `undefined` when there is nothing to spin or the spin was refused (see
   * `onair-spin-refused`). While a spin runs, returns that spin.
   */
  spin(): Promise<SpinResult | undefined> {
    if (this.freeRun) return this.freeRun;
    if (this.active) return this.active.promise;
    if (!this.leads) return this.requestPaidSpin();
    this.freeRun ??= this.queueWork(() => this.freeSpin()).finally(() => (this.freeRun = undefined));
    return this.freeRun;
  }

  /**
   * Refused: nobody may choose where the wheel stops. Kept so pages that called it learn why (an
   * `onair-spin-refused` event with reason `outcome-chosen`). Resolves `undefined`.
   */
  spinTo(_index: number): Promise<undefined> {
    this.refuse({ reason: 'outcome-chosen' });
    return Promise.resolve(undefined);
  }

  /** Puts removed winners back on the wheel. */
  reset(): void {
    this.removed = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureChain();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stepDown();
    clearTimeout(this.celebrationTimer);
    this.celebrating = false;
    if (this.request?.state === 'pending') clearTimeout(this.request.timer);
    this.sound.close();
    // Nothing may run once the wheel is gone: settle a running spin silently.
    if (this.active) this.finish(this.active, false);
  }

  private get authority(): RoomAuthority {
    const platform = this.platformController.platform;
    return roomAuthority(platform?.name, this.hostContext);
  }

  /**
   * A default from the host's configuration (`settings['wheel-spinner']`), used only when the page
   * set neither the attribute nor the property.
   */
  private hostSetting(attribute: string, current: unknown, initial: unknown): unknown {
    if (this.hasAttribute(attribute) || current !== initial) return undefined;
    return this.settingFromHost(attribute);
  }

  private get clampedDuration(): number {
    const fromHost = num(this.hostSetting('duration', this.duration, DEFAULTS.duration), 0, MAX_DURATION_MS);
    return fromHost ?? clampNumber(this.duration, 0, MAX_DURATION_MS, DEFAULTS.duration);
  }

  private get clampedTurns(): number {
    const fromHost = num(this.hostSetting('turns', this.turns, DEFAULTS.turns), 0, MAX_TURNS);
    return Math.round(fromHost ?? clampNumber(this.turns, 0, MAX_TURNS, DEFAULTS.turns));
  }

  private get historyLimit(): number {
    const fromHost = num(this.hostSetting('history-size', this.historySize, DEFAULTS.historySize), 0, MAX_HISTORY);
    return Math.round(fromHost ?? clampNumber(this.historySize, 0, MAX_HISTORY, DEFAULTS.historySize));
  }

  private get removesWinner(): boolean {
    return bool(this.hostSetting('remove-winner', this.removeWinner, false)) ?? this.removeWinner;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.ensureLayout();
    if (changed.has('historySize') || changed.has('hostContext' as keyof OnAirWheelSpinnerElement)) this.results = this.results.slice(0, this.historyLimit);
    this.ensureChain();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.applyRotation();
    this.requestFrame();
    this.beat();
  }

  private sourceItems(): unknown[] {
    if (this.source !== 'tip-menu') return Array.isArray(this.items) ? this.items : [];
    if (!this.tipMenu?.enabled) return [];
    return this.tipMenu.items.map((item) => ({
      key: `t${item.id}`,
      label: item.label,
      weight: this.weightBy === 'price' ? item.price : 1,
    }));
  }

  /**
   * Lays the segments out again if their inputs changed since the last layout (called before
   * anything reads them, so `el.items = …; el.spin()` works before a render).
   */
  private ensureLayout(): void {
    const inputs = [this.items, this.source, this.weightBy, this.tipMenu, this.removed];
    if (inputs.every((value, i) => value === this.layoutInputs[i])) return;
    this.layoutInputs = inputs;
    this.relayout();
  }

  private relayout(): void {
    const { kept, skipped } = cleanItems(this.sourceItems());
    this.reportSkipped(skipped);
    const present = new Set(kept.map((entry) => entry.key));
    if ([...this.removed].some((key) => !present.has(key))) {
      // Forget removals whose items left the source, so the set stays bounded.
      this.removed = new Set([...this.removed].filter((key) => present.has(key)));
      this.layoutInputs[4] = this.removed;
    }
    const measure = this.measurer();
    this.segmentList = layoutSegments(kept.filter((entry) => !this.removed.has(entry.key))).map((segment) => {
      const fitted = fitLabel(labelText(segment), segment.end - segment.start, measure);
      return { ...segment, shown: fitted.text, size: fitted.size };
    });
  }

  private reportSkipped(skipped: SkippedItem[]): void {
    const signature = JSON.stringify(skipped);
    if (signature === this.lastSkipped) return;
    this.lastSkipped = signature;
    if (skipped.length > 0) emit(this, 'onair-items-skipped', { skipped });
  }

  private measurer(): (text: string, size: number) => number {
    measureContext ??= document.createElement('canvas').getContext('2d');
    const family = getComputedStyle(this).fontFamily || 'sans-serif';
    return (text, size) => {
      if (!measureContext) return text.length * size * 0.6;
      measureContext.font = `600 ${size}px ${family}`;
      return measureContext.measureText(text).width;
    };
  }

  // ── The authority ───────────────────────────────────────────────────────────

  /** True while this wheel decides the room's spins (its seed chain is open). */
  private get leads(): boolean {
    return this.chain !== undefined && this.authority.decides;
  }

  /**
   * Opens this page's seed chain once it is the authority of a known platform. Wheels of the same
   * room in one browser (e.g. a panel and an overlay of the broadcaster's extension) share the
   * stored chain, so a Web Lock named after it lets exactly one lead; the others follow it and take
   * over when it goes. Without storage (the demo) or Web Locks, the wheel leads at once.
   */
  private ensureChain(): void {
    const platform = this.platformController.platform;
    if (platform !== this.chainPlatform) {
      this.stepDown();
      this.chainPlatform = platform;
      this.head = undefined;
      this.authorityHeardAt = -Infinity;
    }
    // The page stopped being the authority (the demo's role switch): it follows from now on.
    if (this.claim && !this.authority.decides) this.stepDown();
    if (this.chain || this.claim || !this.authority.decides || !this.isConnected) return;
    this.roomKey = `${platform?.name ?? ''}.${this.hostContext?.channel?.id ?? ''}`;
    // Not keyed by channel: some hosts name it only after connecting, and a reload must find the chain.
    const key = platform && this.authority.keepsChain ? `${STORAGE_PREFIX}${platform.name}.${this.wheel ?? ''}` : undefined;
    const claim = { release: () => {} };
    this.claim = claim;
    const lead = () => {
      if (this.claim !== claim) return;
      // Only the deciding page keeps a chain: its code (storage, the queue) loads then, not on every page.
      const chain = import('./seed-chain.js').then(({ SeedChain }) => SeedChain.open(key));
      this.chain = chain;
      void chain.then((opened) => this.chain === chain && this.resume(opened));
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!key || !locks) return lead();
    locks
      .request(key, () => {
        if (this.claim !== claim) return undefined;
        lead();
        return new Promise<void>((release) => (claim.release = release));
      })
      .catch(lead);
  }

  /** Gives up the lead (and the lock), e.g. when the wheel leaves the page. */
  private stepDown(): void {
    this.claim?.release();
    this.claim = undefined;
    this.heldRequests = [];
    this.chain = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private resume(chain: SeedChain): void {
    if (!this.isConnected || !this.leads) return;
    this.head = chain.commitment;
    this.beatHead = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.beat(true), HEARTBEAT_MS);
    this.beat();
    for (const queued of chain.queue) this.queueWork(() => this.paidSpin(queued));
    for (const request of this.heldRequests.splice(0)) this.onRequest(request, this.authority);
  }

  /**
   * The authority tells the room its commitment: whenever it changes (once it can send), and on
   * every heartbeat (`always`), so wheels that join learn it and know the authority is online.
   */
  private beat(always = false): void {
    const platform = this.platformController.platform;
    if (!this.leads || !this.head || !platform || !this.hasCapability('broadcast')) return;
    if (!always && this.beatHead === this.head) return;
    this.beatHead = this.head;
    void platform.broadcast({ type: COMMIT_MESSAGE, payload: { commitment: this.head, ...(this.wheel ? { wheel: this.wheel } : {}) } });
  }

  private async freeSpin(): Promise<SpinResult | undefined> {
    const chain = await this.chain;
    if (!chain) return undefined;
    // Fixed by the commitment, so the streamer cannot try ids until one gives the winner they want.
    return this.authoritySpin(chain, { paymentId: freePaymentId(chain.commitment) });
  }

  /** A tip seen by the authority: a paid spin when it meets the price. */
  private onTip(tip: Tip): void {
    if (!this.leads || !this.isConnected) return;
    const price = this.priceOf();
    if (!price || !this.tipBuysSpin(tip, price)) return;
    this.acceptPayment(tip.id, tip.user.id);
  }

  /** Queues one paid spin for a payment the authority checked, unless that payment already had one. */
  private acceptPayment(hostId: string, payerId: string | undefined): void {
    const payer = payerId && PAYMENT_ID.test(payerId) ? payerId : undefined;
    this.queueWork(async () => {
      const paymentId = await paymentIdOf(hostId);
      const chain = await this.chain;
      const claim = `${this.roomKey}|${paymentId}`;
      if (!chain || claimedPayments.has(claim) || chain.spent(paymentId)) return;
      const spin: QueuedSpin = payer ? { paymentId, payer } : { paymentId };
      if (!chain.enqueue(spin)) return this.refuse({ reason: 'queue-full', paymentId });
      remember(claimedPayments, claim, undefined, 1_000);
      await this.paidSpin(spin);
    });
  }

  /**
   * A spin request from the room, accepted only where the platform vouches for the room's requests
   * (an action for the channel-point reward named by `redemption` sends one; a backend's verified
   * purchase of an item is checked like a tip).
   */
  private onRequest(message: RoomMessage, authority: RoomAuthority): void {
    if (!authority.requestsFromRoom) return;
    const parsed = parseRequestPayload(message.payload);
    if ('error' in parsed) return this.reject(parsed.error);
    const request = parsed.payload;
    if ((request.wheel ?? '') !== (this.wheel ?? '')) return;
    if ('reward' in request) {
      if (!this.redemption || request.reward.toLowerCase() !== this.redemption.toLowerCase()) return;
    } else {
      const price = this.priceOf();
      const paid = { amount: request.amount, currency: request.currency, itemId: request.item, at: new Date(message.sentAt) };
      if (!price || !this.paymentBuysSpin(paid, price)) return;
    }
    this.acceptPayment(request.paymentId, request.payer);
  }

  private holdRequest(message: RoomMessage, authority: RoomAuthority): void {
    if (!authority.decides || !authority.requestsFromRoom || !this.claim) return;
    this.heldRequests = [...this.heldRequests, message].slice(-MAX_HELD_REQUESTS);
  }

  private tipBuysSpin(tip: Tip, price: Price): boolean {
    if (this.triggerSource && tip.source.toLowerCase() !== this.triggerSource.toLowerCase()) return false;
    return this.paymentBuysSpin(tip, price);
  }

  /** Enough of the right currency, for the bound item if it names one, and recent. */
  private paymentBuysSpin(payment: Pick<Tip, 'amount' | 'currency' | 'itemId' | 'at'>, price: Price): boolean {
    const { itemId } = payment;
    if (payment.currency !== price.currency || !(payment.amount >= price.price)) return false;
    if (price.itemId && itemId !== undefined && itemId !== price.itemId) return false;
    return Date.now() - payment.at.getTime() <= MAX_TIP_AGE_MS;
  }

  private async paidSpin(spin: QueuedSpin): Promise<void> {
    const chain = await this.chain;
    if (!chain || !chain.queue.some((q) => q.paymentId === spin.paymentId)) return;
    await this.authoritySpin(chain, spin);
  }

  /** Draws the winner from the seed, reveals the seed (the next commitment), and spins. */
  private async authoritySpin(chain: SeedChain, spin: QueuedSpin): Promise<SpinResult | undefined> {
    if (this.active) await this.active.promise;
    if (!this.isConnected) return undefined;
    this.ensureLayout();
    const segments = this.segmentList;
    if (segments.length === 0) return undefined;
    const itemsHash = await hashSegments(segments);
    const { seed, commitment } = chain;
    const { index, offset } = await draw(seed, spin.paymentId, itemsHash, segments.map((s) => s.weight));
    const restarted = await chain.advance(spin.paymentId);
    const payload: SpinPayload = {
      paymentId: spin.paymentId,
      seed,
      ...(restarted ? { anchor: chain.commitment } : {}),
      itemsHash,
      index,
      startedAt: Date.now(),
      durationMs: this.clampedDuration,
      turns: this.clampedTurns,
      ...(spin.payer ? { payer: spin.payer } : {}),
      ...(this.wheel ? { wheel: this.wheel } : {}),
    };
    this.head = this.beatHead = chain.commitment;
    const platform = this.platformController.platform;
    // Every spin matters (never replaced by a newer one), and the overlay stays while it settles.
    const hints = { event: true, holdOverlayMs: payload.durationMs + SETTLED_VIEW_MS };
    if (platform && this.hasCapability('broadcast')) void platform.broadcast({ type: SPIN_MESSAGE, payload }, hints);
    const proof: VerifiedProof = { commitment, seed, paymentId: spin.paymentId, itemsHash, index, offset, verified: true };
    return this.begin(payload, offset, proof, false).promise;
  }

  // ── A viewer's paid request ─────────────────────────────────────────────────

  /** What a spin costs here, or `undefined` when the wheel sells none. */
  private priceOf(): Price | undefined {
    const bound = this.item ? this.tipMenu?.items.find((i) => i.id === this.item) : undefined;
    const price = num(this.price, 0) ?? num(this.hostSetting('price', this.price, undefined), 0) ?? bound?.price;
    const currency = validCurrency(this.currency) ?? bound?.currency ?? this.tipMenu?.items[0]?.currency;
    if (price === undefined || price <= 0 || !currency) return undefined;
    return this.item ? { price, currency, itemId: this.item } : { price, currency };
  }

  /** The tip-menu item a viewer pays for a spin: the bound one, else the cheapest that covers the price. */
  private payItem(price: Price): TipMenuItem | RefusalReason {
    const items = this.tipMenu?.items ?? [];
    if (price.itemId) {
      const bound = items.find((i) => i.id === price.itemId);
      if (!bound) return 'no-item';
      return bound.currency === price.currency && bound.price >= price.price ? bound : 'price-too-low';
    }
    const covering = items.filter((i) => i.currency === price.currency && i.price >= price.price).sort((a, b) => a.price - b.price);
    return covering[0] ?? 'no-item';
  }

  private async requestPaidSpin(): Promise<undefined> {
    if (this.request?.state === 'paying' || this.request?.state === 'pending') return undefined;
    const platform = this.platformController.platform;
    const price = this.priceOf();
    if (!platform || !price) return this.refuseRequest({ reason: 'not-authority' });
    if (performance.now() - this.authorityHeardAt > AUTHORITY_SILENCE_MS) return this.refuseRequest({ reason: 'no-authority' });
    const item = this.payItem(price);
    if (typeof item === 'string') return this.refuseRequest({ reason: item });
    this.request = { state: 'paying' };
    const result = await platform.requestTip(item);
    if (!this.isConnected) return undefined;
    if (result.status !== 'success') {
      const detail = result.status === 'failed' ? result.error : result.reason;
      this.unpaidItem = item.id;
      return this.refuseRequest(detail ? { reason: 'not-paid', detail: text(detail, 200) } : { reason: 'not-paid' });
    }
    await this.awaitSpin(result.transactionId);
    return undefined;
  }

  /** Paid: waits for the authority's spin for this payment, or says it has no answer yet. */
  private async awaitSpin(transactionId: string | undefined): Promise<void> {
    const paymentId = transactionId ? await paymentIdOf(transactionId) : undefined;
    if (!this.isConnected) return;
    this.unpaidItem = undefined;
    const timer = setTimeout(() => this.refuseRequest({ reason: 'no-answer', ...(paymentId ? { paymentId } : {}) }), PENDING_MS);
    this.request = { state: 'pending', ...(paymentId ? { paymentId } : {}), timer };
    emit(this, 'onair-spin-pending', { paymentId: paymentId ?? '' });
  }

  /**
   * A payment the host confirmed after onair had stopped waiting: money spent, so the refused
   * request becomes pending again (the authority spins for the tip it saw).
   */
  private onLateResult(result: LateTipResult): void {
    if (this.request?.state !== 'refused' || !this.unpaidItem || result.item.id !== this.unpaidItem) return;
    void this.awaitSpin(result.transactionId);
  }

  private refuseRequest(detail: RefusedDetail): undefined {
    if (this.request?.state === 'pending') clearTimeout(this.request.timer);
    this.request = { state: 'refused', reason: detail.reason, ...(detail.detail ? { detail: detail.detail } : {}) };
    this.refuse(detail);
    return undefined;
  }

  private refuse(detail: RefusedDetail): void {
    emit(this, 'onair-spin-refused', detail);
  }

  /** True when `payload` is the spin the viewer's pending request paid for. */
  private answersRequest(payload: SpinPayload): boolean {
    const request = this.request;
    if (request?.state !== 'pending') return false;
    const me = this.hostContext?.user?.id;
    return (request.paymentId !== undefined && payload.paymentId.endsWith(request.paymentId)) || (me !== undefined && payload.payer === me);
  }

  // ── Following the authority ─────────────────────────────────────────────────

  private queueWork<T>(task: () => Promise<T> | T): Promise<T | undefined> {
    const run = this.work.then(task, task).catch(() => undefined);
    this.work = run;
    return run;
  }

  private async onRoomMessage(message: RoomMessage): Promise<void> {
    if (message.type !== SPIN_MESSAGE && message.type !== COMMIT_MESSAGE && message.type !== REQUEST_MESSAGE) return;
    if (message.from !== undefined && message.from === this.platformController.platform?.clientId) return;
    const authority = this.authority;
    if (message.type === REQUEST_MESSAGE) return this.leads ? this.onRequest(message, authority) : this.holdRequest(message, authority);
    if (this.leads) {
      // Another page claims this room's wheel: only possible by forging where viewers can send.
      if (!authority.trustedRoom) this.reject('a message from someone other than this room\u2019s authority');
      return;
    }
    if (message.type === COMMIT_MESSAGE) return this.onCommit(message, authority);
    const parsed = parseSpinPayload(message.payload, Date.now());
    if ('error' in parsed) return this.reject(parsed.error);
    const payload = parsed.payload;
    if ((payload.wheel ?? '') !== (this.wheel ?? '')) return;
    this.authorityHeardAt = performance.now();
    // A message this page never saw arrive (not from a BasePlatform) counts as arriving now.
    const arrivedAt = message.receivedAt ?? performance.now();
    const next = payload.anchor ?? payload.seed;
    if (!this.head) {
      // A wheel that joins late cannot check this spin; it follows from the next one.
      this.head = next;
      return this.reject('no commitment known yet; following from the next spin');
    }
    // The seed hashes to the commitment held, or (after spins this wheel missed) to a later one
    // that hashes on to it: only the authority could have revealed it.
    if ((await stepsTo(payload.seed, this.head, MAX_MISSED + 1)) === 0) {
      // A new chain where only the authority can send (its storage was cleared); elsewhere, anyone's.
      if (authority.trustedRoom && (await stepsTo(this.head, payload.seed, MAX_MISSED + 1)) === 0) this.head = next;
      return this.reject('the seed does not match the commitment');
    }
    const revealed = await commitmentOf(payload.seed);
    this.head = next;
    if (isFreeSpin(payload.paymentId) && payload.paymentId !== freePaymentId(revealed)) return this.reject('a streamer\u2019s spin with an id of its own choosing');
    this.ensureLayout();
    const segments = this.segmentList;
    if ((await hashSegments(segments)) !== payload.itemsHash) return this.reject('the segments differ from this wheel\u2019s');
    const winner = await draw(payload.seed, payload.paymentId, payload.itemsHash, segments.map((s) => s.weight));
    if (winner.index !== payload.index) return this.reject('the winner does not follow from the seed');
    if (!this.isConnected) return;
    const proof: VerifiedProof = {
      commitment: revealed,
      seed: payload.seed,
      paymentId: payload.paymentId,
      itemsHash: payload.itemsHash,
      index: payload.index,
      offset: winner.offset,
      verified: true,
    };
    if (this.answersRequest(payload)) {
      if (this.request?.state === 'pending') clearTimeout(this.request.timer);
      this.request = undefined;
    }
    const elapsed = followedElapsed(payload, { sentAt: message.sentAt, sinceArrival: performance.now() - arrivedAt, now: Date.now() });
    if (elapsed >= payload.durationMs) this.showSettled(payload, winner.offset, proof);
    else this.begin(payload, winner.offset, proof, true, elapsed);
  }

  private async onCommit(message: RoomMessage, authority: RoomAuthority): Promise<void> {
    const parsed = parseCommitPayload(message.payload);
    if ('error' in parsed) return this.reject(parsed.error);
    const { commitment, wheel } = parsed.payload;
    if ((wheel ?? '') !== (this.wheel ?? '')) return;
    this.authorityHeardAt = performance.now();
    if (!this.head) {
      this.head = commitment;
      return;
    }
    if (commitment === this.head) return;
    // A heartbeat overtaken by a spin: its commitment is behind the one held (the seed was revealed).
    if ((await stepsTo(this.head, commitment, MAX_MISSED)) > 0) return;
    // This wheel missed spins: the commitment is a later link of the same chain.
    if ((await stepsTo(commitment, this.head, MAX_MISSED)) > 0 || authority.trustedRoom) this.head = commitment;
    // Where viewers can send too, a commitment off the chain is not the authority's.
    else this.reject('a commitment that conflicts with the one this wheel holds');
  }

  private reject(reason: string): void {
    emit(this, 'onair-spin-rejected', { reason });
  }

  // ── Spinning ────────────────────────────────────────────────────────────────

  /** Starts the animation to `payload`'s winner; `elapsed` (ms) of it already ran elsewhere. */
  private begin(payload: SpinPayload, offset: number, proof: VerifiedProof, remote: boolean, elapsed = 0): ActiveSpin {
    const previous = this.active;
    if (previous) this.stopMotion();
    this.endCelebration();
    const segments = this.segmentList;
    const from = ((this.rotation % 360) + 360) % 360;
    let resolve!: (result: SpinResult) => void;
    const promise = previous?.promise ?? new Promise<SpinResult>((r) => (resolve = r));
    const spin: ActiveSpin = {
      spinId: payload.paymentId,
      index: payload.index,
      segments,
      remote,
      proof,
      from,
      to: targetRotation(from, segments[payload.index], offset, payload.turns),
      durationMs: payload.durationMs,
      startTime: performance.now() - elapsed,
      joinedAt: payload.durationMs > 0 ? easeOut(elapsed / payload.durationMs) : 1,
      reduced: this.motionReduced,
      ticks: boundariesPassed(segments, from),
      promise,
      resolve: previous?.resolve ?? resolve,
    };
    this.rotation = from;
    this.active = spin;
    this.winnerKey = undefined;
    this.announcement = 'wheelSpinning';
    emit(this, 'onair-spin-start', { ...this.resultOf(spin), remote });
    if (spin.reduced) {
      this.fading = true;
      this.endTimer = setTimeout(() => this.finish(spin, true), FADE_MS / 2);
    } else {
      this.endTimer = setTimeout(() => this.finish(spin, true), payload.durationMs - elapsed);
      this.requestFrame();
    }
    this.requestUpdate();
    return spin;
  }

  /** Animation frames run only while a spin moves and the host shows the page. */
  private requestFrame(): void {
    const spin = this.active;
    if (!spin || spin.reduced || this.frame !== undefined || this.paused) return;
    this.frame = requestAnimationFrame(this.onFrame);
  }

  private readonly onFrame = (now: number) => {
    this.frame = undefined;
    const spin = this.active;
    // Hidden: skip frames; the end timer still settles the spin on time.
    if (!spin || this.paused) return;
    const t = spin.durationMs > 0 ? Math.min(Math.max((now - spin.startTime) / spin.durationMs, 0), 1) : 1;
    const progress = spin.joinedAt >= 1 ? 1 : (easeOut(t) - spin.joinedAt) / (1 - spin.joinedAt);
    this.moveTo(spin, spin.from + (spin.to - spin.from) * Math.max(progress, 0));
    if (t >= 1) this.finish(spin, true);
    else this.requestFrame();
  };

  /** Turns the wheel and reports a tick when boundaries passed the pointer since the last one. */
  private moveTo(spin: ActiveSpin, rotation: number): void {
    this.rotation = rotation;
    this.applyRotation();
    if (spin.reduced) return;
    const ticks = boundariesPassed(spin.segments, rotation);
    if (ticks === spin.ticks) return;
    spin.ticks = ticks;
    if (this.sounds) this.sound.tick();
    emit(this, 'onair-spin-tick', { index: indexAt(spin.segments, rotation) });
  }

  private finish(spin: ActiveSpin, withEvents: boolean): void {
    if (this.active !== spin) return;
    this.stopMotion();
    this.active = undefined;
    this.fading = false;
    if (withEvents) this.moveTo(spin, spin.to);
    else this.rotation = spin.to;
    this.settle(spin, withEvents);
  }

  /** Records the result and its proof, removes the winner if asked, and resolves the spin's promise. */
  private settle(spin: Pick<ActiveSpin, 'spinId' | 'index' | 'segments' | 'remote' | 'resolve' | 'proof'>, withEvents: boolean): void {
    const result = this.resultOf(spin);
    const segment = spin.segments[spin.index];
    const at = new Date();
    this.results = [{ index: spin.index, label: segment.label, spinId: spin.spinId, at }, ...this.results].slice(0, this.historyLimit);
    const items = spin.segments.map((s) => ({ ...s.item }));
    const entry: ProofEntry = { proof: spin.proof, items, label: segment.label, at };
    this.lastProof = entry;
    this.proofList = [entry, ...this.proofList].slice(0, MAX_PROOFS);
    const kept = new Set(this.proofList.map((p) => p.proof.paymentId));
    this.checks = Object.fromEntries(Object.entries(this.checks).filter(([key]) => kept.has(key)));
    this.announcement = 'wheelResult';
    this.announcedLabel = segment.label;
    const removed = this.removesWinner && this.isConnected;
    if (removed) this.removed = new Set([...this.removed, segment.key]);
    else this.winnerKey = segment.key;
    if (withEvents) {
      this.celebrate();
      emit(this, 'onair-spin-end', { ...result, remote: spin.remote, removed, proof: { ...spin.proof }, items });
    }
    spin.resolve(result);
  }

  /** A short burst around the winner; none under reduced motion. The chime plays either way. */
  private celebrate(): void {
    if (this.sounds) this.sound.win();
    if (this.motionReduced || !this.isConnected) return;
    this.celebrating = true;
    this.celebrationTimer = setTimeout(() => this.endCelebration(), CELEBRATION_MS);
  }

  private endCelebration(): void {
    clearTimeout(this.celebrationTimer);
    this.celebrationTimer = undefined;
    this.celebrating = false;
  }

  private resultOf(spin: Pick<ActiveSpin, 'spinId' | 'index' | 'segments'>): SpinResult {
    return { index: spin.index, item: { ...spin.segments[spin.index].item }, spinId: spin.spinId };
  }

  private stopMotion(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.endTimer);
    this.frame = this.endTimer = undefined;
  }

  private applyRotation(): void {
    this.wheelSvg?.style.setProperty('transform', `rotate(${this.rotation}deg)`);
  }

  /** A spin that ended before this wheel heard of it: shown at rest, without events. */
  private showSettled(payload: SpinPayload, offset: number, proof: VerifiedProof): void {
    const previous = this.active;
    if (previous) this.stopMotion();
    this.active = undefined;
    this.fading = false;
    const segments = this.segmentList;
    this.rotation = targetRotation(this.rotation, segments[payload.index], offset, 0);
    this.settle({ spinId: payload.paymentId, index: payload.index, segments, remote: true, proof, resolve: previous?.resolve ?? (() => {}) }, false);
  }

  // ── Rendering ───────────────────────────────────────────────────────────────

  private emptyReason(): MessageId | undefined {
    if (this.segmentList.length > 0 || this.active) return undefined;
    if (this.source === 'tip-menu') {
      if (this.platformController.platform && !this.hasCapability('tipMenu')) return 'wheelNoMenu';
      return 'wheelMenuEmpty';
    }
    return this.removed.size > 0 ? 'wheelAllWon' : 'wheelEmpty';
  }

  override render() {
    const empty = this.emptyReason();
    return html`<div part="base" class="base" lang=${this.messageLang} >
      ${renderHeading(this.heading, this.slottedHeading, (slotted) => (this.slottedHeading = slotted))}
      ${empty ? html`<p part="empty" class="empty">${this.msg(empty)}</p>` : this.renderWheel()}
      <p part="result" class="result" role="status" aria-live="polite">${this.statusText()}</p>
      ${this.renderCommitment()}
      ${this.proofList.length > 0 ? this.renderProofs() : nothing}
      ${this.showHistory && this.results.length > 0 ? this.renderHistory() : nothing}
    </div>`;
  }

  /** The live line: a viewer's request state first, then the spin's. */
  private statusText(): string {
    const request = this.request;
    if (request?.state === 'paying') return this.msg('wheelPaying');
    if (request?.state === 'pending') return this.msg('wheelPending');
    if (request?.state === 'refused' && !this.active) {
      const price = this.priceOf();
      const values = { price: price ? formatAmount(price.price, price.currency, this.effectiveLocale, 'standard', this.messages) : '', detail: request.detail ?? '' };
      return this.msg(REFUSAL_MESSAGES[request.reason], values);
    }
    return this.announcement ? this.msg(this.announcement, { label: this.announcedLabel }) : '';
  }

  private renderWheel() {
    const segments = this.active?.segments ?? this.segmentList;
    const percent = numberFormat(this.effectiveLocale, { style: 'percent', maximumFractionDigits: 1 });
    const { center: c, radius, hub } = GEOMETRY;
    const winner = !this.active && this.winnerKey ? segments.find((s) => s.key === this.winnerKey) : undefined;
    return html`
      <div part="stage" class="stage ${this.celebrating ? 'celebrating' : ''}">
        <svg part="wheel" class="wheel ${this.active && !this.active.reduced ? 'spinning' : ''} ${this.fading ? 'fading' : ''} ${winner ? 'has-winner' : ''}"
          viewBox="0 0 200 200" aria-hidden="true">
          ${segments.map((segment) => this.renderSegment(segment, segments.length, segment === winner))}
          <circle class="rim" cx=${c} cy=${c} r=${radius}></circle>
          <circle part="hub" class="hub" cx=${c} cy=${c} r=${hub}></circle>
        </svg>
        <svg part="pointer" class="pointer" viewBox="0 0 24 28" aria-hidden="true"><path d="M2 2 H22 L12 26 Z"></path></svg>
        ${winner ? html`<p part="winner-label" class="winner-label" aria-hidden="true">${labelText(winner)}</p>` : nothing}
        ${this.celebrating ? html`<span class="burst" aria-hidden="true"></span>` : nothing}
      </div>
      <ul class="visually-hidden" aria-label=${this.msg('wheelSegments', { label: this.label || this.msg('wheelLabel') })}>
        ${segments.map((segment) => html`<li>${segment.label} (${percent.format((segment.end - segment.start) / 360)})</li>`)}
      </ul>
      ${this.controls === 'none'
        ? nothing
        : html`<button part="spin-button" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.onSpinClick}>
            ${this.buttonText()}
          </button>`}
    `;
  }

  private renderSegment(segment: DrawnSegment, count: number, isWinner: boolean) {
    const { center: c } = GEOMETRY;
    const place = labelPlacement(segment.start, segment.end);
    const middle = ((segment.start + segment.end) / 2) * (Math.PI / 180);
    const imageAt = { x: c + 74 * Math.sin(middle) - 7, y: c - 74 * Math.cos(middle) - 7 };
    return svg`<g part=${isWinner ? 'segment winner' : 'segment'} class="segment ${isWinner ? 'winner' : ''}">
      <path d=${count === 1 ? circlePath() : wedgePath(segment.start, segment.end)} fill=${segment.color}></path>
      ${segment.item.image ? svg`<image class="segment-image" href=${segment.item.image} x=${imageAt.x.toFixed(2)} y=${imageAt.y.toFixed(2)} width="14" height="14"></image>` : nothing}
      <text part="label" class="label" x=${place.x} y=${c} text-anchor=${place.anchor} dominant-baseline="central"
        font-size=${segment.size.toFixed(2)} fill=${segment.textColor}
        transform="rotate(${place.rotate.toFixed(3)} ${c} ${c})"><title>${segment.label}</title>${segment.shown}</text>
    </g>`;
  }

  private get busy(): boolean {
    return this.active !== undefined || this.request?.state === 'paying' || this.request?.state === 'pending';
  }

  private buttonText(): string {
    const price = this.leads ? undefined : this.priceOf();
    if (!price) return this.msg('wheelSpin');
    return this.msg('wheelSpinFor', { price: formatAmount(price.price, price.currency, this.effectiveLocale, 'standard', this.messages) });
  }

  /** The sealed next spin before a spin, the revealed seed after it: what stream viewers can check. */
  private renderCommitment() {
    const shown = this.lastProof && !this.active ? this.msg('wheelRevealed', { seed: short(this.lastProof.proof.seed) }) : '';
    const sealed = this.head ? this.msg('wheelCommitment', { commitment: short(this.head) }) : '';
    if (!shown && !sealed) return nothing;
    return html`<p part="commitment" class="commitment">
      ${shown ? html`<span>${shown}</span>` : nothing}${shown && sealed ? ' · ' : nothing}${sealed ? html`<span>${sealed}</span>` : nothing}
    </p>`;
  }

  private renderProofs() {
    return html`<details part="proofs" class="proofs">
      <summary>${this.msg('wheelVerify')}</summary>
      <ol aria-label=${this.msg('wheelProofs')}>
        ${this.proofList.map((entry) => {
          const key = entry.proof.paymentId;
          return html`<li>
            <span class="proof-label">${entry.label}</span>
            <code title=${this.msg('wheelProofPayment')}>${entry.proof.paymentId}</code>
            <code title=${this.msg('wheelProofSeed')}>${short(entry.proof.seed)}</code>
            <button type="button" class="check" @click=${() => this.check(entry)}>${this.msg('wheelCheck')}</button>
            <span class="verdict" role="status">${this.checks[key] ?? ''}</span>
          </li>`;
        })}
      </ol>
    </details>`;
  }

  private async check(entry: ProofEntry): Promise<void> {
    const verdict = await verifySpin(entry.proof as SpinProof, entry.items);
    const words = verdict.ok ? this.msg('wheelCheckOk') : this.msg('wheelCheckFailed', { reason: verdict.reason });
    this.checks = { ...this.checks, [entry.proof.paymentId]: words };
  }

  private renderHistory() {
    const time = new Intl.DateTimeFormat(this.effectiveLocale, { timeStyle: 'short' });
    return html`<ol part="history" class="history" aria-label=${this.msg('wheelHistory')}>
      ${this.results.map((entry) => html`<li>${entry.label}<time datetime=${entry.at.toISOString()}>${time.format(entry.at)}</time></li>`)}
    </ol>`;
  }

  private onSpinClick(): void {
    if (!this.busy) void this.spin();
  }
}

const REFUSAL_MESSAGES: Record<RefusalReason, MessageId> = {
  'not-authority': 'wheelOnlyStreamer',
  'outcome-chosen': 'wheelOnlyStreamer',
  'not-paid': 'wheelNotPaid',
  'price-too-low': 'wheelPriceTooLow',
  'no-item': 'wheelNoItem',
  'no-authority': 'wheelNoAuthority',
  'no-answer': 'wheelNoAnswer',
  'queue-full': 'wheelQueueFull',
};

/** The text drawn for a segment: its emoji, if any, before its label. */
function labelText(segment: Pick<Segment, 'label' | 'item'>): string {
  return segment.item.emoji ? `${segment.item.emoji} ${segment.label}` : segment.label;
}

/** The first eight hex digits: enough to compare by eye on stream. */
function short(hex: string): string {
  return hex.slice(0, 8);
}

/** The `items` attribute: a JSON list; anything else is no items (reported as skipped on layout). */
function parseItemsAttribute(value: string | null): WheelItem[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as WheelItem[]) : [];
  } catch {
    return [];
  }
}

function circlePath(): string {
  const { center: c, radius: r } = GEOMETRY;
  return `M ${c - r} ${c} A ${r} ${r} 0 1 1 ${c + r} ${c} A ${r} ${r} 0 1 1 ${c - r} ${c} Z`;
}

function clampNumber(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : fallback;
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-wheel-spinner': OnAirWheelSpinnerElement;
  }
  interface OnAirEventMap {
    'onair-spin-start': CustomEvent<SpinEventDetail>;
    'onair-spin-tick': CustomEvent<{ index: number }>;
    'onair-spin-end': CustomEvent<SpinEndDetail>;
    'onair-spin-rejected': CustomEvent<{ reason: string }>;
    'onair-spin-pending': CustomEvent<{ paymentId: string }>;
    'onair-spin-refused': CustomEvent<RefusedDetail>;
    'onair-items-skipped': CustomEvent<{ skipped: SkippedItem[] }>;
  }
}
