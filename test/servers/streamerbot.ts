/**
 * Browser-side helpers for tests against the fake Streamer.bot server (streamerbot-server.mjs):
 * start servers, send events, read what the server received, load fixtures, and connect
 * adapters that `cleanup()` disposes.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Subscription } from 'rxjs';
import type { ConnectionStatus, PlatformError, RoomMessage, Tip, Viewers } from '../../platform/model.js';
import { createStreamerbotPlatform, type StreamerbotPlatform } from '../../platform/streamerbot/streamerbot-platform.js';

export interface Server {
  id: string;
  port: number;
}

export interface ServerRequest {
  connection: number;
  request: string;
  id: string;
  [key: string]: unknown;
}

export const sb = <T>(command: string, payload?: Record<string, unknown>) => executeServerCommand(command, payload) as Promise<T>;
export const startServer = (options: Record<string, unknown> = {}) => sb<Server>('sb-start', options);
export const requests = (server: Server) => sb<ServerRequest[]>('sb-requests', { id: server.id });
export const doActions = async (server: Server) => (await requests(server)).filter((request) => request.request === 'DoAction');
export const actionsRun = (server: Server) => sb<Array<{ action: string; args: Record<string, unknown> }>>('sb-actions', { id: server.id });
export const sockets = (server: Server) => sb<{ open: number; connections: number }>('sb-sockets', { id: server.id });
export const sendEvent = (server: Server, source: string, type: string, data: unknown, timeStamp?: string) =>
  sb<{ delivered: number }>('sb-event', { id: server.id, source, type, data, ...(timeStamp ? { timeStamp } : {}) });
export const sendRaw = (server: Server, text: string) => sb<{ sent: number }>('sb-raw', { id: server.id, text });

const fixtureCache = new Map<string, unknown>();

/** A fixture from test/fixtures/streamerbot/ (JSON parsed, anything else as text), a fresh copy. */
export async function load<T = Record<string, unknown>>(name: string): Promise<T> {
  if (!fixtureCache.has(name)) {
    const response = await fetch(`/test/fixtures/streamerbot/${name}`);
    if (!response.ok) throw new Error(`No fixture ${name}`);
    fixtureCache.set(name, name.endsWith('.json') ? await response.json() : await response.text());
  }
  return structuredClone(fixtureCache.get(name)) as T;
}

/** Small timings so reconnects and probes happen within a test. */
export const FAST = { 'backoff-min': '20', 'backoff-max': '200', 'ping-interval': '5000', 'ping-timeout': '150', 'request-timeout': '1000', 'hello-timeout': '150' };

let platforms: StreamerbotPlatform[] = [];
let subscriptions: Subscription[] = [];

export function connect(server: Server, options: Record<string, unknown> = {}): StreamerbotPlatform {
  const platform = createStreamerbotPlatform({ port: String(server.port), ...FAST, ...options });
  platforms.push(platform);
  return platform;
}

export function keep(subscription: Subscription): void {
  subscriptions.push(subscription);
}

export interface Seen {
  statuses: ConnectionStatus[];
  tips: Tip[];
  viewers: (Viewers | null)[];
  errors: PlatformError[];
  room: RoomMessage[];
}

export function record(platform: StreamerbotPlatform): Seen {
  const seen: Seen = { statuses: [], tips: [], viewers: [], errors: [], room: [] };
  subscriptions.push(
    platform.status$.subscribe((s) => seen.statuses.push(s)),
    platform.tips$.subscribe((t) => seen.tips.push(t)),
    platform.viewers$.subscribe((v) => seen.viewers.push(v)),
    platform.errors$.subscribe((e) => seen.errors.push(e)),
    platform.room$.subscribe((m) => seen.room.push(m)),
  );
  return seen;
}

export const state = (seen: Seen) => seen.statuses.at(-1)?.state;
export const untilConnected = (seen: Seen) => waitUntil(() => state(seen) === 'connected', 'connected', { timeout: 4000 });

export async function connected(server: Server, options: Record<string, unknown> = {}) {
  const platform = connect(server, options);
  const seen = record(platform);
  await untilConnected(seen);
  return { platform, seen };
}

/** For `afterEach`: disposes every adapter and subscription, stops every server. */
export async function cleanup(): Promise<void> {
  for (const subscription of subscriptions) subscription.unsubscribe();
  for (const platform of platforms) platform.dispose();
  subscriptions = [];
  platforms = [];
  await sb('sb-stop-all');
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
