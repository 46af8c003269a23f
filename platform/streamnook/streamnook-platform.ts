import { BasePlatform } from '../base.js';
import { browserLocale } from '../locale.js';
import type { Capability, ConnectionReason, ConnectionState, TipMenuItem, TipResult } from '../model.js';
import type { OptionProblem, PlatformOptions } from '../kit/options.js';
import { Requests, type Answer, type Latest } from '../kit/request.js';
import { isRecord, text } from '../validate.js';
import { Channels } from './channels.js';
import { streamNookOptions, type StreamNookOptions } from './config.js';
import { STREAMNOOK_OPTIONS } from './options.js';
import { chatTip, parseChatMessage, parseFeed, type Snapshot } from './payloads.js';
import { mergePanelValues } from './settings.js';
import { listenThroughApi, tauriInvoke, type StreamNookApi } from './transport.js';

export { MAX_CHANNELS } from './channels.js';
export { streamNookOptions, type StreamNookOptions } from './config.js';

/** The sidecar's status pushes arrive on this app event as `{ plugin_id, slot, value }`. */
export const STATUS_EVENT = 'plugin://status';
/** Run state: `{ plugin_id, running }`, once at host startup with `plugin_id: null`. */
export const STATE_EVENT = 'plugin://state-changed';
/** The status slot and action the manifest declares (demo/streamnook/plugin.toml). */
export const FEED_SLOT = 'onair.feed';
export const SNAPSHOT_ACTION = 'onair.snapshot';

/**
 * StreamNook, the desktop Twitch viewer, as seen by the UI half of onair's hybrid plugin. The user
 * watches channels, so the role is `viewer`; viewers are the active channel's count (StreamNook
 * has counts only for followed live channels, refreshed every 120 s), tips are bits cheered in its
 * chat. StreamNook sends its notifications only to the plugin's sidecar, which re-publishes them
 * on the `onair.feed` status slot; status pushes are not replayed, so the adapter starts from the
 * sidecar's `onair.snapshot` action, and asks again whenever the sidecar (re)starts or a push
 * was missed. The sidecar also pushes each snapshot on the feed, so snapshots and events are
 * applied in the order the sidecar saw them. Channels and the active one are `channels.ts`; the
 * payloads and the tips made of them `payloads.ts`.
 */
export class StreamNookPlatform extends BasePlatform {
  readonly name = 'streamnook' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['viewers', 'tips', 'reconnect']);

  private readonly pluginId?: string;
  private readonly channels = new Channels({
    publish: (viewers, channel) => {
      if (viewers?.total !== this.viewers.getValue()?.total) this.setViewers(viewers);
      const current = this.context.getValue().channel;
      if (current?.id !== channel?.id || current?.name !== channel?.name) this.patchContext({ channel });
    },
    invalid: (method, params) => this.invalid(method, params),
    skipped: (count, list) => this.report('invalid-payload', `Skipped ${count} malformed StreamNook channel(s).`, list),
  });
  private readonly closers: Array<() => void> = [];
  private readonly requests: Requests;
  /** A newer snapshot request (a restart, a reconnect) makes an older answer stale. */
  private readonly snapshots?: Latest;
  /** Whether the next snapshot asks the sidecar to reload the followed channels first. */
  private refreshNext = false;
  private lastSeq?: number;
  private sequence = 0;

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(options: StreamNookOptions = {}, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    const invoke = options.invoke ?? tauriInvoke();
    this.pluginId = options.pluginId ?? text(options.api?.pluginId, 64);
    this.requests = new Requests(options.callTimeoutMs ?? STREAMNOOK_OPTIONS.callTimeoutMs.default!);
    this.patchContext({ theme: options.theme ?? 'dark', locale: options.locale ?? browserLocale(), role: 'viewer', settings: {} });
    const api = options.api;
    if (typeof api?.events?.listen !== 'function' || !invoke) {
      this.setStatus({ state: 'no-host', reason: 'helper-missing', detail: 'Not inside StreamNook. Install onair as a StreamNook plugin (demo/streamnook/).' });
      return;
    }
    this.snapshots = this.requests.latest(
      SNAPSHOT_ACTION,
      () => invoke('plugins_invoke_action', { action: SNAPSHOT_ACTION, args: this.refreshNext ? { refresh: true } : {} }),
      (answer) => this.onSnapshotAnswer(answer),
    );
    this.state('connecting', 'connecting', 'Waiting for the onair sidecar to send StreamNook data…');
    void this.listen(api).then(() => this.snapshot());
  }

  /**
   * Merges settings-panel values into `context.settings` (see settings.ts for the key convention).
   * The plugin entry calls this for the values its own panel stores.
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

  /** Asks the sidecar for the current state again (events missed meanwhile are not replayed). */
  override reconnect(): void {
    if (this.disposed || !this.snapshots) return;
    this.state('reconnecting', 'connecting', 'Reloading StreamNook data from the onair sidecar…');
    this.snapshot(true);
  }

  override dispose(): void {
    this.closers.splice(0).forEach((close) => close());
    this.requests.dispose();
    this.channels.dispose();
    super.dispose();
  }

  private state(state: ConnectionState, reason: ConnectionReason, detail: string): void {
    this.setStatus({ state, reason, detail });
  }

  private async listen(api: StreamNookApi): Promise<void> {
    const failed: string[] = [];
    const listening = listenThroughApi(api, [STATUS_EVENT, STATE_EVENT], (name, value) => this.receive(name, value), (name) => failed.push(name));
    this.closers.push(listening.close);
    await listening.ready;
    if (failed.length > 0) this.report('listen-failed', `StreamNook refused listeners for: ${failed.join(', ')}.`);
  }

  /** Every app event reaches every plugin: only this plugin's own pushes count. */
  private receive(name: string, payload: unknown): void {
    if (this.disposed) return;
    try {
      if (!isRecord(payload)) return this.report('invalid-payload', `StreamNook ${name} skipped: not an object.`, payload);
      if (name === STATE_EVENT) this.onStateChanged(payload);
      else if (payload.plugin_id === this.pluginId && payload.slot === FEED_SLOT) this.onFeed(payload.value);
    } catch (error) {
      this.report('handler-failed', `StreamNook ${name} handler failed: ${String(error)}`, payload);
    }
  }

  /**
   * `plugin_id: null` is the host starting up; this plugin's `running: false` is the sidecar
   * stopping (disabled, or crashed and about to restart), `running: true` it running again.
   */
  private onStateChanged(payload: Record<string, unknown>): void {
    if (payload.plugin_id === null) return this.snapshot();
    if (payload.plugin_id !== this.pluginId) return;
    if (payload.running === true) {
      this.state('reconnecting', 'host-restarting', 'The onair sidecar started; loading StreamNook data…');
      this.snapshot(true);
    } else if (payload.running === false) {
      this.snapshots?.cancel();
      this.forget();
      this.state('reconnecting', 'host-restarting', 'StreamNook stopped the onair sidecar; waiting for it to start again.');
    }
  }

  private onFeed(value: unknown): void {
    const feed = parseFeed(value);
    if (typeof feed === 'string') return this.report('invalid-payload', `onair sidecar push skipped: ${feed}.`, value);
    const expected = this.lastSeq === undefined ? undefined : this.lastSeq + 1;
    this.lastSeq = feed.seq;
    if (feed.kind === 'snapshot') return this.applySnapshot(feed.snapshot);
    if (feed.event === 'on_chat_message') this.onChatMessage(feed.params);
    else this.channels.handlers.get(feed.event)?.(feed.params);
    if (this.status.getValue().state !== 'connected') this.state('connected', 'connected', 'Receiving StreamNook data.');
    // A gap (or a restarted count) means pushes were missed: start again from a snapshot.
    if (expected !== undefined && feed.seq !== undefined && feed.seq !== expected) this.snapshot();
  }

  /** Asks the sidecar for its snapshot; while it is not running, waits for it to start. */
  private snapshot(refresh = false): void {
    if (this.disposed) return;
    this.refreshNext = refresh;
    this.snapshots?.next();
  }

  private onSnapshotAnswer(answer: Answer): void {
    if (this.disposed) return;
    if (!answer.ok) {
      this.state('connecting', 'host-unreachable', `The onair sidecar is not answering (${answer.error}); waiting for StreamNook to start it.`);
      return;
    }
    const result = answer.value;
    const feed = parseFeed({ kind: 'snapshot', snapshot: result, seq: isRecord(result) ? result.seq : undefined });
    if (typeof feed === 'string' || feed.kind !== 'snapshot') {
      this.report('invalid-payload', 'The onair sidecar sent an unreadable snapshot.', result);
      this.state('error', 'invalid-response', 'The onair sidecar sent data onair cannot read.');
      return;
    }
    // The same snapshot also comes on the feed, in order with the events; the answer only helps
    // when it is newer than anything the feed has brought so far.
    if (feed.seq !== undefined && this.lastSeq !== undefined && feed.seq <= this.lastSeq) return;
    this.applySnapshot(feed.snapshot);
  }

  private applySnapshot(snapshot: Snapshot): void {
    if (snapshot.followed) this.channels.replaceFollowed(snapshot.followed);
    if (snapshot.active) this.channels.setActive(snapshot.active.id, snapshot.active.login || undefined);
    else this.channels.clearActive();
    if (snapshot.error) {
      this.report('request-failed', `StreamNook: ${snapshot.error}`);
      this.state('connected', 'connected', 'Connected, but StreamNook gave no followed channels: no viewer counts.');
      return;
    }
    this.state('connected', 'connected', 'Receiving StreamNook data.');
  }

  private invalid(method: string, params: unknown): void {
    this.report('invalid-payload', `StreamNook ${method} skipped: unexpected payload.`, params);
  }

  private onChatMessage(params: Record<string, unknown>): void {
    const channel = text(params.channel);
    const message = parseChatMessage(params.message);
    if (!channel || !message) return this.invalid('on_chat_message', params);
    if (message.bits === null || !this.channels.isActiveChat(channel)) return;
    this.emitTip(chatTip({ ...message, bits: message.bits }, ++this.sequence));
  }

  /** What events said is stale once the sidecar stops: its missed events are not replayed. */
  private forget(): void {
    this.lastSeq = undefined;
    this.channels.forget();
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

export function createStreamNookPlatform(options: PlatformOptions): StreamNookPlatform {
  const { problems, ...parsed } = streamNookOptions(options);
  return new StreamNookPlatform(parsed, problems);
}
