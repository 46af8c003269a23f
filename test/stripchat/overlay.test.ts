/**
 * Stripchat's shared overlay slot, as each viewer's frame holds it, and tips on the board: the
 * helper object behaves like the host (test/fakes/stripchat-ext.ts).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FakeExt } from '../fakes/stripchat-ext.js';
import { VIEWER_USER, tipData } from '../fakes/stripchat-room.js';
import '../../components/platform/platform.js';
import '../../components/leaderboard/leaderboard.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import { StripchatPlatform, type StripchatOptions } from '../../platform/stripchat/stripchat-platform.js';

const created: StripchatPlatform[] = [];

async function connected(ext: FakeExt, options: StripchatOptions = {}): Promise<StripchatPlatform> {
  const platform = new StripchatPlatform({ ext, ...options });
  created.push(platform);
  let state = '';
  platform.status$.subscribe((status) => (state = status.state));
  await waitUntil(() => state === 'connected', 'connected');
  return platform;
}

function spin(n: number, holdOverlayMs: number) {
  return { onair: 1, type: 'wheel.spin', payload: { spinId: `s${n}` }, from: 'model', sentAt: 1_700_000_000_000 + n, holdOverlayMs };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

afterEach(() => created.splice(0).forEach((platform) => platform.dispose()));

describe('Stripchat overlay slot, held by each viewer’s frame', () => {
  it('waits while another extension holds the slot, then asks once, for the latest spin only', async () => {
    const ext = new FakeExt(VIEWER_USER);
    await connected(ext, { activity: true });
    expect(ext.callsOf('v1.ext.activity.status')).to.have.length(1);
    ext.emit('v1.ext.activity.busy', null);
    ext.emit('v1.ext.whispered', spin(1, 5000));
    ext.emit('v1.ext.whispered', spin(2, 7000));
    await settle();
    expect(ext.callsOf('v1.ext.activity.request')).to.deep.equal([]);
    ext.emit('v1.ext.activity.available', null);
    await waitUntil(() => ext.callsOf('v1.ext.activity.request').length === 1, 'asked once the slot is free');
    await settle();
    expect(ext.callsOf('v1.ext.activity.request')).to.deep.equal([{ durationMs: 7000 }]);
  });

  it('starts busy when the host says so at load', async () => {
    const ext = new FakeExt(VIEWER_USER);
    ext.handlers['v1.ext.activity.status'] = () => ({ status: 'busy' });
    await connected(ext, { activity: true });
    await settle();
    ext.emit('v1.ext.whispered', spin(1, 5000));
    await settle();
    expect(ext.callsOf('v1.ext.activity.request')).to.deep.equal([]);
    ext.emit('v1.ext.activity.available', null);
    await waitUntil(() => ext.callsOf('v1.ext.activity.request').length === 1);
  });

  it('holds nothing without the activity option or without a hold in the message', async () => {
    const plain = new FakeExt(VIEWER_USER);
    await connected(plain);
    plain.emit('v1.ext.whispered', spin(1, 5000));
    const held = new FakeExt(VIEWER_USER);
    await connected(held, { activity: true });
    held.emit('v1.ext.whispered', { ...spin(2, 0), holdOverlayMs: undefined });
    await settle();
    expect(plain.callsOf('v1.ext.activity.request')).to.deep.equal([]);
    expect(held.callsOf('v1.ext.activity.request')).to.deep.equal([]);
  });

  it('reports a refused reservation and keeps the room message', async () => {
    const ext = new FakeExt(VIEWER_USER);
    ext.handlers['v1.ext.activity.request'] = () => {
      throw new Error('slot closed');
    };
    const platform = await connected(ext, { activity: true });
    const errors: string[] = [];
    const room: unknown[] = [];
    platform.errors$.subscribe((error) => errors.push(error.message));
    platform.room$.subscribe((message) => room.push(message));
    ext.emit('v1.ext.whispered', spin(1, 5000));
    await waitUntil(() => errors.some((message) => message.includes('overlay slot was not reserved')), 'reported');
    expect(room).to.have.length(1);
  });
});

describe('Stripchat tips on the board', () => {
  it('puts a tip marked isOriginalSource: false on the leaderboard exactly once', async () => {
    const ext = new FakeExt(VIEWER_USER);
    const platform = await connected(ext);
    const provider = await fixture<OnAirPlatformElement>(html`<onair-platform .adapter=${platform}>
      <onair-leaderboard locale="en-US" storage-key=${`stripchat-board-${Math.random()}`}></onair-leaderboard>
    </onair-platform>`);
    const board = provider.querySelector('onair-leaderboard')!;
    // Only ever delivered with the flag false (a native tip, in one public extension's reading), twice.
    ext.emit('v1.tokens.spent', { tipData: tipData({ id: 'tip-1', amount: 40, isOriginalSource: false }) });
    ext.emit('v1.tokens.spent', { tipData: tipData({ id: 'tip-1', amount: 40, isOriginalSource: false }) });
    await waitUntil(() => board.shadowRoot?.querySelectorAll('[part~="row"]').length === 1, 'one row');
    await settle();
    expect(board.shadowRoot!.querySelector('[part~="name"]')!.textContent).to.include('rex');
    expect(board.shadowRoot!.querySelector('[part~="amount"]')!.textContent).to.include('40');
    provider.remove();
  });
});
