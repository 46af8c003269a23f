/**
 * A fake StreamNook app for tests, built from the plugin docs: it emits the documented JSON-RPC
 * notifications (exact payload shapes from the events reference) to a UI plugin `api` whose
 * `events.listen` returns a promise of an unlisten function, and to `MessagePort` /
 * `BroadcastChannel` sources. It answers `get_followed_live`, renders registered contributions the
 * way a React host would (calling the component and handing its ref a node), and counts every live
 * listener and registration so tests can assert a full teardown.
 */

export interface ChannelPayload {
  channel_id: string;
  login: string;
  display_name: string;
  game_id: string | null;
  game_name: string | null;
  started_at: string | null;
  viewer_count: number | null;
}

export interface ChatMessagePayload {
  id: string;
  user_id: string;
  login: string;
  display_name: string;
  color: string | null;
  badges: Array<{ name: string; version: string }>;
  text: string;
  is_action: boolean;
  msg_type: string | null;
  system_message: string | null;
  bits: number | null;
  ts: string;
}

/** The channel object exactly as the events reference shows it. */
export function channelPayload(overrides: Partial<ChannelPayload> = {}): ChannelPayload {
  return {
    channel_id: '12345',
    login: 'somechannel',
    display_name: 'SomeChannel',
    game_id: '509658',
    game_name: 'Just Chatting',
    started_at: '2026-06-10T17:00:00Z',
    viewer_count: 14203,
    ...overrides,
  };
}

/** The chat message object exactly as the events reference shows it. */
export function chatMessagePayload(overrides: Partial<ChatMessagePayload> = {}): ChatMessagePayload {
  return {
    id: '885196de-cb67-427a-baa8-58f001aa3fe4',
    user_id: '12345',
    login: 'somechatter',
    display_name: 'SomeChatter',
    color: '#FF7F50',
    badges: [{ name: 'subscriber', version: '12' }],
    text: 'hello',
    is_action: false,
    msg_type: null,
    system_message: null,
    bits: null,
    ts: '2026-06-10T17:00:00Z',
    ...overrides,
  };
}

/** How `events.listen` handlers receive a value; StreamNook does not pin this down for notifications. */
export type HandlerShape = 'notification' | 'params' | 'tauri';

type Handler = (value: unknown) => void;
type Ref = (node: Element | null) => void;
type FakeReact = { createElement: (type: string, props: Record<string, unknown>) => unknown };

interface Rendered {
  kind: 'overlay' | 'slot' | 'panel';
  slotId?: string;
  contribution: unknown;
  container: HTMLElement;
  ref?: Ref;
}

export interface FakeHostOptions {
  /** Hand the plugin a React-like `libs.react` and render components through it (the real host). */
  react?: boolean;
  /** Which registration methods exist on `api.ui`. */
  ui?: Array<'registerOverlay' | 'registerSlot'>;
  /** Whether `api.settings.registerPanel` exists. */
  panel?: boolean;
  /** Whether the api exposes `host.call`. */
  call?: boolean;
  pluginId?: string;
}

export class FakeStreamNookHost {
  /** The host's live followed channels, as `get_followed_live` reports them. */
  followed: ChannelPayload[] = [];
  /** False while the plugin host is down: notifications are dropped, not queued (no replay). */
  running = true;
  handlerShape: HandlerShape = 'notification';
  /** Make the next `get_followed_live` fail with this error. */
  failNextCall?: { code: number; message: string };
  readonly calls: Array<{ method: string; params: unknown }> = [];
  readonly rendered: Rendered[] = [];
  readonly api: Record<string, unknown>;
  readonly pluginId: string;
  private readonly listeners = new Map<string, Set<Handler>>();
  private readonly ports: MessagePort[] = [];
  private readonly channels: BroadcastChannel[] = [];

  constructor(options: FakeHostOptions = {}) {
    const { react = false, ui = ['registerOverlay', 'registerSlot'], panel = true, call = true } = options;
    this.pluginId = options.pluginId ?? 'dev.onair.widgets';
    const registrations: Record<string, unknown> = {};
    if (ui.includes('registerOverlay')) {
      registrations.registerOverlay = (contribution: Record<string, unknown>) => this.register('overlay', contribution, react);
    }
    if (ui.includes('registerSlot')) {
      registrations.registerSlot = (slotId: string, contribution: Record<string, unknown>) =>
        this.register('slot', contribution, react, slotId);
    }
    this.api = Object.freeze({
      events: Object.freeze({
        listen: (name: string, handler: Handler) => this.listen(name, handler),
        emit: (name: string, payload: unknown) => this.deliver(name, payload),
      }),
      ui: Object.freeze(registrations),
      ...(panel ? { settings: Object.freeze({ registerPanel: (component: unknown) => this.register('panel', component, react) }) } : {}),
      ...(call ? { host: Object.freeze({ call: (method: string, params: unknown) => this.call(method, params) }) } : {}),
      ...(react ? { libs: Object.freeze({ react: fakeReact }) } : {}),
      log: Object.freeze({ debug() {}, warn() {}, error() {} }),
    });
  }

  /** Listeners, ports and live registrations the plugin still holds. */
  get liveListeners(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  get liveRegistrations(): number {
    return this.rendered.length;
  }

  listenerCount(name: string): number {
    return this.listeners.get(name)?.size ?? 0;
  }

  /** Sends a documented notification to every api listener and attached source. */
  notify(method: string, params: Record<string, unknown>): void {
    if (!this.running) return;
    const notification = { jsonrpc: '2.0', method, params };
    this.deliverNotification(method, notification);
    for (const port of this.ports) port.postMessage(notification);
    for (const channel of this.channels) channel.postMessage(JSON.stringify(notification));
  }

  /** Sends anything, unchecked, to api listeners of `name` (for malformed-payload tests). */
  deliver(name: string, value: unknown): void {
    for (const handler of [...(this.listeners.get(name) ?? [])]) handler(value);
  }

  /** Plugin host crash / restart, as a hybrid's UI half hears it on `plugin://status`. */
  stop(): void {
    this.deliver('plugin://status', { event: 'plugin://status', payload: { plugin_id: this.pluginId, state: 'stopped' } });
    this.running = false;
  }

  start(): void {
    this.running = true;
    this.deliver('plugin://status', { event: 'plugin://status', payload: { plugin_id: this.pluginId, state: 'running' } });
  }

  /** A `MessagePort` the page hands to the adapter; notifications are posted as objects. */
  openPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.ports.push(port1);
    return port2;
  }

  /** A `BroadcastChannel` named `name`; notifications are posted as JSON text. */
  openBroadcast(name: string): BroadcastChannel {
    const sender = new BroadcastChannel(name);
    this.channels.push(sender);
    return new BroadcastChannel(name);
  }

  /** Posts raw data on every port and broadcast channel. */
  postRaw(data: unknown): void {
    for (const port of this.ports) port.postMessage(data);
    for (const channel of this.channels) channel.postMessage(data);
  }

  close(): void {
    this.ports.splice(0).forEach((port) => port.close());
    this.channels.splice(0).forEach((channel) => channel.close());
    for (const entry of this.rendered.splice(0)) {
      entry.ref?.(null);
      entry.container.remove();
    }
  }

  find(kind: Rendered['kind']): Rendered | undefined {
    return this.rendered.find((entry) => entry.kind === kind);
  }

  private listen(name: string, handler: Handler): Promise<() => void> {
    const wrapped: Handler = (value) => handler(value);
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(wrapped);
    return Promise.resolve(() => {
      set.delete(wrapped);
    });
  }

  private deliverNotification(method: string, notification: { params: Record<string, unknown> }): void {
    const value =
      this.handlerShape === 'notification'
        ? notification
        : this.handlerShape === 'params'
          ? notification.params
          : { event: method, id: 1, payload: notification.params };
    this.deliver(method, value);
  }

  /** `get_followed_live` as the host answers it; other methods are denied. */
  async call(method: string, params: unknown): Promise<unknown> {
    this.calls.push({ method, params });
    await Promise.resolve();
    const failure = this.failNextCall;
    this.failNextCall = undefined;
    if (failure) throw failure;
    if (method === 'get_followed_live') return { channels: structuredClone(this.followed) };
    throw { code: -32000, message: 'capability_denied' };
  }

  /** Renders like the React host: calls the component, gives its `div` ref a mounted node. */
  private register(kind: Rendered['kind'], contribution: unknown, react: boolean, slotId?: string): unknown {
    const container = document.createElement('section');
    container.dataset.fakeHost = kind;
    document.body.append(container);
    const entry: Rendered = { kind, slotId, contribution, container };
    this.rendered.push(entry);
    const component = kind === 'panel' ? contribution : (contribution as { Component?: unknown }).Component;
    const unregister = () => {
      const index = this.rendered.indexOf(entry);
      if (index >= 0) this.rendered.splice(index, 1);
      entry.ref?.(null);
      container.remove();
    };
    if (!react) return { element: container, unregister };
    const element = typeof component === 'function' ? (component() as { type?: string; props?: Record<string, unknown> } | null) : null;
    if (element?.type) {
      const node = document.createElement(element.type);
      container.append(node);
      entry.ref = element.props?.ref as Ref | undefined;
      entry.ref?.(node);
    }
    return unregister;
  }
}

const fakeReact: FakeReact = {
  createElement: (type, props) => ({ type, props }),
};
