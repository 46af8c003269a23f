/**
 * Twitch's side of an extension iframe, for a test page that plays Twitch: it speaks the helper's
 * `twitch-ext-*` postMessage protocol the way Twitch's page does (read from the helper's public
 * copies; undocumented). When a frame's helper posts `twitch-ext-loaded`, it answers in Twitch's
 * order: `twitch-ext-bootstrap` (auth, features, configuration), `twitch-ext-context`,
 * `twitch-ext-visibility-changed`, `twitch-ext-bits-products`. It records `twitch-ext-use-bits`,
 * finishes or cancels purchases (a completed one reaches every frame of the channel, `current_user`
 * for the buyer's frames and `other` for the rest), relays PubSub as `twitch-ext-pubsub-message`
 * with a `content` array of strings, and stands in for Twitch's PubSub service behind `send`.
 */
import { fakeToken, product, type FakeAuth } from './twitch-ext.js';

export interface TwitchFrame {
  win: Window;
  auth: FakeAuth;
  /** Set once the frame's helper said `twitch-ext-loaded`. */
  loaded: boolean;
  /** PubSub targets the frame listens to. */
  targets: Set<string>;
}

export interface ParentOptions {
  products?: Twitch.ext.BitsProduct[];
  isBitsEnabled?: boolean;
  configuration?: string;
  context?: Partial<Twitch.ext.Context>;
}

export class FakeTwitchParent {
  /** Every `twitch-ext-use-bits` as `{ frame, sku }`, in order. */
  readonly useBits: Array<{ frame: Window; sku: string }> = [];
  /** Every action a frame posted, in order. */
  readonly received: Array<{ frame: Window; action: string }> = [];
  readonly frames = new Map<Window, TwitchFrame>();
  products: Twitch.ext.BitsProduct[];
  isBitsEnabled: boolean;
  configuration: string;
  context: Partial<Twitch.ext.Context>;

  constructor(options: ParentOptions = {}) {
    this.products = options.products ?? [product('small', 100, 'Small cheer'), product('big', 10_000, 'Big cheer')];
    this.isBitsEnabled = options.isBitsEnabled ?? true;
    this.configuration = options.configuration ?? '';
    this.context = options.context ?? { theme: 'light', mode: 'viewer', isPaused: false };
    window.addEventListener('message', this.onMessage);
  }

  /** Serves `iframe` (already in the document) for a viewer with `auth`. */
  addFrame(iframe: HTMLIFrameElement, auth: Partial<FakeAuth> = {}): Window {
    const win = iframe.contentWindow;
    if (!win) throw new Error('the iframe is not in the document');
    this.frames.set(win, { win, auth: { channelId: '1234', opaqueUserId: 'U5678', userId: '5678', role: 'viewer', ...auth }, loaded: false, targets: new Set() });
    return win;
  }

  /** The token and Helix token a frame was given, for tests that look for leaks. */
  credentials(frame: Window): { token: string; helixToken: string } {
    const auth = this.authFor(this.frame(frame).auth);
    return { token: auth.token, helixToken: auth.helixToken };
  }

  /** Finishes the last purchase of `buyer` (or `sku`): every frame hears it, with its own initiator. */
  complete(buyer: Window, fields: { sku?: string; transactionId?: string; displayName?: string } = {}): string {
    const sku = fields.sku ?? [...this.useBits].reverse().find((entry) => entry.frame === buyer)?.sku ?? 'small';
    const item = this.products.find((entry) => entry.sku === sku) ?? product(sku, 1);
    const transactionId = fields.transactionId ?? `tx-${Math.random().toString(36).slice(2)}`;
    const buyerAuth = this.frame(buyer).auth;
    for (const frame of this.frames.values()) {
      const sameUser = frame.auth.opaqueUserId === buyerAuth.opaqueUserId;
      this.post(frame.win, {
        action: 'twitch-ext-bits-transaction-complete',
        product: item,
        transactionId,
        userId: buyerAuth.userId,
        displayName: fields.displayName ?? 'Viewer',
        initiator: sameUser ? 'current_user' : 'other',
        transactionReceipt: fakeToken({ topic: 'bits_transaction_receipt', data: { transactionId } }),
      });
    }
    return transactionId;
  }

  /** The viewer closed Twitch's purchase dialog. */
  cancel(frame: Window): void {
    this.post(frame, { action: 'twitch-ext-use-bits-complete', didConfirm: false });
  }

  setContext(patch: Partial<Twitch.ext.Context>, only?: Window): void {
    this.context = { ...this.context, ...patch };
    for (const frame of this.targetFrames(only)) {
      this.post(frame.win, { action: 'twitch-ext-context', context: this.context, updatedFields: Object.keys(patch) });
    }
  }

  setVisible(isVisible: boolean, only?: Window): void {
    for (const frame of this.targetFrames(only)) {
      this.post(frame.win, { action: 'twitch-ext-visibility-changed', isVisible, ...(isVisible ? { context: this.context } : {}) });
    }
  }

  error(message: string, only?: Window): void {
    for (const frame of this.targetFrames(only)) this.post(frame.win, { action: 'twitch-ext-error', message });
  }

  /** A refreshed token (`twitch-ext-auth`). */
  reauthorize(frame: Window, auth: Partial<FakeAuth> = {}): void {
    const entry = this.frame(frame);
    entry.auth = { ...entry.auth, ...auth };
    this.post(frame, { action: 'twitch-ext-auth', auth: this.authFor(entry.auth) });
  }

  /** PubSub to every frame listening to `target`, as `twitch-ext-pubsub-message`. */
  pubsub(target: string, content: unknown[], contentType = 'application/json'): void {
    for (const frame of this.frames.values()) {
      if (frame.targets.has(target)) this.post(frame.win, { action: 'twitch-ext-pubsub-message', payload: { target, contentType, content } });
    }
  }

  /** Posts any message to a frame, for malformed-traffic tests. */
  post(frame: Window, message: unknown): void {
    frame.postMessage(message, '*');
  }

  dispose(): void {
    window.removeEventListener('message', this.onMessage);
    this.frames.clear();
  }

  private authFor(auth: FakeAuth): Twitch.ext.Authorized {
    const token =
      auth.token ??
      fakeToken({
        exp: Math.floor(Date.now() / 1000) + 3600,
        opaque_user_id: auth.opaqueUserId,
        ...(auth.userId ? { user_id: auth.userId } : {}),
        channel_id: auth.channelId,
        role: auth.role,
        pubsub_perms: { listen: ['broadcast'], send: auth.role === 'broadcaster' ? ['broadcast'] : [] },
      });
    return { channelId: auth.channelId, clientId: 'fake-client', token, helixToken: auth.helixToken ?? `helix-${auth.opaqueUserId}`, userId: auth.opaqueUserId };
  }

  private frame(win: Window): TwitchFrame {
    const frame = this.frames.get(win);
    if (!frame) throw new Error('not a served frame');
    return frame;
  }

  private targetFrames(only?: Window): TwitchFrame[] {
    return [...this.frames.values()].filter((frame) => frame.loaded && (!only || frame.win === only));
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const frame = this.frames.get(event.source as Window);
    const data = event.data as Record<string, unknown> | null;
    if (!frame || typeof data !== 'object' || data === null || typeof data.action !== 'string') return;
    this.received.push({ frame: frame.win, action: data.action });
    switch (data.action) {
      case 'twitch-ext-loaded':
        frame.loaded = true;
        this.boot(frame);
        break;
      case 'twitch-ext-use-bits':
        this.useBits.push({ frame: frame.win, sku: String(data.sku) });
        break;
      case 'twitch-ext-pubsub-listen':
        frame.targets.add(String(data.target));
        break;
      case 'twitch-ext-pubsub-unlisten':
        frame.targets.delete(String(data.target));
        break;
      case 'fake-pubsub-send':
        this.relay(frame, data);
        break;
    }
  };

  private boot(frame: TwitchFrame): void {
    const auth = this.authFor(frame.auth);
    this.post(frame.win, {
      action: 'twitch-ext-bootstrap',
      auth,
      features: { isBitsEnabled: this.isBitsEnabled, isChatEnabled: true, isSubscriptionStatusAvailable: false, sharePubsub: true },
      configuration: this.configuration ? { broadcaster: { version: '1', content: this.configuration } } : {},
      viewerInfo: {},
    });
    this.post(frame.win, { action: 'twitch-ext-context', context: this.context, updatedFields: Object.keys(this.context) });
    this.post(frame.win, { action: 'twitch-ext-visibility-changed', isVisible: true, context: this.context });
    if (this.isBitsEnabled) this.post(frame.win, { action: 'twitch-ext-bits-products', products: this.products });
  }

  /** Twitch's PubSub service: only a broadcaster's token may send to the channel. */
  private relay(frame: TwitchFrame, data: Record<string, unknown>): void {
    if (frame.auth.role !== 'broadcaster') {
      this.post(frame.win, { action: 'twitch-ext-error', message: 'sendToPubsub(signal) failed: Forbidden' });
      return;
    }
    this.pubsub(String(data.target), [data.message], String(data.contentType));
  }
}
