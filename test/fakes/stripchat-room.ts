/**
 * A Stripchat room as the extension requests doc describes it: the answers to every request onair
 * makes, kept in one mutable state so tests can change the room between calls. Shared by the fake
 * helper object (way 1) and the fake postMessage host (way 2).
 */

export type RequestHandler = (params: unknown) => unknown;

/** Payload shapes from Stripchat's extension documentation (the Requests page) and the types of `@stripchatdev/ext-helper`. */
export const MODEL = { id: 101, username: 'lola_live', name: 'Lola', avatarUrlThumb: 'https://img.example/l.jpg', status: 'public' };
export const MODEL_USER = { isGuest: false, id: 101, username: 'lola_live', isModel: true, hasTokens: false, status: 'public' };
export const VIEWER_USER = { isGuest: false, id: 7, username: 'rex', isModel: false, hasTokens: true, status: 'public' };
export const GUEST_USER = { isGuest: true, guestHash: 'g-1f2e' };
export const TIP_MENU = {
  isEnabled: true,
  items: [
    { activity: 'Wave', price: 10 },
    { activity: 'Spin the wheel', price: 25 },
  ],
};

export function tipData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: 25,
    isAnonymous: false,
    isFromTheCurrentUser: false,
    isOriginalSource: true,
    message: 'hi!',
    source: 'tipMenu',
    type: 'public',
    user: VIEWER_USER,
    ...overrides,
  };
}

export function paymentData(transactionId = 'trx_1'): Record<string, string> {
  return { amount: '25', paymentToken: `pay_${transactionId}`, transactionId, userId: '7' };
}

export interface RoomState {
  context: { model?: unknown; user?: unknown };
  viewers: unknown;
  tipMenu: unknown;
  settings: unknown;
  /** Top counters: key → userId → total. */
  top: Map<string, Map<string, number>>;
  /** Integer counters: key → value. */
  ints: Map<string, number>;
  /** String keys: key → value and when it expires (ms since epoch; Infinity without a TTL). */
  strings: Map<string, { value: string; expires: number }>;
  /** Keys the manifest lets only the model write (its `write` role). */
  modelOnly: Set<string>;
}

export function roomState(user: unknown = VIEWER_USER): RoomState {
  return {
    context: { model: MODEL, user },
    viewers: { total: 1200, guests: 800, withTokens: 90 },
    tipMenu: TIP_MENU,
    settings: { title: 'Lola’s wheel' },
    top: new Map(),
    ints: new Map(),
    strings: new Map(),
    modelOnly: new Set(['wheel']),
  };
}

/** Answers to each request method; a test may replace any entry. */
export function roomHandlers(state: RoomState): Record<string, RequestHandler> {
  return {
    'v1.ext.context.get': () => state.context,
    'v1.ext.viewers.get': () => state.viewers,
    'v1.tipMenu.get': () => ({ tipMenu: state.tipMenu }),
    'v1.ext.settings.get': () => ({ settings: state.settings }),
    'v1.payment.tokens.spend': () => null,
    'v1.ext.whisper': () => null,
    'v1.ext.activity.request': () => ({ activityId: `act-${Math.random().toString(36).slice(2)}` }),
    'v1.ext.activity.cancel': () => null,
    'v1.ext.activity.status': () => ({ status: 'available' }),
    'v1.ext.whisper.local': () => null,
    'v1.chat.message.send': () => null,
    'v1.chatbot.message.send': () => null,
    'v1.system.resize.notify': () => null,
    'v1.ext.movableOverlay.update': () => null,
    'v1.ext.signup.open': () => null,
    'v1.monitoring.report.error': () => null,
    'v1.storage.top.increment': (params) => {
      const { key, amount, userId } = params as { key: string; amount: string; userId: string };
      const counter = state.top.get(key) ?? new Map<string, number>();
      state.top.set(key, counter);
      counter.set(userId, (counter.get(userId) ?? 0) + Number(amount));
      return { success: true, userId };
    },
    'v1.storage.string.set': (params) => {
      const { key, value, ttl } = params as { key: string; value: string; ttl?: string };
      const user = state.context.user as { isModel?: boolean } | undefined;
      // As the host enforces the manifest's roles: a viewer's write to a model-only key is refused.
      if (state.modelOnly.has(key) && !user?.isModel) throw new Error('FORBIDDEN: this key is written by the model only');
      const seconds = Number(ttl ?? 0);
      state.strings.set(key, { value, expires: seconds > 0 ? Date.now() + seconds * 1000 : Infinity });
      return { success: true };
    },
    'v1.storage.string.get': (params) => {
      const entry = state.strings.get((params as { key: string }).key);
      return entry && entry.expires > Date.now() ? { exists: true, value: entry.value } : { exists: false, value: '' };
    },
    'v1.storage.int.get': (params) => {
      const { key } = params as { key: string };
      return { exists: state.ints.has(key), value: String(state.ints.get(key) ?? 0) };
    },
    'v1.storage.int.increment': (params) => {
      const { key, delta } = params as { key: string; delta: string };
      const value = (state.ints.get(key) ?? 0) + Number(delta);
      state.ints.set(key, value);
      return { success: true, value: String(value) };
    },
    'v1.storage.int.reset': (params) => {
      state.ints.set((params as { key: string }).key, 0);
      return { success: true, value: '0' };
    },
    'v1.storage.top.get': (params) => {
      const { key, topN = 10 } = params as { key: string; topN?: number };
      const counter = state.top.get(key) ?? new Map<string, number>();
      const topUsers = [...counter].sort((a, b) => b[1] - a[1]).slice(0, topN).map(([userId, total]) => ({ userId, total }));
      return { topUsers };
    },
  };
}
