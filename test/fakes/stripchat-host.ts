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
  seq: number;
}

export type FrameHandler = (params: unknown, frame: Window) => unknown;

interface Frame {
  origin: string;
  user: unknown;
}

/**
 * The Stripchat side of the extension iframes, for a test page that plays the host: it answers
 * iframe_rpc requests from a handler table (per-frame user in the context), tracks iframe_pubsub
 * subscriptions, emits events to subscribed frames, and relays `v1.ext.whisper` to every frame
 * as `v1.ext.whispered`, like Stripchat's server does for everyone in the room. It only talks to
 * frames it was given, at their origin.
 */
export class FakeStripchatHost {
  readonly state: RoomState = roomState();
  readonly handlers: Record<string, FrameHandler>;
  readonly requests: HostRequest[] = [];
  readonly pubsub: HostPubsub[] = [];
  private readonly frames = new Map<Window, Frame>();
  private readonly subscriptions = new Map<Window, Set<string>>();
  private readonly held = new Set<string>();

  constructor() {
    this.handlers = { ...roomHandlers(this.state) };
    this.handlers['v1.ext.context.get'] = (_params, frame) => ({ model: MODEL, user: this.frames.get(frame)?.user });
    this.handlers['v1.ext.whisper'] = (params) => {
      const data = (params as { data?: unknown } | null)?.data;
      this.emit('v1.ext.whispered', { data });
      return null;
    };
    window.addEventListener('message', this.onMessage);
  }

  /** Serves `iframe` (already in the document) as a slot of `user`. */
  addFrame(iframe: HTMLIFrameElement, user: unknown, origin = location.origin): Window {
    const frame = iframe.contentWindow;
    if (!frame) throw new Error('the iframe is not in the document');
    this.frames.set(frame, { origin, user });
    return frame;
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
    const entry: HostPubsub = { frame, type: data.type as HostPubsub['type'], eventName: String(data.eventName), seq: Number(data.seq) };
    this.pubsub.push(entry);
    const names = this.subscriptions.get(frame) ?? new Set<string>();
    this.subscriptions.set(frame, names);
    if (entry.type === 'subscribe') names.add(entry.eventName);
    else names.delete(entry.eventName);
  }
}
