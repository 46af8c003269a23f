import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { channelPayload, FakeStreamNookHost, type FakeHostOptions } from '../../test/fakes/streamnook-host.js';
import { subscriptionsBefore } from '../../test/helpers.js';
import type { OnAirPlatformElement } from '../platform/platform.js';
import { activate, deactivate, STORAGE_KEY } from './plugin.js';
import { StreamNookPlatform } from '../../platform/streamnook/streamnook-platform.js';

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

describe('StreamNook plugin entry', () => {
  let host: FakeStreamNookHost;

  function start(options: FakeHostOptions = { react: true }) {
    host = new FakeStreamNookHost(options);
    host.followed = [channelPayload()];
    return activate(host.api);
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
    const overlay = host.find('overlay');
    expect(overlay, 'overlay registered').to.exist;
    const { root, provider, tags } = mounted();
    expect(root?.parentElement?.parentElement).to.equal(overlay!.container);
    expect(tags).to.deep.equal(['onair-viewer-counter', 'onair-leaderboard']);
    expect(provider!.querySelector('onair-leaderboard')!.getAttribute('window')).to.equal('session');
    expect(provider!.adapter).to.be.instanceOf(StreamNookPlatform);
    expect(window.onairStreamNook?.platform).to.equal(provider!.adapter);
    await waitUntil(() => host.calls.length === 1, 'followed channels loaded');
    host.notify('on_stream_start', { channel: channelPayload() });
    let total: number | undefined;
    provider!.adapter!.viewers$.subscribe((v) => (total = v?.total)).unsubscribe();
    expect(total).to.equal(14203);
  });

  it('renders an accessible settings panel whose controls change the widgets', async () => {
    start();
    const panel = host.find('panel');
    expect((panel!.contribution as { schema?: { title: string } }).schema?.title).to.equal('onair widgets');
    const form = panel!.container.querySelector('form')!;
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

  it('restores stored panel values and follows on_panel_change from the host', async () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ 'widgets.leaderboard': false, 'leaderboard.window': '7d' }));
    start();
    expect(mounted().tags).to.deep.equal(['onair-viewer-counter']);
    host.notify('on_panel_change', { values: { 'widgets.leaderboard': true } });
    expect(mounted().tags).to.deep.equal(['onair-viewer-counter', 'onair-leaderboard']);
    expect(mounted().provider!.querySelector('onair-leaderboard')!.getAttribute('window')).to.equal('7d');
    const select = host.find('panel')!.container.querySelector<HTMLSelectElement>('select')!;
    expect(select.value).to.equal('7d');
  });

  it('removes everything on deactivate: listeners, registrations, elements and the global', async () => {
    const open = subscriptionsBefore();
    const cleanup = start();
    await waitUntil(() => host.calls.length === 1);
    const platform = window.onairStreamNook!.platform;
    let completed = false;
    platform.status$.subscribe({ complete: () => (completed = true) });
    expect(host.liveListeners).to.be.greaterThan(0);
    expect(host.liveRegistrations).to.equal(2);
    cleanup();
    expect(host.liveListeners).to.equal(0);
    expect(host.liveRegistrations).to.equal(0);
    expect(mounted().root).to.equal(null);
    expect(document.querySelector('[data-fake-host]')).to.equal(null);
    expect(window.onairStreamNook).to.equal(undefined);
    expect(completed, 'platform disposed').to.equal(true);
    expect(open()).to.equal(0);
    deactivate();
  });

  it('leaves nothing behind after repeated activations', async () => {
    for (let i = 0; i < 5; i += 1) {
      start();
      await waitUntil(() => host.calls.length === 1);
      activate(host.api);
      expect(document.querySelectorAll('.onair-streamnook')).to.have.length(1);
      deactivate();
      // The second activation's unlisten functions are still promised; each runs once it arrives.
      await waitUntil(() => host.liveListeners === 0, 'late unlistens ran');
      host.close();
    }
    expect(document.querySelectorAll('.onair-streamnook, [data-fake-host]')).to.have.length(0);
  });

  it('mounts into the element a slot registration answers with when there is no React', () => {
    start({ ui: ['registerSlot'], panel: false });
    const slot = host.find('slot')!;
    expect(slot.slotId).to.equal('modlogs.dock');
    expect(mounted().root?.parentElement).to.equal(slot.container);
    deactivate();
    expect(host.liveRegistrations).to.equal(0);
    expect(mounted().root).to.equal(null);
  });

  it('falls back to the api container, then the body, when no overlay or slot exists', () => {
    host = new FakeStreamNookHost({ ui: [], panel: false });
    const container = document.createElement('div');
    document.body.append(container);
    activate({ ...host.api, container });
    expect(mounted().root?.parentElement).to.equal(container);
    deactivate();
    expect(container.children).to.have.length(0);
    activate(host.api);
    expect(mounted().root?.parentElement).to.equal(document.body);
    deactivate();
    expect(mounted().root).to.equal(null);
    container.remove();
  });

  it('survives a host whose registrations throw', () => {
    host = new FakeStreamNookHost({ react: true });
    const api = {
      ...host.api,
      ui: { registerOverlay: () => { throw new Error('denied'); } },
      settings: { registerPanel: () => { throw new Error('denied'); } },
    };
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(() => activate(api)).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(mounted().root?.parentElement).to.equal(document.body);
    deactivate();
    expect(mounted().root).to.equal(null);
  });
});
