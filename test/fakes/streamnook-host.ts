/**
 * A fake StreamNook desktop app for tests, mirroring the real UI-plugin runtime (StreamNook's
 * plugin-ui docs and its ui loader):
 *
 * - `buildApi()` returns the same frozen `api` object a UI module gets: `pluginId`, `libs`,
 *   `components`, `ui.registerTitleBarButton/registerOverlay/registerSlot`, `commands`,
 *   `settings.registerPanel`, `windows.open`, `events.emit/listen`, `chat`, `log`. Every
 *   `register*` returns undefined. There is no `host.call`, no storage and no container.
 * - `events.listen` is an app-wide Tauri listener: the handler gets the bare payload, the promise
 *   resolves to the unlisten function, and names other than letters, digits, `-`, `/`, `:`, `_`
 *   are rejected. Listeners are removed when the plugin is disabled.
 * - Contributions render the way the React host does: the component is called and a host `div`
 *   handed to its callback ref; a slot's toggle renders its `Icon` (a slot without one fails to
 *   render, as in the app).
 * - `enable()` evaluates a fresh instance of the plugin bundle on every call (a blob module, like
 *   StreamNook's loader) and calls `activate(api)`; `disable()` calls `deactivate()`, the cleanup
 *   `activate` returned, then disposes the api.
 * - A hybrid's sidecar is behind `window.__TAURI_INTERNALS__.invoke('plugins_invoke_action',
 *   { action, args })` (the call `@tauri-apps/api`'s `invoke` makes); its status pushes arrive as
 *   `plugin://status` `{ plugin_id, slot, value }` (declared slots only), run state as
 *   `plugin://state-changed` `{ plugin_id, running }`, once at startup with `plugin_id: null`.
 *   The sidecar is either scripted in the page (`ScriptedSidecar`) or the real binary driven
 *   through test/servers/streamnook-host.mjs (`ProcessSidecar`).
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** Tauri's rule for event names. */
export const EVENT_NAME = /^[A-Za-z0-9\-/:_]+$/;

/** The channel object the host builds (`get_followed_live`, `on_followed_live`). */
export interface ChannelPayload {
  channel_id: string;
  login: string;
  display_name: string;
  game_id: string | null;
  game_name: string | null;
  started_at: string | null;
  viewer_count: number | null;
  favorite?: boolean;
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

/** A followed live channel as the host reports it: timestamps end in `+00:00`. */
export function channelPayload(overrides: Partial<ChannelPayload> = {}): ChannelPayload {
  return {
    channel_id: '12345',
    login: 'somechannel',
    display_name: 'SomeChannel',
    game_id: '509658',
    game_name: 'Just Chatting',
    started_at: '2026-06-10T17:00:00+00:00',
    viewer_count: 14203,
    favorite: false,
    ...overrides,
  };
}

/** `on_stream_start`'s channel as the host really sends it: no name, no game, no count. */
export function startedChannel(channelId: string, login: string): ChannelPayload {
  return { channel_id: channelId, login, display_name: '', game_id: null, game_name: null, started_at: null, viewer_count: null };
}

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
    ts: '2026-06-10T17:00:00.123+00:00',
    ...overrides,
  };
}

/** The manifest parts the host enforces for a hybrid plugin (demo/streamnook/plugin.toml). */
export interface HybridManifest {
  id: string;
  status: string[];
  actions: string[];
}

export const ONAIR_MANIFEST: HybridManifest = { id: 'dev.onair.widgets', status: ['onair.feed'], actions: ['onair.snapshot'] };

/** The sidecar as the host reaches it: actions in, status pushes out through `host.setStatus`. */
export interface Sidecar {
  start(host: FakeStreamNook): Promise<void>;
  invokeAction(action: string, args: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

type ReactElement = { type: unknown; props: Record<string, unknown> };
type Component = (props?: Record<string, unknown>) => ReactElement | null;
type Ref = (node: Element | null) => void;

/**
 * What survives Tauri's event bridge, which carries JSON (serde values): functions and
 * `undefined` vanish, `NaN` becomes `null`. Values JSON cannot hold at all (cycles, BigInt)
 * cannot leave the Rust host either; they arrive as `null` here.
 */
function asJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? null : v));
    return text === undefined ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** The slice of React the host's contributions use: elements as data, callback refs. */
const fakeReact = Object.freeze({
  createElement: (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): ReactElement => ({
    type,
    props: { ...(props ?? {}), children },
  }),
});

interface Mounted {
  kind: 'overlay' | 'slot' | 'title-bar' | 'panel';
  pluginId: string;
  id: string;
  container: HTMLElement;
  ref?: Ref;
  icon?: ReactElement | null;
}

type Listener = { name: string; handler: (event: { event: string; id: number; payload: unknown }) => void };

interface PluginModule {
  activate?: (api: unknown) => void | (() => void);
  deactivate?: () => void;
}

interface TauriInternals {
  invoke: (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;
}

declare global {
  interface Window {
    __TAURI_INTERNALS__?: TauriInternals;
  }
}

/** Api members a test can remove, to imitate an older or smaller host. */
export type Omittable = 'registerOverlay' | 'registerSlot' | 'registerPanel' | 'react';

export class FakeStreamNook {
  readonly manifest: HybridManifest;
  private readonly omit: ReadonlySet<Omittable>;
  /** Every `events.listen` still registered, app-wide. */
  private readonly listeners = new Set<Listener>();
  private readonly mounted: Mounted[] = [];
  private readonly logs: Array<{ level: string; args: unknown[] }> = [];
  private eventId = 0;
  private loaded?: { module: PluginModule; cleanup: unknown; dispose: () => void };
  private sidecar?: Sidecar;
  private sidecarRunning = false;
  private readonly previousInternals = window.__TAURI_INTERNALS__;
  /** How many module instances were evaluated (one per enable). */
  evaluations = 0;
  /** Rejections from the plugin's own listen/emit calls (e.g. an invalid event name). */
  readonly refused: string[] = [];

  constructor(manifest: HybridManifest = ONAIR_MANIFEST, options: { omit?: Omittable[] } = {}) {
    this.manifest = manifest;
    this.omit = new Set(options.omit ?? []);
    window.__TAURI_INTERNALS__ = { invoke: (cmd, args) => this.invoke(cmd, args ?? {}) };
  }

  // ---- app-wide events --------------------------------------------------------------------

  /** What `@tauri-apps/api/event` `listen` does, app-wide. */
  listen(name: string, handler: Listener['handler']): Promise<() => void> {
    if (!EVENT_NAME.test(name)) {
      this.refused.push(name);
      return Promise.reject(new Error('Event name must include only alphanumeric characters, `-`, `/`, `:` and `_`.'));
    }
    const listener = { name, handler };
    this.listeners.add(listener);
    return Promise.resolve(() => void this.listeners.delete(listener));
  }

  /** An app event (what the Rust host's `app.emit` does): the payload travels as JSON. */
  emit(name: string, payload: unknown): void {
    const event = { event: name, id: ++this.eventId, payload: asJson(payload) };
    for (const listener of [...this.listeners]) if (listener.name === name && this.listeners.has(listener)) listener.handler(event);
  }

  listenerCount(name?: string): number {
    return [...this.listeners].filter((listener) => name === undefined || listener.name === name).length;
  }

  /** The startup ping: plugin host ready, `plugin_id: null`. */
  startup(): void {
    this.emit('plugin://state-changed', { plugin_id: null, running: false });
  }

  /** A sidecar's `set_status`: forwarded only for slots the manifest declares. */
  setStatus(slot: string, value: unknown): void {
    if (this.manifest.status.includes(slot)) this.emit('plugin://status', { plugin_id: this.manifest.id, slot, value });
  }

  /** Another plugin's status push, which every listener also hears. */
  foreignStatus(pluginId: string, slot: string, value: unknown): void {
    this.emit('plugin://status', { plugin_id: pluginId, slot, value });
  }

  // ---- the sidecar ---------------------------------------------------------------------------

  /** Starts the sidecar; `plugin://state-changed { running: true }` once it has initialised. */
  async startSidecar(sidecar: Sidecar): Promise<void> {
    this.sidecar = sidecar;
    await sidecar.start(this);
    this.sidecarRunning = true;
    this.emit('plugin://state-changed', { plugin_id: this.manifest.id, running: true });
  }

  async stopSidecar(): Promise<void> {
    const sidecar = this.sidecar;
    this.sidecarRunning = false;
    this.sidecar = undefined;
    await sidecar?.stop();
    this.emit('plugin://state-changed', { plugin_id: this.manifest.id, running: false });
  }

  get running(): boolean {
    return this.sidecarRunning;
  }

  /** Tauri commands the plugin can reach through `__TAURI_INTERNALS__.invoke`. */
  async invoke(cmd: string, args: Record<string, unknown>): Promise<unknown> {
    if (cmd !== 'plugins_invoke_action') throw new Error(`command ${cmd} not found`);
    const action = String(args.action);
    if (!this.sidecarRunning || !this.sidecar || !this.manifest.actions.includes(action)) {
      throw `no plugin handles the action '${action}'`;
    }
    return this.sidecar.invokeAction(action, args.args ?? {});
  }

  // ---- the UI module -------------------------------------------------------------------------

  /** The frozen api a UI module gets, and the disposer the loader runs on disable. */
  buildApi(): { api: Readonly<Record<string, unknown>>; dispose: () => void } {
    const pluginId = this.manifest.id;
    const unlisteners: Array<() => void> = [];
    const register = (kind: Mounted['kind']) => (contribution: Record<string, unknown>) => void this.mount(kind, pluginId, contribution);
    const has = (member: Omittable) => !this.omit.has(member);
    const api = Object.freeze({
      pluginId,
      libs: Object.freeze({ ...(has('react') ? { react: fakeReact } : {}), reactJsxRuntime: Object.freeze({}), framerMotion: Object.freeze({}) }),
      components: Object.freeze({ Tooltip: () => null }),
      ui: Object.freeze({
        registerTitleBarButton: register('title-bar'),
        ...(has('registerOverlay') ? { registerOverlay: register('overlay') } : {}),
        ...(has('registerSlot') ? { registerSlot: (slotId: string, contribution: Record<string, unknown>) => void this.mount('slot', pluginId, { ...contribution, slotId }) } : {}),
      }),
      commands: Object.freeze({ registerKeybinding: () => undefined, registerPaletteItems: () => undefined }),
      settings: Object.freeze(has('registerPanel') ? { registerPanel: (Component: unknown) => void this.mount('panel', pluginId, { id: 'panel', Component }) } : {}),
      windows: Object.freeze({ open: () => Promise.resolve() }),
      events: Object.freeze({
        emit: (name: string, payload?: unknown) => {
          if (!EVENT_NAME.test(name)) {
            this.refused.push(name);
            return Promise.reject(new Error('Event name must include only alphanumeric characters, `-`, `/`, `:` and `_`.'));
          }
          this.emit(name, payload);
          return Promise.resolve();
        },
        listen: async (name: string, handler: (payload: unknown) => void) => {
          const unlisten = await this.listen(name, (event) => handler(event.payload));
          unlisteners.push(unlisten);
          return unlisten;
        },
      }),
      chat: Object.freeze({ useHasTarget: () => false, insertText: () => false }),
      log: Object.freeze({
        debug: (...args: unknown[]) => void this.logs.push({ level: 'debug', args }),
        warn: (...args: unknown[]) => void this.logs.push({ level: 'warn', args }),
        error: (...args: unknown[]) => void this.logs.push({ level: 'error', args }),
      }),
    });
    const dispose = () => {
      for (const unlisten of unlisteners.splice(0)) unlisten();
      this.unmount(pluginId);
    };
    return { api, dispose };
  }

  /** Loads a fresh instance of `code` (the plugin bundle) and activates it. */
  async enable(code: string): Promise<void> {
    if (this.loaded) throw new Error('already enabled');
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    let module: PluginModule;
    try {
      module = (await import(/* @vite-ignore */ url)) as PluginModule;
    } finally {
      URL.revokeObjectURL(url);
    }
    this.evaluations += 1;
    const { api, dispose } = this.buildApi();
    let cleanup: unknown;
    try {
      cleanup = module.activate?.(api);
    } catch (error) {
      dispose();
      throw error;
    }
    this.loaded = { module, cleanup, dispose };
  }

  /** What the loader does on disable: deactivate, the activate cleanup, then the api disposer. */
  disable(): void {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (!loaded) return;
    loaded.module.deactivate?.();
    if (typeof loaded.cleanup === 'function') loaded.cleanup();
    loaded.dispose();
  }

  /** Mounted host containers for `kind` (`overlay`, `slot`, …), each holding what the plugin rendered. */
  containers(kind: Mounted['kind']): HTMLElement[] {
    return this.mounted.filter((entry) => entry.kind === kind).map((entry) => entry.container);
  }

  slotIcons(): Array<ReactElement | null | undefined> {
    return this.mounted.filter((entry) => entry.kind === 'slot').map((entry) => entry.icon);
  }

  get contributions(): number {
    return this.mounted.length;
  }

  close(): void {
    this.disable();
    void this.sidecar?.stop();
    this.listeners.clear();
    for (const entry of this.mounted.splice(0)) entry.container.remove();
    window.__TAURI_INTERNALS__ = this.previousInternals;
    if (!this.previousInternals) delete window.__TAURI_INTERNALS__;
  }

  /** Renders like the React host: registering again under the same id replaces the old one. */
  private mount(kind: Mounted['kind'], pluginId: string, contribution: Record<string, unknown>): void {
    const id = String(contribution.id);
    const previous = this.mounted.findIndex((entry) => entry.kind === kind && entry.pluginId === pluginId && entry.id === id);
    if (previous >= 0) this.drop(previous);
    // A slot owner renders a toggle with the contribution's Icon; React throws without one.
    let icon: ReactElement | null | undefined;
    if (kind === 'slot' || kind === 'title-bar') {
      if (typeof contribution.Icon !== 'function') throw new TypeError('Element type is invalid: expected a component for `Icon` but got: undefined');
      icon = (contribution.Icon as Component)({ size: 16 });
    }
    const container = document.createElement('section');
    container.dataset.fakeHost = kind;
    document.body.append(container);
    const entry: Mounted = { kind, pluginId, id, container, icon };
    this.mounted.push(entry);
    const element = typeof contribution.Component === 'function' ? (contribution.Component as Component)() : null;
    if (element && typeof element.type === 'string') {
      const node = document.createElement(element.type);
      container.append(node);
      entry.ref = typeof element.props.ref === 'function' ? (element.props.ref as Ref) : undefined;
      entry.ref?.(node);
    }
  }

  private unmount(pluginId: string): void {
    for (let i = this.mounted.length - 1; i >= 0; i--) if (this.mounted[i].pluginId === pluginId) this.drop(i);
  }

  private drop(index: number): void {
    const [entry] = this.mounted.splice(index, 1);
    entry.ref?.(null);
    entry.container.remove();
  }
}

/** The plugin's UI bundle, built the way it ships (one ES module). */
export async function pluginBundle(entry: string): Promise<string> {
  const { code } = (await executeServerCommand('sn-bundle', { entry })) as { code: string };
  return code;
}

/**
 * A sidecar scripted by the test, standing in for the process when the real one is not the
 * subject. It keeps the same contract as demo/streamnook/sidecar: `event()` forwards a hooked
 * notification on `onair.feed` and tracks the followed set and the active channel;
 * `onair.snapshot` pushes the snapshot on the feed (in order with events) and answers it with
 * that push's `seq`.
 */
export class ScriptedSidecar implements Sidecar {
  followed: ChannelPayload[] | null = [];
  active: { channel_id: string; login: string } | null = null;
  readonly invoked: Array<{ action: string; args: unknown }> = [];
  private host?: FakeStreamNook;
  private seq = 0;

  async start(host: FakeStreamNook): Promise<void> {
    this.host = host;
  }

  async invokeAction(action: string, args: unknown): Promise<unknown> {
    this.invoked.push({ action, args });
    const snapshot = { followed: structuredClone(this.followed), active: structuredClone(this.active), hooks: [] };
    this.push({ kind: 'snapshot', snapshot });
    return { ...snapshot, seq: this.seq };
  }

  async stop(): Promise<void> {
    this.host = undefined;
  }

  /** A hooked notification, forwarded as the real sidecar forwards it. */
  event(event: string, params: Record<string, unknown>): void {
    const channel = params.channel as { channel_id?: string; login?: string } | undefined;
    if (event === 'on_followed_live' && Array.isArray(params.channels)) this.followed = params.channels as ChannelPayload[];
    if (event === 'on_stream_start' && channel?.channel_id) this.active = { channel_id: channel.channel_id, login: channel.login ?? '' };
    if (event === 'on_channel_change') this.active = { channel_id: String(params.channel_id), login: String(params.login) };
    if (event === 'on_stream_stop' && this.active?.channel_id === params.channel_id) this.active = null;
    this.push({ kind: 'event', event, params });
  }

  /** A `set_status` on `onair.feed`, numbered like the real sidecar's unless `value` has a `seq`. */
  push(value: Record<string, unknown>): void {
    this.host?.setStatus('onair.feed', { seq: ++this.seq, ...value });
  }
}

/**
 * The real sidecar binary, run by the Node side over stdio; its `plugin://status` pushes are
 * polled into the page's event bus. `start` resolves false (skip) when it cannot be built.
 */
export class ProcessSidecar implements Sidecar {
  id?: string;
  skipped?: string;
  private host?: FakeStreamNook;
  private timer?: ReturnType<typeof setInterval>;
  private draining?: Promise<void>;

  constructor(private readonly options: { followed?: ChannelPayload[]; events?: string[] } = {}) {}

  async start(host: FakeStreamNook): Promise<void> {
    const started = (await executeServerCommand('sn-sidecar-start', this.options)) as { id?: string; skipped?: string };
    if (!started.id) {
      this.skipped = started.skipped ?? 'the sidecar did not start';
      return;
    }
    this.id = started.id;
    this.host = host;
    this.timer = setInterval(() => void this.drain(), 20);
  }

  /** A host notification to the sidecar (hooked ones only, as the host does). */
  async notify(event: string, params: unknown): Promise<boolean> {
    const { sent } = (await executeServerCommand('sn-sidecar-notify', { id: this.id, event, params })) as { sent: boolean };
    return sent;
  }

  async setFollowed(followed: ChannelPayload[]): Promise<void> {
    await executeServerCommand('sn-sidecar-followed', { id: this.id, followed });
  }

  async invokeAction(action: string, args: unknown): Promise<unknown> {
    const reply = (await executeServerCommand('sn-sidecar-invoke', { id: this.id, action, args })) as { result?: unknown; error?: string };
    if (reply.error !== undefined) throw reply.error;
    return reply.result;
  }

  async stop(): Promise<void> {
    if (!this.id) return;
    clearInterval(this.timer);
    await this.drain();
    await executeServerCommand('sn-sidecar-stop', { id: this.id });
    this.id = undefined;
  }

  /** Moves the sidecar's pushes onto the page's event bus, in order (one pull at a time). */
  async drain(): Promise<void> {
    while (this.draining) await this.draining;
    this.draining = this.pull().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async pull(): Promise<void> {
    if (!this.id || !this.host) return;
    const { events } = (await executeServerCommand('sn-sidecar-drain', { id: this.id })) as { events: Array<{ name: string; payload: { slot?: string; value?: unknown } }> };
    for (const { name, payload } of events) if (name === 'plugin://status' && payload.slot) this.host.setStatus(payload.slot, payload.value);
  }
}
