import { isTwitchFrame, TWITCH_HELPER_SCRIPT } from '../detect.js';
import { isRecord } from '../validate.js';
import { readClaims } from './jwt.js';

/** The Twitch extension helper, `window.Twitch.ext`, as typed by `@types/twitch-ext`. */
export type TwitchHelper = typeof Twitch.ext;

/** What one adapter hears from the helper. Arguments are untyped: they come from outside. Must not throw. */
export interface HelperListener {
  authorized(auth: unknown): void;
  context(context: unknown, changed: unknown): void;
  visibility(visible: unknown, context: unknown): void;
  error(error: unknown): void;
  featuresChanged(changed: unknown): void;
  configurationChanged(): void;
  viewerChanged(): void;
  transactionComplete(transaction: unknown): void;
  transactionCancelled(): void;
}

type Kind = 'authorized' | 'context' | 'visibility' | 'error' | 'transactionComplete' | 'transactionCancelled';
type Callback = (...args: unknown[]) => void;

interface Hub {
  readonly listeners: Set<HelperListener>;
  auth?: unknown;
  context?: [unknown, unknown];
  visibility?: [unknown, unknown];
}

/**
 * Twitch's helper keeps ONE callback per `onAuthorized`, `onContext`, `onVisibilityChanged`,
 * `onError`, `bits.onTransactionComplete` and `bits.onTransactionCancelled`: each registration
 * replaces the previous one. Extension pages register their own, before or after onair, so onair
 * must hear those events without taking them from the page. Per helper object there is one hub,
 * which fans the events out to the adapters alive now and keeps the latest auth, context and
 * visibility for adapters created later. It hears the helper in one of two ways:
 *
 * - **Inside Twitch's iframe** (the page's own `window.Twitch.ext`, a parent window): it reads the
 *   same `twitch-ext-*` messages from the parent that the helper reads, and registers none of those
 *   six callbacks, so the page's callbacks stay exactly as the page left them, in any order.
 * - **Any other helper-shaped object** (tests, a page's own stand-in): it registers its own
 *   dispatcher and replaces the six registration functions with ones that keep the page's callback
 *   (the latest, as the helper would) and call it after onair's listeners, replaying what the
 *   helper would replay to a new callback. Callbacks registered with the object before onair saw it
 *   are lost, as they would be to any later registration.
 *
 * `features`, `configuration` and `viewer` keep every `onChanged` listener, so those are registered
 * once per hub in both ways.
 */
const hubs = new WeakMap<object, Hub>();

export function joinHelper(helper: TwitchHelper, listener: HelperListener, win: Window = window): () => void {
  const hub = hubs.get(helper) ?? createHub(helper, win);
  hub.listeners.add(listener);
  if (hub.auth !== undefined) listener.authorized(hub.auth);
  if (hub.context) listener.context(...hub.context);
  if (hub.visibility) listener.visibility(...hub.visibility);
  return () => hub.listeners.delete(listener);
}

/** How many adapters are attached to `helper` (tests check 0 after dispose). */
export function helperListenerCount(helper: TwitchHelper): number {
  return hubs.get(helper)?.listeners.size ?? 0;
}

function createHub(helper: TwitchHelper, win: Window): Hub {
  const hub: Hub = { listeners: new Set() };
  hubs.set(helper, hub);
  // Listeners guard their own handlers, so one failing adapter cannot keep the others from hearing.
  const fan = (call: (listener: HelperListener) => void) => {
    for (const listener of Array.from(hub.listeners)) call(listener);
  };
  const events: Record<Kind, Callback> = {
    authorized: (auth) => {
      hub.auth = auth;
      fan((l) => l.authorized(auth));
    },
    context: (context, changed) => {
      hub.context = [context, changed];
      fan((l) => l.context(context, changed));
    },
    visibility: (visible, context) => {
      hub.visibility = [visible, context];
      fan((l) => l.visibility(visible, context));
    },
    error: (error) => fan((l) => l.error(error)),
    transactionComplete: (transaction) => fan((l) => l.transactionComplete(transaction)),
    transactionCancelled: () => fan((l) => l.transactionCancelled()),
  };
  if (insideTwitch(helper, win)) readParent(helper, win, events, hub);
  else chainCallbacks(helper, events, hub);
  helper.features?.onChanged?.((changed: unknown) => fan((l) => l.featuresChanged(changed)));
  helper.configuration?.onChanged?.(() => fan((l) => l.configurationChanged()));
  helper.viewer?.onChanged?.(() => fan((l) => l.viewerChanged()));
  return hub;
}

function insideTwitch(helper: TwitchHelper, win: Window): boolean {
  return win.parent !== win && (win as { Twitch?: { ext?: unknown } }).Twitch?.ext === helper;
}

/**
 * Hears what Twitch's page tells the helper: the messages it posts to this frame (undocumented; the
 * shapes the helper itself reads). Only messages from the parent window count, as for the helper.
 */
function readParent(helper: TwitchHelper, win: Window, events: Record<Kind, Callback>, hub: Hub): void {
  win.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== win.parent) return;
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return;
    switch (data.action) {
      case 'twitch-ext-bootstrap':
      case 'twitch-ext-auth':
        events.authorized(data.auth);
        break;
      case 'twitch-ext-context':
        events.context(data.context, data.updatedFields);
        break;
      case 'twitch-ext-visibility-changed':
        events.visibility(data.isVisible, data.context);
        break;
      case 'twitch-ext-error':
        events.error(new Error(typeof data.message === 'string' ? data.message : 'The Twitch helper reported an error.'));
        break;
      case 'twitch-ext-bits-transaction-complete': {
        const { product, transactionId, userId, displayName, initiator, transactionReceipt } = data;
        events.transactionComplete({ product, transactionId, userId, displayName, initiator, transactionReceipt });
        break;
      }
      case 'twitch-ext-use-bits-complete':
        if (!data.didConfirm || !data.didUseBits) events.transactionCancelled();
        break;
    }
  });
  // The bootstrap may have come before onair: the helper's viewer still holds the token it brought.
  const auth = authFromViewer(helper);
  if (auth) hub.auth = auth;
  // The documented viewer object brings every new token too, should Twitch's messages ever change.
  helper.viewer?.onChanged?.(() => {
    const latest = authFromViewer(helper);
    const known = isRecord(hub.auth) ? hub.auth.token : undefined;
    if (latest && latest.token !== known) events.authorized(latest);
  });
}

function authFromViewer(helper: TwitchHelper): Record<string, unknown> | undefined {
  const viewer = helper.viewer as Partial<Twitch.ext.Viewer> | undefined;
  const token = viewer?.sessionToken;
  if (typeof token !== 'string' || token === '') return undefined;
  const channelId = readClaims(token)?.channelId;
  return { channelId, token, userId: viewer?.opaqueId };
}

/**
 * Registers onair's dispatcher with the helper and puts wrappers in place of its six registration
 * functions, so a page callback registered later runs after onair's listeners instead of replacing
 * them. The page keeps the helper's rules: its latest callback is the one that runs, a new one gets
 * the replay the helper would give it, and what it throws reaches the helper as before.
 */
function chainCallbacks(helper: TwitchHelper, events: Record<Kind, Callback>, hub: Hub): void {
  const page: Partial<Record<Kind, Callback>> = {};
  const replay: Partial<Record<Kind, (callback: Callback) => void>> = {
    authorized: (callback) => hub.auth !== undefined && callback(hub.auth),
    context: (callback) => hub.auth !== undefined && hub.context !== undefined && callback(...hub.context),
    visibility: (callback) => hub.visibility?.[0] === false && callback(false, null),
  };
  const registrations: Array<[object | undefined, string, Kind]> = [
    [helper, 'onAuthorized', 'authorized'],
    [helper, 'onContext', 'context'],
    [helper, 'onVisibilityChanged', 'visibility'],
    [helper, 'onError', 'error'],
    [helper.bits, 'onTransactionComplete', 'transactionComplete'],
    [helper.bits, 'onTransactionCancelled', 'transactionCancelled'],
  ];
  for (const [owner, name, kind] of registrations) {
    const original = owner ? (owner as Record<string, unknown>)[name] : undefined;
    if (typeof original !== 'function') continue;
    original.call(owner, (...args: unknown[]) => {
      events[kind](...args);
      page[kind]?.(...args);
    });
    const register = (callback: unknown) => {
      if (typeof callback !== 'function') return;
      page[kind] = callback as Callback;
      replay[kind]?.(callback as Callback);
    };
    try {
      Object.defineProperty(owner, name, { value: register, writable: true, configurable: true, enumerable: true });
    } catch {
      // A frozen helper keeps its own function; a page registering later then replaces onair's.
    }
  }
}

/** True when `value` has the helper functions the adapter calls unconditionally. */
export function isHelper(value: unknown): value is TwitchHelper {
  const ext = value as Partial<Record<string, unknown>> | null;
  return (
    typeof ext === 'object' &&
    ext !== null &&
    ['onAuthorized', 'onContext', 'onVisibilityChanged', 'onError', 'listen', 'unlisten', 'send'].every(
      (name) => typeof ext[name] === 'function',
    )
  );
}

/** A Twitch extension frame (Twitch's query parameters, or Twitch's helper script tag): the helper is on its way. */
export function looksLikeTwitchFrame(search: string | undefined): boolean {
  const params = new URLSearchParams(search ?? (typeof location !== 'undefined' ? location.search : ''));
  const script = typeof document !== 'undefined' && document.querySelector(TWITCH_HELPER_SCRIPT) !== null;
  return isTwitchFrame(params) || script;
}
