import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ConnectionReason, HostState, Platform, PlatformName } from '../../platform/model.js';
import { bool, isRecord, num, text } from '../../platform/validate.js';
import { emit } from '../shared/events.js';
import { addEnglish, type MessageId } from '../shared/messages.js';
import { OnAirElement } from '../shared/onair-element.js';
import { statusPillStyles } from './status-pill.styles.js';
import { readStored, writeStored } from '../shared/stored.js';
import { statusPillEnglish } from './status-pill.messages.js';

addEnglish(statusPillEnglish);

export type PillEdge = 'left' | 'right' | 'top' | 'bottom';

/** The viewport corners a floating pill can sit in before the user moves it. */
export const PILL_CORNERS = ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const;
export type PillCorner = (typeof PILL_CORNERS)[number];

/**
 * `floating`: `auto` (the default) floats only while its corner is free; `true` always floats,
 * `false` never does.
 */
export type PillFloating = boolean | 'auto';

export interface PillPosition {
  x: number;
  y: number;
}

export interface MoveDetail extends PillPosition {
  /** The viewport edge the pill sits flush against, if any. */
  edge?: PillEdge;
}

export interface ToggleDetail {
  collapsed: boolean;
}

export interface ReconnectDetail {
  platform: PlatformName;
}

export const DEFAULT_PILL_STORAGE_KEY = 'onair-status-pill';
const STEP = 8;
const BIG_STEP = 48;
const MAX_COORDINATE = 100_000;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The pill's states: the connection as shown, or `hostless` when the page has no host. All but
 * `hostless` are also the states of a host's native movable overlay.
 */
export type PillState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'hostless';

const PILL_STATES: Record<HostState, PillState> = {
  connecting: 'connecting',
  connected: 'live',
  reconnecting: 'reconnecting',
  disconnected: 'offline',
  error: 'offline',
};

const STATE_LABELS: Record<PillState, MessageId> = {
  connecting: 'connecting',
  live: 'pillLive',
  reconnecting: 'pillReconnecting',
  offline: 'pillOffline',
  hostless: 'pillNoHost',
};

/** A reason's message id: `host-unreachable` → `reasonHostUnreachable`. */
type ReasonMessage<R extends string> = R extends `${infer Head}-${infer Tail}` ? ReasonMessage<`${Head}${Capitalize<Tail>}`> : `reason${Capitalize<R>}`;

/**
 * Each connection reason's localised text (`{host}` is the platform's label), by naming
 * convention; the return type fails to compile if a reason has no message.
 */
function reasonMessage(reason: ConnectionReason): MessageId {
  const camel = reason.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  return `reason${camel.charAt(0).toUpperCase()}${camel.slice(1)}` as ReasonMessage<ConnectionReason>;
}

interface StoredPill {
  position?: PillPosition;
  collapsed?: boolean;
}

/** Reads what a previous page load saved; anything malformed or unreadable is ignored. */
export function readStoredPill(key: string): StoredPill {
  const data = readStored(key);
  if (!isRecord(data)) return {};
  const x = num(data.x, 0, MAX_COORDINATE);
  const y = num(data.y, 0, MAX_COORDINATE);
  const collapsed = bool(data.collapsed);
  return {
    ...(x !== undefined && y !== undefined ? { position: { x, y } } : {}),
    ...(collapsed !== undefined ? { collapsed } : {}),
  };
}

function writeStoredPill(key: string, stored: StoredPill): void {
  writeStored(key, { ...stored.position, collapsed: stored.collapsed });
}

/** `floating="false"` turns it off, `floating` or `floating="true"` forces it; absent or anything else is `auto`. */
const floatingConverter = {
  fromAttribute: (value: string | null): PillFloating => (value === 'false' ? false : value === '' || value === 'true' ? true : 'auto'),
};

/** What a pill must never cover: other widgets (custom elements named onair-…) and anything clickable. */
const CLICKABLE = 'a[href],button,input,select,textarea,summary,label,iframe,[tabindex],[role=button],[role=link]';

/** Whether two boxes share any area (an empty box shares none). */
function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom && a.width * a.height * b.width * b.height > 0;
}

/**
 * A small pill showing the connection to the host: state, platform and an optional page message,
 * with the status detail when expanded and a reconnect button when the connection is down. It
 * floats in a corner of the viewport (`corner`) while that spot is free, and otherwise docks where
 * it stands in the page, so it never covers another widget or anything clickable (a tip menu in a
 * 420 px panel, a wheel's pointer); users drag a floating pill by its handle (pointer or arrow
 * keys) and collapse it to a dot, and both are remembered in localStorage. Platforms with a native
 * movable overlay get the same state and message mirrored.
 *
 * @summary Movable connection status pill with reconnect.
 * @slot - A message from the page, used when the `message` property is not set.
 * @fires {CustomEvent<MoveDetail>} onair-move - A drag or keyboard move ended. `detail: { x, y, edge? }` in CSS pixels from the viewport's top left.
 * @fires {CustomEvent<ToggleDetail>} onair-toggle - The user collapsed or expanded the pill. `detail: { collapsed }`.
 * @fires {CustomEvent<ReconnectDetail>} onair-reconnect - The user asked to reconnect; `platform.reconnect()` has been called. `detail: { platform }`.
 * @csspart base - The pill.
 * @csspart handle - The drag handle.
 * @csspart toggle - The collapse/expand button holding the dot.
 * @csspart dot - The coloured state dot.
 * @csspart state - The state and platform name.
 * @csspart message - The page's message.
 * @csspart detail - The status detail from the platform.
 * @csspart reconnect - The reconnect button.
 * @cssprop --onair-pill-inset - Distance from its corner before the user moves it. Default 12px.
 * @cssprop --onair-pill-surface - Pill background (translucent; solid with `opaque`).
 * @cssprop --onair-pill-font-size - Font size of the pill.
 * @cssprop --onair-pill-z-index - Stacking order while floating.
 * @cssprop --onair-pill-live-color - Dot colour when live.
 * @cssprop --onair-pill-pending-color - Dot colour while connecting or reconnecting.
 * @cssprop --onair-pill-offline-color - Dot colour when offline.
 * @cssprop --onair-pill-idle-color - Dot colour with no host.
 */
@customElement('onair-status-pill')
export class OnAirStatusPillElement extends OnAirElement {
  static override styles = statusPillStyles;

  /** A short message from the page, shown as text next to the state. */
  @property() message?: string;
  /** localStorage key for the position and collapsed state; give each pill on a page its own. */
  @property({ attribute: 'storage-key' }) storageKey = DEFAULT_PILL_STORAGE_KEY;
  /**
   * `auto` (default): fixed over the viewport in its `corner` while nothing else is there, else laid
   * out inline where it stands. `true`: always fixed and movable, whatever it covers. `false`: inline.
   */
  @property({ converter: floatingConverter }) floating: boolean | 'auto' = 'auto';
  /** The viewport corner it floats in until the user moves it: `top-right` (default), `top-left`, `bottom-right`, `bottom-left`. */
  @property({ reflect: true }) corner: PillCorner = 'top-right';
  /** Shows only the dot. A value saved by the user on an earlier visit wins over the attribute. */
  @property({ type: Boolean, reflect: true }) collapsed = false;
  /** Distance in CSS pixels within which a released drag snaps to the nearest viewport edge. */
  @property({ type: Number, attribute: 'snap-threshold' }) snapThreshold = 24;
  /** A solid background instead of the translucent one, so busy content behind cannot show through. */
  @property({ type: Boolean, reflect: true }) opaque = false;

  /** Top left corner in viewport pixels once placed; until then CSS puts it in its corner. */
  @state() private position?: PillPosition;
  /** With `floating="auto"`: its corner is taken, so it lies inline. */
  @state() private docked = false;

  @query('.base') private base?: HTMLElement;
  @query('.toggle') private toggleButton?: HTMLButtonElement;

  private drag?: { pointerId: number; dx: number; dy: number; moved: boolean };
  private keyMoved = false;
  private mirrored?: { platform: Platform; key: string };
  private readonly onResize = () => this.relayout();
  /**
   * Sees the pill's first layout and its size changes (expanding, longer messages), and, while it
   * decides where to float, the size of the page and of the widgets it might cover.
   */
  private readonly sizeObserver = new ResizeObserver(() => this.relayout());
  private watched = new Set<Element>();
  private frame?: number;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.onResize);
    if (this.base) this.sizeObserver.observe(this.base);
    this.relayout();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('resize', this.onResize);
    this.sizeObserver.disconnect();
    this.watched.clear();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.drag = undefined;
    this.keyMoved = false;
    this.mirrored = undefined;
  }

  /** The state as shown: `connecting`, `live`, `reconnecting`, `offline` or `hostless`. */
  get overlayState(): PillState {
    const state = this.hostState;
    return state ? PILL_STATES[state] : 'hostless';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('storageKey')) this.restore();
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.base) this.sizeObserver.observe(this.base);
  }

  /** Whether it floats now: forced, placed by the user, or `auto` with its corner free. */
  get floats(): boolean {
    if (this.floating === 'auto') return this.position !== undefined || !this.docked;
    return this.floating;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('floating') || changed.has('corner')) this.scheduleCorner();
    this.mirror();
  }

  override render() {
    const overlay = this.overlayState;
    const floats = this.floats;
    const placed = floats && this.position !== undefined;
    const classes = { base: true, floating: floats, placed, collapsed: this.collapsed };
    const style = placed ? { left: `${this.position!.x}px`, top: `${this.position!.y}px` } : {};
    const platformName = this.platformController.platform?.label ?? '';
    return html`
      <div part="base" class=${classMap(classes)} data-state=${overlay} style=${styleMap(style)} lang=${this.messageLang}>
        ${floats ? this.renderHandle() : nothing}
        <button part="toggle" class="toggle" type="button" aria-expanded=${String(!this.collapsed)} @click=${this.onToggle}>
          <span part="dot" class="dot"></span>
          <span class="visually-hidden">${this.msg('pillDetails')}</span>
        </button>
        <span part="state" class=${this.collapsed ? 'visually-hidden' : 'state'} role="status">
          ${this.msg(STATE_LABELS[overlay])}${platformName ? ` · ${platformName}` : ''}
        </span>
        ${this.collapsed ? nothing : this.renderBody()}
      </div>
    `;
  }

  private renderHandle() {
    return html`
      <button
        part="handle"
        class="handle"
        type="button"
        aria-label=${this.msg('pillMove')}
        aria-describedby="move-hint"
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerEnd}
        @pointercancel=${this.onPointerEnd}
        @keydown=${this.onKeyDown}
        @keyup=${this.onKeyUp}
        @blur=${this.onHandleBlur}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <span id="move-hint" class="visually-hidden">${this.msg('pillMoveHint')}</span>
    `;
  }

  /**
   * The status detail: in English the platform's own `detail` (the most specific text, e.g. with the
   * address it tried); in other languages the translated `reason`, falling back to `detail`.
   */
  private get detailText(): string | undefined {
    const { reason, detail } = this.connection;
    const english = text(detail, 300);
    if (!reason || (this.messageLang === 'en' && english)) return english;
    return this.msg(reasonMessage(reason), { host: this.platformController.platform?.label ?? '' });
  }

  private renderBody() {
    const detail = this.detailText;
    return html`
      <span part="message" class="message">${this.message ?? html`<slot></slot>`}</span>
      ${this.canReconnect() ? html`<button part="reconnect" class="reconnect" type="button" @click=${this.onReconnect}>${this.msg('pillReconnect')}</button>` : nothing}
      ${detail ? html`<span part="detail" class="detail">${detail}</span>` : nothing}
    `;
  }

  private canReconnect(): boolean {
    const state = this.connection.state;
    return (state === 'disconnected' || state === 'error') && this.hasCapability('reconnect');
  }

  private onToggle(): void {
    this.collapsed = !this.collapsed;
    this.persist();
    emit(this, 'onair-toggle', { collapsed: this.collapsed });
  }

  private async onReconnect(): Promise<void> {
    const platform = this.platformController.platform;
    if (!platform) return;
    platform.reconnect();
    emit(this, 'onair-reconnect', { platform: platform.name });
    // The button goes away once reconnecting; keep keyboard focus inside the pill.
    await this.updateComplete;
    if (!this.shadowRoot?.querySelector('.reconnect')) this.toggleButton?.focus();
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || !this.base) return;
    const rect = this.base.getBoundingClientRect();
    this.drag = { pointerId: event.pointerId, dx: event.clientX - rect.left, dy: event.clientY - rect.top, moved: false };
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag.moved = true;
    this.position = this.clamp({ x: event.clientX - drag.dx, y: event.clientY - drag.dy });
  }

  private onPointerEnd(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    this.drag = undefined;
    if (drag.moved && this.position) this.finishMove(this.snap(this.position));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const direction = ARROWS[event.key];
    if (!direction || event.altKey || event.ctrlKey || event.metaKey) return;
    // Only while the handle has focus: stops the page scrolling, nothing else is hijacked.
    event.preventDefault();
    const step = event.shiftKey ? BIG_STEP : STEP;
    const from = this.currentPosition();
    if (!from) return;
    this.position = this.clamp({ x: from.x + direction[0] * step, y: from.y + direction[1] * step });
    this.keyMoved = true;
  }

  private onKeyUp(event: KeyboardEvent): void {
    if (ARROWS[event.key] && this.keyMoved) this.endKeyboardMove();
  }

  private onHandleBlur(): void {
    if (this.keyMoved) this.endKeyboardMove();
  }

  private endKeyboardMove(): void {
    this.keyMoved = false;
    if (this.position) this.finishMove(this.position);
  }

  private finishMove(position: PillPosition): void {
    this.position = position;
    this.persist();
    const edge = this.flushEdge(position);
    emit(this, 'onair-move', { x: position.x, y: position.y, ...(edge ? { edge } : {}) });
  }

  /** After a resize: back inside the viewport, and (auto) floating only where nothing is covered. */
  private relayout(): void {
    this.keepInView();
    this.scheduleCorner();
  }

  private scheduleCorner(): void {
    if (this.floating !== 'auto' || this.position || this.frame !== undefined) return;
    // Decided in the next frame: sizes settle first, and the change is not made inside the
    // observer's own callback.
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.placeInCorner();
    });
  }

  /**
   * With `floating="auto"` and no place chosen by the user: floats in its corner when the pill
   * there would cover no other widget and nothing clickable, else docks inline. The floating box is
   * measured by switching the class for one synchronous layout, so nothing is painted meanwhile.
   */
  private placeInCorner(): void {
    const base = this.base;
    if (this.floating !== 'auto' || this.position || !base?.isConnected) return;
    const wasFloating = base.classList.contains('floating');
    base.classList.add('floating');
    const spot = base.getBoundingClientRect();
    const taken = this.coveredBy(spot);
    if (!wasFloating) base.classList.remove('floating');
    this.docked = taken;
  }

  /** Whether another widget or a clickable element of this pill's document lies under `spot`. */
  private coveredBy(spot: DOMRect): boolean {
    const root = this.getRootNode() as Document | ShadowRoot;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    const { clientWidth, clientHeight } = document.documentElement;
    this.unwatchRemoved();
    let covered = false;
    for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
      const widget = node.localName.startsWith('onair-') && node.localName !== 'onair-platform';
      if (node === this || node.contains(this) || this.contains(node) || !(widget || node.matches(CLICKABLE))) continue;
      if (widget) this.watch(node);
      const box = node.getBoundingClientRect();
      // A widget laid over the whole page (an OBS page's alert box) is a layer like the pill: its
      // box says nothing about where its content shows.
      const layer = widget && box.left <= 0 && box.top <= 0 && box.right >= clientWidth && box.bottom >= clientHeight;
      if (!layer && overlaps(spot, box)) covered = true;
    }
    return covered;
  }

  /** Observes a widget's size, so it is seen growing under the pill (a menu whose items arrive). */
  private watch(element: Element): void {
    if (this.watched.has(element)) return;
    this.watched.add(element);
    this.sizeObserver.observe(element);
  }

  /** Stops observing widgets that left the page, so a long-running page holds no stale ones. */
  private unwatchRemoved(): void {
    for (const element of this.watched) {
      if (element.isConnected) continue;
      this.sizeObserver.unobserve(element);
      this.watched.delete(element);
    }
  }

  /** Pulls a placed pill back inside the viewport: a restored position, a resize, a bigger pill. */
  private keepInView(): void {
    if (!this.floats || !this.position) return;
    const clamped = this.clamp(this.position);
    if (clamped.x !== this.position.x || clamped.y !== this.position.y) this.position = clamped;
  }

  private currentPosition(): PillPosition | undefined {
    if (this.position) return this.position;
    const rect = this.base?.getBoundingClientRect();
    return rect ? { x: rect.left, y: rect.top } : undefined;
  }

  /** The room the pill can move in: the viewport minus the pill's own size. */
  private bounds(): { maxX: number; maxY: number } {
    const rect = this.base?.getBoundingClientRect();
    const root = document.documentElement;
    const width = root.clientWidth || window.innerWidth;
    const height = root.clientHeight || window.innerHeight;
    // Whole pixels, rounded inwards, so a clamped pill never pokes out by a fraction.
    return { maxX: Math.max(0, Math.floor(width - (rect?.width ?? 0))), maxY: Math.max(0, Math.floor(height - (rect?.height ?? 0))) };
  }

  private clamp(position: PillPosition): PillPosition {
    const { maxX, maxY } = this.bounds();
    return { x: Math.min(Math.max(Math.round(position.x), 0), maxX), y: Math.min(Math.max(Math.round(position.y), 0), maxY) };
  }

  /** Moves flush against the nearest edge when it is within `snap-threshold`. */
  private snap(position: PillPosition): PillPosition {
    const { maxX, maxY } = this.bounds();
    const distances: [PillEdge, number][] = [
      ['left', position.x],
      ['right', maxX - position.x],
      ['top', position.y],
      ['bottom', maxY - position.y],
    ];
    const [edge, distance] = distances.reduce((best, next) => (next[1] < best[1] ? next : best));
    const threshold = Number.isFinite(this.snapThreshold) ? this.snapThreshold : 0;
    if (distance > threshold) return position;
    if (edge === 'left') return { ...position, x: 0 };
    if (edge === 'right') return { ...position, x: maxX };
    if (edge === 'top') return { ...position, y: 0 };
    return { ...position, y: maxY };
  }

  private flushEdge(position: PillPosition): PillEdge | undefined {
    const { maxX, maxY } = this.bounds();
    if (position.x <= 0) return 'left';
    if (position.x >= maxX) return 'right';
    if (position.y <= 0) return 'top';
    if (position.y >= maxY) return 'bottom';
    return undefined;
  }

  private restore(): void {
    const stored = readStoredPill(this.storageKey);
    this.position = stored.position;
    if (stored.collapsed !== undefined) this.collapsed = stored.collapsed;
  }

  private persist(): void {
    writeStoredPill(this.storageKey, { position: this.position, collapsed: this.collapsed });
  }

  /** The page's message: the property, else the slotted text. */
  private currentMessage(): string | undefined {
    return text(this.message ?? this.textContent, 300);
  }

  /** Mirrors state and message onto the host's native overlay, only when either changed. */
  private mirror(): void {
    const platform = this.platformController.platform;
    const state = this.overlayState;
    // A page without a host has no native overlay to mirror to.
    if (state === 'hostless' || !platform?.capabilities.has('movableOverlay') || !platform.updateMovableOverlay) return;
    const message = this.currentMessage();
    const key = `${state}\u0000${message ?? ''}`;
    if (this.mirrored?.platform === platform && this.mirrored.key === key) return;
    this.mirrored = { platform, key };
    platform.updateMovableOverlay(state, message);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-status-pill': OnAirStatusPillElement;
  }
  interface OnAirEventMap {
    'onair-move': CustomEvent<MoveDetail>;
    'onair-toggle': CustomEvent<ToggleDetail>;
    'onair-reconnect': CustomEvent<ReconnectDetail>;
  }
}
