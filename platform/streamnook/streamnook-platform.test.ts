import { expect, waitUntil } from '@open-wc/testing';
import type { Subscription } from 'rxjs';
import { channelPayload, chatMessagePayload, FakeStreamNookHost } from '../../test/fakes/streamnook-host.js';
import type { ConnectionStatus, HostContext, PlatformError, Tip, Viewers } from '../model.js';
import { createPlatform } from '../registry.js';
import { createStreamNookPlatform, MAX_CHANNELS, StreamNookPlatform, type StreamNookOptions } from './streamnook-platform.js';

/** A widget-free consumer: subscribes to the streams directly and keeps what they said. */
class Consumer {
  viewers: Array<Viewers | null> = [];
  tips: Tip[] = [];
  errors: PlatformError[] = [];
  status?: ConnectionStatus;
  context?: HostContext;
  private readonly subscriptions: Subscription[];

  constructor(readonly platform: StreamNookPlatform) {
    this.subscriptions = [
      platform.viewers$.subscribe((v) => this.viewers.push(v)),
      platform.tips$.subscribe((t) => this.tips.push(t)),
      platform.errors$.subscribe((e) => this.errors.push(e)),
      platform.status$.subscribe((s) => (this.status = s)),
      platform.context$.subscribe((c) => (this.context = c)),
    ];
  }

  get total(): number | null | undefined {
    const last = this.viewers.at(-1);
    return last === undefined ? undefined : last === null ? null : last.total;
  }

  close(): void {
    this.subscriptions.forEach((s) => s.unsubscribe());
  }
}

async function connect(host: FakeStreamNookHost, options: StreamNookOptions = {}) {
  const platform = new StreamNookPlatform({ api: host.api, ...options });
  const consumer = new Consumer(platform);
  await waitUntil(() => consumer.status?.state === 'connected', 'connected');
  return { platform, consumer };
}

const ALPHA = channelPayload();
const BETA = channelPayload({ channel_id: '777', login: 'beta', display_name: 'Beta', viewer_count: 52 });

describe('StreamNookPlatform', () => {
  let host: FakeStreamNookHost;

  beforeEach(() => {
    host = new FakeStreamNookHost();
    host.followed = [ALPHA, BETA];
  });

  afterEach(() => host.close());

  it('loads followed channels on start and describes a viewer-side host', async () => {
    const { platform, consumer } = await connect(host);
    expect(host.calls.map((c) => c.method)).to.deep.equal(['get_followed_live']);
    expect([...platform.capabilities].sort()).to.deep.equal(['reconnect', 'tips', 'viewers']);
    expect(consumer.total).to.equal(null);
    expect(consumer.context).to.include({ role: 'viewer', theme: 'dark' });
    platform.dispose();
  });

  it('shows the active channel from on_stream_start, with its name in the context', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_stream_start', { channel: ALPHA });
    expect(consumer.total).to.equal(14203);
    expect(consumer.context?.channel).to.deep.equal({ id: '12345', name: 'SomeChannel' });
    platform.dispose();
  });

  it('follows on_channel_change and on_followed_live updates, including a null count', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_channel_change', { channel_id: '777', login: 'beta' });
    expect(consumer.total).to.equal(52);
    expect(consumer.context?.channel?.name).to.equal('Beta');
    host.notify('on_followed_live', { channels: [ALPHA, { ...BETA, viewer_count: 60 }] });
    expect(consumer.total).to.equal(60);
    host.notify('on_followed_live', { channels: [ALPHA, { ...BETA, viewer_count: null }] });
    expect(consumer.total).to.equal(null);
    host.notify('on_followed_live', { channels: [ALPHA, BETA] });
    expect(consumer.total).to.equal(52);
    host.notify('on_channel_change', { channel_id: '999', login: 'notfollowed' });
    expect(consumer.total).to.equal(null);
    expect(consumer.context?.channel).to.deep.equal({ id: '999', name: 'notfollowed' });
    platform.dispose();
  });

  it('drops a followed channel that left the live set', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_channel_change', { channel_id: '777', login: 'beta' });
    host.notify('on_followed_live', { channels: [ALPHA] });
    expect(consumer.total).to.equal(null);
    platform.dispose();
  });

  it('switches the active channel on a watch tick naming another channel, and clears it on null', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_stream_start', { channel: ALPHA });
    host.notify('on_watch_tick', { active_channel_id: '12345', ts: '2026-06-10T17:01:00Z' });
    expect(consumer.total).to.equal(14203);
    host.notify('on_watch_tick', { active_channel_id: '777', ts: '2026-06-10T17:02:00Z' });
    expect(consumer.total).to.equal(52);
    expect(consumer.context?.channel?.id).to.equal('777');
    host.notify('on_watch_tick', { active_channel_id: null, ts: '2026-06-10T17:03:00Z' });
    expect(consumer.total).to.equal(null);
    expect(consumer.context?.channel).to.equal(undefined);
    platform.dispose();
  });

  it('reads null on on_stream_stop of the active channel only', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_stream_start', { channel: BETA });
    host.notify('on_stream_stop', { channel_id: '12345' });
    expect(consumer.total).to.equal(52);
    host.notify('on_stream_stop', { channel_id: '777' });
    expect(consumer.total).to.equal(null);
    expect(consumer.context?.channel).to.equal(undefined);
    platform.dispose();
  });

  it('keeps the active channel when a huge followed list overflows the channel map', async () => {
    const { platform, consumer } = await connect(host);
    const watched = channelPayload({ channel_id: 'watched', login: 'watched', viewer_count: 3 });
    host.notify('on_stream_start', { channel: watched });
    const many = Array.from({ length: MAX_CHANNELS + 100 }, (_, i) => channelPayload({ channel_id: `c${i}`, login: `c${i}` }));
    host.notify('on_followed_live', { channels: many });
    expect(consumer.total).to.equal(3);
    host.notify('on_channel_change', { channel_id: `c${MAX_CHANNELS - 1}`, login: `c${MAX_CHANNELS - 1}` });
    expect(consumer.total).to.equal(14203);
    platform.dispose();
  });

  it('turns cheers in the active chat into bits tips', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_stream_start', { channel: ALPHA });
    host.notify('on_chat_message', { channel: 'somechannel', message: chatMessagePayload() });
    expect(consumer.tips).to.have.length(0);
    host.notify('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ bits: 100, text: 'Cheer100 go!' }) });
    expect(consumer.tips).to.have.length(1);
    const [tip] = consumer.tips;
    expect(tip).to.deep.include({ id: '885196de-cb67-427a-baa8-58f001aa3fe4', amount: 100, currency: 'bits', message: 'Cheer100 go!', source: 'streamnook' });
    expect(tip.user).to.deep.equal({ id: '12345', name: 'SomeChatter' });
    expect(tip.at.toISOString()).to.equal('2026-06-10T17:00:00.000Z');
    platform.dispose();
  });

  it('derives distinct ids for the user’s own cheers, which arrive with an empty id', async () => {
    const { platform, consumer } = await connect(host);
    const own = chatMessagePayload({ id: '', bits: 5, text: '' });
    host.notify('on_chat_message', { channel: 'somechannel', message: own });
    host.notify('on_chat_message', { channel: 'somechannel', message: own });
    expect(consumer.tips).to.have.length(2);
    expect(consumer.tips[0].id).to.be.a('string').and.not.equal('');
    expect(consumer.tips[0].id).not.to.equal(consumer.tips[1].id);
    expect(consumer.tips[0]).not.to.have.property('message');
    platform.dispose();
  });

  it('ignores cheers from another open chat while a channel is active', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_channel_change', { channel_id: '777', login: 'beta' });
    host.notify('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ bits: 50 }) });
    host.notify('on_chat_message', { channel: 'BETA', message: chatMessagePayload({ bits: 7 }) });
    expect(consumer.tips.map((t) => t.amount)).to.deep.equal([7]);
    platform.dispose();
  });

  it('merges panel values into context settings by "<widget>.<attribute>"', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_panel_change', { values: { 'leaderboard.window': '7d', 'widgets.leaderboard': false } });
    host.notify('on_panel_change', { values: { 'leaderboard.rows': 5, compact: true, 'bad key!': 1, 'x.y': { nested: 1 } } });
    expect(consumer.context?.settings).to.deep.equal({
      leaderboard: { window: '7d', rows: 5 },
      widgets: { leaderboard: false },
      compact: true,
    });
    expect(consumer.errors.at(-1)?.message).to.contain('bad key!').and.contain('x.y');
    platform.dispose();
  });

  it('accepts handlers that receive bare params or a { event, payload } wrapper', async () => {
    const { platform, consumer } = await connect(host);
    host.handlerShape = 'params';
    host.notify('on_stream_start', { channel: ALPHA });
    expect(consumer.total).to.equal(14203);
    host.handlerShape = 'tauri';
    host.notify('on_channel_change', { channel_id: '777', login: 'beta' });
    expect(consumer.total).to.equal(52);
    expect(consumer.errors).to.have.length(0);
    platform.dispose();
  });

  it('reports malformed notifications, skips them, throws nothing and keeps working', async () => {
    const { platform, consumer } = await connect(host);
    const bad: Array<[string, unknown]> = [
      ['on_stream_start', { jsonrpc: '1.0', method: 'on_stream_start', params: { channel: ALPHA } }],
      ['on_stream_start', { jsonrpc: '2.0', method: 'on_stream_start', params: [ALPHA] }],
      ['on_stream_start', { jsonrpc: '2.0', method: 'on_stream_start', params: { channel: { ...ALPHA, viewer_count: -4 } } }],
      ['on_stream_start', { channel: { ...ALPHA, channel_id: '' } }],
      ['on_stream_stop', { channel_id: { id: 1 } }],
      ['on_channel_change', { channel_id: '777' }],
      ['on_watch_tick', { active_channel_id: '777', ts: 'yesterday' }],
      ['on_followed_live', { channels: 'all of them' }],
      ['on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ bits: -100 as number }) }],
      ['on_chat_message', { channel: 'somechannel', message: { ...chatMessagePayload(), bits: 'lots' } }],
      ['on_panel_change', { values: ['leaderboard.window'] }],
      ['on_stream_start', null],
      ['on_stream_start', '<img src=x onerror=alert(1)>'],
    ];
    for (const [name, value] of bad) expect(() => host.deliver(name, value)).not.to.throw();
    expect(consumer.errors).to.have.length(bad.length);
    expect(consumer.errors.every((e) => e.code === 'invalid-payload' && e.source === 'streamnook')).to.equal(true);
    expect(consumer.total).to.equal(null);
    expect(consumer.tips).to.have.length(0);
    host.notify('on_followed_live', { channels: [ALPHA, 'garbage', BETA] });
    expect(consumer.errors.at(-1)?.message).to.contain('1 malformed');
    host.notify('on_stream_start', { channel: BETA });
    expect(consumer.total).to.equal(52);
    platform.dispose();
  });

  it('ignores unknown and reserved methods without reporting them', async () => {
    const { platform, consumer } = await connect(host);
    host.deliver('on_settings_change', { jsonrpc: '2.0', method: 'on_settings_change', params: { keys: [] } });
    platform.receive({ jsonrpc: '2.0', method: 'on_future_event', params: {} });
    platform.receive({ jsonrpc: '2.0', id: 4, method: 'ping', params: {} });
    expect(consumer.errors).to.have.length(0);
    platform.dispose();
  });

  it('rebuilds from get_followed_live after a restart, without stale viewers', async () => {
    const { platform, consumer } = await connect(host);
    host.notify('on_channel_change', { channel_id: '777', login: 'beta' });
    expect(consumer.total).to.equal(52);
    host.stop();
    expect(consumer.status?.state).to.equal('reconnecting');
    expect(consumer.total).to.equal(null);
    // While down the host moves on; these events are lost, as StreamNook does not replay them.
    host.followed = [{ ...BETA, viewer_count: 75 }];
    host.notify('on_followed_live', { channels: host.followed });
    expect(consumer.total).to.equal(null);
    host.start();
    await waitUntil(() => consumer.status?.state === 'connected', 'connected again');
    expect(host.calls.filter((c) => c.method === 'get_followed_live')).to.have.length(2);
    expect(consumer.total).to.equal(75);
    host.followed = [ALPHA];
    platform.receive({ jsonrpc: '2.0', method: 'initialized' });
    await waitUntil(() => host.calls.length === 3 && consumer.status?.state === 'connected', 'reloaded on initialized');
    expect(consumer.total).to.equal(null);
    platform.dispose();
  });

  it('ignores status pushes of other plugins when given its plugin id', async () => {
    const { platform, consumer } = await connect(host, { pluginId: host.pluginId });
    host.deliver('plugin://status', { plugin_id: 'someone.else', state: 'stopped' });
    expect(consumer.status?.state).to.equal('connected');
    platform.dispose();
  });

  it('reports a failed get_followed_live and recovers on reconnect()', async () => {
    host.failNextCall = { code: -32004, message: 'shutting_down' };
    const platform = new StreamNookPlatform({ api: host.api });
    const consumer = new Consumer(platform);
    await waitUntil(() => consumer.status?.state === 'error', 'error status');
    expect(consumer.errors.at(-1)).to.deep.include({ code: 'request-failed' });
    expect(consumer.errors.at(-1)?.message).to.contain('shutting_down');
    platform.reconnect();
    expect(consumer.status?.state).to.equal('reconnecting');
    await waitUntil(() => consumer.status?.state === 'connected', 'connected after reconnect');
    host.notify('on_channel_change', { channel_id: '12345', login: 'somechannel' });
    expect(consumer.total).to.equal(14203);
    platform.dispose();
  });

  it('times out a host call that never answers', async () => {
    const never = () => new Promise<unknown>(() => {});
    const platform = new StreamNookPlatform({ api: host.api, call: never, callTimeoutMs: 20 });
    const consumer = new Consumer(platform);
    await waitUntil(() => consumer.status?.state === 'error', 'timed out');
    expect(consumer.errors.at(-1)?.message).to.contain('timed out');
    platform.dispose();
  });

  it('has no payments and no room', async () => {
    const { platform, consumer } = await connect(host);
    const item = { id: 'x', label: 'X', price: 1, currency: 'bits' };
    expect((await platform.requestTip(item)).status).to.equal('failed');
    await platform.broadcast({ type: 'wheel.spin', payload: {} });
    expect(consumer.errors.at(-1)?.code).to.equal('unsupported');
    expect(platform.capabilities.has('spend')).to.equal(false);
    expect(platform.capabilities.has('broadcast')).to.equal(false);
    platform.dispose();
  });

  it('removes every api listener on dispose, even ones granted after it', async () => {
    const { platform, consumer } = await connect(host);
    expect(host.liveListeners).to.be.greaterThan(0);
    platform.dispose();
    expect(host.liveListeners).to.equal(0);
    consumer.close();

    const releases: Array<() => void> = [];
    const late = { count: 0 };
    const slowApi = {
      events: {
        listen: () =>
          new Promise<() => void>((resolve) => {
            late.count += 1;
            releases.push(() => resolve(() => (late.count -= 1)));
          }),
      },
    };
    const slow = new StreamNookPlatform({ api: slowApi });
    expect(late.count).to.be.greaterThan(0);
    slow.dispose();
    releases.forEach((release) => release());
    await waitUntil(() => late.count === 0, 'late unlisten ran');
  });

  describe('message sources', () => {
    it('reads notification objects from a MessagePort', async () => {
      const port = host.openPort();
      const platform = new StreamNookPlatform({ source: port, call: (method, params) => host.call(method, params) });
      const consumer = new Consumer(platform);
      await waitUntil(() => consumer.status?.state === 'connected');
      host.notify('on_stream_start', { channel: BETA });
      await waitUntil(() => consumer.total === 52, 'viewers over the port');
      host.postRaw('{"jsonrpc":"2.0"');
      await waitUntil(() => consumer.errors.length === 1, 'malformed reported');
      platform.dispose();
      host.notify('on_stream_start', { channel: ALPHA });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(consumer.viewers.filter((v) => v?.total === 14203)).to.have.length(0);
    });

    it('reads JSON text from a BroadcastChannel', async () => {
      const channel = host.openBroadcast('onair-streamnook-test');
      const platform = new StreamNookPlatform({ source: channel });
      const consumer = new Consumer(platform);
      expect(platform.capabilities.has('reconnect')).to.equal(false);
      await waitUntil(() => consumer.status?.state === 'connected');
      host.notify('on_stream_start', { channel: ALPHA });
      host.notify('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ bits: 1 }) });
      await waitUntil(() => consumer.tips.length === 1 && consumer.total === 14203, 'events over the channel');
      platform.dispose();
      channel.close();
    });

    it('reads from a subscribe function and calls its unsubscribe on dispose', async () => {
      let push: (data: unknown) => void = () => {};
      let unsubscribed = 0;
      const platform = new StreamNookPlatform({
        source: (callback) => {
          push = callback;
          return () => (unsubscribed += 1);
        },
      });
      const consumer = new Consumer(platform);
      push({ jsonrpc: '2.0', method: 'on_stream_start', params: { channel: ALPHA } });
      expect(consumer.total).to.equal(14203);
      platform.dispose();
      expect(unsubscribed).to.equal(1);
    });
  });

  describe('factory', () => {
    afterEach(() => delete (window as { onairStreamNook?: unknown }).onairStreamNook);

    it('is registered and reads string options', async () => {
      const platform = await createPlatform('streamnook', { api: host.api, theme: 'light', locale: 'de-DE', 'call-timeout': 'abc' });
      expect(platform).to.be.instanceOf(StreamNookPlatform);
      const consumer = new Consumer(platform as StreamNookPlatform);
      expect(consumer.context).to.include({ theme: 'light', locale: 'de-DE', role: 'viewer' });
      platform.dispose();
    });

    it('says no host when given nothing to listen to', () => {
      const platform = createStreamNookPlatform({ source: 'not a source' });
      const consumer = new Consumer(platform);
      expect(consumer.status?.state).to.equal('no-host');
      expect(consumer.errors[0]?.code).to.equal('invalid-option');
      platform.dispose();
    });

    it('uses the api the plugin entry published on window.onairStreamNook', async () => {
      (window as { onairStreamNook?: unknown }).onairStreamNook = { api: host.api };
      const platform = createStreamNookPlatform({});
      const consumer = new Consumer(platform);
      await waitUntil(() => consumer.status?.state === 'connected');
      host.notify('on_stream_start', { channel: BETA });
      expect(consumer.total).to.equal(52);
      platform.dispose();
    });
  });
});
