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

interface Hub {
  readonly listeners: Set<HelperListener>;
  auth?: unknown;
  context?: [unknown, unknown];
  visibility?: [unknown, unknown];
}

/**
 * The helper offers no way to remove `onAuthorized`, `onContext` and its other callbacks. So each
 * helper object gets one set of callbacks, registered once, that fans out to the adapters alive
 * right now: a disposed adapter leaves the hub and is no longer reachable from the helper, and an
 * adapter created later (the provider restarts on attribute changes) reuses the same callbacks
 * instead of piling up more. The hub keeps the latest auth, context and visibility so a late
 * adapter starts where the helper is, as the helper itself does for late callbacks.
 */
const hubs = new WeakMap<object, Hub>();

export function joinHelper(helper: TwitchHelper, listener: HelperListener): () => void {
  const hub = hubs.get(helper) ?? createHub(helper);
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

function createHub(helper: TwitchHelper): Hub {
  const hub: Hub = { listeners: new Set() };
  hubs.set(helper, hub);
  // Listeners guard their own handlers, so one failing adapter cannot keep the others from hearing.
  const fan = (call: (listener: HelperListener) => void) => {
    for (const listener of Array.from(hub.listeners)) call(listener);
  };
  helper.onAuthorized((auth: unknown) => {
    hub.auth = auth;
    fan((l) => l.authorized(auth));
  });
  helper.onContext((context: unknown, changed: unknown) => {
    hub.context = [context, changed];
    fan((l) => l.context(context, changed));
  });
  helper.onVisibilityChanged((visible: unknown, context?: unknown) => {
    hub.visibility = [visible, context];
    fan((l) => l.visibility(visible, context));
  });
  helper.onError((error: unknown) => fan((l) => l.error(error)));
  helper.features?.onChanged?.((changed: unknown) => fan((l) => l.featuresChanged(changed)));
  helper.configuration?.onChanged?.(() => fan((l) => l.configurationChanged()));
  helper.viewer?.onChanged?.(() => fan((l) => l.viewerChanged()));
  helper.bits?.onTransactionComplete?.((transaction: unknown) => fan((l) => l.transactionComplete(transaction)));
  helper.bits?.onTransactionCancelled?.(() => fan((l) => l.transactionCancelled()));
  return hub;
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
