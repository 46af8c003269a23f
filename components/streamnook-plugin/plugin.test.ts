import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { OnAirPlatformElement } from '../platform/platform.js';
import {
  channelPayload,
  chatMessagePayload,
  FakeStreamNook,
  pluginBundle,
  ProcessSidecar,
  ScriptedSidecar,
  startedChannel,
  type Omittable,
} from '../../test/fakes/streamnook-host.js';
import { subscriptionsBefore } from '../../test/helpers.js';
import { activate, deactivate, STORAGE_KEY } from './plugin.js';
import { StreamNookPlatform } from '../../platform/streamnook/streamnook-platform.js';

/** The UI module as it ships (StreamNook loads `ui_entry` as one bundled ES module). */
const ENTRY = 'components/streamnook-plugin/plugin.ts';

function mounted(): { root: HTMLElement | null; provider: OnAirPlatformElement | null; tags: string[] } {
  const root = document.querySelector<HTMLElement>('.onair-streamnook');
  const provider = root?.querySelector('onair-platform') ?? null;
  const tags = provider ? Array.from(provider.children, (el) => el.localName) : [];
  return { root, provider, tags };
}

async function click(el: Element): Promise<void> {
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const counterText = () => mounted().provider?.querySelector('onair-viewer-counter')?.shadowRoot?.textContent ?? '';

describe('StreamNook plugin entry (the UI module)', () => {
  let host: FakeStreamNook;

  function start(omit: Omittable[] = []) {
    host = new FakeStreamNook(undefined, { omit });
    return activate(host.buildApi().api);
  }

  beforeEach(() => localStorage.removeItem(STORAGE_KEY));

  afterEach(async () => {
    deactivate();
    host?.close();
    localStorage.removeItem(STORAGE_KEY);
    await resetMouse();
  });

  it('mounts the default widgets in an overlay, inside a provider backed by StreamNook', async () => {
    start();
    const [overlay] = host.containers('overlay');
    expect(overlay, 'overlay registered').to.exist;
    const { root, provider, tags } = mounted();
    expect(root?.parentElement?.parentElement).to.equal(overlay);
    expect(tags).to.deep.equal(['onair-viewer-counter', 'onair-leaderboard']);
    expect(provider!.querySelector('onair-leaderboard')!.getAttribute('window')).to.equal('session');
    expect(provider!.adapter).to.be.instanceOf(StreamNookPlatform);
    expect(window.onairStreamNook?.platform).to.equal(provider!.adapter);
  });

  it('uses the documented slot, with its Icon, when the host has no overlays', () => {
    start(['registerOverlay']);
    expect(host.containers('slot')).to.have.length(1);
    const [icon] = host.slotIcons();
    expect(icon?.type).to.equal('svg');
    expect(mounted().root?.parentElement?.parentElement).to.equal(host.containers('slot')[0]);
  });

  it('renders an accessible settings panel whose controls change the widgets', async () => {
    start();
    const [panel] = host.containers('panel');
    const form = panel.querySelector('form')!;
    await expect(form).to.be.accessible();
    const statusToggle = form.querySelector<HTMLInputElement>('input[name="widgets.status-pill"]')!;
    expect(statusToggle.checked).to.equal(false);
    await click(statusToggle);
    expect(mounted().tags).to.deep.equal(['onair-viewer-counter', 'onair-leaderboard', 'onair-status-pill']);
    await click(form.querySelector('input[name="widgets.viewer-counter"]')!);
    expect(mounted().tags).to.deep.equal(['onair-leaderboard', 'onair-status-pill']);
    const select = form.querySelector<HTMLSelectElement>('select[name="leaderboard.window"]')!;
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => mounted().provider?.querySelector('onair-leaderboard')?.getAttribute('window') === '1d', 'window changed');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY)!)).to.deep.equal({
      'widgets.status-pill': true,
      'widgets.viewer-counter': false,
      'leaderboard.window': '1d',
    });
  });

  it('restores stored panel values', () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ 'widgets.leaderboard': false, 'leaderboard.window': '7d' }));
    start();
    expect(mounted().tags).to.deep.equal(['onair-viewer-counter']);
    expect(host.containers('panel')[0].querySelector<HTMLSelectElement>('select')!.value).to.equal('7d');
  });

  it('removes everything on deactivate: listeners, elements, the platform and the global', async () => {
    const open = subscriptionsBefore();
    const cleanup = start();
    const platform = window.onairStreamNook!.platform;
    let completed = false;
    platform.status$.subscribe({ complete: () => (completed = true) });
    await waitUntil(() => host.listenerCount() === 2, 'listening');
    cleanup();
    expect(host.listenerCount()).to.equal(0);
    expect(mounted().root).to.equal(null);
    expect(window.onairStreamNook).to.equal(undefined);
    expect(completed, 'platform disposed').to.equal(true);
    expect(open()).to.equal(0);
  });
});

describe('StreamNook hybrid plugin, loaded as StreamNook loads it', () => {
  let host: FakeStreamNook;
  let code: string;

  before(async () => {
    code = await pluginBundle(ENTRY);
  });

  afterEach(() => {
    host?.close();
    localStorage.removeItem(STORAGE_KEY);
  });

  it('survives disable and re-enable: a fresh module instance each time, definitions idempotent', async () => {
    host = new FakeStreamNook();
    const sidecar = new ScriptedSidecar();
    sidecar.followed = [channelPayload()];
    sidecar.active = { channel_id: '12345', login: 'somechannel' };
    await host.startSidecar(sidecar);
    for (let round = 1; round <= 3; round++) {
      await host.enable(code);
      await waitUntil(() => /14,203|14203/.test(counterText()), `round ${round}: count shown`);
      host.disable();
      expect(host.listenerCount(), `round ${round}: no listener left`).to.equal(0);
      expect(host.contributions).to.equal(0);
      expect(mounted().root).to.equal(null);
    }
    expect(host.evaluations).to.equal(3);
  });

  it('shows a waiting status until the sidecar runs, then its data; cheers reach the leaderboard', async () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ 'widgets.status-pill': true }));
    host = new FakeStreamNook();
    // StreamNook loads the UI module before the sidecar has answered initialize.
    await host.enable(code);
    const pill = () => mounted().provider?.querySelector('onair-status-pill');
    await waitUntil(() => pill()?.shadowRoot?.querySelector('.base')?.getAttribute('data-state') !== 'live', 'not live yet');
    const platform = window.onairStreamNook!.platform;
    let status = '';
    platform.status$.subscribe((s) => (status = s.state)).unsubscribe();
    expect(status).to.equal('connecting');
    const sidecar = new ScriptedSidecar();
    sidecar.followed = [channelPayload()];
    sidecar.active = null;
    await host.startSidecar(sidecar);
    sidecar.event('on_stream_start', { channel: startedChannel('12345', 'somechannel') });
    await waitUntil(() => /14,203|14203/.test(counterText()), 'count from the followed list');
    sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: 'x', display_name: 'Generous', bits: 500 }) });
    await waitUntil(() => mounted().provider?.querySelector('onair-leaderboard')?.shadowRoot?.textContent?.includes('Generous'), 'cheer on the leaderboard');
    host.disable();
  });

  it('runs end to end with the real sidecar over stdio', async function () {
    this.timeout(30_000);
    host = new FakeStreamNook();
    const sidecar = new ProcessSidecar({ followed: [channelPayload({ viewer_count: 321 })] });
    await host.startSidecar(sidecar);
    if (sidecar.skipped) this.skip();
    await host.enable(code);
    expect(await sidecar.notify('on_stream_start', { channel: startedChannel('12345', 'somechannel') })).to.equal(true);
    await waitUntil(() => counterText().includes('321'), 'count through the real sidecar', { timeout: 10_000 });
    await sidecar.notify('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: 'y', display_name: 'ViaStdio', bits: 42 }) });
    await waitUntil(() => mounted().provider?.querySelector('onair-leaderboard')?.shadowRoot?.textContent?.includes('ViaStdio'), 'cheer through the real sidecar', { timeout: 10_000 });
    // A restart: the sidecar stops, the UI says so, a new one starts and the UI reloads.
    await host.stopSidecar();
    const restarted = new ProcessSidecar({ followed: [channelPayload({ viewer_count: 654 })] });
    await host.startSidecar(restarted);
    await restarted.notify('on_channel_change', { channel_id: '12345', login: 'somechannel' });
    await waitUntil(() => counterText().includes('654'), 'reloaded after the restart', { timeout: 10_000 });
    host.disable();
  });
});
