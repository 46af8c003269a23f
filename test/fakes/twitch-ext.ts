/**
 * A fake of Twitch's extension helper (`window.Twitch.ext`) that behaves like the real helper script
 * (v1.22, read from its public copies), not like the reference doc where the two differ:
 *
 * - `onAuthorized`, `onContext`, `onVisibilityChanged`, `onError`, `onHighlightChanged`,
 *   `onPositionChanged`, `bits.onTransactionComplete` and `bits.onTransactionCancelled` keep only
 *   the LAST callback: each call replaces the previous one. Those six functions are getter-only
 *   properties of `Twitch.ext` (assigning to them throws in strict code). `features.onChanged`,
 *   `configuration.onChanged`, `viewer.onChanged` and PubSub `listen` add listeners.
 * - `onAuthorized` replays the current auth to a new callback; `onContext` replays the context once
 *   authorized (the context may still be `null`); `onVisibilityChanged` replays only while hidden.
 * - A completed Bits transaction reaches the callback as exactly
 *   `{ product, transactionId, userId, displayName, initiator, transactionReceipt }`: the id field is
 *   `transactionId`, not the documented `transactionID`.
 * - `bits.getProducts()` returns one promise that resolves once, with the first product list Twitch
 *   sends (later lists change nothing), and never rejects.
 * - The bootstrap sets features, configuration and the viewer (decoding the token with `atob`), each
 *   firing its `onChanged`, then fires `onAuthorized`.
 * - PubSub messages arrive as `{ target, contentType, content: string[] }`; each string goes to every
 *   listener of the target. `send` reaches every listener of the channel, the sender included.
 *
 * `attachToParent()` (below) drives the same fake through the helper's postMessage protocol, so a
 * page inside an iframe can be served by `FakeTwitchParent` (twitch-parent.ts) like by Twitch.
 */

type Ext = typeof Twitch.ext;
type PubSubCallback = (target: string, contentType: string, message: string) => void;
type ContextCallback = (context: Partial<Twitch.ext.Context> | null, changed: string[]) => void;
type VisibilityCallback = (visible: boolean, context?: Partial<Twitch.ext.Context> | null) => void;

export interface FakeAuth {
  channelId: string;
  /** Opaque user id: `U…` logged in, `A…` logged out. */
  opaqueUserId: string;
  /** Present only for viewers who shared their identity. */
  userId?: string;
  role: 'broadcaster' | 'moderator' | 'viewer' | 'external';
  /** The token as sent; by default a JWT built from the fields above. */
  token?: string;
  /** The Helix token as sent; by default a fixed fake one. */
  helixToken?: string;
}

export interface SentMessage {
  target: string;
  contentType: string;
  message: string;
}

export interface FlushOptions {
  order?: 'sent' | 'reversed';
  /** Deliver every message twice. */
  duplicate?: boolean;
  /** Indexes (in sent order) of messages PubSub loses. */
  drop?: number[];
}

/** What the helper hands `bits.onTransactionComplete`, field for field. */
export interface RealTransaction {
  product: unknown;
  transactionId: unknown;
  userId: unknown;
  displayName: unknown;
  initiator: unknown;
  transactionReceipt: unknown;
}

const PUBSUB_LIMIT = 5 * 1024;

/**
 * A JWT with `claims` as its payload and a signature nobody checks (the frontend cannot). Standard
 * base64 without padding, which both the helper's `atob` and a base64url reader accept.
 */
export function fakeToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.not-a-real-signature`;
}

export function product(sku: string, bits: number, displayName = sku): Twitch.ext.BitsProduct {
  return { sku, displayName, cost: { amount: String(bits), type: 'bits' } };
}

/** The claims the helper reads from a token, as the helper decodes them (`atob`, no base64url). */
function helperClaims(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    return JSON.parse(atob(part)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export class FakeTwitchExt {
  readonly ext: Ext;

  /** Every `useBits` sku, in order. */
  readonly useBitsCalls: string[] = [];
  /** Every message PubSub accepted, in order. */
  readonly sent: SentMessage[] = [];
  /** When true, accepted sends wait in `inFlight` until `flush()`. */
  holdPubSub = false;
  /** How many times each single-callback registration function was called. */
  readonly registrations: Record<string, number> = {};

  private readonly inFlight: SentMessage[] = [];
  private readonly listeners = new Map<string, PubSubCallback[]>();
  /** The helper keeps one callback per kind: the last one registered. */
  private readonly last: {
    authorized?: (auth: Twitch.ext.Authorized) => void;
    context?: ContextCallback;
    visibility?: VisibilityCallback;
    error?: (error: unknown) => void;
    highlight?: (highlighted: boolean) => void;
    position?: (position: { x: number; y: number }) => void;
    follow?: (didFollow: boolean, channelName: string) => void;
    complete?: (transaction: RealTransaction) => void;
    cancelled?: () => void;
  } = {};
  private readonly many = {
    features: [] as Array<(changed: readonly string[]) => void>,
    configuration: [] as Array<() => void>,
    viewer: [] as Array<() => void>,
  };
  private auth?: Twitch.ext.Authorized;
  private authRole?: FakeAuth['role'];
  private viewerStatus?: { id: string | null; opaqueId: unknown; role: unknown; isLinked: boolean; sessionToken: string };
  private context: Partial<Twitch.ext.Context> | null = null;
  private changedFields: string[] = [];
  private visible = true;
  private flags = { isBitsEnabled: false, isChatEnabled: false, isSubscriptionStatusAvailable: false };
  private segments: Record<'broadcaster' | 'developer' | 'global', { version: string; content: string } | undefined> = {
    broadcaster: undefined,
    developer: undefined,
    global: undefined,
  };
  private productList?: unknown;
  private resolveProducts!: (products: unknown) => void;
  private rejectProductsWith!: (error: unknown) => void;
  private readonly productsPromise: Promise<unknown>;
  /** Set by `attachToParent`: where actions go instead of staying in this object. */
  outbound?: (message: Record<string, unknown>) => void;
  /** Whether PubSub runs through the parent (`features.sharePubsub`). */
  sharePubsub = false;

  constructor() {
    this.productsPromise = new Promise((resolve, reject) => {
      this.resolveProducts = resolve;
      this.rejectProductsWith = reject;
    });
    // Keeps a test that never awaits a rejection from failing the run.
    this.productsPromise.catch(() => undefined);
    const fake = this;
    const count = (name: string) => (fake.registrations[name] = (fake.registrations[name] ?? 0) + 1);
    const status = () => fake.viewerStatus;
    const viewer = {
      get opaqueId() {
        return status()?.opaqueId ?? null;
      },
      get id() {
        return status()?.id ?? null;
      },
      get role() {
        return status()?.role ?? null;
      },
      get isLinked() {
        return status()?.isLinked ?? null;
      },
      get sessionToken() {
        return status()?.sessionToken ?? null;
      },
      get subscriptionStatus() {
        return null;
      },
      onChanged: (callback: () => void) => void fake.many.viewer.push(callback),
    };
    const bits = {
      getProducts: () => fake.productsPromise,
      onTransactionCancelled: (callback: () => void) => {
        count('bits.onTransactionCancelled');
        fake.last.cancelled = callback;
      },
      onTransactionComplete: (callback: (transaction: RealTransaction) => void) => {
        count('bits.onTransactionComplete');
        fake.last.complete = callback;
      },
      setUseLoopback: () => undefined,
      showBitsBalance: () => fake.outbound?.({ action: 'twitch-ext-bits-on-hover' }),
      useBits: (sku: string) => {
        fake.useBitsCalls.push(sku);
        fake.outbound?.({ action: 'twitch-ext-use-bits', sku });
      },
    };
    const features = {
      get isBitsEnabled() {
        return fake.flags.isBitsEnabled;
      },
      get isChatEnabled() {
        return fake.flags.isChatEnabled;
      },
      get isSubscriptionStatusAvailable() {
        return fake.flags.isSubscriptionStatusAvailable;
      },
      onChanged: (callback: (changed: readonly string[]) => void) => void fake.many.features.push(callback),
    };
    const configuration = {
      get broadcaster() {
        return fake.segments.broadcaster;
      },
      get developer() {
        return fake.segments.developer;
      },
      get global() {
        return fake.segments.global;
      },
      onChanged: (callback: () => void) => void fake.many.configuration.push(callback),
      set: (segment: string, version: string, content: string) =>
        fake.setConfiguration(content, version, segment as 'broadcaster' | 'developer' | 'global'),
    };
    const actions = {
      followChannel: () => undefined,
      minimize: () => undefined,
      onFollow: (callback: (didFollow: boolean, channelName: string) => void) => (fake.last.follow = callback),
      requestIdShare: () => undefined,
    };
    const onAuthorized = (callback: (auth: Twitch.ext.Authorized) => void) => {
      count('onAuthorized');
      fake.last.authorized = callback;
      if (fake.auth) callback(fake.auth);
    };
    const onContext = (callback: ContextCallback) => {
      count('onContext');
      fake.last.context = callback;
      if (fake.auth) callback(fake.context, fake.changedFields);
    };
    const onVisibilityChanged = (callback: VisibilityCallback) => {
      count('onVisibilityChanged');
      fake.last.visibility = callback;
      if (!fake.visible) callback(false, null);
    };
    const onError = (callback: (error: unknown) => void) => {
      count('onError');
      fake.last.error = callback;
    };
    const onHighlightChanged = (callback: (highlighted: boolean) => void) => (fake.last.highlight = callback);
    const onPositionChanged = (callback: (position: { x: number; y: number }) => void) => (fake.last.position = callback);
    // Like the helper's public object: the callback registrations are getter-only properties, the
    // namespaces plain properties holding one object each.
    const ext = {
      get version() {
        return '1.22.0-fake';
      },
      get environment() {
        return 'production';
      },
      get onAuthorized() {
        return onAuthorized;
      },
      get onContext() {
        return onContext;
      },
      get onError() {
        return onError;
      },
      get onVisibilityChanged() {
        return onVisibilityChanged;
      },
      get onHighlightChanged() {
        return onHighlightChanged;
      },
      get onPositionChanged() {
        return onPositionChanged;
      },
      send: (target: string, contentType: string, message: object | string) => fake.send(target, contentType, message),
      listen: (target: string, callback: PubSubCallback) => {
        const list = fake.listeners.get(target) ?? [];
        const first = list.length === 0;
        if (!list.includes(callback)) list.push(callback);
        fake.listeners.set(target, list);
        if (first && fake.sharePubsub) fake.outbound?.({ action: 'twitch-ext-pubsub-listen', target });
      },
      unlisten: (target: string, callback: PubSubCallback) => {
        const list = (fake.listeners.get(target) ?? []).filter((entry) => entry !== callback);
        fake.listeners.set(target, list);
        if (list.length === 0 && fake.sharePubsub) fake.outbound?.({ action: 'twitch-ext-pubsub-unlisten', target });
      },
      actions,
      bits,
      configuration,
      features,
      rig: { log: () => undefined },
      viewer,
    };
    this.ext = ext as unknown as Ext;
  }

  // ---- counts --------------------------------------------------------------------------------

  /** PubSub listeners still registered (the only kind the helper can remove). */
  liveListeners(): number {
    let total = 0;
    for (const list of this.listeners.values()) total += list.length;
    return total;
  }

  /** Listeners added with the `onChanged` functions, which the helper never removes. */
  permanentCallbacks(): number {
    return Object.values(this.many).reduce((sum, list) => sum + list.length, 0);
  }

  // ---- controls: what Twitch's page sends --------------------------------------------------------

  /**
   * `twitch-ext-bootstrap`: feature flags, configuration and the viewer first (each firing its
   * `onChanged`), then `onAuthorized`.
   */
  bootstrap(
    auth: Partial<FakeAuth> = {},
    features: Partial<{ isBitsEnabled: boolean; isChatEnabled: boolean; isSubscriptionStatusAvailable: boolean; sharePubsub: boolean }> = {},
    configuration: { broadcaster?: { version: string; content: string } } = {},
  ): Twitch.ext.Authorized {
    const authData = this.authData(auth);
    if (features.sharePubsub !== undefined) this.sharePubsub = features.sharePubsub;
    this.updateFlags(features);
    this.segments = { ...this.segments, broadcaster: configuration.broadcaster };
    for (const callback of [...this.many.configuration]) callback();
    this.initViewer(authData);
    this.receiveAuth(authData);
    return authData;
  }

  /** `twitch-ext-auth` (a refreshed token), or the bootstrap when none came yet. */
  authorize(auth: Partial<FakeAuth> = {}): Twitch.ext.Authorized {
    if (!this.viewerStatus) return this.bootstrap(auth, {}, { broadcaster: this.segments.broadcaster });
    const authData = this.authData(auth);
    this.initViewer(authData);
    this.receiveAuth(authData);
    return authData;
  }

  /** Hands `onAuthorized` any payload at all (for malformed-input tests). */
  authorizeRaw(payload: unknown): void {
    this.last.authorized?.(payload as Twitch.ext.Authorized);
  }

  /** `twitch-ext-viewer-update`: changes what `Twitch.ext.viewer` reports and fires `viewer.onChanged`. */
  updateViewer(patch: Partial<FakeAuth>): void {
    if (!this.viewerStatus) return;
    if (patch.userId !== undefined) this.viewerStatus = { ...this.viewerStatus, id: patch.userId, isLinked: true };
    if (patch.role !== undefined) this.viewerStatus = { ...this.viewerStatus, role: patch.role };
    for (const callback of [...this.many.viewer]) callback();
  }

  /** `twitch-ext-context`: the whole context and the names of the changed fields. */
  setContext(patch: Partial<Twitch.ext.Context>): void {
    this.context = { ...(this.context ?? {}), ...patch };
    this.changedFields = Object.keys(patch);
    this.last.context?.(this.context, this.changedFields);
  }

  /** Hands `onContext` any payload at all. */
  contextRaw(payload: unknown): void {
    this.last.context?.(payload as Partial<Twitch.ext.Context>, []);
  }

  /** `twitch-ext-visibility-changed`. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.last.visibility?.(visible, visible ? this.context : undefined);
  }

  visibilityRaw(visible: unknown, context?: unknown): void {
    this.last.visibility?.(visible as boolean, context as Partial<Twitch.ext.Context>);
  }

  /** `twitch-ext-error`: the helper wraps the message in an `Error`. */
  fail(error: unknown): void {
    this.last.error?.(error);
  }

  /** A bootstrap with changed feature flags: fires `features.onChanged` with the changed names. */
  setBitsEnabled(enabled: boolean): void {
    this.updateFlags({ isBitsEnabled: enabled });
  }

  /**
   * `twitch-ext-bits-products`: only the first list counts, as the helper resolves one promise.
   * Assigning `products` is the same as calling this.
   */
  set products(list: unknown) {
    if (this.productList !== undefined) return;
    this.productList = list;
    this.resolveProducts(list);
  }

  get products(): unknown {
    return this.productList;
  }

  /** What the reference doc says older clients do when they cannot list products. */
  rejectProducts(error: unknown): void {
    this.rejectProductsWith(error);
  }

  /**
   * `twitch-ext-bits-transaction-complete`, as Twitch sends it to every frame of the channel: the
   * callback gets the helper's six fields and nothing else. Given a `transactionID` (and no
   * `transactionId`), it delivers the shape the reference doc describes instead, with that id field.
   */
  completeTransaction(fields: Partial<RealTransaction> & Record<string, unknown> = {}): RealTransaction {
    const sku = this.useBitsCalls.at(-1) ?? 'unknown';
    const found = Array.isArray(this.productList)
      ? (this.productList as Twitch.ext.BitsProduct[]).find((p) => p?.sku === sku)
      : undefined;
    const transaction: RealTransaction & Record<string, unknown> = {
      product: found ?? product(sku, 1),
      transactionId: `tx-${Math.random().toString(36).slice(2)}`,
      userId: this.viewerStatus?.id ?? '5678',
      displayName: 'Viewer',
      initiator: 'current_user',
      transactionReceipt: fakeToken({ topic: 'bits_transaction_receipt' }),
      ...fields,
    };
    if ('transactionID' in fields && !('transactionId' in fields)) delete (transaction as Partial<RealTransaction>).transactionId;
    this.last.complete?.(transaction);
    return transaction;
  }

  transactionRaw(payload: unknown): void {
    this.last.complete?.(payload as RealTransaction);
  }

  /** `twitch-ext-use-bits-complete` without confirmation. */
  cancelTransaction(): void {
    this.last.cancelled?.();
  }

  /** Stores a configuration segment and fires `configuration.onChanged`. */
  setConfiguration(content: string, version = '1', segment: 'broadcaster' | 'developer' | 'global' = 'broadcaster'): void {
    this.segments[segment] = { version, content };
    for (const callback of [...this.many.configuration]) callback();
  }

  /** Sets the broadcaster segment to any value at all and fires `configuration.onChanged`. */
  configurationRaw(segment: unknown): void {
    this.segments.broadcaster = segment as { version: string; content: string };
    for (const callback of [...this.many.configuration]) callback();
  }

  /** `twitch-ext-pubsub-message`: each string of `content` goes to every listener of `target`. */
  pubsubMessage(payload: { target: string; contentType: string; content: unknown[] }): void {
    for (const message of payload.content) {
      for (const callback of [...(this.listeners.get(payload.target) ?? [])]) callback(payload.target, payload.contentType, message as string);
    }
  }

  /** Delivers one message to `target`'s listeners now, as if the EBS had sent it. */
  deliver(message: unknown, target = 'broadcast', contentType = 'application/json'): void {
    this.pubsubMessage({ target, contentType, content: [message] });
  }

  /** Delivers held sends: in order or reversed, each once or twice, minus dropped ones. */
  flush({ order = 'sent', duplicate = false, drop = [] }: FlushOptions = {}): void {
    const batch = this.inFlight.splice(0).filter((_, index) => !drop.includes(index));
    if (order === 'reversed') batch.reverse();
    for (const message of batch) {
      for (let copy = 0; copy < (duplicate ? 2 : 1); copy += 1) this.deliver(message.message, message.target, message.contentType);
    }
  }

  /** Handles one `twitch-ext-*` message from Twitch's page, as the helper does. */
  fromParent(data: Record<string, any>): void {
    switch (data.action) {
      case 'twitch-ext-bootstrap': {
        const features = (data.features ?? {}) as Record<string, unknown>;
        this.sharePubsub = features.sharePubsub === true || features.useSharedPubsub === true;
        this.updateFlags(features);
        const configuration = (data.configuration ?? {}) as Record<string, any>;
        this.segments = { broadcaster: configuration.broadcaster, developer: configuration.developer, global: configuration.global };
        for (const callback of [...this.many.configuration]) callback();
        this.initViewer(data.auth);
        this.receiveAuth(data.auth);
        break;
      }
      case 'twitch-ext-auth':
        this.initViewer(data.auth);
        this.receiveAuth(data.auth);
        break;
      case 'twitch-ext-error':
        this.last.error?.(new Error(data.message));
        break;
      case 'twitch-ext-context':
        this.context = data.context;
        this.changedFields = data.updatedFields;
        this.last.context?.(data.context, data.updatedFields);
        break;
      case 'twitch-ext-visibility-changed':
        this.visible = data.isVisible;
        this.last.visibility?.(data.isVisible, data.context);
        break;
      case 'twitch-ext-bits-products':
        this.products = data.products;
        break;
      case 'twitch-ext-bits-transaction-complete': {
        const { product: item, transactionId, userId, displayName, initiator, transactionReceipt } = data;
        this.last.complete?.({ product: item, transactionId, userId, displayName, initiator, transactionReceipt });
        break;
      }
      case 'twitch-ext-use-bits-complete':
        if (!data.didConfirm || !data.didUseBits) this.last.cancelled?.();
        break;
      case 'twitch-ext-pubsub-message':
        this.pubsubMessage(data.payload);
        break;
    }
  }

  // ---- internals -----------------------------------------------------------------------------

  private authData(auth: Partial<FakeAuth>): Twitch.ext.Authorized {
    const identity: FakeAuth = { channelId: '1234', opaqueUserId: 'U5678', role: 'viewer', ...auth };
    const token =
      identity.token ??
      fakeToken({
        exp: Math.floor(Date.now() / 1000) + 3600,
        opaque_user_id: identity.opaqueUserId,
        ...(identity.userId ? { user_id: identity.userId } : {}),
        channel_id: identity.channelId,
        role: identity.role,
        pubsub_perms: { listen: ['broadcast'], send: identity.role === 'broadcaster' ? ['broadcast'] : [] },
      });
    this.authRole = identity.role;
    return {
      channelId: identity.channelId,
      clientId: 'fake-client',
      token,
      helixToken: identity.helixToken ?? 'fake-helix-token',
      userId: identity.opaqueUserId,
    };
  }

  /** Like the helper: the viewer is read from the token; a token `atob` cannot read leaves it as it was. */
  private initViewer(auth: Twitch.ext.Authorized): void {
    const claims = helperClaims(auth.token);
    if (!claims) return;
    const id = typeof claims.user_id === 'string' ? claims.user_id : null;
    this.viewerStatus = { id, opaqueId: claims.opaque_user_id, role: claims.role, isLinked: id !== null, sessionToken: auth.token };
    for (const callback of [...this.many.viewer]) callback();
  }

  private receiveAuth(auth: Twitch.ext.Authorized): void {
    this.auth = auth;
    this.last.authorized?.(auth);
  }

  private updateFlags(flags: Partial<FakeTwitchExt['flags']>): void {
    const changed = (Object.keys(this.flags) as Array<keyof FakeTwitchExt['flags']>).filter(
      (key) => flags[key] !== undefined && flags[key] !== this.flags[key],
    );
    this.flags = { ...this.flags, ...Object.fromEntries(Object.entries(flags).filter(([key]) => key in this.flags)) };
    if (changed.length > 0) for (const callback of [...this.many.features]) callback(changed);
  }

  private send(target: string, contentType: string, message: object | string): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    if (this.authRole !== 'broadcaster') {
      queueMicrotask(() => this.fail(new Error('sendToPubsub(signal) failed: Forbidden')));
      return;
    }
    if (new TextEncoder().encode(text).length > PUBSUB_LIMIT) {
      queueMicrotask(() => this.fail(new Error('sendToPubsub(signal) failed: Request Entity Too Large')));
      return;
    }
    const sent = { target, contentType, message: text };
    this.sent.push(sent);
    if (this.outbound) {
      // Stands in for the helper's HTTP request to Twitch's PubSub service.
      this.outbound({ action: 'fake-pubsub-send', target, contentType, message: text });
      return;
    }
    if (this.holdPubSub) this.inFlight.push(sent);
    else queueMicrotask(() => this.deliver(sent.message, sent.target, sent.contentType));
  }
}

/**
 * Makes `fake` the helper of `win` (an extension iframe): sets `win.Twitch.ext` (keeping one that is
 * already there, as the helper does), posts `twitch-ext-loaded` to the parent, and from then on
 * handles the parent's `twitch-ext-*` messages and posts the helper's own actions to the parent.
 * Only messages whose source is the parent are read, like the helper.
 */
export function attachToParent(fake: FakeTwitchExt, win: Window = window): () => void {
  const holder = win as unknown as { Twitch?: { ext?: unknown } };
  holder.Twitch = holder.Twitch ?? {};
  holder.Twitch.ext = holder.Twitch.ext ?? fake.ext;
  fake.outbound = (message) => win.parent.postMessage(message, '*');
  const onMessage = (event: MessageEvent) => {
    if (event.source !== win.parent) return;
    const data = event.data as Record<string, any> | null;
    if (typeof data !== 'object' || data === null || typeof data.action !== 'string') return;
    fake.fromParent(data);
  };
  win.addEventListener('message', onMessage);
  win.parent.postMessage({ action: 'twitch-ext-loaded' }, '*');
  return () => win.removeEventListener('message', onMessage);
}
