import { expect, waitUntil } from '@open-wc/testing';
import type { Subscription } from 'rxjs';
import { channelPayload, chatMessagePayload, FakeStreamNook, ScriptedSidecar, startedChannel } from '../../test/fakes/streamnook-host.js';
import type { ConnectionStatus, HostContext, PlatformError, Tip, Viewers } from '../model.js';
import { createPlatform } from '../registry.js';
import { StreamNookPlatform } from './streamnook-platform.js';
import { nothingWithin } from '../../test/wait.js';

const FOLLOWED = channelPayload({ channel_id: '12345', login: 'somechannel', display_name: 'SomeChannel', viewer_count: 14203 });
const OTHER = channelPayload({ channel_id: '777', login: 'other', display_name: 'Other', viewer_count: 50 });

let hosts: FakeStreamNook[] = [];
let platforms: StreamNookPlatform[] = [];
let subscriptions: Subscription[] = [];

interface Seen {
  statuses: ConnectionStatus[];
  viewers: (Viewers | null)[];
  tips: Tip[];
  errors: PlatformError[];
  context?: HostContext;
}

function record(platform: StreamNookPlatform): Seen {
  const seen: Seen = { statuses: [], viewers: [], tips: [], errors: [] };
  subscriptions.push(
    platform.status$.subscribe((s) => seen.statuses.push(s)),
    platform.viewers$.subscribe((v) => seen.viewers.push(v)),
    platform.tips$.subscribe((t) => seen.tips.push(t)),
    platform.errors$.subscribe((e) => seen.errors.push(e)),
    platform.context$.subscribe((c) => (seen.context = c)),
  );
  return seen;
}

const state = (seen: Seen) => seen.statuses.at(-1)?.state;

/** A host whose sidecar runs and knows `followed`, and the UI half's adapter over its api. */
async function running(followed = [FOLLOWED, OTHER], active: { channel_id: string; login: string } | null = null) {
  const host = new FakeStreamNook();
  hosts.push(host);
  const sidecar = new ScriptedSidecar();
  sidecar.followed = followed;
  sidecar.active = active;
  await host.startSidecar(sidecar);
  const platform = new StreamNookPlatform({ api: host.buildApi().api });
  platforms.push(platform);
  const seen = record(platform);
  await waitUntil(() => state(seen) === 'connected', 'connected');
  return { host, sidecar, platform, seen };
}

describe('StreamNookPlatform (the UI half of the hybrid plugin)', () => {
  afterEach(() => {
    subscriptions.forEach((s) => s.unsubscribe());
    platforms.forEach((p) => p.dispose());
    hosts.forEach((h) => h.close());
    subscriptions = [];
    platforms = [];
    hosts = [];
  });

  describe('starting', () => {
    it('says it waits, honestly, while the sidecar is not running, then loads its snapshot when it starts', async () => {
      const host = new FakeStreamNook();
      hosts.push(host);
      const platform = new StreamNookPlatform({ api: host.buildApi().api });
      platforms.push(platform);
      const seen = record(platform);
      await waitUntil(() => /not answering/.test(seen.statuses.at(-1)?.detail ?? ''), 'waiting for the sidecar');
      expect(state(seen)).to.equal('connecting');
      expect(seen.viewers.at(-1)).to.equal(null);
      const sidecar = new ScriptedSidecar();
      sidecar.followed = [FOLLOWED];
      sidecar.active = { channel_id: '12345', login: 'somechannel' };
      await host.startSidecar(sidecar);
      await waitUntil(() => state(seen) === 'connected', 'connected once data arrives');
      expect(seen.viewers.at(-1)).to.deep.equal({ total: 14203 });
      expect(seen.context?.channel).to.deep.equal({ id: '12345', name: 'SomeChannel' });
      expect(seen.context?.role).to.equal('viewer');
      expect(sidecar.invoked.map((call) => call.action)).to.deep.equal(['onair.snapshot']);
    });

    it('asks again on the host\'s startup ping (plugin_id null)', async () => {
      const { host, sidecar } = await running();
      host.startup();
      await waitUntil(() => sidecar.invoked.length === 2, 'asked again');
    });

    it('listens only to plugin://status and plugin://state-changed, and leaves nothing on dispose', async () => {
      const { host, platform } = await running();
      expect(host.listenerCount('plugin://status')).to.equal(1);
      expect(host.listenerCount('plugin://state-changed')).to.equal(1);
      expect(host.listenerCount()).to.equal(2);
      expect(host.refused).to.deep.equal([]);
      platform.dispose();
      expect(host.listenerCount()).to.equal(0);
    });

    it('says no host outside StreamNook', () => {
      const platform = new StreamNookPlatform({});
      platforms.push(platform);
      const seen = record(platform);
      expect(state(seen)).to.equal('no-host');
    });
  });

  describe('what the host really sends', () => {
    it('keeps a followed channel\'s count and name through on_stream_start (empty name, null count)', async () => {
      const { sidecar, seen } = await running();
      sidecar.event('on_stream_start', { channel: startedChannel('12345', 'somechannel') });
      await waitUntil(() => seen.viewers.at(-1)?.total === 14203, 'count from the followed list');
      expect(seen.context?.channel).to.deep.equal({ id: '12345', name: 'SomeChannel' });
    });

    it('has no count for a channel the user does not follow, and names it by login', async () => {
      const { sidecar, seen } = await running();
      sidecar.event('on_stream_start', { channel: startedChannel('999', 'stranger') });
      await waitUntil(() => seen.context?.channel?.id === '999', 'active');
      expect(seen.viewers.at(-1)).to.equal(null);
      expect(seen.context?.channel).to.deep.equal({ id: '999', name: 'stranger' });
    });

    it('updates counts only from on_followed_live; a channel that leaves the set has none', async () => {
      const { sidecar, seen } = await running();
      sidecar.event('on_stream_start', { channel: startedChannel('12345', 'somechannel') });
      await waitUntil(() => seen.viewers.at(-1)?.total === 14203, 'first count');
      sidecar.event('on_followed_live', { channels: [{ ...FOLLOWED, viewer_count: 15000 }, OTHER] });
      await waitUntil(() => seen.viewers.at(-1)?.total === 15000, 'refreshed count');
      sidecar.event('on_followed_live', { channels: [OTHER] });
      await waitUntil(() => seen.viewers.at(-1) === null, 'no count once it left the set');
      expect(seen.context?.channel?.id).to.equal('12345');
    });

    it('switches channel on one on_channel_change', async () => {
      const { sidecar, seen } = await running([FOLLOWED, OTHER], { channel_id: '12345', login: 'somechannel' });
      await waitUntil(() => seen.viewers.at(-1)?.total === 14203, 'first channel');
      sidecar.event('on_channel_change', { channel_id: '777', login: 'other' });
      await waitUntil(() => seen.viewers.at(-1)?.total === 50, 'second channel');
      expect(seen.context?.channel).to.deep.equal({ id: '777', name: 'Other' });
    });

    it('turns positive bits in the active chat into tips, with +00:00 times and ids for the user\'s own lines', async () => {
      const { sidecar, seen } = await running([FOLLOWED], { channel_id: '12345', login: 'somechannel' });
      sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: 'a', bits: 100, text: 'Cheer100 hi', ts: '2026-06-10T17:00:00.123+00:00' }) });
      sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: '', bits: 5 }) });
      sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: '', bits: 5 }) });
      sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: 'b', bits: null }) });
      sidecar.event('on_chat_message', { channel: 'other', message: chatMessagePayload({ id: 'c', bits: 10 }) });
      await waitUntil(() => seen.tips.length === 3, 'three tips');
      expect(seen.tips[0]).to.deep.include({ id: 'a', amount: 100, currency: 'bits', message: 'Cheer100 hi', source: 'streamnook' });
      expect(seen.tips[0].at.toISOString()).to.equal('2026-06-10T17:00:00.123Z');
      expect(seen.tips[1].id).to.not.equal('');
      expect(seen.tips[1].id).to.not.equal(seen.tips[2].id);
    });

    it('reports bits that are not a positive whole number, and other malformed pushes, and keeps working', async () => {
      const { host, sidecar, seen } = await running([FOLLOWED], { channel_id: '12345', login: 'somechannel' });
      for (const bits of [0, -5, 1.5, '100']) sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ bits: bits as number }) });
      host.setStatus('onair.feed', 'junk');
      host.setStatus('onair.feed', { kind: 'event', event: 'on_stream_start' });
      host.setStatus('onair.feed', { kind: 'mystery' });
      sidecar.event('on_stream_start', { channel: { channel_id: '', login: 'x' } });
      await waitUntil(() => seen.errors.length === 8, `eight reports (${seen.errors.length})`);
      expect(seen.errors.every((e) => e.code === 'invalid-payload')).to.equal(true);
      sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: 'ok', bits: 1 }) });
      await waitUntil(() => seen.tips.length === 1, 'still working');
    });

    it('ignores other plugins\' pushes and its own undeclared slots', async () => {
      const { host, seen } = await running([FOLLOWED], { channel_id: '12345', login: 'somechannel' });
      const push = { kind: 'event', event: 'on_chat_message', params: { channel: 'somechannel', message: chatMessagePayload({ bits: 100 }) }, seq: 2 };
      host.foreignStatus('dev.other.plugin', 'onair.feed', push);
      host.setStatus('drops.status', push);
      await nothingWithin(50, 'a push taken as ours would be a tip by then');
      expect(seen.tips).to.deep.equal([]);
      expect(seen.errors).to.deep.equal([]);
    });
  });

  describe('restarts and missed pushes', () => {
    it('forgets stale data when the sidecar stops and reloads when it runs again', async () => {
      const { host, sidecar, seen } = await running([FOLLOWED], { channel_id: '12345', login: 'somechannel' });
      await waitUntil(() => seen.viewers.at(-1)?.total === 14203, 'count');
      await host.stopSidecar();
      await waitUntil(() => state(seen) === 'reconnecting', 'reconnecting');
      expect(seen.viewers.at(-1)).to.equal(null);
      expect(seen.statuses.at(-1)?.detail).to.match(/stopped the onair sidecar/);
      sidecar.followed = [{ ...FOLLOWED, viewer_count: 20000 }];
      sidecar.active = { channel_id: '12345', login: 'somechannel' };
      await host.startSidecar(sidecar);
      await waitUntil(() => seen.viewers.at(-1)?.total === 20000 && state(seen) === 'connected', 'reloaded');
      expect(sidecar.invoked.at(-1)).to.deep.equal({ action: 'onair.snapshot', args: { refresh: true } });
    });

    it('asks for a snapshot when a push was missed (a gap in seq)', async () => {
      const { sidecar } = await running();
      sidecar.event('on_watch_tick', { active_channel_id: null, ts: '2026-06-10T17:01:00+00:00' });
      sidecar.push({ kind: 'event', event: 'on_watch_tick', params: { active_channel_id: null, ts: '2026-06-10T17:02:00+00:00' }, seq: 99 });
      await waitUntil(() => sidecar.invoked.length === 2, 'snapshot after the gap');
    });

    it('reconnect() reloads from the sidecar', async () => {
      const { platform, sidecar, seen } = await running();
      const before = seen.statuses.length;
      platform.reconnect();
      await waitUntil(() => state(seen) === 'connected' && sidecar.invoked.length === 2, 'reloaded');
      expect(seen.statuses.slice(before).map((s) => s.state)).to.deep.equal(['reconnecting', 'connected']);
    });
  });

  describe('settings and factory', () => {
    it('merges panel values into context settings by "<widget>.<attribute>"', async () => {
      const { platform, seen } = await running();
      platform.applyPanelValues({ 'leaderboard.window': '7d', 'widgets.status-pill': true, 'bad key!': 1 });
      expect(seen.context?.settings).to.deep.equal({ leaderboard: { window: '7d' }, widgets: { 'status-pill': true } });
      expect(seen.errors.at(-1)?.message).to.match(/bad key!/);
      // Keys from stored values are only keys: nothing reaches a prototype.
      platform.applyPanelValues({ '__proto__.widgets': true, 'constructor.x': 'y' });
      const settings = seen.context!.settings!;
      expect(Object.getPrototypeOf(settings)).to.equal(Object.prototype);
      expect(Object.hasOwn(settings, '__proto__')).to.equal(true);
      expect(({} as Record<string, unknown>).widgets).to.equal(undefined);
      expect(settings.leaderboard).to.deep.equal({ window: '7d' });
    });

    it('is registered, and uses the api the plugin entry published on window.onairStreamNook', async () => {
      const host = new FakeStreamNook();
      hosts.push(host);
      window.onairStreamNook = { api: host.buildApi().api as never, platform: undefined as never };
      try {
        const platform = (await createPlatform('streamnook', { theme: 'light' })) as StreamNookPlatform;
        platforms.push(platform);
        expect(platform.name).to.equal('streamnook');
        expect(host.listenerCount()).to.equal(2);
        expect(record(platform).context?.theme).to.equal('light');
      } finally {
        delete window.onairStreamNook;
      }
    });

    it('has no payments and no room', async () => {
      const { platform } = await running();
      expect([...platform.capabilities].sort()).to.deep.equal(['reconnect', 'tips', 'viewers']);
      const item = { id: 'x', label: 'X', price: 1, currency: 'USD' };
      expect((await platform.requestTip(item)).status).to.equal('failed');
    });
  });
});
