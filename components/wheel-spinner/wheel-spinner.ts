import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import type { TipMenu } from '../../platform/model.js';
import { bool, num } from '../../platform/validate.js';
import { emit } from '../shared/events.js';
import { formatAmount, numberFormat } from '../shared/format.js';
import type { MessageId } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { WheelSounds } from './sounds.js';
import { Celebration, SpinMotion } from './wheel-motion.js';
import { MAX_DURATION_MS, MAX_TURNS, type Segment, type SkippedItem, type WheelItem } from './wheel-model.js';
import { buysSpin, layout, parseItemsAttribute, priceOf, segmentsFor, sourceItems } from './wheel-layout.js';
import { WheelRoom, type Play, type RefusedDetail } from './wheel-room.js';
import { wheelSpinnerStyles } from './wheel-spinner.styles.js';
import { checkProof, renderCommitment, renderHistory, renderProofs, renderWheel, statusLine, type Announcement, type DrawnSegment, type HistoryEntry, type ProofEntry, type SpinEndDetail, type SpinEventDetail, type SpinResult } from './wheel-view.js';
import { renderHeading } from '../shared/heading.js';
import { headingStyles } from '../shared/heading.styles.js';

export { WeightedPicker, cryptoUint32, type Uint32Source } from './weighted-picker.js';
export { verifySpin, type SpinProof, type VerifiedProof, type Verdict } from './fairness.js';
export type { CommitPayload, SkippedItem, SpinPayload, WheelItem } from './wheel-model.js';
export { AUTHORITY_SILENCE_MS, COMMIT_MESSAGE, HEARTBEAT_MS, PENDING_MS, REFUSED_MESSAGE, REQUEST_MESSAGE, SPIN_MESSAGE, STORAGE_PREFIX, type RefusalReason, type RefusedDetail } from './wheel-room.js';
export type { HistoryEntry, ProofEntry, SpinEndDetail, SpinEventDetail, SpinResult } from './wheel-view.js';

const CELEBRATION_MS = 1_500;
const MAX_HISTORY = 100;
const MAX_PROOFS = 10;
const DEFAULTS = { duration: 5000, turns: 5, historySize: 10 } as const;

/**
 * A provably fair prize wheel. One page per room decides every spin (the broadcaster's page where
 * viewers have pages of their own; otherwise the page itself, e.g. an OBS source). It commits to a
 * secret seed (publishing its SHA-256) with the segments; a payment is bound to what was published
 * when it came, and its winner follows from that seed, the payment and those segments. Every other
 * wheel checks a spin against what it saw before the payment and plays it **verified** only then
 * (README "Fairness" says what is proven on each host). The protocol is `room.ts` and `ledger.ts`.
 *
 * Host settings (`settings['wheel-spinner']` in the host context) may give defaults for `duration`,
 * `turns`, `history-size`, `remove-winner` and `price` where the page set none.
 *
 * @summary A provably fair, synchronised spin-the-wheel.
 *
 * @fires {CustomEvent<SpinEventDetail>} onair-spin-start - A spin began (here or, followed, elsewhere). Detail: `{ index, item, spinId, remote, verified, reason? }`.
 * @fires {CustomEvent<{ index: number }>} onair-spin-tick - A segment boundary passed the pointer (at most one per frame; none under reduced motion). Detail: `{ index }`.
 * @fires {CustomEvent<SpinEndDetail>} onair-spin-end - The wheel stopped. Detail: `{ index, item, spinId, remote, verified, reason?, removed, proof?, items }`.
 * @fires {CustomEvent<{ reason: string }>} onair-spin-rejected - A room message was malformed or, where viewers can write to the room, failed a check; not played. Detail: `{ reason }`.
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
 * @csspart winner-label - The winner's banner, large and centred over the wheel once it stopped (never while it turns).
 * @csspart spin-button - The Spin button.
 * @csspart result - The result line (a polite live region); says "unverified" and why when a spin could not be checked.
 * @csspart commitment - With `show-proof`: the sealed commitment before a spin, the revealed seed after it.
 * @csspart proofs - The "Verify spins" disclosure with recent spins' proofs, each value labelled.
 * @csspart history - The recent results list (with `show-history`).
 * @csspart empty - The message shown when there is nothing to spin.
 *
 * @cssprop --onair-wheel-size - Largest width and height of the wheel (default 17.5rem, times `--onair-scale`); it shrinks to its container.
 * @cssprop --onair-wheel-pointer-color - Pointer fill (default the text colour).
 * @cssprop --onair-wheel-border-color - Rim and segment outline colour (default the border colour).
 * @cssprop --onair-wheel-hub-color - Centre disc colour (default the surface colour).
 * @cssprop --onair-wheel-winner-color - Outline of the winning wedge and the banner (default the accent colour).
 * @cssprop --onair-wheel-fade-duration - Fade used instead of rotation under reduced motion (default 200ms).
 * @cssprop --onair-heading-size - Size of the heading. Default `1.1em`.
 * @cssprop --onair-heading-color - Colour of the heading. Default: the shared `--onair-color`.
 */
@customElement('onair-wheel-spinner')
export class OnAirWheelSpinnerElement extends OnAirElement {
  static override styles = [wheelSpinnerStyles, headingStyles];

  /** The segments: `{ label, weight?, color?, emoji?, image? }`; the `items` attribute takes them as JSON. Used unless `source="tip-menu"`. */
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
  /** Shows the commitment line (sealed commitment, then the revealed seed) under the wheel; off by default on stream. */
  @property({ type: Boolean, attribute: 'show-proof' }) showProof = false;
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
  /** The channel-point reward (by title) whose redemptions buy spins where the room is the streamer's own tooling (see the README). */
  @property() redemption?: string;
  /** Plays a tick per boundary and a chime for the winner (off by default). */
  @property({ type: Boolean }) sounds = false;

  @state() private slottedHeading = false;
  @state() private tipMenu?: TipMenu;
  @state() private removed: ReadonlySet<string> = new Set();
  @state() private results: HistoryEntry[] = [];
  @state() private announcement?: Announcement;
  @state() private proofList: ProofEntry[] = [];
  @state() private winnerKey?: string;
  @state() private checks: Record<string, string> = {};
  @query('.wheel') private wheelSvg?: SVGSVGElement;

  private segmentList: DrawnSegment[] = [];
  private layoutInputs: unknown[] = [];
  private shown?: DrawnSegment[];
  private playing?: Promise<SpinResult | undefined>;
  private freeRun?: Promise<SpinResult | undefined>;
  private lastSkipped = '';
  private readonly sound = new WheelSounds();
  private readonly motion: SpinMotion;
  /** A short burst around the winner (none under reduced motion; the chime plays either way). */
  private readonly celebration = new Celebration(CELEBRATION_MS, () => this.requestUpdate());
  private readonly room: WheelRoom;

  constructor() {
    super();
    const el = this;
    this.motion = new SpinMotion({
      get paused() { return el.paused; },
      turned: (rotation) => this.wheelSvg?.style.setProperty('transform', `rotate(${rotation}deg)`),
      ticked: (index) => {
        if (this.sounds) this.sound.tick();
        emit(this, 'onair-spin-tick', { index });
      },
    });
    this.room = new WheelRoom({
      get platform() { return el.platformController.platform; },
      get context() { return el.hostContext; },
      get wheel() { return el.wheel; },
      get isConnected() { return el.isConnected; },
      get animating() { return el.playing; },
      pairs: () => this.segmentList.map((s) => [s.label, s.weight] as [string, number]),
      price: () => this.priceOf(),
      menu: () => this.tipMenu?.items ?? [],
      tipBuysSpin: (tip, price) => buysSpin(tip, price, this.triggerSource),
      durationMs: () => this.limit('duration', this.duration, DEFAULTS.duration, 0, MAX_DURATION_MS),
      turns: () => Math.round(this.limit('turns', this.turns, DEFAULTS.turns, 0, MAX_TURNS)),
      hasBroadcast: () => this.hasCapability('broadcast'),
      play: (spin) => this.play(spin),
      emit: (name, detail) => emit(this, name, detail as never),
      changed: () => this.requestUpdate(),
    });
    this.platformController.observe((p) => p.tipMenu$, (menu) => (this.tipMenu = menu));
    this.platformController.observe((p) => p.room$, (message) => this.room.message(message));
    this.platformController.observe((p) => p.tips$, (tip) => this.room.tip(tip));
    this.platformController.observe((p) => p.lateResults$, (result) => this.room.lateResult(result));
  }

  /** The segments on the wheel now (after `remove-winner` removals). */
  get segments(): readonly Segment[] { return this.segmentList; }

  /** Recent results, newest first, at most `history-size`. */
  get history(): readonly HistoryEntry[] { return this.results; }

  /** The last verified spins, newest first, with what `verifySpin` needs. */
  get proofs(): readonly ProofEntry[] { return this.proofList; }

  /** The commitment the next payment binds to (SHA-256 hex), once known. */
  get commitment(): string | undefined { return this.room.commitment; }

  /** True while the wheel turns. */
  get spinning(): boolean { return this.motion.turning !== undefined; }

  /** Whether this wheel decides the room's spins (its page is the room's authority and it holds the lead). */
  get isAuthority(): boolean { return this.room.deciding; }

  /**
   * On the room's authority: queues the streamer's own spin (behind paid ones) and resolves once it
   * played. Elsewhere: buys a spin when the wheel has a price, and resolves once the authority's spin
   * played here. Resolves `undefined` when nothing was spun (see `onair-spin-refused`).
   */
  spin(): Promise<SpinResult | undefined> {
    if (this.freeRun) return this.freeRun;
    if (this.playing) return this.playing;
    const run = async () => {
      await this.room.opening;
      return this.room.leads ? ((await this.room.free()) as SpinResult | undefined) : this.room.pay();
    };
    this.freeRun = run().finally(() => (this.freeRun = undefined));
    return this.freeRun;
  }

  /** Refused: nobody may choose where the wheel stops (an `onair-spin-refused` event, reason `outcome-chosen`). */
  spinTo(_index: number): Promise<undefined> {
    emit(this, 'onair-spin-refused', { reason: 'outcome-chosen' });
    return Promise.resolve(undefined);
  }

  /** Puts removed winners back on the wheel. */
  reset(): void {
    this.removed = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureLayout();
    this.room.sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.room.disconnect();
    this.celebration.stop();
    this.sound.close();
    // Nothing may run once the wheel is gone: a running spin ends where it is, silently.
    this.motion.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.ensureLayout();
    if (changed.has('historySize') || changed.has('hostContext' as keyof OnAirWheelSpinnerElement)) this.results = this.results.slice(0, this.historyLimit);
    this.room.redemption = this.redemption;
    this.room.sync();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.wheelSvg?.style.setProperty('transform', `rotate(${this.motion.rotation}deg)`);
    this.motion.resume();
  }

  /** A host default (`settings['wheel-spinner']`) where the page set neither attribute nor property. */
  private hostSetting(attribute: string, current: unknown, initial: unknown): unknown {
    return this.hasAttribute(attribute) || current !== initial ? undefined : this.settingFromHost(attribute);
  }

  private limit(attribute: string, value: number, initial: number, min: number, max: number): number {
    const fromHost = num(this.hostSetting(attribute, value, initial), min, max);
    return fromHost ?? (Number.isFinite(value) ? Math.min(Math.max(value, min), max) : initial);
  }

  private get historyLimit(): number {
    return Math.round(this.limit('history-size', this.historySize, DEFAULTS.historySize, 0, MAX_HISTORY));
  }

  /** Lays the segments out again when their inputs changed (before anything reads them, so `el.items = …; el.spin()` works). */
  private ensureLayout(): void {
    const inputs = [this.items, this.source, this.weightBy, this.tipMenu, this.removed];
    if (inputs.every((value, i) => value === this.layoutInputs[i])) return;
    const laid = layout(sourceItems(this.source, this.items, this.tipMenu, this.weightBy), this.removed, this.font);
    this.layoutInputs = [...inputs.slice(0, 4), (this.removed = laid.removed)];
    const signature = JSON.stringify(laid.skipped);
    if (signature !== this.lastSkipped && laid.skipped.length > 0) emit(this, 'onair-items-skipped', { skipped: laid.skipped });
    this.lastSkipped = signature;
    this.segmentList = laid.segments;
    void this.room.segmentsChanged();
  }

  private get font(): string { return getComputedStyle(this).fontFamily || 'sans-serif'; }

  // ── Playing a spin ────────────────────────────────────────────────────────────

  private play(spin: Play): Promise<SpinResult | undefined> {
    this.ensureLayout();
    const segments = segmentsFor(spin.items, this.segmentList, this.font);
    if (spin.index >= segments.length) {
      emit(this, 'onair-spin-rejected', { reason: 'the winner is not on this wheel' });
      return Promise.resolve(undefined);
    }
    this.celebration.stop();
    this.shown = segments;
    this.winnerKey = undefined;
    const segment = segments[spin.index];
    const result: SpinResult = { index: spin.index, item: { ...segment.item }, spinId: spin.paymentId };
    const marks = { remote: spin.remote, verified: spin.verified, ...(spin.reason ? { reason: spin.reason } : {}) };
    const over = spin.elapsed >= spin.durationMs && spin.remote;
    if (!over) {
      this.announcement = { id: 'wheelSpinning', label: '', verified: spin.verified };
      emit(this, 'onair-spin-start', { ...result, ...marks });
    }
    const turned = this.motion.start({ segments, index: spin.index, offset: spin.offset, durationMs: spin.durationMs, turns: spin.turns, elapsed: spin.elapsed, reduced: this.motionReduced });
    this.requestUpdate();
    const playing = turned.then(() => this.settle(spin, segments, result, marks, !over && this.isConnected));
    this.playing = playing;
    void playing.finally(() => this.playing === playing && (this.playing = undefined));
    return playing;
  }

  /** Records the result (and a verified spin's proof), removes the winner if asked, celebrates. */
  private settle(spin: Play, segments: DrawnSegment[], result: SpinResult, marks: Pick<SpinEventDetail, 'remote' | 'verified' | 'reason'>, withEvents: boolean): SpinResult {
    const segment = segments[spin.index];
    const at = new Date();
    this.results = [{ index: spin.index, label: segment.label, spinId: spin.paymentId, at, verified: spin.verified }, ...this.results].slice(0, this.historyLimit);
    const items = segments.map((s) => ({ ...s.item }));
    if (spin.proof) this.proofList = [{ proof: spin.proof, items, label: segment.label, at }, ...this.proofList].slice(0, MAX_PROOFS);
    this.announcement = { id: 'wheelResult', label: segment.label, verified: spin.verified, ...(spin.reason ? { reason: spin.reason } : {}) };
    const removes = bool(this.hostSetting('remove-winner', this.removeWinner, false)) ?? this.removeWinner;
    const removed = removes && this.isConnected && segments === this.segmentList;
    this.shown = undefined;
    if (removed) this.removed = new Set([...this.removed, segment.key]);
    else this.winnerKey = segment.key;
    if (withEvents) {
      if (this.sounds) this.sound.win();
      if (!this.motionReduced) this.celebration.start();
      emit(this, 'onair-spin-end', { ...result, ...marks, removed, ...(spin.proof ? { proof: { ...spin.proof } } : {}), items });
    }
    return result;
  }

  private priceOf() {
    return priceOf({ price: this.price, hostPrice: this.hostSetting('price', this.price, undefined), currency: this.currency, item: this.item }, this.tipMenu);
  }

  // ── Rendering ───────────────────────────────────────────────────────────────

  override render() {
    const segments = this.shown ?? this.segmentList;
    const empty = segments.length > 0 ? undefined : this.emptyReason();
    const spinning = this.spinning;
    const turning = this.motion.turning;
    const winner = !spinning && this.winnerKey ? segments.find((s) => s.key === this.winnerKey) : undefined;
    const percent = numberFormat(this.effectiveLocale, { style: 'percent', maximumFractionDigits: 1 });
    const view = { msg: this.text, segments, spinning, reduced: turning?.reduced ?? false, fading: this.motion.fading, winner, celebrating: this.celebration.on, percent, label: this.label || this.msg('wheelLabel') };
    return html`<div part="base" class="base" lang=${this.messageLang}>
      ${renderHeading(this.heading, this.slottedHeading, (slotted) => (this.slottedHeading = slotted))}
      ${empty ? html`<p part="empty" class="empty">${this.msg(empty)}</p>` : renderWheel(view)}
      ${empty || this.controls === 'none' ? nothing : html`<button part="spin-button" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.onSpinClick}>${this.priceText() && !this.room.leads ? this.msg('wheelSpinFor', { price: this.priceText() }) : this.msg('wheelSpin')}</button>`}
      <p part="result" class="result ${this.announcement?.verified === false ? 'unverified' : ''}" role="status" aria-live="polite">${statusLine(this.text, { request: this.room.request, spinning, yielded: this.room.yielded, price: this.priceText(), announcement: this.announcement })}</p>
      ${this.showProof ? renderCommitment(this.text, this.commitment, this.proofList[0], spinning) : nothing}
      ${this.proofList.length > 0 ? renderProofs(this.text, this.proofList, this.checks, (entry) => void this.check(entry)) : nothing}
      ${this.showHistory && this.results.length > 0 ? renderHistory(this.text, this.effectiveLocale, this.results) : nothing}
    </div>`;
  }

  private readonly text = (id: string, values?: Record<string, string | number>) => this.msg(id as MessageId, values as Record<string, string>);

  private emptyReason(): MessageId {
    if (this.source === 'tip-menu') return this.platformController.platform && !this.hasCapability('tipMenu') ? 'wheelNoMenu' : 'wheelMenuEmpty';
    return this.removed.size > 0 ? 'wheelAllWon' : 'wheelEmpty';
  }

  /** What a spin costs, formatted; empty when the wheel sells none. */
  private priceText(): string {
    const price = this.priceOf();
    return price ? formatAmount(price.price, price.currency, this.effectiveLocale, 'standard', this.messages) : '';
  }

  private get busy(): boolean {
    return this.spinning || this.room.request?.state === 'paying' || this.room.request?.state === 'pending';
  }

  private async check(entry: ProofEntry): Promise<void> {
    const kept = new Set(this.proofList.map((p) => p.proof.paymentId));
    const checks = Object.entries(this.checks).filter(([key]) => kept.has(key));
    this.checks = { ...Object.fromEntries(checks), [entry.proof.paymentId]: await checkProof(this.text, entry) };
  }

  private onSpinClick(): void {
    if (!this.busy) void this.spin();
  }
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
