import { BasePlatform, browserLocale } from '../base.js';
import type { Capability, ConnectionReason, HostContext, TipMenuItem, TipResult, Viewers } from '../model.js';
import type { PlatformOptions } from '../registry.js';
import { readOptions, type OptionProblem } from '../kit/options.js';
import { Requests, type Answer, type Latest } from '../kit/request.js';
import { id, isRecord, text } from '../validate.js';
import { STREAMNOOK_OPTIONS } from './options.js';
import {
  EVENT_METHODS,
  INITIALIZED,
  looksLikeNotification,
  parseChannel,
  parseChatMessage,
  parseNotification,
  parseWatchTick,
  type Channel,
  type Notification,
} from './payloads.js';
import { mergePanelValues } from './settings.js';
import {
  findCall,
  listenThroughApi,
  listenToSource,
  type HostCall,
  type MessageSource,
  type StreamNookApi,
} from './transport.js';

/** A hybrid plugin's UI half hears its sidecar's lifecycle on this app event. */
export const STATUS_EVENT = 'plugin://status';
/** Followed-live lists and playback can name many channels; beyond this the oldest are dropped. */
export const MAX_CHANNELS = 500;
const RUNNING_STATES = new Set(['running', 'started', 'ready', 'connected', 'initialized']);
const DOWN_STATES = new Set(['stopped', 'stopping', 'exited', 'crashed', 'restarting', 'starting', 'disconnected', 'error', 'shutting_down']);

export interface StreamNookOptions {
  /** The UI plugin `api` object passed to `activate(api)`. */
  api?: StreamNookApi;
  /** Any other carrier of the notifications (see `MessageSource`). */
  source?: MessageSource;
  /** Calls a host method; defaults to `api.host.call` or `api.call`. */
  call?: HostCall;
  /** Only `plugin://status` events for this plugin id count (events without an id always do). */
  pluginId?: string;
  theme?: HostContext['theme'];
  locale?: string;
  /** Milliseconds before an unanswered host call counts as failed. */
  callTimeoutMs?: number;
}

interface KnownChannel extends Channel {
  /** In the latest followed-live set. */
  followed: boolean;
  /** Playing in the app (between `on_stream_start` and `on_stream_stop`). */
  playing: boolean;
}

interface ActiveChannel {
  id: string;
  login?: string;
}

/**
 * StreamNook, the desktop Twitch viewer, as seen by a plugin. The user watches channels, so the
 * role is `viewer`; viewers are the active on-screen channel's count, tips are bits cheered in its
 * chat. Notifications are JSON-RPC 2.0 from the plugin `api` or a message source; they are not
 * replayed after a restart, so state is rebuilt from `get_followed_live` on start, on a restart
 * signal (`initialized` again, or the sidecar's `plugin://status` coming back up) and on `reconnect()`.
 */
export class StreamNookPlatform extends BasePlatform {
  readonly name = 'streamnook' as const;
  readonly capabilities: ReadonlySet<Capability>;

  private readonly call?: HostCall;
  private readonly pluginId?: string;
  private readonly channels = new Map<string, KnownChannel>();
  private readonly closers: Array<() => void> = [];
  private readonly requests: Requests;
  /** A newer reload (restart, reconnect) makes an older answer stale. */
  private readonly followedLive?: Latest;
  private readonly handlers: Record<string, (params: Record<string, unknown>) => void> = {
    on_stream_start: (params) => this.onStreamStart(params),
    on_stream_stop: (params) => this.onStreamStop(params),
    on_channel_change: (params) => this.onChannelChange(params),
    on_watch_tick: (params) => this.onWatchTick(params),
    on_followed_live: (params) => this.onFollowedLive(params),
    on_chat_message: (params) => this.onChatMessage(params),
    on_panel_change: (params) => this.onPanelChange(params),
    [INITIALIZED]: () => this.restart('StreamNook restarted the plugin; reloading live channels.'),
  };
  private active?: ActiveChannel;
  private sidecarDown = false;
  private sequence = 0;

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(options: StreamNookOptions = {}, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    const call = (this.call = findCall(options.api, options.call));
    this.pluginId = options.pluginId;
    this.requests = new Requests(options.callTimeoutMs ?? STREAMNOOK_OPTIONS.callTimeoutMs.default!);
    if (call) this.followedLive = this.requests.latest('get_followed_live', () => call('get_followed_live', {}), (answer) => this.onFollowedLiveAnswer(answer));
    this.capabilities = new Set<Capability>(this.call ? ['viewers', 'tips', 'reconnect'] : ['viewers', 'tips']);
    this.patchContext({ theme: options.theme ?? 'dark', locale: options.locale ?? browserLocale(), role: 'viewer', settings: {} });
    this.start(options);
  }

  /** Feeds one notification (object or JSON text) as if a source had delivered it. */
  receive(data: unknown): void {
    if (this.disposed) return;
    try {
      const parsed = parseNotification(data);
      if (parsed.kind === 'invalid') this.report('invalid-payload', `StreamNook notification skipped: ${parsed.reason}.`, data);
      else if (parsed.kind === 'notification') this.dispatch(parsed.notification);
    } catch (error) {
      this.report('handler-failed', `StreamNook notification failed: ${String(error)}`, data);
    }
  }

  /**
   * Merges settings-panel values into `context.settings` (see settings.ts for the key convention).
   * The plugin entry calls this for values its own panel stores; `on_panel_change` lands here too.
   */
  applyPanelValues(values: Record<string, unknown>): void {
    const current = this.context.getValue().settings ?? {};
    const { settings, rejected } = mergePanelValues(current, values);
    if (rejected.length > 0) this.report('invalid-payload', `Panel values skipped for: ${rejected.join(', ')}.`, values);
    this.patchContext({ settings });
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'StreamNook has no payments; cheer in chat instead.' };
  }

  /** Reloads the live channels from StreamNook (events missed meanwhile are not replayed). */
  override reconnect(): void {
    if (this.disposed || !this.call) return;
    this.restart('Reloading live channels from StreamNook.', 'connecting');
  }

  override dispose(): void {
    this.closers.splice(0).forEach((close) => close());
    this.requests.dispose();
    this.channels.clear();
    super.dispose();
  }

  private start(options: StreamNookOptions): void {
    const ready: Promise<unknown>[] = [];
    const { api, source } = options;
    if (typeof api?.events?.listen === 'function') ready.push(this.listenToApi(api));
    if (source !== undefined) {
      const close = listenToSource(source, (data) => this.receive(data));
      if (close) this.closers.push(close);
      else this.report('invalid-option', 'The StreamNook source is neither an EventTarget nor a subscribe function.');
    }
    if (this.closers.length === 0 && ready.length === 0) {
      this.setStatus({
        state: 'no-host',
        reason: 'helper-missing',
        detail: 'No StreamNook plugin api or message source was given. Load onair through its StreamNook plugin entry.',
      });
      return;
    }
    void Promise.all(ready).then(() => this.refresh());
  }

  private async listenToApi(api: StreamNookApi): Promise<void> {
    const failed: string[] = [];
    const names = [...EVENT_METHODS, INITIALIZED, STATUS_EVENT];
    const listening = listenThroughApi(api, names, (name, value) => this.receiveFromApi(name, value), (name) => failed.push(name));
    this.closers.push(listening.close);
    await listening.ready;
    if (failed.length > 0) this.report('listen-failed', `StreamNook refused listeners for: ${failed.join(', ')}.`);
  }

  /** `api.events.listen` handlers may get the notification, its params, or a `{ event, payload }` wrapper. */
  private receiveFromApi(name: string, value: unknown): void {
    if (this.disposed) return;
    try {
      const unwrapped = isRecord(value) && typeof value.event === 'string' && 'payload' in value ? value.payload : value;
      if (name === STATUS_EVENT) this.onSidecarStatus(unwrapped);
      else this.receive(looksLikeNotification(unwrapped) ? unwrapped : { jsonrpc: '2.0', method: name, params: unwrapped });
    } catch (error) {
      this.report('handler-failed', `StreamNook ${name} handler failed: ${String(error)}`, value);
    }
  }

  private dispatch({ method, params }: Notification): void {
    // Unknown methods (and the reserved on_settings_change) are ignored: newer hosts may add events.
    if (Object.hasOwn(this.handlers, method)) this.handlers[method](params);
  }

  private invalid(method: string, params: unknown): void {
    this.report('invalid-payload', `StreamNook ${method} skipped: unexpected payload.`, params);
  }

  private onStreamStart(params: Record<string, unknown>): void {
    const channel = parseChannel(params.channel);
    if (!channel) return this.invalid('on_stream_start', params);
    this.upsert(channel, { playing: true });
    this.setActive(channel.id, channel.login);
  }

  private onStreamStop(params: Record<string, unknown>): void {
    const channelId = id(params.channel_id);
    if (!channelId) return this.invalid('on_stream_stop', params);
    const known = this.channels.get(channelId);
    if (known) known.playing = false;
    this.prune(channelId);
    if (this.active?.id === channelId) this.active = undefined;
    this.publish();
  }

  private onChannelChange(params: Record<string, unknown>): void {
    const channelId = id(params.channel_id);
    const login = text(params.login);
    if (!channelId || !login) return this.invalid('on_channel_change', params);
    this.setActive(channelId, login);
  }

  private onWatchTick(params: Record<string, unknown>): void {
    const tick = parseWatchTick(params);
    if (!tick) return this.invalid('on_watch_tick', params);
    if (tick.activeId === (this.active?.id ?? null)) return;
    if (tick.activeId === null) this.active = undefined;
    else this.active = { id: tick.activeId, login: this.channels.get(tick.activeId)?.login };
    this.publish();
  }

  private onFollowedLive(params: Record<string, unknown>): void {
    if (!this.replaceFollowed(params.channels)) this.invalid('on_followed_live', params);
  }

  private onChatMessage(params: Record<string, unknown>): void {
    const channel = text(params.channel);
    const message = parseChatMessage(params.message);
    if (!channel || !message) return this.invalid('on_chat_message', params);
    if (message.bits === null || !this.isActiveChat(channel)) return;
    const at = message.at ?? new Date();
    this.emitTip({
      id: message.id || `streamnook-${message.login}-${at.getTime()}-${++this.sequence}`,
      user: message.userId ? { id: message.userId, name: message.displayName } : { name: message.displayName },
      amount: message.bits,
      currency: 'bits',
      ...(message.text ? { message: message.text } : {}),
      at,
      source: 'streamnook',
    });
  }

  private onPanelChange(params: Record<string, unknown>): void {
    if (!isRecord(params.values)) return this.invalid('on_panel_change', params);
    this.applyPanelValues(params.values);
  }

  /** The sidecar going down then running again is a restart: its events were lost meanwhile. */
  private onSidecarStatus(payload: unknown): void {
    if (!isRecord(payload)) return this.invalid(STATUS_EVENT, payload);
    if (this.pluginId && typeof payload.plugin_id === 'string' && payload.plugin_id !== this.pluginId) return;
    const state = text(payload.state ?? payload.status)?.toLowerCase();
    if (state && DOWN_STATES.has(state) && !this.sidecarDown) {
      this.sidecarDown = true;
      this.setViewers(null);
      this.setStatus({ state: 'reconnecting', reason: 'host-restarting', detail: 'The StreamNook plugin host stopped; waiting for it to restart.' });
    } else if (state && RUNNING_STATES.has(state) && this.sidecarDown) {
      this.sidecarDown = false;
      this.restart('The StreamNook plugin host restarted; reloading live channels.');
    }
  }

  /** Chat from another open channel (multi-stream) is not the active channel's tip. */
  private isActiveChat(channel: string): boolean {
    const login = this.active?.login ?? (this.active && this.channels.get(this.active.id)?.login);
    return !login || login.toLowerCase() === channel.toLowerCase();
  }

  /** Forgets what events said (missed ones are not replayed) and reloads from the host. */
  private restart(detail: string, reason: ConnectionReason = 'host-restarting'): void {
    this.channels.clear();
    this.publish();
    this.setStatus({ state: 'reconnecting', reason, detail });
    this.refresh();
  }

  private refresh(): void {
    if (this.disposed) return;
    if (this.followedLive) this.followedLive.next();
    else this.setStatus({ state: 'connected', reason: 'connected' });
  }

  private onFollowedLiveAnswer(answer: Answer): void {
    if (this.disposed) return;
    if (!answer.ok) {
      this.report('request-failed', `StreamNook get_followed_live failed: ${answer.error}`);
      this.setStatus({ state: 'error', reason: 'host-unreachable', detail: 'Could not load live channels from StreamNook. Reconnect to retry.' });
      return;
    }
    const result = answer.value;
    if (!isRecord(result) || !this.replaceFollowed(result.channels)) {
      this.report('invalid-payload', 'StreamNook get_followed_live returned an unexpected result.', result);
      this.setStatus({ state: 'error', reason: 'invalid-response', detail: 'StreamNook sent an unreadable channel list.' });
      return;
    }
    this.setStatus({ state: 'connected', reason: 'connected' });
  }

  /** Replaces the followed-live set; false when `list` is not an array. Bad entries are reported. */
  private replaceFollowed(list: unknown): boolean {
    if (!Array.isArray(list)) return false;
    const channels = list.slice(0, MAX_CHANNELS).map(parseChannel);
    const skipped = channels.filter((channel) => !channel).length;
    if (skipped > 0) this.report('invalid-payload', `Skipped ${skipped} malformed StreamNook channel(s).`, list);
    for (const known of this.channels.values()) known.followed = false;
    for (const channel of channels) if (channel) this.upsert(channel, { followed: true });
    for (const channelId of [...this.channels.keys()]) this.prune(channelId);
    this.publish();
    return true;
  }

  private upsert(channel: Channel, flags: Partial<Pick<KnownChannel, 'followed' | 'playing'>>): void {
    const previous = this.channels.get(channel.id);
    // Re-inserting keeps the map in least-recently-updated order for eviction.
    this.channels.delete(channel.id);
    this.channels.set(channel.id, { followed: false, playing: false, ...previous, ...channel, ...flags });
    for (const key of this.channels.keys()) {
      if (this.channels.size <= MAX_CHANNELS) break;
      if (key !== this.active?.id) this.channels.delete(key);
    }
  }

  /** Drops a channel nothing refers to any more (not followed-live, not playing). */
  private prune(channelId: string): void {
    const known = this.channels.get(channelId);
    if (known && !known.followed && !known.playing) this.channels.delete(channelId);
  }

  private setActive(channelId: string, login: string): void {
    this.active = { id: channelId, login };
    this.publish();
  }

  /** Pushes the active channel's viewers and name, skipping repeats. */
  private publish(): void {
    const active = this.active;
    const known = active ? this.channels.get(active.id) : undefined;
    const viewers: Viewers | null = known && known.viewerCount !== null ? { total: known.viewerCount } : null;
    if (viewers?.total !== this.viewers.getValue()?.total) this.setViewers(viewers);
    const name = known?.displayName ?? active?.login;
    const channel = active ? { id: active.id, ...(name ? { name } : {}) } : undefined;
    const current = this.context.getValue().channel;
    if (current?.id !== channel?.id || current?.name !== channel?.name) this.patchContext({ channel });
  }
}


/** What the StreamNook plugin entry publishes on `window.onairStreamNook` while active (detection looks for it). */
export interface StreamNookGlobal {
  api: StreamNookApi;
  platform: StreamNookPlatform;
}

declare global {
  interface Window {
    onairStreamNook?: StreamNookGlobal;
  }
}

/**
 * Reads StreamNook options from provider attributes / query parameters (strings) or JS properties
 * (`api`, `source`, `call`). Without an `api`, the one the plugin entry published on
 * `window.onairStreamNook` is used, so `<onair-platform platform="auto">` inside the plugin works.
 */
export function streamNookOptions(options: PlatformOptions): StreamNookOptions & { problems: OptionProblem[] } {
  const { values, problems } = readOptions(STREAMNOOK_OPTIONS, options);
  const globalApi = typeof window !== 'undefined' ? window.onairStreamNook?.api : undefined;
  const api = values.api ?? (isRecord(globalApi) ? globalApi : undefined);
  const parsed: StreamNookOptions = {
    ...values,
    api: api as StreamNookApi | undefined,
    source: values.source as MessageSource | undefined,
    call: values.call as HostCall | undefined,
  };
  const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as StreamNookOptions;
  return { ...defined, problems };
}

export function createStreamNookPlatform(options: PlatformOptions): StreamNookPlatform {
  const { problems, ...parsed } = streamNookOptions(options);
  return new StreamNookPlatform(parsed, problems);
}
