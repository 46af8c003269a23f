import { BasePlatform } from '../base.js';
import type { Capability, OutgoingRoomMessage, TipMenuItem, TipResult } from '../model.js';
import { id, isRecord, text } from '../validate.js';
import { remember } from '../bounded.js';
import { envelope, isRoomType } from '../kit/envelope.js';
import { SpendSlot } from '../kit/spend-slot.js';
import type { OptionProblem, PlatformOptions } from '../kit/options.js';
import { ROOM_MARKER, activeViewers, mapFrame, readEvents, subscriptions, type FrameEvent } from './mapping.js';
import { parseOptions, type StreamerbotMenuItem, type StreamerbotOptions } from './options.js';
import { LATE_REPLY_MS, StreamerbotSocket, type Frame, type Reply } from './socket.js';

/** How many recent room messages' event keys are remembered to drop repeats delivered across a reconnect. */
const SEEN_ROOM = 1000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Streamer.bot adapter: a WebSocket client of the Streamer.bot instance on the streamer's PC,
 * typically inside an OBS browser source or dock. Tips come from every money event the instance
 * lists in GetEvents (cheers, Power-ups, charity, Super Chats and Stickers, Kick Kicks, Trovo
 * Elixir spells, StreamElements, Streamlabs, Ko-fi, TipeeeStream, Fourthwall, Pally.gg, DonorDrive,
 * Throne; subs, gifts, memberships and treats when given a value). Viewers are stream viewers per
 * platform from the viewer-count events (or, when chosen, people present in chat). The tip menu
 * comes from options (each item runs a Streamer.bot action), room messages through a relay action
 * that broadcasts them back as `General.Custom` events.
 */
export class StreamerbotPlatform extends BasePlatform {
  readonly name = 'streamerbot' as const;
  readonly capabilities: ReadonlySet<Capability>;

  private readonly socket: StreamerbotSocket;
  private readonly options: StreamerbotOptions;
  /** Room messages carry no tip id for `emitTip` to know them by: their event keys tell repeats. */
  private readonly seenRoom = new Set<string>();
  /** Stream viewers by platform, then by broadcast (YouTube can run several at once). */
  private readonly streams = new Map<string, Map<string, number>>();
  /** People present in chat by platform (`viewer-count=chatters`). */
  private chatters = new Map<string, number>();
  /**
   * An action Streamer.bot has not confirmed in time may still run: the spend ends as cancelled
   * with reason `unknown`, and a confirmation that comes later goes to `lateResults$`.
   */
  private readonly spends = this.createSpendSlot({ busy: 'Another tip-menu action is still running.', timeout: 'unknown' });
  /** When each item was last activated (`performance.now()`), for the cool-down. */
  private readonly activated = new Map<string, number>();
  /** Items whose last DoAction went unanswered: they may still run, so they are not run again. */
  private readonly unconfirmed = new Set<string>();

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(options: StreamerbotOptions, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    this.options = options;
    const capabilities: Capability[] = ['viewers', 'tips', 'reconnect'];
    if (options.menu.length > 0) capabilities.push('tipMenu', 'spend');
    if (options.relayAction) capabilities.push('broadcast');
    this.capabilities = new Set(capabilities);
    this.setTipMenu({ enabled: options.menu.length > 0, items: options.menu.map(({ action: _action, ...item }) => item) });
    this.patchContext({ role: 'broadcaster', ...(options.theme ? { theme: options.theme } : {}), ...(options.locale ? { locale: options.locale } : {}) });
    this.socket = new StreamerbotSocket(options.url, options.password, options.timing, {
      status: (status) => this.setStatus(status),
      ready: () => this.ready(),
      frame: (frame) => this.guard(() => this.receive(frame), frame),
      problem: (code, message, payload) => this.report(code, message, payload),
    });
    this.socket.start();
  }

  override reconnect(): void {
    if (!this.disposed) this.socket.restart();
  }

  /**
   * One activation runs one DoAction. Activations of the same item within `spend-cooldown` of the
   * previous one (a double click, a held key's repeats) are ignored and extend the cool-down; an
   * item whose last run went unanswered is not run again until Streamer.bot answers it.
   */
  async requestTip(item: TipMenuItem): Promise<TipResult> {
    const configured = this.options.menu.find((entry) => entry.id === item.id);
    if (!configured) return { status: 'failed', item, error: 'This item is not on the configured tip menu.' };
    const now = performance.now();
    const last = this.activated.get(item.id);
    if (last !== undefined && now - last < this.options.spendCooldown) {
      this.activated.set(item.id, now);
      return { status: 'cancelled', item, reason: 'repeat' };
    }
    // While its spend is open the page's slot answers (busy); after a timeout it is still unconfirmed.
    if (this.unconfirmed.has(item.id) && !SpendSlot.busy) return { status: 'cancelled', item, reason: 'unconfirmed' };
    if (this.disposed || !this.socket.connected) return { status: 'failed', item, error: 'Not connected to Streamer.bot.' };
    this.activated.set(item.id, now);
    const result = await this.spends.spend({
      item,
      timeoutMs: this.options.timing.requestTimeout,
      pay: () => this.runAction(item, configured),
    });
    this.activated.set(item.id, performance.now());
    return result;
  }

  /**
   * Starts the action and leaves the spend open: the reply settles it, in time or late. Until a
   * reply (or the socket's end) the item counts as unconfirmed.
   */
  private runAction(item: TipMenuItem, configured: StreamerbotMenuItem): undefined {
    this.unconfirmed.add(item.id);
    const settle = (reply: Reply) => {
      this.unconfirmed.delete(item.id);
      // DoAction's reply carries no transaction of its own, so there is no transactionId to give.
      const outcome = this.spends.settle(item.id, () =>
        reply.ok
          ? { status: 'success', item }
          : reply.unknown
            ? { status: 'cancelled', item, reason: 'unknown' }
            : { status: 'failed', item, error: `Streamer.bot could not run "${configured.action}": ${reply.error}` },
      );
      // A late success is reported by the spend slot; a late failure is news too.
      if (outcome === 'late' && !reply.ok && !reply.unknown) this.report('host-error', `Streamer.bot answered "${configured.action}" after the timeout: it failed (${reply.error}).`, { itemId: item.id });
    };
    const body = { action: actionRef(configured.action), args: { itemId: configured.id, label: configured.label, price: configured.price, currency: configured.currency } };
    // The spend slot times the spend out after `request-timeout`; the reply is awaited longer, so a
    // late confirmation is still heard.
    void this.socket.request('DoAction', body, LATE_REPLY_MS).then(settle);
    return undefined;
  }

  override async broadcast(message: OutgoingRoomMessage): Promise<void> {
    const relay = this.options.relayAction;
    if (!relay) return this.report('unsupported', 'Broadcasting needs the `relay-action` option.');
    const { type } = message;
    if (!isRoomType(type)) return this.report('invalid-message', 'A room message needs a short type of letters, digits and . _ : -.', message);
    let json: string;
    try {
      json = JSON.stringify(envelope(type, message.payload, this.clientId));
    } catch {
      return this.report('invalid-message', 'A room message payload must be JSON.', type);
    }
    if (!this.socket.connected) return this.report('send-failed', 'Not connected to Streamer.bot; the room message was not sent.', type);
    const reply = await this.socket.request('DoAction', { action: actionRef(relay), args: { [ROOM_MARKER]: json } });
    if (!reply.ok) this.report('send-failed', `The relay action "${relay}" failed: ${reply.error}`, type);
  }

  override dispose(): void {
    this.socket.close();
    this.seenRoom.clear();
    super.dispose();
  }

  /**
   * After every (re)connection: subscribe to what this instance has (GetEvents), then fetch the
   * state that events only update.
   */
  private async ready(): Promise<boolean> {
    const listed = await this.socket.request('GetEvents');
    const available = listed.ok ? readEvents(listed.frame) : undefined;
    if (!available) this.report('request-failed', 'GetEvents gave no event list; subscribing to the events every Streamer.bot has.', listed.ok ? undefined : listed.error);
    const reply = await this.socket.request('Subscribe', { events: subscriptions(this.options.mapping, this.options.viewerMode, available) });
    if (!reply.ok) {
      this.report('request-failed', `Subscribe failed: ${reply.error}`);
      return false;
    }
    void this.refresh();
    return true;
  }

  private async refresh(): Promise<void> {
    const broadcaster = await this.socket.request('GetBroadcaster');
    if (broadcaster.ok) this.readBroadcaster(broadcaster.frame);
    if (this.options.viewerMode === 'chatters') await this.refreshChatters();
  }

  private async refreshChatters(): Promise<void> {
    const viewers = await this.socket.request('GetActiveViewers');
    if (viewers.ok) {
      const counts = activeViewers(viewers.frame);
      if (counts) {
        this.chatters = counts;
        this.publishViewers();
      } else this.report('invalid-payload', 'GetActiveViewers answered without a `viewers` list or `count`.', viewers.frame);
    } else if (!viewers.transient) this.report('request-failed', `GetActiveViewers failed: ${viewers.error}`);
  }

  private readBroadcaster(frame: Frame): void {
    const platforms = isRecord(frame.platforms) ? frame.platforms : {};
    const account = [platforms.twitch, platforms.youtube, platforms.kick].find(isRecord);
    if (!account) return;
    const name = text(account.broadcastUserName) ?? text(account.broadcastUser) ?? text(account.broadcasterUserName);
    const channelId = id(account.broadcastUserId ?? account.broadcasterUserId);
    if (name || channelId) this.patchContext({ channel: { ...(channelId ? { id: channelId } : {}), ...(name ? { name } : {}) } });
  }

  private receive(frame: Frame): void {
    const mapped = mapFrame(frame, this.options.mapping);
    if (mapped.kind === 'skip') return;
    if (mapped.kind === 'invalid') {
      this.report('invalid-payload', `${mapped.reason} Skipped.`, frame);
      return;
    }
    if (mapped.kind === 'viewers' || mapped.kind === 'offline' || mapped.kind === 'chatters') {
      this.countViewers(mapped);
      return;
    }
    if (mapped.kind === 'tip') {
      this.emitTip(mapped.tip, mapped.key);
      return;
    }
    if (mapped.key && this.seenRoom.has(mapped.key)) return;
    if (mapped.key) remember(this.seenRoom, mapped.key, undefined, SEEN_ROOM);
    this.emitRoom(mapped.message);
  }

  private countViewers(mapped: Extract<FrameEvent, { kind: 'viewers' | 'offline' | 'chatters' }>): void {
    if (mapped.kind === 'chatters') {
      this.chatters.set(mapped.platform, mapped.count);
    } else if (mapped.kind === 'viewers') {
      const streams = this.streams.get(mapped.platform) ?? new Map<string, number>();
      streams.set(mapped.stream ?? '', mapped.count);
      this.streams.set(mapped.platform, streams);
    } else if (mapped.stream !== undefined) {
      this.streams.get(mapped.platform)?.delete(mapped.stream);
      if (this.streams.get(mapped.platform)?.size === 0) this.streams.delete(mapped.platform);
    } else {
      this.streams.delete(mapped.platform);
    }
    this.publishViewers();
  }

  /**
   * `total` = the sum over live platforms; `byPlatform` its parts. No count at all (nothing live,
   * or no viewer-count event yet) is `null`, not 0.
   */
  private publishViewers(): void {
    const byPlatform = new Map<string, number>();
    if (this.options.viewerMode === 'chatters') for (const [platform, n] of this.chatters) byPlatform.set(platform, n);
    else for (const [platform, streams] of this.streams) byPlatform.set(platform, [...streams.values()].reduce((sum, n) => sum + n, 0));
    if (byPlatform.size === 0) {
      this.setViewers(null);
      return;
    }
    const total = [...byPlatform.values()].reduce((sum, n) => sum + n, 0);
    const chatters = this.options.viewerMode === 'chatters';
    this.setViewers({ total, byPlatform: Object.fromEntries(byPlatform), ...(chatters ? { counts: 'chatters' as const } : {}) });
  }

  /** Nothing a host sends may throw into the page. */
  private guard(run: () => void, frame: Frame): void {
    try {
      run();
    } catch (error) {
      this.report('handler-failed', `Could not handle a Streamer.bot event: ${String(error)}`, frame);
    }
  }
}

function actionRef(action: string): { id: string } | { name: string } {
  return GUID.test(action) ? { id: action } : { name: action };
}


/** Builds the adapter from provider attributes / URL parameters (strings) or JS `options`. */
export function createStreamerbotPlatform(options: PlatformOptions): StreamerbotPlatform {
  const { options: parsed, problems } = parseOptions(options);
  return new StreamerbotPlatform(parsed, problems);
}

export type { StreamerbotMenuItem, StreamerbotOptions };
