import type { ExtHandler, ExtHelper } from '../../platform/stripchat/ext.js';
import { roomHandlers, roomState, type RequestHandler, type RoomState } from './stripchat-room.js';

/**
 * A stand-in for the object `createExtHelper()` returns: requests answered from a handler table,
 * subscriptions tracked per event, events emitted on demand. Unknown methods reject like the real
 * helper does when the host answers with an error.
 */
export class FakeExt implements ExtHelper {
  readonly state: RoomState;
  readonly handlers: Record<string, RequestHandler>;
  readonly calls: { method: string; params: unknown }[] = [];
  private readonly subscriptions = new Map<string, Set<ExtHandler>>();

  /** `state` shares a room with another helper (another page of the extension, or this page before a reload). */
  constructor(user?: unknown, state?: RoomState) {
    this.state = state ? { ...state, context: { ...state.context, ...(user === undefined ? {} : { user }) } } : roomState(user);
    this.handlers = roomHandlers(this.state);
  }

  async makeRequest(method: string, params: unknown): Promise<unknown> {
    this.calls.push({ method, params });
    const handler = this.handlers[method];
    if (!handler) throw new Error(`Unknown method ${method}`);
    return handler(params);
  }

  subscribe(eventName: string, handler: ExtHandler): void {
    const set = this.subscriptions.get(eventName) ?? new Set();
    set.add(handler);
    this.subscriptions.set(eventName, set);
  }

  unsubscribe(eventName: string, handler?: ExtHandler): void {
    const set = this.subscriptions.get(eventName);
    if (!set) return;
    if (handler) set.delete(handler);
    else set.clear();
    if (set.size === 0) this.subscriptions.delete(eventName);
  }

  emit(eventName: string, data: unknown): void {
    for (const handler of [...(this.subscriptions.get(eventName) ?? [])]) handler(data);
  }

  /** Handlers still subscribed, across all events. */
  get liveHandlers(): number {
    return [...this.subscriptions.values()].reduce((sum, set) => sum + set.size, 0);
  }

  callsOf(method: string): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params);
  }
}
