/**
 * The channels StreamNook has told the adapter about (followed live ones with their counts, the
 * ones playing) and the active one: what `viewers$` and `context.channel` show.
 */
import type { HostContext, Viewers } from '../model.js';
import { id, text } from '../validate.js';
import { parseChannel, parseWatchTick, type Channel } from './payloads.js';

/** Followed-live lists and playback can name many channels; beyond this the oldest are dropped. */
export const MAX_CHANNELS = 500;

interface KnownChannel extends Channel {
  /** In the latest followed-live set: only those have a viewer count. */
  followed: boolean;
  /** Playing in the app (between `on_stream_start` and `on_stream_stop`). */
  playing: boolean;
}

interface ActiveChannel {
  id: string;
  login?: string;
}

export interface ChannelsHost {
  /** The active channel's viewers and name changed (or may have). */
  publish(viewers: Viewers | null, channel: HostContext['channel']): void;
  /** A payload that failed validation, for `errors$`. */
  invalid(method: string, params: unknown): void;
  /** `count` entries of a followed list were malformed. */
  skipped(count: number, list: unknown[]): void;
}

export class Channels {
  private readonly channels = new Map<string, KnownChannel>();
  private active?: ActiveChannel;

  constructor(private readonly host: ChannelsHost) {}

  /** What each StreamNook event about channels does. */
  readonly handlers = new Map<string, (params: Record<string, unknown>) => void>([
    ['on_stream_start', (params) => this.onStreamStart(params)],
    ['on_stream_stop', (params) => this.onStreamStop(params)],
    ['on_channel_change', (params) => this.onChannelChange(params)],
    ['on_watch_tick', (params) => this.onWatchTick(params)],
    ['on_followed_live', (params) => this.onFollowedLive(params)],
  ]);

  /** Chat from another open channel (multi-stream) is not the active channel's tip. */
  isActiveChat(channel: string): boolean {
    const login = this.active?.login ?? (this.active && this.channels.get(this.active.id)?.login);
    return !login || login.toLowerCase() === channel.toLowerCase();
  }

  setActive(channelId: string, login: string | undefined): void {
    this.active = { id: channelId, ...(login ? { login } : {}) };
    this.publish();
  }

  clearActive(): void {
    this.active = undefined;
    this.publish();
  }

  /** What events said is stale once the sidecar stops: its missed events are not replayed. */
  forget(): void {
    this.channels.clear();
    this.active = undefined;
    this.publish();
  }

  /** Replaces the followed-live set. Bad entries are reported and skipped. */
  replaceFollowed(list: unknown[]): void {
    const channels = list.slice(0, MAX_CHANNELS).map(parseChannel);
    const skipped = channels.filter((channel) => !channel).length;
    if (skipped > 0) this.host.skipped(skipped, list);
    for (const known of this.channels.values()) {
      known.followed = false;
      // Counts exist only for followed live channels: one that left the set has none any more.
      known.viewerCount = null;
    }
    for (const channel of channels) if (channel) this.upsert(channel, { followed: true });
    for (const channelId of [...this.channels.keys()]) this.prune(channelId);
    this.publish();
  }

  dispose(): void {
    this.channels.clear();
  }

  /** The host sends no name and no count here; a count stays whatever the followed list said. */
  private onStreamStart(params: Record<string, unknown>): void {
    const channel = parseChannel(params.channel);
    if (!channel) return this.host.invalid('on_stream_start', params);
    const known = this.channels.get(channel.id);
    this.upsert({ ...channel, viewerCount: known?.viewerCount ?? channel.viewerCount, displayName: channel.displayName ?? known?.displayName }, { playing: true });
    this.setActive(channel.id, channel.login);
  }

  private onStreamStop(params: Record<string, unknown>): void {
    const channelId = id(params.channel_id);
    if (!channelId) return this.host.invalid('on_stream_stop', params);
    const known = this.channels.get(channelId);
    if (known) known.playing = false;
    this.prune(channelId);
    if (this.active?.id === channelId) this.active = undefined;
    this.publish();
  }

  /** One event for a channel switch (not a stop and a start). */
  private onChannelChange(params: Record<string, unknown>): void {
    const channelId = id(params.channel_id);
    const login = text(params.login);
    if (!channelId || !login) return this.host.invalid('on_channel_change', params);
    this.setActive(channelId, login);
  }

  private onWatchTick(params: Record<string, unknown>): void {
    const tick = parseWatchTick(params);
    if (!tick) return this.host.invalid('on_watch_tick', params);
    if (tick.activeId === (this.active?.id ?? null)) return;
    if (tick.activeId === null) this.clearActive();
    else this.setActive(tick.activeId, this.channels.get(tick.activeId)?.login);
  }

  private onFollowedLive(params: Record<string, unknown>): void {
    if (!Array.isArray(params.channels)) return this.host.invalid('on_followed_live', params);
    this.replaceFollowed(params.channels);
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

  /** The active channel's viewers and name. */
  private publish(): void {
    const active = this.active;
    const known = active ? this.channels.get(active.id) : undefined;
    const viewers: Viewers | null = known && known.viewerCount !== null ? { total: known.viewerCount } : null;
    const name = known?.displayName ?? known?.login ?? active?.login;
    this.host.publish(viewers, active ? { id: active.id, ...(name ? { name } : {}) } : undefined);
  }
}
