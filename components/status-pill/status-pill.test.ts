import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { BasePlatform } from '../../platform/base.js';
import type { Capability, ConnectionReason, ConnectionStatus, MovableOverlayState, TipMenuItem, TipResult } from '../../platform/model.js';
import { NO_HOST_DETAIL, NoHostPlatform } from '../../platform/no-host.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import type { MoveDetail, OnAirStatusPillElement, ToggleDetail } from './status-pill.js';
import './status-pill.js';

/** Records what the pill mirrors onto a host's native movable overlay. */
class OverlayPlatform extends BasePlatform {
  readonly name = 'stripchat' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['movableOverlay']);
  readonly calls: [MovableOverlayState, string | undefined][] = [];
  constructor() {
    super();
    this.setStatus({ state: 'connected' });
  }
  updateMovableOverlay(state: MovableOverlayState, message?: string): void {
    this.calls.push([state, message]);
  }
  set(status: ConnectionStatus): void {
    this.setStatus(status);
  }
  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'not in this test' };
  }
}

const HTML_NAME = '<img src=x onerror=alert(1)>';
let keyCounter = 0;
const usedKeys: string[] = [];
function freshKey(): string {
  const key = `onair-test-pill-${Date.now()}-${(keyCounter += 1)}`;
  usedKeys.push(key);
  return key;
}

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const rectOf = (el: HTMLElement, name: string) => part(el, name)!.getBoundingClientRect();
function centre(target: Element): [number, number] {
  const rect = target.getBoundingClientRect();
  return [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)];
}
async function click(target: Element): Promise<void> {
  await sendMouse({ type: 'click', position: centre(target) });
}
async function pressWithShift(key: string): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Shift' });
}
async function drag(target: Element, by: [number, number]): Promise<void> {
  const [x, y] = centre(target);
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: [Math.round(x + by[0]), Math.round(y + by[1])] });
  await sendMouse({ type: 'up' });
}
/** Pointer id of the first finger on the screen (any id the mouse does not use). */
const FIRST_FINGER = 21;
/**
 * A finger on `target`. `@web/test-runner-commands` has no touch command (`sendMouse` drives the
 * mouse only) and this runner registers no DevTools-protocol command that could send
 * `Input.dispatchTouchEvent`, so the test dispatches the pointer events Chromium fires for a touch:
 * `pointerType: 'touch'`, its own pointer id, `buttons: 1` while down. A synthetic pointer is not an
 * active pointer, so the browser would refuse to capture it: the capture request is recorded instead.
 */
function finger(target: HTMLElement, pointerId: number) {
  const captured: number[] = [];
  target.setPointerCapture = (id: number) => void captured.push(id);
  const send = (type: 'pointerdown' | 'pointermove' | 'pointerup', [x, y]: [number, number]) =>
    target.dispatchEvent(
      new PointerEvent(type, {
        pointerId,
        pointerType: 'touch',
        isPrimary: pointerId === FIRST_FINGER,
        clientX: x,
        clientY: y,
        button: type === 'pointermove' ? -1 : 0,
        buttons: type === 'pointerup' ? 0 : 1,
        width: 20,
        height: 20,
        pressure: type === 'pointerup' ? 0 : 0.5,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  return {
    captured,
    down: (at: [number, number]) => send('pointerdown', at),
    move: (at: [number, number]) => send('pointermove', at),
    up: (at: [number, number]) => send('pointerup', at),
  };
}
function collect<T>(el: HTMLElement, type: 'onair-move' | 'onair-toggle' | 'onair-reconnect'): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}
/** The pill's room: viewport size minus its own. */
function room(el: HTMLElement): { maxX: number; maxY: number } {
  const rect = rectOf(el, 'base');
  return { maxX: document.documentElement.clientWidth - rect.width, maxY: document.documentElement.clientHeight - rect.height };
}
async function mountPill(template = html`<onair-status-pill></onair-status-pill>`, platform = quietDemo()) {
  const { el, provider } = await mountWith<OnAirStatusPillElement>(platform, template, 'onair-status-pill');
  return { el, provider, platform };
}

describe('<onair-status-pill>', () => {
  afterEach(async () => {
    await resetMouse();
    for (const key of usedKeys.splice(0)) localStorage.removeItem(key);
  });

  it('passes the accessibility audit, expanded and collapsed', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()} message="Back at 9"></onair-status-pill>`);
    await expect(el).to.be.accessible();
    el.collapsed = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    platform.dispose();
  });

  it('gives the handle, the toggle and reconnect pointer targets of at least 24 by 24 px', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()} style="font-size: 12px"></onair-status-pill>`);
    platform.drop();
    await el.updateComplete;
    for (const name of ['handle', 'toggle', 'reconnect']) {
      const box = part(el, name)!.getBoundingClientRect();
      expect(box.width, `${name} width`).to.be.at.least(24);
      expect(box.height, `${name} height`).to.be.at.least(24);
    }
    platform.dispose();
  });

  it('is translucent by default and solid with opaque, in both themes', async () => {
    const alpha = (el: HTMLElement) => {
      const [, , , a = '1'] = getComputedStyle(part(el, 'base')!).backgroundColor.match(/[\d.]+/g)!;
      return Number(a);
    };
    for (const theme of ['dark', 'light']) {
      const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()} theme=${theme}></onair-status-pill>`);
      expect(alpha(el), `${theme}, default`).to.be.below(1);
      el.opaque = true;
      await el.updateComplete;
      expect(el.hasAttribute('opaque')).to.be.true;
      expect(alpha(el), `${theme}, opaque`).to.equal(1);
      await expect(el).to.be.accessible();
      platform.dispose();
    }
  });

  it('shows the state, the platform name and the message, and follows the connection', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()} message="Back at 9"></onair-status-pill>`);
    expect(part(el, 'state')!.textContent!.trim()).to.equal('Live · Demo');
    expect(part(el, 'message')!.textContent).to.equal('Back at 9');
    expect(part(el, 'base')!.dataset.state).to.equal('live');
    expect(part(el, 'reconnect')).to.equal(null);
    platform.drop('Socket closed by host');
    await el.updateComplete;
    expect(part(el, 'state')!.textContent!.trim()).to.equal('Offline · Demo');
    expect(part(el, 'detail')!.textContent).to.equal('Socket closed by host');
    platform.dispose();
  });

  it('shows the status reason in the widget\'s language, naming the host by its label', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill locale="de-DE" storage-key=${freshKey()}></onair-status-pill>`);
    platform.drop('Socket closed by host');
    await el.updateComplete;
    expect(part(el, 'detail')!.textContent).to.equal('Verbindung zu Demo verloren; neuer Versuch läuft.');
    el.locale = 'ja';
    await el.updateComplete;
    expect(part(el, 'detail')!.textContent).to.equal('Demo との接続が切れました。再試行しています。');
    // Without a reason the English detail is all there is.
    const overlay = new OverlayPlatform();
    const { el: plain } = await mountPill(html`<onair-status-pill locale="fr" storage-key=${freshKey()}></onair-status-pill>`, overlay as never);
    overlay.set({ state: 'error', detail: 'Something odd' });
    await plain.updateComplete;
    expect(part(plain, 'detail')!.textContent).to.equal('Something odd');
    overlay.set({ state: 'error', reason: 'host-unreachable', detail: 'Something odd' });
    await plain.updateComplete;
    expect(part(plain, 'detail')!.textContent).to.equal('Stripchat ne répond pas.');
    platform.dispose();
    overlay.dispose();
  });

  it('translates every connection reason', async () => {
    // A record, so a reason added to the model without a case here fails to compile.
    const reasons: Record<ConnectionReason, true> = {
      'no-host': true,
      'adapter-failed': true,
      'helper-missing': true,
      'not-embedded': true,
      'auth-waiting': true,
      'auth-failed': true,
      connecting: true,
      connected: true,
      'host-unreachable': true,
      'connection-lost': true,
      'host-restarting': true,
      'invalid-response': true,
    };
    const overlay = new OverlayPlatform();
    const { el } = await mountPill(html`<onair-status-pill locale="de" storage-key=${freshKey()}></onair-status-pill>`, overlay as never);
    const texts = new Set<string>();
    for (const reason of Object.keys(reasons) as ConnectionReason[]) {
      overlay.set({ state: 'error', reason, detail: 'English detail' });
      await el.updateComplete;
      const detail = part(el, 'detail')!.textContent ?? '';
      expect(detail, reason).not.to.match(/^(English detail|reason\w*|)$/);
      texts.add(detail);
    }
    expect(texts.size, 'one text per reason').to.equal(Object.keys(reasons).length);
    overlay.dispose();
  });

  it('explains a missing host and offers no reconnect there', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()}></onair-status-pill>`, new NoHostPlatform() as never);
    expect(part(el, 'state')!.textContent!.trim()).to.equal('No host');
    expect(part(el, 'base')!.dataset.state).to.equal('hostless');
    expect(el.overlayState).to.equal('hostless');
    expect(part(el, 'detail')!.textContent).to.equal(NO_HOST_DETAIL);
    expect(part(el, 'reconnect')).to.equal(null);
    await expect(el).to.be.accessible();
    platform.dispose();
  });

  it('shows HTML in the message and the status detail as text', async () => {
    const overlay = new OverlayPlatform();
    const { el } = await mountWith<OnAirStatusPillElement>(overlay, html`<onair-status-pill storage-key=${freshKey()} message=${HTML_NAME}></onair-status-pill>`, 'onair-status-pill');
    overlay.set({ state: 'error', detail: HTML_NAME });
    await el.updateComplete;
    expect(part(el, 'message')!.textContent).to.equal(HTML_NAME);
    expect(part(el, 'detail')!.textContent).to.equal(HTML_NAME);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.querySelector('img')).to.equal(null);
    overlay.dispose();
  });

  it('uses slotted content as the message when the property is unset', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()}><b>Starting soon</b></onair-status-pill>`);
    const slot = part(el, 'message')!.querySelector('slot')!;
    expect(slot.assignedElements()[0].textContent).to.equal('Starting soon');
    platform.dispose();
  });

  it('moves by pointer drag, fires onair-move and remembers the position', async () => {
    const key = freshKey();
    const { el, provider, platform } = await mountPill(html`<onair-status-pill storage-key=${key}></onair-status-pill>`);
    const start = rectOf(el, 'base');
    const moves = collect<MoveDetail>(el, 'onair-move');
    await drag(part(el, 'handle')!, [-200, 150]);
    await el.updateComplete;
    expect(moves.length).to.equal(1);
    const [move] = moves;
    expect(move.x).to.be.closeTo(start.left - 200, 1);
    expect(move.y).to.be.closeTo(start.top + 150, 1);
    expect(move.edge).to.equal(undefined);
    const after = rectOf(el, 'base');
    expect(after.left).to.equal(move.x);
    expect(after.top).to.equal(move.y);
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal({ x: move.x, y: move.y, collapsed: false });

    provider.remove();
    platform.dispose();
    const again = await mountPill(html`<onair-status-pill storage-key=${key}></onair-status-pill>`);
    const restored = rectOf(again.el, 'base');
    expect([restored.left, restored.top]).to.deep.equal([move.x, move.y]);
    again.platform.dispose();
  });

  it('moves by touch drag: follows one finger, stays in the viewport and remembers the position', async () => {
    const key = freshKey();
    const { el, provider, platform } = await mountPill(html`<onair-status-pill storage-key=${key}></onair-status-pill>`);
    const handle = part(el, 'handle')!;
    // What lets a real finger drag it instead of scrolling the page (no pointercancel).
    expect(getComputedStyle(handle).touchAction).to.equal('none');
    const start = rectOf(el, 'base');
    const moves = collect<MoveDetail>(el, 'onair-move');
    const [x, y] = centre(handle);
    const touch = finger(handle, FIRST_FINGER);
    touch.down([x, y]);
    touch.move([x - 150, y + 120]);
    await el.updateComplete;
    expect(rectOf(el, 'base').left).to.be.closeTo(start.left - 150, 1);
    expect(rectOf(el, 'base').top).to.be.closeTo(start.top + 120, 1);
    // A second finger on the handle does not take over the drag.
    const other = finger(handle, FIRST_FINGER + 1);
    other.move([x + 300, y + 300]);
    other.up([x + 300, y + 300]);
    await el.updateComplete;
    expect(rectOf(el, 'base').left).to.be.closeTo(start.left - 150, 1);
    expect(moves).to.deep.equal([]);
    touch.up([x - 150, y + 120]);
    await el.updateComplete;
    expect(touch.captured).to.deep.equal([FIRST_FINGER]);
    expect(moves.length).to.equal(1);
    expect(moves[0].x).to.be.closeTo(start.left - 150, 1);
    expect(moves[0].y).to.be.closeTo(start.top + 120, 1);
    expect(moves[0].edge).to.equal(undefined);

    // Dragged far past the bottom left corner: held inside the viewport while the finger is down.
    const [x2, y2] = centre(handle);
    touch.down([x2, y2]);
    touch.move([x2 - 5000, y2 + 5000]);
    await el.updateComplete;
    const { maxY } = room(el);
    const held = rectOf(el, 'base');
    expect(held.left).to.equal(0);
    expect(held.top).to.equal(Math.floor(maxY));
    touch.up([x2 - 5000, y2 + 5000]);
    await el.updateComplete;
    expect(moves[1]).to.deep.equal({ x: 0, y: Math.floor(maxY), edge: 'left' });
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal({ x: 0, y: Math.floor(maxY), collapsed: false });

    provider.remove();
    platform.dispose();
    const again = await mountPill(html`<onair-status-pill storage-key=${key}></onair-status-pill>`);
    const restored = rectOf(again.el, 'base');
    expect([restored.left, restored.top]).to.deep.equal([0, Math.floor(maxY)]);
    again.platform.dispose();
  });

  it('snaps to the nearest edge when released close to it', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()} snap-threshold="30"></onair-status-pill>`);
    const start = rectOf(el, 'base');
    const event = oneEvent(el, 'onair-move');
    // End 10px from the left edge and well away from the others.
    await drag(part(el, 'handle')!, [-(start.left - 10), 200]);
    const { detail } = await event;
    expect(detail.x).to.equal(0);
    expect(detail.edge).to.equal('left');
    expect(rectOf(el, 'base').left).to.equal(0);
    platform.dispose();
  });

  it('moves with arrow keys only while the handle has focus, and never traps focus', async () => {
    const key = freshKey();
    const { el, provider, platform } = await mountPill(html`<div><button id="before">before</button><onair-status-pill storage-key=${key}></onair-status-pill></div>`);
    const before = provider.querySelector<HTMLButtonElement>('#before')!;
    const moves = collect<MoveDetail>(el, 'onair-move');
    const start = rectOf(el, 'base');

    before.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(moves).to.deep.equal([], 'arrow keys elsewhere on the page are left alone');

    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'handle'));
    await sendKeys({ press: 'ArrowLeft' });
    await pressWithShift('ArrowDown');
    await el.updateComplete;
    expect(moves.map(({ x, y }) => [x, y])).to.deep.equal([
      [Math.round(start.left) - 8, Math.round(start.top)],
      [Math.round(start.left) - 8, Math.round(start.top) + 48],
    ]);
    expect(JSON.parse(localStorage.getItem(key)!)).to.include({ x: moves[1].x, y: moves[1].y });

    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'toggle'), 'Tab leaves the handle');
    await sendKeys({ press: 'ArrowLeft' });
    expect(moves.length).to.equal(2, 'arrow keys do nothing off the handle');
    platform.dispose();
  });

  it('stays inside the viewport: keyboard moves stop at the edge and a resize pulls it back', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()}></onair-status-pill>`);
    const moves = collect<MoveDetail>(el, 'onair-move');
    part(el, 'handle')!.focus();
    for (let i = 0; i < 30; i += 1) await pressWithShift('ArrowDown');
    await el.updateComplete;
    const { maxX, maxY } = room(el);
    const last = moves[moves.length - 1];
    expect(last.y).to.equal(Math.floor(maxY));
    expect(last.edge).to.equal('bottom');
    expect(rectOf(el, 'base').bottom).to.be.at.most(document.documentElement.clientHeight);
    expect(last.x).to.be.at.most(maxX);

    try {
      await setViewport({ width: 360, height: 240 });
      await waitUntil(() => rectOf(el, 'base').bottom <= document.documentElement.clientHeight, 'clamped after resize');
      const rect = rectOf(el, 'base');
      expect(rect.right).to.be.at.most(document.documentElement.clientWidth);
      expect(rect.left).to.be.at.least(0);
      expect(rect.top).to.be.at.least(0);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
    platform.dispose();
  });

  it('ignores invalid stored data', async () => {
    for (const stored of ['not json', '{"x":"<img>","y":-5,"collapsed":"yes"}', '[1,2]', '{"x":1e9,"y":3}']) {
      const key = freshKey();
      localStorage.setItem(key, stored);
      const { el, provider, platform } = await mountPill(html`<onair-status-pill storage-key=${key}></onair-status-pill>`);
      expect(part(el, 'base')!.classList.contains('placed'), stored).to.equal(false);
      expect(el.collapsed, stored).to.equal(false);
      // Unplaced means the CSS default: top right, inset from the corner.
      expect(document.documentElement.clientWidth - rectOf(el, 'base').right, stored).to.be.closeTo(12, 1);
      provider.remove();
      platform.dispose();
    }
  });

  it('restores a valid stored position and collapsed state', async () => {
    const key = freshKey();
    localStorage.setItem(key, JSON.stringify({ x: 40, y: 30, collapsed: true }));
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${key}></onair-status-pill>`);
    expect(el.collapsed).to.equal(true);
    expect([rectOf(el, 'base').left, rectOf(el, 'base').top]).to.deep.equal([40, 30]);
    platform.dispose();
  });

  it('pulls a stored position from a bigger screen back inside the viewport', async () => {
    const key = freshKey();
    localStorage.setItem(key, JSON.stringify({ x: 5000, y: 4000, collapsed: false }));
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${key}></onair-status-pill>`);
    await waitUntil(() => rectOf(el, 'base').right <= document.documentElement.clientWidth, 'pulled back after the first layout');
    const rect = rectOf(el, 'base');
    const { maxX, maxY } = room(el);
    expect([rect.left, rect.top]).to.deep.equal([Math.floor(maxX), Math.floor(maxY)]);
    platform.dispose();
  });

  it('collapses to a dot and back with the toggle, fires onair-toggle and remembers it', async () => {
    const key = freshKey();
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${key} message="Back at 9"></onair-status-pill>`);
    const toggles = collect<ToggleDetail>(el, 'onair-toggle');
    el.collapsed = true;
    await el.updateComplete;
    el.collapsed = false;
    await el.updateComplete;
    expect(toggles).to.deep.equal([], 'setting the property from code fires nothing');

    await click(part(el, 'toggle')!);
    await el.updateComplete;
    expect(toggles).to.deep.equal([{ collapsed: true }]);
    expect(el.collapsed).to.equal(true);
    expect(part(el, 'message')).to.equal(null);
    expect(part(el, 'toggle')!.getAttribute('aria-expanded')).to.equal('false');
    expect(JSON.parse(localStorage.getItem(key)!).collapsed).to.equal(true);

    part(el, 'toggle')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggles).to.deep.equal([{ collapsed: true }, { collapsed: false }]);
    expect(part(el, 'message')!.textContent).to.equal('Back at 9');
    expect(JSON.parse(localStorage.getItem(key)!).collapsed).to.equal(false);
    platform.dispose();
  });

  it('offers reconnect when the connection drops and calls platform.reconnect()', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()}></onair-status-pill>`);
    platform.drop();
    await el.updateComplete;
    const button = part(el, 'reconnect')!;
    expect(button.textContent).to.equal('Reconnect');
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'onair-reconnect');
    await click(button);
    expect((await event).detail).to.deep.equal({ platform: 'demo' });
    await el.updateComplete;
    expect(part(el, 'state')!.textContent!.trim()).to.equal('Reconnecting… · Demo');
    await waitUntil(() => part(el, 'base')!.dataset.state === 'live', 'the demo reconnects');
    expect(part(el, 'reconnect')).to.equal(null);
    platform.dispose();
  });

  it('mirrors state and message to a native movable overlay, only on change', async () => {
    const overlay = new OverlayPlatform();
    const { el } = await mountWith<OnAirStatusPillElement>(overlay, html`<onair-status-pill storage-key=${freshKey()}></onair-status-pill>`, 'onair-status-pill');
    expect(overlay.calls).to.deep.equal([['live', undefined]]);
    el.message = 'Be right back';
    await el.updateComplete;
    await click(part(el, 'toggle')!);
    await el.updateComplete;
    overlay.set({ state: 'disconnected', detail: 'gone' });
    await el.updateComplete;
    overlay.set({ state: 'disconnected', detail: 'still gone' });
    await el.updateComplete;
    expect(overlay.calls).to.deep.equal([
      ['live', undefined],
      ['live', 'Be right back'],
      ['offline', 'Be right back'],
    ]);
    overlay.dispose();
  });

  it('lays out inline without a handle when floating="false"', async () => {
    const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()} floating="false" message="In a card"></onair-status-pill>`);
    expect(el.floating).to.equal(false);
    expect(getComputedStyle(part(el, 'base')!).position).to.equal('static');
    expect(part(el, 'handle')).to.equal(null);
    await expect(el).to.be.accessible();
    platform.dispose();
  });

  for (const corner of ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const) {
    it(`floats in its corner (${corner}) while nothing else is there`, async () => {
      const { el, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()} corner=${corner}></onair-status-pill>`);
      await waitUntil(() => getComputedStyle(part(el, 'base')!).position === 'fixed', 'floating');
      expect(el.floats).to.equal(true);
      const rect = rectOf(el, 'base');
      const { clientWidth, clientHeight } = document.documentElement;
      expect(corner.endsWith('left') ? rect.left : clientWidth - rect.right).to.be.closeTo(12, 0.5);
      expect(corner.startsWith('top') ? rect.top : clientHeight - rect.bottom).to.be.closeTo(12, 0.5);
      platform.dispose();
    });
  }

  it('docks inline where its corner would cover a widget, and floats again once the spot is free', async () => {
    const { el, provider, platform } = await mountPill(
      html`<onair-test-block style="display: block; position: absolute; top: 0; right: 0; width: 50vw; height: 120px"></onair-test-block>
        <onair-status-pill storage-key=${freshKey()}></onair-status-pill>`,
    );
    const block = provider.querySelector<HTMLElement>('onair-test-block')!;
    await waitUntil(() => !el.floats, 'docked');
    expect(el.floating).to.equal('auto');
    expect(getComputedStyle(part(el, 'base')!).position).to.equal('static');
    expect(part(el, 'handle'), 'a docked pill is not dragged').to.equal(null);
    const [x, y] = centre(block);
    expect(document.elementFromPoint(x, y)).to.equal(block);
    block.style.height = '0';
    await waitUntil(() => el.floats, 'floats once the widget under its corner is gone');
    expect(getComputedStyle(part(el, 'base')!).position).to.equal('fixed');
    platform.dispose();
  });

  it('docks rather than cover a button of the page', async () => {
    const { el, provider, platform } = await mountPill(
      html`<button type="button" style="position: fixed; top: 4px; right: 4px; width: 200px; height: 40px">Buy</button><onair-status-pill storage-key=${freshKey()}></onair-status-pill>`,
    );
    await waitUntil(() => !el.floats, 'docked');
    const button = provider.querySelector('button')!;
    expect(document.elementFromPoint(...centre(button))).to.equal(button);
    platform.dispose();
  });

  it('floats over anything with floating="true", and reads any other floating value as auto', async () => {
    const { el, platform } = await mountPill(
      html`<button type="button" style="position: fixed; top: 4px; right: 4px; width: 200px; height: 40px">Buy</button><onair-status-pill storage-key=${freshKey()} floating="true"></onair-status-pill>`,
    );
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(el.floats).to.equal(true);
    expect(getComputedStyle(part(el, 'base')!).position).to.equal('fixed');
    el.setAttribute('floating', 'sometimes');
    expect(el.floating).to.equal('auto');
    await waitUntil(() => !el.floats, 'auto docks off the button');
    platform.dispose();
  });

  it('leaves no subscription, timer or listener behind when removed', async () => {
    const subscriptions = subscriptionsBefore();
    const resizeListeners = new Set<unknown>();
    const { addEventListener: add, removeEventListener: remove } = window;
    window.addEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
      if (type === 'resize') resizeListeners.add(listener);
      return add.call(this, type, listener as EventListener, options as AddEventListenerOptions);
    } as typeof window.addEventListener;
    window.removeEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
      if (type === 'resize') resizeListeners.delete(listener);
      return remove.call(this, type, listener as EventListener, options as EventListenerOptions);
    } as typeof window.removeEventListener;
    try {
      const { el, provider, platform } = await mountPill(html`<onair-status-pill storage-key=${freshKey()}></onair-status-pill>`);
      expect(resizeListeners.size).to.equal(1);
      await drag(part(el, 'handle')!, [-100, 100]);
      // Tracking starts here: the test runner's own mouse commands use timers.
      const timers = trackTimers();
      provider.remove();
      expect(timers.pending()).to.equal(0);
      timers.restore();
      expect(subscriptions()).to.equal(0);
      expect(resizeListeners.size).to.equal(0);
      platform.dispose();
    } finally {
      Object.assign(window, { addEventListener: add, removeEventListener: remove });
    }
  });
});
