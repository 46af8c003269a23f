/**
 * The wheel's room on a page: connects the protocol (`room.ts`, `ledger.ts`) to the platform
 * (room messages, tips, the anchor, spends) and to the element, which only lays out, animates and
 * renders. One per element; everything it starts ends in `disconnect()`.
 */
import { roomAuthority, type RoomAuthority } from '../../platform/authority.js';
import { remember } from '../../platform/bounded.js';
import type { Currency, HostContext, LateTipResult, Platform, RoomMessage, Tip, TipMenuItem } from '../../platform/model.js';
import { text } from '../../platform/validate.js';
import { draw, hashSegments, paymentIdOf, sha256Hex, type VerifiedProof } from './fairness.js';
import type { BoundSpin } from './ledger.js';
import type { WheelAuthority } from './room-authority.js';
import { WheelFollower, outranks, type Announcement, type Crypto, type Followed, type Payment, type Trust, type Unverified } from './room.js';
import { PAYMENT_ID, followedElapsed, parseCommitPayload, parseRefusedPayload, parseRequestPayload, parseSpinPayload, type SpinPayload } from './wheel-model.js';

/** The room message type of a spin. */
export const SPIN_MESSAGE = 'wheel.spin';
/** The room message type of the authority's announcement (commitment, segments, identity): its heartbeat. */
export const COMMIT_MESSAGE = 'wheel.commit';
/** The room message type of a spin request from the streamer's own tooling or a backend. */
export const REQUEST_MESSAGE = 'wheel.request';
/** The room message type of a payment the authority could not queue (its payer's wheel says so). */
export const REFUSED_MESSAGE = 'wheel.refused';
/** How often the authority repeats its announcement, so wheels that join learn it and see it is online. */
export const HEARTBEAT_MS = 15_000;
/**
 * How long a page that starts deciding binds payments without spinning them: its first
 * announcement reaches any other authority page of the room, which answers at once (and beats
 * within this anyway), so of two pages opened at the same moment one yields before either spins.
 * A page no other can hear (no room to announce in) spins at once. Tests shorten it.
 */
export const election = { windowMs: HEARTBEAT_MS };
/** A wheel that heard no authority for this long counts it as offline. */
export const AUTHORITY_SILENCE_MS = 2.5 * HEARTBEAT_MS;
/** How long a paid request waits for the authority's spin before saying it has no answer. */
export const PENDING_MS = 60_000;
/** Where the authority keeps its ledger (`localStorage`), per host and wheel name. */
export const STORAGE_PREFIX = 'onair.wheel.';
/** Payments kept while this page is about to lead (a backend lists at most 20 on load). */
const MAX_HELD = 20;
/** A spin request from the room paid longer ago than this (by the sender's clock; minutes of skew are fine) buys no spin. */
const MAX_REQUEST_AGE_MS = 10 * 60_000;
/** Room hints to re-read the anchor are followed at most this often, so a flood costs a read a second. */
const ANCHOR_HINT_MS = 1_000;
/** How long a host's shared overlay slot stays after a spin, so viewers still see where it stopped. */
const SETTLED_VIEW_MS = 2_000;

/** Why a spin did not happen. */
export type RefusalReason = 'not-authority' | 'outcome-chosen' | 'not-paid' | 'price-too-low' | 'no-item' | 'no-authority' | 'no-answer' | 'queue-full' | 'not-saved';

export interface RefusedDetail {
  reason: RefusalReason;
  /** The payment concerned, when there was one. */
  paymentId?: string;
  /** The host's own words, for `not-paid`. */
  detail?: string;
}

/** What a paid spin costs, from the wheel's attributes and the tip menu. */
export interface Price {
  price: number;
  currency: Currency;
  /** The tip-menu item that buys a spin, when the wheel is bound to one. */
  itemId?: string;
}

/** A viewer's paid request, from the click until the authority's spin arrives or it is refused. */
export type Request =
  | { state: 'paying' }
  | { state: 'pending'; paymentId?: string; timer: ReturnType<typeof setTimeout> }
  | { state: 'refused'; reason: RefusalReason; detail?: string };

/** A spin for the element to play. */
export interface Play {
  paymentId: string;
  index: number;
  offset: number;
  /** The segments it was drawn on, as `[label, weight]`; `undefined` when this wheel does not know them. */
  items?: [string, number][];
  verified: boolean;
  /** Why it is not verified. */
  reason?: Unverified;
  proof?: VerifiedProof;
  remote: boolean;
  /** Milliseconds of it that already ran elsewhere. */
  elapsed: number;
  durationMs: number;
  turns: number;
}

/** What the room needs from the element. */
export interface RoomView {
  readonly platform: Platform | undefined;
  readonly context: HostContext | undefined;
  readonly wheel: string | undefined;
  readonly isConnected: boolean;
  readonly animating: Promise<unknown> | undefined;
  /** The segments now, as `[label, weight]`. */
  pairs(): [string, number][];
  price(): Price | undefined;
  menu(): readonly TipMenuItem[];
  tipBuysSpin(tip: Tip, price: Price): boolean;
  durationMs(): number;
  turns(): number;
  hasBroadcast(): boolean;
  play(spin: Play): Promise<unknown>;
  emit(name: 'onair-spin-rejected' | 'onair-spin-refused' | 'onair-spin-pending', detail: object): void;
  changed(): void;
}

const crypto: Crypto = {
  hash: sha256Hex,
  draw,
  hashItems: (items) => hashSegments(items.map(([label, weight]) => ({ label, weight }))),
};

/**
 * Payments claimed by a wheel on this page, by room connection and id: one payment buys one spin,
 * page-wide. Two connections are two pages of the room (an election picks the one that spins).
 */
const claimedPayments = new Set<string>();

export class WheelRoom {
  request?: Request;
  /** Settles once this page's ledger is open (or it will not lead): spins wait for it. */
  opening?: Promise<void>;
  private authority?: WheelAuthority;
  private follower?: WheelFollower;
  private platform?: Platform;
  private claim?: { release: () => void };
  private heartbeat?: ReturnType<typeof setInterval>;
  private electionTimer?: ReturnType<typeof setTimeout>;
  private answeredAt = -Infinity;
  private work: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Map<string, (played: unknown) => void>();
  private announced = '';
  private unpaidItem?: string;

  constructor(private readonly view: RoomView) {}

  /** The commitment the next payment binds to: this page's own, or the one it follows. */
  get commitment(): string | undefined {
    return this.authority?.leads ? this.authority.ledger.commitment : this.follower?.held?.commitment;
  }

  /** True while this page decides the room's spins. */
  get leads(): boolean {
    return this.authority?.leads === true && this.rules.decides;
  }

  /** True once this page holds the lead (its ledger may still be opening). */
  get deciding(): boolean {
    return this.opening !== undefined && !this.yielded && this.rules.decides;
  }

  /** Why this page, though the room's authority, spins nothing: another authority leads. */
  get yielded(): boolean {
    return this.authority !== undefined && !this.authority.leads;
  }

  private get rules(): RoomAuthority {
    return roomAuthority(this.view.platform?.name, this.view.context);
  }

  private get trust(): Trust {
    const rules = this.rules;
    return rules.trustedRoom ? 'room' : this.view.platform?.roomAnchor ? 'anchor' : 'none';
  }

  /** Follows the platform and role: leads where this page is the authority, follows elsewhere. */
  sync(): void {
    const platform = this.view.platform;
    if (platform !== this.platform || !this.view.isConnected) this.disconnect();
    if (!this.view.isConnected) return;
    this.platform = platform;
    const rules = this.rules;
    if ((this.claim || this.authority) && !rules.decides) this.stepDown();
    if (!this.follower) {
      this.follower = new WheelFollower(crypto, this.trust, rules.paymentIds, AUTHORITY_SILENCE_MS);
      void this.segmentsChanged();
      void this.queue(() => this.readAnchor());
    }
    this.heartbeat ??= setInterval(() => void this.queue(() => this.readAnchor()).then(() => this.beat(true)), HEARTBEAT_MS);
    if (rules.decides && !this.claim && !this.authority) this.lead(platform, rules);
  }

  disconnect(): void {
    this.stepDown();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.follower = undefined;
    this.platform = undefined;
    if (this.request?.state === 'pending') clearTimeout(this.request.timer);
  }

  /**
   * Opens this page's ledger once it is the authority. Wheels of the same room in one browser share
   * the stored ledger, so a Web Lock named after it lets exactly one lead; the others follow and
   * take over when it goes. Without storage (the demo) or Web Locks, the wheel leads at once.
   */
  private lead(platform: Platform | undefined, rules: RoomAuthority): void {
    const key = platform && rules.keepsChain ? `${STORAGE_PREFIX}${platform.name}.${this.view.wheel ?? ''}` : undefined;
    const claim = { release: () => {} };
    this.claim = claim;
    const open = async () => {
      if (this.claim !== claim) return;
      // Only the deciding page keeps a ledger: its code loads then, not on every viewer's page.
      const { PaymentLedger, WheelAuthority, localStore, memoryStore } = await import('./room-authority.js');
      const ledger = await PaymentLedger.open(key ? localStore(key) : memoryStore(), crypto.hash);
      if (this.claim !== claim) return;
      const identity = { authority: Math.random().toString(36).slice(2, 12), since: Date.now() };
      const authority = new WheelAuthority(ledger, identity, crypto, rules.paymentIds);
      await authority.setItems(this.view.pairs());
      if (this.claim !== claim) return;
      this.authority = authority;
      if (!ledger.saved) this.reject('this wheel\u2019s storage is full or blocked: spins are kept for this page only');
      await this.readAnchor();
      this.view.changed();
      await this.beat(true);
      this.elect(authority);
      for (const payment of this.held.splice(0)) await this.bind(payment);
      this.pump();
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!key || !locks) return void (this.opening = open());
    locks
      .request(key, () => {
        if (this.claim !== claim) return undefined;
        this.opening = open();
        return new Promise<void>((release) => (claim.release = release));
      })
      .catch(() => (this.opening = open()));
  }

  /** Starts the election window that its first announcement opened, and spins what waits once it passed. */
  private elect(authority: WheelAuthority): void {
    const windowMs = this.view.hasBroadcast() || this.trust === 'anchor' ? election.windowMs : 0;
    authority.announced(performance.now(), windowMs);
    if (windowMs > 0) this.electionTimer = setTimeout(() => this.pump(), windowMs);
  }

  private stepDown(): void {
    clearTimeout(this.electionTimer);
    this.held = [];
    this.claim?.release();
    this.claim = undefined;
    this.authority = undefined;
    this.opening = undefined;
  }

  /** The segments changed: new payments bind to them, and the room hears so. */
  async segmentsChanged(): Promise<void> {
    const pairs = this.view.pairs();
    await this.follower?.knowSegments(pairs);
    await this.authority?.setItems(pairs);
    await this.beat();
  }

  /**
   * The authority's announcement: whenever it changes, and on every heartbeat (`always`), in the
   * room or, where viewers can write to the room, in the anchor (which every page reads first).
   */
  private async beat(always = false): Promise<void> {
    const platform = this.platform;
    if (!platform) return;
    this.authority?.wake(performance.now(), AUTHORITY_SILENCE_MS);
    const announcement = this.leads ? this.authority?.announcement() : undefined;
    if (!announcement) return;
    const signature = `${announcement.commitment}|${announcement.itemsHash}`;
    if (!always && signature === this.announced) return;
    this.announced = signature;
    const payload = { ...announcement, ...(this.view.wheel ? { wheel: this.view.wheel } : {}) };
    // Where viewers can write to the room, the room message is only a hint to read the anchor again.
    if (this.trust === 'anchor' && !(await platform.roomAnchor?.write(JSON.stringify(payload), (3 * HEARTBEAT_MS) / 1000))) return;
    if (this.view.hasBroadcast()) void platform.broadcast({ type: COMMIT_MESSAGE, payload });
  }

  /** The anchor: the followers' announcement, and for an authority, who else leads. */
  private async readAnchor(): Promise<void> {
    const anchor = this.trust === 'anchor' ? this.platform?.roomAnchor : undefined;
    const raw = anchor ? await anchor.read() : undefined;
    if (!raw) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return this.reject('the anchor holds something that is not the wheel\u2019s');
    }
    const parsed = parseCommitPayload(value);
    if ('error' in parsed || (parsed.payload.wheel ?? '') !== (this.view.wheel ?? '')) return;
    this.hear(parsed.payload, 'anchor');
  }

  /** A hint that the anchor changed (anyone may send one): read it, at most once a second. */
  private async readAnchorSoon(): Promise<void> {
    const now = performance.now();
    if (now - this.anchorReadAt < ANCHOR_HINT_MS) return;
    this.anchorReadAt = now;
    await this.readAnchor();
  }

  private anchorReadAt = -Infinity;

  private hear(announcement: Announcement, via: 'room' | 'anchor'): void {
    const now = performance.now();
    const wasLeading = this.leads;
    if (this.authority && (via === 'anchor' || this.trust === 'room')) this.authority.hear(announcement, now);
    if (wasLeading && !this.leads) this.reject('another page of the streamer leads this wheel: this one stopped spinning');
    // A younger authority page is still in its election window: it hears this one now, not at the next heartbeat.
    if (this.leads && this.authority && announcement.authority !== this.authority.identity.authority && outranks(this.authority.identity, announcement)) this.answer(now);
    const held = this.follower?.held;
    if (!this.leads && this.follower?.announce(announcement, via, now) && held?.commitment !== this.follower.held?.commitment) this.view.changed();
  }

  /** Announces this page again (at most once a second), so a younger authority page yields in time. */
  private answer(now: number): void {
    if (now - this.answeredAt < ANCHOR_HINT_MS) return;
    this.answeredAt = now;
    void this.queue(() => this.beat(true));
  }

  /** True when the room's authority was heard recently (a viewer pays only then). */
  get online(): boolean {
    return this.follower?.online(performance.now()) === true;
  }

  // ── Payments ───────────────────────────────────────────────────────────────

  /** A tip from the host: the authority binds it, a follower learns of it. */
  tip(tip: Tip): void {
    const price = this.view.price();
    if (!price || !this.view.tipBuysSpin(tip, price)) return;
    this.payment(tip.id, tip.user.id, `${tip.user.id ?? 'anon'}|${tip.amount}|${tip.currency}|${tip.message ?? ''}`);
  }

  private payment(hostId: string, payerId: string | undefined, content: string): void {
    const payer = payerId && PAYMENT_ID.test(payerId) ? payerId : undefined;
    this.queue(async () => {
      const payment: Payment = { id: await paymentIdOf(hostId), content, ...(payer ? { payer } : {}) };
      await this.opening;
      // This page is the authority but does not lead yet (its ledger opening, another wheel holding the lock): kept for then.
      if (!this.authority && this.rules.decides) return void (this.held = [...this.held, payment].slice(-MAX_HELD));
      if (!this.leads) return void (await this.follower?.learn(payment));
      await this.bind(payment);
    });
  }

  /** Binds a payment on the authority (once per payment, page-wide) and spins what waits. */
  private async bind(payment: Payment): Promise<void> {
    const claim = `${this.platform?.clientId}|${payment.id}`;
    if (!this.authority || claimedPayments.has(claim)) return;
    // Claimed before the ledger answers, so a second wheel on the page hearing the same payment skips it.
    remember(claimedPayments, claim, undefined, 1_000);
    const answer = await this.authority.pay(payment);
    if (answer.result !== 'queued') claimedPayments.delete(claim);
    if (answer.result === 'full') this.refuseInRoom(answer.drawId ?? payment.id, payment.payer);
    this.pump();
  }

  /** Payments that came before this page led, bound once it does. */
  private held: Payment[] = [];

  /** A payment the authority could not queue: its payer's wheel is told. */
  private refuseInRoom(paymentId: string, payer: string | undefined): void {
    this.view.emit('onair-spin-refused', { reason: 'queue-full', paymentId });
    if (!this.platform || !this.view.hasBroadcast()) return;
    const payload = { paymentId, reason: 'queue-full', ...(payer ? { payer } : {}), ...(this.view.wheel ? { wheel: this.view.wheel } : {}) };
    void this.platform.broadcast({ type: REFUSED_MESSAGE, payload }, { event: true });
  }

  /** The streamer's own spin: queued behind paid ones; resolves once it played. */
  async free(): Promise<unknown> {
    const drawId = await this.queue(() => {
      const answer = this.authority?.free();
      if (answer?.result === 'full') this.view.emit('onair-spin-refused', { reason: 'queue-full' });
      return answer?.result === 'queued' ? answer.drawId : undefined;
    });
    if (!drawId) return undefined;
    const played = new Promise((resolve) => this.waiters.set(drawId, resolve));
    this.pump();
    return played;
  }

  /** Spins what waits, in the order it came, one at a time. */
  private pump(): void {
    void this.queue(async () => {
      for (let spin = this.authority?.next(performance.now()); spin && this.leads && this.view.isConnected; spin = this.authority?.next(performance.now())) {
        if (this.view.animating) await this.view.animating;
        if (!(await this.spinOne(spin))) return;
      }
    });
  }

  private async spinOne(spin: BoundSpin): Promise<boolean> {
    const winner = await this.authority?.reveal(spin);
    if (!winner) {
      this.view.emit('onair-spin-refused', { reason: 'not-saved', paymentId: spin.drawId });
      this.waiters.get(spin.drawId)?.(undefined);
      this.waiters.delete(spin.drawId);
      return false;
    }
    const payload: SpinPayload = {
      paymentId: spin.drawId,
      seed: spin.seed,
      itemsHash: spin.itemsHash,
      index: winner.index,
      startedAt: Date.now(),
      durationMs: this.view.durationMs(),
      turns: this.view.turns(),
      ...(spin.payer ? { payer: spin.payer } : {}),
      ...(this.view.wheel ? { wheel: this.view.wheel } : {}),
    };
    if (this.platform && this.view.hasBroadcast()) {
      // Every spin matters (never replaced by a newer one), and the overlay stays while it settles.
      void this.platform.broadcast({ type: SPIN_MESSAGE, payload }, { event: true, holdOverlayMs: payload.durationMs + SETTLED_VIEW_MS });
    }
    const proof: VerifiedProof = { commitment: spin.commitment, seed: spin.seed, paymentId: spin.drawId, itemsHash: spin.itemsHash, index: winner.index, offset: winner.offset, verified: true };
    const play = this.view.play({ paymentId: spin.drawId, index: winner.index, offset: winner.offset, items: spin.items, verified: true, proof, remote: false, elapsed: 0, durationMs: payload.durationMs, turns: payload.turns });
    void this.beat();
    const waiter = this.waiters.get(spin.drawId);
    this.waiters.delete(spin.drawId);
    void play.then(waiter);
    return true;
  }

  // ── Room messages ─────────────────────────────────────────────────────────

  message(message: RoomMessage): void {
    if (![SPIN_MESSAGE, COMMIT_MESSAGE, REQUEST_MESSAGE, REFUSED_MESSAGE].includes(message.type)) return;
    if (message.from !== undefined && message.from === this.platform?.clientId) return;
    this.queue(() => this.onMessage(message));
  }

  private async onMessage(message: RoomMessage): Promise<void> {
    const rules = this.rules;
    if (message.type === REQUEST_MESSAGE) return this.onRequest(message, rules);
    if (message.type === REFUSED_MESSAGE) return this.onRefused(message);
    if (message.type === COMMIT_MESSAGE) {
      if (this.trust === 'anchor') return this.readAnchorSoon();
      const parsed = parseCommitPayload(message.payload);
      if ('error' in parsed) return this.reject(parsed.error);
      if ((parsed.payload.wheel ?? '') === (this.view.wheel ?? '')) this.hear(parsed.payload, 'room');
      return;
    }
    if (this.leads) {
      // Another page sent a spin for this wheel: possible only by forging where viewers can send.
      if (!rules.trustedRoom) this.reject('a spin from someone other than this room\u2019s authority');
      return;
    }
    const parsed = parseSpinPayload(message.payload);
    if ('error' in parsed) return this.reject(parsed.error);
    const payload = parsed.payload;
    if ((payload.wheel ?? '') !== (this.view.wheel ?? '') || !this.follower) return;
    const arrivedAt = message.receivedAt ?? performance.now();
    const followed = await this.follower.spin(payload, performance.now());
    this.view.changed();
    if (followed.kind === 'ignored') return followed.reason === 'duplicate' ? undefined : this.reject(REJECTIONS[followed.reason]);
    if (!this.view.isConnected) return;
    const elapsed = followedElapsed(payload, { sentAt: message.sentAt, sinceArrival: performance.now() - arrivedAt });
    if (!followed.verified) {
      // Unverified is shown only where it can be drawn, and only while it still runs (a replayed old spin is not news).
      if (!followed.items) return this.reject(REJECTIONS[followed.reason]);
      if (elapsed >= payload.durationMs) return this.reject('an old spin this wheel cannot verify');
    }
    this.answered(payload);
    void this.view.play(this.toPlay(payload, followed, elapsed));
  }

  private toPlay(payload: SpinPayload, followed: Extract<Followed, { kind: 'play' }>, elapsed: number): Play {
    const common = { paymentId: payload.paymentId, index: followed.index, offset: followed.offset, remote: true, elapsed, durationMs: payload.durationMs, turns: payload.turns };
    if (!followed.verified) return { ...common, verified: false, reason: followed.reason, ...(followed.items ? { items: followed.items } : {}) };
    const proof: VerifiedProof = { commitment: followed.commitment, seed: payload.seed, paymentId: payload.paymentId, itemsHash: payload.itemsHash, index: followed.index, offset: followed.offset, verified: true };
    return { ...common, verified: true, items: followed.items, proof };
  }

  /**
   * A spin request from the room, accepted only where the platform vouches for the room's requests
   * (an action for the channel-point reward named by `redemption`; a backend's verified purchase).
   */
  private onRequest(message: RoomMessage, rules: RoomAuthority): void {
    if (!rules.requestsFromRoom) return;
    const parsed = parseRequestPayload(message.payload);
    if ('error' in parsed) return this.reject(parsed.error);
    const request = parsed.payload;
    if ((request.wheel ?? '') !== (this.view.wheel ?? '') || Date.now() - message.sentAt > MAX_REQUEST_AGE_MS) return;
    if ('reward' in request) {
      if (!this.redemption || request.reward.toLowerCase() !== this.redemption.toLowerCase()) return;
    } else {
      const price = this.view.price();
      const paid = { amount: request.amount, currency: request.currency, itemId: request.item, source: '' } as Tip;
      if (!price || !this.view.tipBuysSpin(paid, price)) return;
    }
    const content = 'reward' in request ? `${request.payer ?? 'anon'}|reward|${request.reward}` : `${request.payer ?? 'anon'}|${request.amount}|${request.currency}|`;
    this.payment(request.paymentId, request.payer, content);
  }

  /** The channel-point reward whose redemptions buy spins (the element's `redemption`). */
  redemption?: string;

  private onRefused(message: RoomMessage): void {
    const parsed = parseRefusedPayload(message.payload);
    if ('error' in parsed || (parsed.payload.wheel ?? '') !== (this.view.wheel ?? '') || this.leads) return;
    if (this.request?.state === 'pending' && parsed.payload.payer !== undefined && parsed.payload.payer === this.view.context?.user?.id) {
      this.refuseRequest({ reason: 'queue-full', paymentId: parsed.payload.paymentId });
    }
  }

  // ── A viewer's paid request ─────────────────────────────────────────────────

  /** Buys a spin: pays the wheel's item, then waits for the authority's spin for that payment. */
  async pay(): Promise<undefined> {
    if (this.request?.state === 'paying' || this.request?.state === 'pending') return undefined;
    const platform = this.platform;
    const price = this.view.price();
    if (!platform || !price) return this.refuseRequest({ reason: 'not-authority' });
    if (this.trust === 'anchor') await this.readAnchor();
    if (!this.online) return this.refuseRequest({ reason: 'no-authority' });
    const item = this.payItem(price);
    if (typeof item === 'string') return this.refuseRequest({ reason: item });
    this.setRequest({ state: 'paying' });
    const result = await platform.requestTip(item);
    if (!this.view.isConnected) return undefined;
    if (result.status !== 'success') {
      const detail = result.status === 'failed' ? result.error : result.reason;
      this.unpaidItem = item.id;
      return this.refuseRequest(detail ? { reason: 'not-paid', detail: text(detail, 200) } : { reason: 'not-paid' });
    }
    await this.awaitSpin(result.transactionId);
    return undefined;
  }

  /** The tip-menu item a viewer pays for a spin: the bound one, else the cheapest that covers the price. */
  private payItem(price: Price): TipMenuItem | RefusalReason {
    const items = this.view.menu();
    if (price.itemId) {
      const bound = items.find((i) => i.id === price.itemId);
      if (!bound) return 'no-item';
      return bound.currency === price.currency && bound.price >= price.price ? bound : 'price-too-low';
    }
    const covering = items.filter((i) => i.currency === price.currency && i.price >= price.price).sort((a, b) => a.price - b.price);
    return covering[0] ?? 'no-item';
  }

  private async awaitSpin(transactionId: string | undefined): Promise<void> {
    const paymentId = transactionId ? await paymentIdOf(transactionId) : undefined;
    if (!this.view.isConnected) return;
    // The host's own word that this viewer paid: a payment this wheel learned of (where ids are the host's).
    const me = this.view.context?.user?.id;
    if (paymentId && this.rules.paymentIds === 'host') await this.follower?.learn({ id: paymentId, content: paymentId, ...(me && PAYMENT_ID.test(me) ? { payer: me } : {}) });
    this.unpaidItem = undefined;
    const timer = setTimeout(() => this.refuseRequest({ reason: 'no-answer', ...(paymentId ? { paymentId } : {}) }), PENDING_MS);
    this.setRequest({ state: 'pending', ...(paymentId ? { paymentId } : {}), timer });
    this.view.emit('onair-spin-pending', { paymentId: paymentId ?? '' });
  }

  /** A payment the host confirmed after onair stopped waiting: money spent, so the request is pending again. */
  lateResult(result: LateTipResult): void {
    if (this.request?.state !== 'refused' || !this.unpaidItem || result.item.id !== this.unpaidItem) return;
    void this.awaitSpin(result.transactionId);
  }

  private answered(payload: SpinPayload): void {
    const request = this.request;
    if (request?.state !== 'pending') return;
    const me = this.view.context?.user?.id;
    if ((request.paymentId !== undefined && payload.paymentId === request.paymentId) || (me !== undefined && payload.payer === me)) {
      clearTimeout(request.timer);
      this.setRequest(undefined);
    }
  }

  refuseRequest(detail: RefusedDetail): undefined {
    if (this.request?.state === 'pending') clearTimeout(this.request.timer);
    this.setRequest({ state: 'refused', reason: detail.reason, ...(detail.detail ? { detail: detail.detail } : {}) });
    this.view.emit('onair-spin-refused', detail);
    return undefined;
  }

  private setRequest(request: Request | undefined): void {
    this.request = request;
    this.view.changed();
  }

  private reject(reason: string): void {
    this.view.emit('onair-spin-rejected', { reason });
  }

  private queue<T>(task: () => Promise<T> | T): Promise<T | undefined> {
    const run = this.work.then(task, task).catch(() => undefined);
    this.work = run;
    return run;
  }
}

/** What a follower says when it ignores a spin (where viewers can write to the room). */
const REJECTIONS: Record<Unverified | 'other-authority', string> = {
  'payment-unseen': 'a spin for a payment this wheel never saw',
  'no-commitment': 'a spin for a payment made before this wheel knew a commitment',
  'seed-not-bound': 'the seed does not match the commitment published before the payment',
  'segments-changed': 'the segments differ from those published before the payment',
  'segments-unknown': 'the segments differ from this wheel\u2019s',
  winner: 'the winner does not follow from the seed',
  'no-anchor': 'nothing the streamer alone writes vouches for this spin',
  'other-authority': 'a spin from a page that does not lead this wheel',
};

