/**
 * A fake of Twitch's extension helper (`window.Twitch.ext`), built from Twitch's Extensions
 * JavaScript helper reference (https://dev.twitch.tv/docs/extensions/reference/). It implements the whole typed surface of `@types/twitch-ext` and adds
 * controls for tests: fire auth, context, visibility and errors; set Bits products and finish or
 * cancel `useBits`; run a small PubSub that delivers `send`s to listeners (in order, reversed,
 * duplicated or dropped); set configuration and feature flags; and count live listeners.
 *
 * Faithful details: `onAuthorized` and `onContext` replay the current values to late callbacks;
 * callbacks cannot be removed (only `unlisten` removes anything); `send` is delivered
 * asynchronously, also back to the sender's own listeners; the PubSub service refuses sends from a
 * token whose real role is not broadcaster and messages over 5 KB, reporting through `onError`.
 */

type Ext = typeof Twitch.ext;
type PubSubCallback = (target: string, contentType: string, message: string) => void;

export interface FakeAuth {
  channelId: string;
  /** Opaque user id: `U…` logged in, `A…` logged out. */
  opaqueUserId: string;
  /** Present only for viewers who shared their identity. */
  userId?: string;
  role: 'broadcaster' | 'moderator' | 'viewer' | 'external';
  /** The token as sent; by default a JWT built from the fields above. */
  token?: string;
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

const PUBSUB_LIMIT = 5 * 1024;

/** A JWT with `claims` as its payload and a signature nobody checks (the frontend cannot). */
export function fakeToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.not-a-real-signature`;
}

export function product(sku: string, bits: number, displayName = sku): Twitch.ext.BitsProduct {
  return { sku, displayName, cost: { amount: String(bits), type: 'bits' } };
}

export class FakeTwitchExt {
  readonly ext: Ext;

  /** Every `useBits` sku, in order. */
  readonly useBitsCalls: string[] = [];
  /** Every message PubSub accepted, in order. */
  readonly sent: SentMessage[] = [];
  /** When true, accepted sends wait in `inFlight` until `flush()`. */
  holdPubSub = false;
  /** `getProducts()` resolves to this list (any shape, to test validation) … */
  products: unknown = [];
  /** … or rejects with this. */
  productsError?: unknown;

  private readonly inFlight: SentMessage[] = [];
  private readonly listeners = new Map<string, Set<PubSubCallback>>();
  private readonly callbacks = {
    authorized: [] as Array<(auth: Twitch.ext.Authorized) => void>,
    context: [] as Array<(context: Partial<Twitch.ext.Context>, changed: string[]) => void>,
    visibility: [] as Array<(visible: boolean, context?: Partial<Twitch.ext.Context>) => void>,
    error: [] as Array<(error: unknown) => void>,
    highlight: [] as Array<(highlighted: boolean) => void>,
    position: [] as Array<(position: { x: number; y: number }) => void>,
    follow: [] as Array<(didFollow: boolean, channelName: string) => void>,
    features: [] as Array<(changed: readonly Twitch.ext.features.ChangedKey[]) => void>,
    configuration: [] as Array<() => void>,
    viewer: [] as Array<() => void>,
    complete: [] as Array<(transaction: Twitch.ext.BitsTransaction) => void>,
    cancelled: [] as Array<() => void>,
  };
  private auth?: Twitch.ext.Authorized;
  private authRole?: FakeAuth['role'];
  private identity?: FakeAuth;
  private context: Partial<Twitch.ext.Context> = {};
  private bitsEnabled = false;
  private segments: Record<'broadcaster' | 'developer' | 'global', { version: string; content: string } | undefined> = {
    broadcaster: undefined,
    developer: undefined,
    global: undefined,
  };

  constructor() {
    const fake = this;
    const viewer: Twitch.ext.Viewer = {
      get opaqueId() {
        return fake.identity?.opaqueUserId ?? (null as unknown as string);
      },
      get id() {
        return fake.identity?.userId ?? null;
      },
      get role() {
        return fake.identity?.role ?? (null as unknown as string);
      },
      get isLinked() {
        return Boolean(fake.identity?.userId);
      },
      get sessionToken() {
        return fake.auth?.token ?? (null as unknown as string);
      },
      get helixToken() {
        return fake.auth?.helixToken ?? (null as unknown as string);
      },
      subscriptionStatus: null,
      onChanged: (callback) => void fake.callbacks.viewer.push(callback),
    };
    const ext: Ext = {
      version: '1.0.0-fake',
      environment: 'production',
      actions: {
        followChannel: () => undefined,
        minimize: () => undefined,
        onFollow: (callback) => void fake.callbacks.follow.push(callback),
        requestIdShare: () => undefined,
      },
      configuration: {
        get broadcaster() {
          return fake.segments.broadcaster;
        },
        get developer() {
          return fake.segments.developer;
        },
        get global() {
          return fake.segments.global;
        },
        onChanged: (callback) => void fake.callbacks.configuration.push(callback),
        set: (segment, version, content) => fake.setConfiguration(content, version, segment),
      },
      features: {
        get isBitsEnabled() {
          return fake.bitsEnabled;
        },
        isChatEnabled: false,
        isSubscriptionStatusAvailable: false,
        onChanged: (callback) => void fake.callbacks.features.push(callback),
      },
      bits: {
        getProducts: () =>
          fake.productsError !== undefined
            ? Promise.reject(fake.productsError)
            : Promise.resolve(fake.products as readonly Twitch.ext.BitsProduct[]),
        onTransactionCancelled: (callback) => void fake.callbacks.cancelled.push(callback),
        onTransactionComplete: (callback) => void fake.callbacks.complete.push(callback),
        setUseLoopback: () => undefined,
        showBitsBalance: () => undefined,
        useBits: (sku) => void fake.useBitsCalls.push(sku),
      },
      viewer,
      rig: { log: () => undefined },
      onAuthorized: (callback) => {
        fake.callbacks.authorized.push(callback);
        if (fake.auth) callback(fake.auth);
      },
      onContext: (callback) => {
        const typed = callback as (context: Partial<Twitch.ext.Context>, changed: string[]) => void;
        fake.callbacks.context.push(typed);
        if (Object.keys(fake.context).length > 0) typed(fake.context, Object.keys(fake.context));
      },
      onError: (callback) => void fake.callbacks.error.push(callback),
      onHighlightChanged: (callback) => void fake.callbacks.highlight.push(callback),
      onPositionChanged: (callback) => void fake.callbacks.position.push(callback),
      onVisibilityChanged: (callback) =>
        void fake.callbacks.visibility.push(callback as (visible: boolean, context?: Partial<Twitch.ext.Context>) => void),
      send: (target, contentType, message) => fake.send(target, contentType, message),
      listen: (target, callback) => {
        const set = fake.listeners.get(target) ?? new Set();
        set.add(callback);
        fake.listeners.set(target, set);
      },
      unlisten: (target, callback) => {
        fake.listeners.get(target)?.delete(callback);
      },
    };
    this.ext = ext;
  }

  // ---- counts --------------------------------------------------------------------------------

  /** PubSub listeners still registered (the only kind the helper can remove). */
  liveListeners(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  /** Callbacks registered with the helper's `on…` functions, which can never be removed. */
  permanentCallbacks(): number {
    return Object.values(this.callbacks).reduce((sum, list) => sum + list.length, 0);
  }

  // ---- controls ------------------------------------------------------------------------------

  /** Fires `onAuthorized` (and `viewer.onChanged`, as the helper updates `viewer` with it). */
  authorize(auth: Partial<FakeAuth> = {}): Twitch.ext.Authorized {
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
    this.identity = identity;
    this.authRole = identity.role;
    this.auth = { channelId: identity.channelId, clientId: 'fake-client', token, helixToken: 'helix', userId: identity.opaqueUserId };
    for (const callback of [...this.callbacks.authorized]) callback(this.auth);
    for (const callback of [...this.callbacks.viewer]) callback();
    return this.auth;
  }

  /** Changes what `Twitch.ext.viewer` reports (e.g. after an identity share) and fires `viewer.onChanged`. */
  updateViewer(patch: Partial<FakeAuth>): void {
    this.identity = { channelId: '1234', opaqueUserId: 'U5678', role: 'viewer', ...this.identity, ...patch };
    for (const callback of [...this.callbacks.viewer]) callback();
  }

  /** Fires `onAuthorized` with any payload at all (for malformed-input tests). */
  authorizeRaw(payload: unknown): void {
    for (const callback of [...this.callbacks.authorized]) callback(payload as Twitch.ext.Authorized);
  }

  setContext(patch: Partial<Twitch.ext.Context>): void {
    this.context = { ...this.context, ...patch };
    for (const callback of [...this.callbacks.context]) callback(this.context, Object.keys(patch));
  }

  /** Fires `onContext` with any payload at all. */
  contextRaw(payload: unknown): void {
    for (const callback of [...this.callbacks.context]) callback(payload as Partial<Twitch.ext.Context>, []);
  }

  setVisible(visible: boolean): void {
    for (const callback of [...this.callbacks.visibility]) callback(visible, visible ? this.context : undefined);
  }

  visibilityRaw(visible: unknown, context?: unknown): void {
    for (const callback of [...this.callbacks.visibility]) {
      callback(visible as boolean, context as Partial<Twitch.ext.Context>);
    }
  }

  fail(error: unknown): void {
    for (const callback of [...this.callbacks.error]) callback(error);
  }

  /** Sets `features.isBitsEnabled` and fires `features.onChanged`. */
  setBitsEnabled(enabled: boolean): void {
    this.bitsEnabled = enabled;
    for (const callback of [...this.callbacks.features]) callback(['isBitsEnabled']);
  }

  /** Fires `onTransactionComplete` as Twitch does for every viewer of the channel. */
  completeTransaction(fields: Partial<Record<keyof Twitch.ext.BitsTransaction, unknown>> = {}): Twitch.ext.BitsTransaction {
    const sku = this.useBitsCalls.at(-1) ?? 'unknown';
    const found = Array.isArray(this.products)
      ? (this.products as Twitch.ext.BitsProduct[]).find((p) => p?.sku === sku)
      : undefined;
    const transaction = {
      displayName: 'Viewer',
      initiator: 'current_user',
      product: found ?? product(sku, 1),
      domainID: 'twitch.ext.fake',
      transactionID: `tx-${Math.random().toString(36).slice(2)}`,
      transactionReceipt: fakeToken({ topic: 'bits_transaction_receipt' }),
      userId: this.identity?.userId ?? '5678',
      ...fields,
    } as Twitch.ext.BitsTransaction;
    for (const callback of [...this.callbacks.complete]) callback(transaction);
    return transaction;
  }

  transactionRaw(payload: unknown): void {
    for (const callback of [...this.callbacks.complete]) callback(payload as Twitch.ext.BitsTransaction);
  }

  cancelTransaction(): void {
    for (const callback of [...this.callbacks.cancelled]) callback();
  }

  /** Stores the broadcaster segment and fires `configuration.onChanged`. */
  setConfiguration(content: string, version = '1', segment: 'broadcaster' | 'developer' | 'global' = 'broadcaster'): void {
    this.segments[segment] = { version, content };
    for (const callback of [...this.callbacks.configuration]) callback();
  }

  /** Sets the broadcaster segment to any value at all and fires `configuration.onChanged`. */
  configurationRaw(segment: unknown): void {
    this.segments.broadcaster = segment as { version: string; content: string };
    for (const callback of [...this.callbacks.configuration]) callback();
  }

  /** Delivers a message to `target`'s listeners now, as if the EBS had sent it. */
  deliver(message: unknown, target = 'broadcast', contentType = 'application/json'): void {
    for (const callback of [...(this.listeners.get(target) ?? [])]) callback(target, contentType, message as string);
  }

  /** Delivers held sends: in order or reversed, each once or twice, minus dropped ones. */
  flush({ order = 'sent', duplicate = false, drop = [] }: FlushOptions = {}): void {
    const batch = this.inFlight.splice(0).filter((_, index) => !drop.includes(index));
    if (order === 'reversed') batch.reverse();
    for (const message of batch) {
      for (let copy = 0; copy < (duplicate ? 2 : 1); copy += 1) this.deliver(message.message, message.target, message.contentType);
    }
  }

  private send(target: string, contentType: string, message: object | string): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    if (this.authRole !== 'broadcaster') {
      queueMicrotask(() => this.fail(new Error(`PubSub refused a send to ${target}: not permitted`)));
      return;
    }
    if (new TextEncoder().encode(text).length > PUBSUB_LIMIT) {
      queueMicrotask(() => this.fail(new Error('PubSub refused a message over 5 KB')));
      return;
    }
    const sent = { target, contentType, message: text };
    this.sent.push(sent);
    if (this.holdPubSub) this.inFlight.push(sent);
    else queueMicrotask(() => this.deliver(sent.message, sent.target, sent.contentType));
  }
}
