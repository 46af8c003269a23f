import { BasePlatform } from '../base.js';
import type { Capability, OutgoingRoomMessage, Tip, TipMenuItem, TipResult } from '../model.js';
import type { PlatformOptions } from '../registry.js';
import { id, isRecord, text } from '../validate.js';
import { remember } from '../bounded.js';
import { hash } from '../hash.js';
import { envelope, isRoomType } from '../kit/envelope.js';
import type { OptionProblem } from '../kit/options.js';
import { MAPPERS, ROOM_MARKER, activeViewers, custom, subscriptions, type Mapped, type MappingOptions, type TipDraft } from './mapping.js';
import { parseOptions, type StreamerbotMenuItem, type StreamerbotOptions } from './options.js';
import { StreamerbotSocket, type Frame } from './socket.js';

/** How many recent event keys are remembered to drop duplicates delivered across a reconnect. */
const SEEN_EVENTS = 1000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Streamer.bot adapter: a WebSocket client of the Streamer.bot instance on the streamer's PC,
 * typically inside an OBS browser source or dock. Tips come from Twitch cheers, StreamElements,
 * Streamlabs, Ko-fi and YouTube Super Chats (plus subs and gifts when given a value), viewers from
 * GetActiveViewers, Twitch PresentViewers and YouTube concurrent viewers, the tip menu from options
 * (each item runs a Streamer.bot action), and room messages through a relay action that
 * broadcasts them back as `General.Custom` events.
 */
export class StreamerbotPlatform extends BasePlatform {
  readonly name = 'streamerbot' as const;
  readonly capabilities: ReadonlySet<Capability>;

  private readonly socket: StreamerbotSocket;
  private readonly options: StreamerbotOptions;
  private readonly mapping: MappingOptions;
  private readonly seen = new Set<string>();
  private counts: Record<string, number> = {};
  private readonly spends = this.createSpendSlot({ busy: 'Another tip-menu action is still running.' });

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(options: StreamerbotOptions, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    this.options = options;
    this.mapping = { subValue: options.subValue, giftValue: options.giftValue, subCurrency: options.subCurrency };
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

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    const configured = this.options.menu.find((entry) => entry.id === item.id);
    if (!configured) return { status: 'failed', item, error: 'This item is not on the configured tip menu.' };
    if (this.disposed || !this.socket.connected) return { status: 'failed', item, error: 'Not connected to Streamer.bot.' };
    // The socket's own request timeout bounds the action; the slot's is a backstop.
    const timeoutMs = this.options.timing.requestTimeout * 2;
    return this.spends.spend({ item, timeoutMs, pay: () => this.runAction(item, configured) });
  }

  private async runAction(item: TipMenuItem, configured: StreamerbotMenuItem): Promise<TipResult> {
    const reply = await this.socket.request('DoAction', {
      action: actionRef(configured.action),
      args: { itemId: configured.id, label: configured.label, price: configured.price, currency: configured.currency },
    });
    // DoAction's reply carries no transaction of its own, so there is no transactionId to give.
    if (reply.ok) return { status: 'success', item };
    return { status: 'failed', item, error: `Streamer.bot could not run "${configured.action}": ${reply.error}` };
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
    this.seen.clear();
    super.dispose();
  }

  /** After every (re)connection: subscribe, then fetch the state that events only update. */
  private async ready(): Promise<boolean> {
    const reply = await this.socket.request('Subscribe', { events: subscriptions(this.mapping) });
    if (!reply.ok) {
      this.report('request-failed', `Subscribe failed: ${reply.error}`);
      return false;
    }
    void this.refresh();
    return true;
  }

  private async refresh(): Promise<void> {
    const [viewers, broadcaster] = await Promise.all([this.socket.request('GetActiveViewers'), this.socket.request('GetBroadcaster')]);
    if (viewers.ok) {
      const counts = activeViewers(viewers.frame);
      if (counts) {
        this.counts = counts;
        this.publishViewers();
      } else this.report('invalid-payload', 'GetActiveViewers answered without a `viewers` list or `count`.', viewers.frame);
    } else if (!viewers.transient) this.report('request-failed', `GetActiveViewers failed: ${viewers.error}`);
    if (broadcaster.ok) this.readBroadcaster(broadcaster.frame);
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
    const event = isRecord(frame.event) ? frame.event : undefined;
    const source = text(event?.source, 64);
    const type = text(event?.type, 64);
    if (!event || !source || !type) {
      this.report('invalid-payload', 'Streamer.bot sent a frame that is neither a reply nor an event; skipped.', frame);
      return;
    }
    const name = `${source}.${type}`;
    // The oldest General.Custom broadcasts put `data` inside `event`.
    const data = 'data' in frame ? frame.data : event.data;
    if (name.toLowerCase() === 'general.custom') {
      this.apply(custom(data), frame, name);
      return;
    }
    const mapper = MAPPERS[name.toLowerCase()];
    if (!mapper) return;
    this.apply(isRecord(data) ? mapper(data, this.mapping) : { kind: 'invalid', reason: `${name} without a data object.` }, frame, name);
  }

  private apply(mapped: Mapped, frame: Frame, name: string): void {
    if (mapped.kind === 'skip') return;
    if (mapped.kind === 'invalid') {
      this.report('invalid-payload', `${mapped.reason} Skipped.`, frame);
      return;
    }
    if (mapped.kind === 'viewers') {
      this.counts = { ...this.counts, [mapped.platform]: mapped.count };
      this.publishViewers();
      return;
    }
    const key = eventKey(name, frame, mapped.kind === 'tip' ? mapped.tip.id : undefined);
    if (key && this.isDuplicate(key)) return;
    if (mapped.kind === 'room') this.emitRoom(mapped.message);
    else this.emitTip(finishTip(mapped.tip, key, frame));
  }

  private isDuplicate(key: string): boolean {
    if (this.seen.has(key)) return true;
    remember(this.seen, key, undefined, SEEN_EVENTS);
    return false;
  }

  private publishViewers(): void {
    const byPlatform = { ...this.counts };
    const total = Object.values(byPlatform).reduce((sum, n) => sum + n, 0);
    this.setViewers({ total, byPlatform });
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

/**
 * A stable key for an event: its own id when the host gives one, otherwise a hash of name,
 * timestamp and data. Without either there is nothing stable to compare, so no dedupe.
 */
function eventKey(name: string, frame: Frame, ownId: string | undefined): string | undefined {
  if (ownId) return `${name}:${ownId}`;
  const stamp = text(frame.timeStamp, 64);
  if (!stamp) return undefined;
  let json = '';
  try {
    json = JSON.stringify(frame.data ?? (isRecord(frame.event) ? frame.event.data : null)) ?? '';
  } catch {
    return undefined;
  }
  return `${name}:${stamp}:${hash(json)}`;
}

function finishTip(draft: TipDraft, key: string | undefined, frame: Frame): Tip {
  const at = typeof frame.timeStamp === 'string' ? new Date(frame.timeStamp) : new Date();
  return {
    ...draft,
    id: draft.id ?? key ?? `streamerbot-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    at: Number.isFinite(at.getTime()) ? at : new Date(),
  };
}

/** Builds the adapter from provider attributes / URL parameters (strings) or JS `options`. */
export function createStreamerbotPlatform(options: PlatformOptions): StreamerbotPlatform {
  const { options: parsed, problems } = parseOptions(options);
  return new StreamerbotPlatform(parsed, problems);
}

export type { StreamerbotMenuItem, StreamerbotOptions };
