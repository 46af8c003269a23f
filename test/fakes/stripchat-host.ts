import { MODEL, roomHandlers, roomState, type RoomState } from './stripchat-room.js';

/** A request as the host received it. */
export interface HostRequest {
  frame: Window;
  id: string;
  method: string;
  params: unknown;
}

/** A subscribe / unsubscribe message as the host received it. */
export interface HostPubsub {
  frame: Window;
  type: 'subscribe' | 'unsubscribe';
  eventName: string;
  /** The official helper sends a ULID here, like the message id. */
  seq: unknown;
}

/** One `v1.ext.activity.request` as the host ran it. */
export interface HostActivity {
  frame: Window;
  activityId: string;
  durationMs: number;
  /** When the host granted the slot (after any other extension's activity ended). */
  startedAt?: number;
  cancelled: boolean;
}

export type FrameHandler = (params: unknown, frame: Window) => unknown;

interface Frame {
  origin: string;
  user: unknown;
  /** Frames of one user in one browser tab share local whispers and their activity slot. */
  tab: string;
}

/**
 * The Stripchat side of the extension iframes, for a test page that plays the host: it answers
 * iframe_rpc requests from a handler table (per-frame user in the context), tracks iframe_pubsub
 * subscriptions, emits events to subscribed frames, and relays `v1.ext.whisper` to every frame
 * as `v1.ext.whispered`, like Stripchat's server does for everyone in the room. It only talks to
 * frames it was given, at their origin.
 *
 * Like the real host as far as its docs and the official helper show: subscriptions are a set per
 * frame (one `unsubscribe` ends the event for that frame, however many handlers the frame's helper
 * still holds); whispered events carry the whispered `data` object itself; `v1.ext.whisper.local`
 * reaches the other frames of the same tab as `v1.ext.whispered.local`; an activity reservation
 * belongs to one viewer's tab, waits while another extension holds the shared slot (which sends
 * `v1.ext.activity.busy` / `.available` to our frames) and ends after `durationMs` or on
 * `v1.ext.activity.cancel`; chat messages are recorded per frame, as each is local to one viewer.
 */
export class FakeStripchatHost {
  readonly state: RoomState = roomState();
  readonly handlers: Record<string, FrameHandler>;
  readonly requests: HostRequest[] = [];
  readonly pubsub: HostPubsub[] = [];
  private readonly frames = new Map<Window, Frame>();
  private readonly subscriptions = new Map<Window, Set<string>>();
  readonly activities: HostActivity[] = [];
  /** Every `v1.system.resize.notify`, in order. */
  readonly resizes: Array<{ frame: Window; height: number; width: number }> = [];
  /** Every chat message a frame showed to its own viewer. */
  readonly chat: Array<{ frame: Window; method: string; params: unknown }> = [];
  private readonly held = new Set<string>();
  /** When another extension's activity in the shared slot ends (0 = the slot is free). */
  private otherUntil = 0;
  private otherTimer?: ReturnType<typeof setTimeout>;
  private readonly waiting: Array<() => void> = [];

  constructor() {
    this.handlers = { ...roomHandlers(this.state) };
    this.handlers['v1.ext.context.get'] = (_params, frame) => ({ model: MODEL, user: this.frames.get(frame)?.user });
    this.handlers['v1.ext.whisper'] = (params) => {
      const data = (params as { data?: unknown } | null)?.data;
      this.emit('v1.ext.whispered', data);
      return null;
    };
    this.handlers['v1.ext.whisper.local'] = (params, frame) => {
      const data = (params as { data?: unknown } | null)?.data;
      const tab = this.frames.get(frame)?.tab;
      for (const [other, entry] of this.frames) {
        if (other !== frame && entry.tab === tab) this.emit('v1.ext.whispered.local', data, other);
      }
      return null;
    };
    this.handlers['v1.ext.activity.request'] = (params, frame) => this.requestActivity(frame, params);
    this.handlers['v1.ext.activity.cancel'] = (params) => {
      const activity = this.activities.find((entry) => entry.activityId === (params as { activityId?: unknown } | null)?.activityId);
      if (activity) activity.cancelled = true;
      return null;
    };
    this.handlers['v1.ext.activity.status'] = () => ({ status: this.otherUntil > Date.now() ? 'busy' : 'available' });
    this.handlers['v1.system.resize.notify'] = (params, frame) => {
      const { height, width } = params as { height: number; width: number };
      this.resizes.push({ frame, height, width });
      return null;
    };
    for (const method of ['v1.chat.message.send', 'v1.chatbot.message.send']) {
      this.handlers[method] = (params, frame) => {
        this.chat.push({ frame, method, params });
        return null;
      };
    }
    window.addEventListener('message', this.onMessage);
  }

  /** Serves `iframe` (already in the document) as a slot of `user`, in browser tab `tab`. */
  addFrame(iframe: HTMLIFrameElement, user: unknown, origin = location.origin, tab = 'tab-1'): Window {
    const frame = iframe.contentWindow;
    if (!frame) throw new Error('the iframe is not in the document');
    this.frames.set(frame, { origin, user, tab });
    return frame;
  }

  /** Another extension takes the shared overlay slot for `ms`: our frames hear busy, then available. */
  occupyByOther(ms: number): void {
    this.otherUntil = Date.now() + ms;
    this.emit('v1.ext.activity.busy', null);
    clearTimeout(this.otherTimer);
    this.otherTimer = setTimeout(() => {
      this.otherUntil = 0;
      this.emit('v1.ext.activity.available', null);
      for (const release of this.waiting.splice(0)) release();
    }, ms);
  }

  /** Activities of one frame that are running now. */
  runningActivities(frame?: Window): HostActivity[] {
    const now = Date.now();
    return this.activities.filter(
      (activity) => (!frame || activity.frame === frame) && !activity.cancelled && activity.startedAt !== undefined && activity.startedAt + activity.durationMs > now,
    );
  }

  /** Requests to `method` are recorded but not answered until `respond()`. */
  hold(method: string): void {
    this.held.add(method);
  }

  respond(request: HostRequest, result: unknown, status: 'ok' | 'error' = 'ok'): void {
    const frame = this.frames.get(request.frame);
    if (!frame) return;
    const answer =
      status === 'ok'
        ? { protocol: 'iframe_rpc', version: '1.0', id: request.id, type: 'response', status, result }
        : { protocol: 'iframe_rpc', version: '1.0', id: request.id, type: 'response', status, error: { message: String(result), code: 'INTERNAL_ERROR' } };
    request.frame.postMessage(answer, frame.origin);
  }

  /** Sends an event to every frame subscribed to it (or only to `only`). */
  emit(eventName: string, data: unknown, only?: Window): void {
    for (const [frame, names] of this.subscriptions) {
      if (!names.has(eventName) || (only && frame !== only)) continue;
      this.post(frame, { protocol: 'iframe_pubsub', version: '1.0', type: 'event', eventName, data });
    }
  }

  /** Posts any raw message to a frame, for malformed-traffic tests. */
  post(frame: Window, message: unknown): void {
    const known = this.frames.get(frame);
    if (known) frame.postMessage(message, known.origin);
  }

  subscribed(frame: Window): string[] {
    return [...(this.subscriptions.get(frame) ?? [])];
  }

  requestsOf(method: string, frame?: Window): HostRequest[] {
    return this.requests.filter((request) => request.method === method && (!frame || request.frame === frame));
  }

  dispose(): void {
    clearTimeout(this.otherTimer);
    window.removeEventListener('message', this.onMessage);
    this.frames.clear();
    this.subscriptions.clear();
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const frame = event.source as Window | null;
    const known = frame ? this.frames.get(frame) : undefined;
    if (!frame || !known || event.origin !== known.origin) return;
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return;
    if (data.protocol === 'iframe_rpc' && data.type === 'request') this.onRequest(frame, data);
    if (data.protocol === 'iframe_pubsub' && (data.type === 'subscribe' || data.type === 'unsubscribe')) this.onPubsub(frame, data);
  };

  private onRequest(frame: Window, data: Record<string, unknown>): void {
    const request: HostRequest = { frame, id: String(data.id), method: String(data.method), params: data.params };
    this.requests.push(request);
    if (this.held.has(request.method)) return;
    const handler = this.handlers[request.method];
    if (!handler) {
      this.respond(request, `Unknown method ${request.method}`, 'error');
      return;
    }
    Promise.resolve()
      .then(() => handler(request.params, frame))
      .then(
        (result) => this.respond(request, result ?? null),
        (error: unknown) => this.respond(request, error instanceof Error ? error.message : String(error), 'error'),
      );
  }

  private onPubsub(frame: Window, data: Record<string, unknown>): void {
    const entry: HostPubsub = { frame, type: data.type as HostPubsub['type'], eventName: String(data.eventName), seq: data.seq };
    this.pubsub.push(entry);
    const names = this.subscriptions.get(frame) ?? new Set<string>();
    this.subscriptions.set(frame, names);
    if (entry.type === 'subscribe') names.add(entry.eventName);
    else names.delete(entry.eventName);
  }

  /** Waits while another extension holds the slot, then starts the timer and answers. */
  private async requestActivity(frame: Window, params: unknown): Promise<{ activityId: string }> {
    const durationMs = (params as { durationMs?: unknown } | null)?.durationMs;
    if (typeof durationMs !== 'number' || !(durationMs > 0) || durationMs > 30_000) throw new Error('durationMs must be a positive number up to 30000');
    const activity: HostActivity = { frame, activityId: `act-${this.activities.length + 1}`, durationMs, cancelled: false };
    this.activities.push(activity);
    if (this.otherUntil > Date.now()) await new Promise<void>((resolve) => this.waiting.push(resolve));
    activity.startedAt = Date.now();
    return { activityId: activity.activityId };
  }
}
