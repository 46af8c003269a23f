/**
 * A fake Streamer.bot WebSocket server for the adapter tests, speaking the protocol documented at
 * https://docs.streamer.bot/api/websocket (requests) and the v0.2.5 handshake: Hello (with or
 * without an authentication challenge), Authenticate, Subscribe/UnSubscribe, GetEvents, GetInfo,
 * GetActiveViewers, GetBroadcaster and DoAction. It delivers only events its GetEvents list has,
 * runs an action to the end even when the client stops waiting for the reply, and can flood a
 * client with events. It binds 127.0.0.1 only.
 *
 * Tests drive it through web-test-runner commands (`executeServerCommand('sb-start', …)`), see
 * `streamerbotServerPlugin` below.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const HOST = '127.0.0.1';

const sha256Base64 = (input) => createHash('sha256').update(input).digest('base64');

const INFO = {
  instanceId: 'fake-0000-streamerbot',
  name: 'Streamer.bot',
  version: '0.2.5',
  os: 'windows',
  osVersion: '10.0.19045.0',
  mode: 'ui',
  darkMode: true,
  source: 'websocketServer',
};

const BROADCASTER = {
  platforms: {
    twitch: { broadcastUser: 'onairtest', broadcastUserName: 'onairtest', broadcastUserId: 12345 },
  },
  connected: ['twitch'],
  disconnected: [],
};

/**
 * What GetEvents lists by default: the official client's list (compiled from a real GetEvents
 * reply), plus the events newer trigger pages document for Streamer.bot 1.0.5 (Throne, Kick
 * Kicks, Twitch Power-ups), so a test can also imitate an instance that has them.
 */
const CLIENT_EVENTS = JSON.parse(readFileSync(new URL('../fixtures/streamerbot/response.GetEvents.client-const.json', import.meta.url), 'utf8')).events;
export const DEFAULT_EVENTS = {
  ...CLIENT_EVENTS,
  Twitch: [...CLIENT_EVENTS.Twitch, 'PowerUpRedemption', 'CustomPowerUpRedemption'],
  Kick: [...CLIENT_EVENTS.Kick, 'KicksGifted'],
  Throne: ['ContributionPurchased', 'GiftPurchased', 'GiftCrowdfunded'],
};

/** Source names compare case-insensitively: GetEvents has spelt them `youTube` and `YouTube`. */
const lower = (source) => String(source).toLowerCase();

export class FakeStreamerbot {
  /**
   * @param {{ password?: string, hello?: boolean, viewers?: object, broadcaster?: object, failActions?: string[], actionDelayMs?: number, actionDelays?: Record<string, number>, events?: Record<string, string[]> }} options
   *   `hello: false` imitates servers before v0.2.5 that send no Hello; `viewers` and `broadcaster`
   *   are the GetActiveViewers / GetBroadcaster response bodies; DoAction on an action named in
   *   `failActions` answers an error; `events` is the GetEvents list (default `DEFAULT_EVENTS`).
   */
  constructor(options = {}) {
    this.password = options.password;
    this.hello = options.hello !== false;
    this.viewers = options.viewers ?? { count: 0, viewers: [] };
    this.broadcaster = options.broadcaster ?? BROADCASTER;
    this.failActions = new Set(options.failActions ?? []);
    /** DoAction replies wait this long, like an action that takes time to run (spend tests). */
    this.actionDelayMs = Number(options.actionDelayMs) || 0;
    /** Per-action run time by action name or id, over `actionDelayMs`. */
    this.actionDelays = options.actionDelays ?? {};
    this.events = options.events ?? DEFAULT_EVENTS;
    /** Every action run, when it finished, whether or not the client still waited for it. */
    this.actionsRun = [];
    this.floods = new Set();
    this.requests = [];
    this.sockets = new Set();
    this.connections = 0;
    this.port = 0;
    this.wss = undefined;
  }

  async listen(port = this.port) {
    const wss = new WebSocketServer({ host: HOST, port });
    await new Promise((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    this.wss = wss;
    this.port = wss.address().port;
    wss.on('connection', (socket) => this.accept(socket));
    return this.port;
  }

  accept(socket) {
    this.connections += 1;
    const state = { connection: this.connections, subscriptions: {}, authenticated: !this.password, silent: false, salt: '', challenge: '' };
    socket.state = state;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.on('message', (raw) => this.receive(socket, String(raw)));
    if (!this.hello) return;
    const hello = { timestamp: new Date().toISOString(), session: randomBytes(8).toString('hex'), request: 'Hello', info: INFO };
    if (this.password) {
      state.salt = randomBytes(16).toString('base64');
      state.challenge = randomBytes(16).toString('base64');
      hello.authentication = { salt: state.salt, challenge: state.challenge };
    }
    socket.send(JSON.stringify(hello));
  }

  receive(socket, raw) {
    const { state } = socket;
    let request;
    try {
      request = JSON.parse(raw);
    } catch {
      return;
    }
    this.requests.push({ connection: state.connection, ...request });
    if (state.silent) return;
    const reply = (body) => socket.send(JSON.stringify({ ...body, id: request.id }));
    if (request.request === 'Authenticate') return reply(this.authenticate(state, request));
    if (!state.authenticated) return reply({ status: 'error', error: 'Authentication required' });
    if (request.request === 'DoAction') {
      const name = request.action?.name ?? request.action?.id;
      const delay = Number(this.actionDelays[name] ?? this.actionDelayMs) || 0;
      // The action runs to the end even if the client gave up waiting or went away.
      const finish = () => {
        const answer = this.answer(state, request);
        if (answer.status === 'ok') this.actionsRun.push({ connection: state.connection, action: name, args: request.args ?? {} });
        if (socket.readyState === socket.OPEN) reply(answer);
      };
      if (delay > 0) setTimeout(finish, delay);
      else finish();
      return;
    }
    reply(this.answer(state, request));
  }

  authenticate(state, request) {
    if (!this.password) return { status: 'ok' };
    const expected = sha256Base64(sha256Base64(this.password + state.salt) + state.challenge);
    state.authenticated = request.authentication === expected;
    return state.authenticated ? { status: 'ok' } : { status: 'error', error: 'Authentication failed' };
  }

  answer(state, request) {
    switch (request.request) {
      case 'Subscribe': {
        // Events the instance does not list can never arrive, so the reply leaves them out (how
        // the real server answers unknown names is not documented).
        for (const [source, types] of Object.entries(request.events ?? {})) {
          const key = lower(source);
          const known = Object.entries(this.events).find(([name]) => lower(name) === key)?.[1] ?? [];
          const accepted = (Array.isArray(types) ? types : []).filter((type) => known.includes(type));
          state.subscriptions[key] = [...new Set([...(state.subscriptions[key] ?? []), ...accepted])];
        }
        return { status: 'ok', events: state.subscriptions };
      }
      case 'GetEvents':
        return { status: 'ok', events: this.events };
      case 'UnSubscribe':
        for (const [source, types] of Object.entries(request.events ?? {})) {
          const key = source.toLowerCase();
          state.subscriptions[key] = (state.subscriptions[key] ?? []).filter((type) => !types.includes(type));
        }
        return { status: 'ok', events: state.subscriptions };
      case 'GetInfo':
        return { status: 'ok', info: INFO };
      case 'GetActiveViewers':
        return { ...this.viewers, status: 'ok' };
      case 'GetBroadcaster':
        return { ...this.broadcaster, status: 'ok' };
      case 'DoAction': {
        const name = request.action?.name ?? request.action?.id;
        return this.failActions.has(name) ? { status: 'error', error: `Action not found: ${name}` } : { status: 'ok' };
      }
      default:
        return { status: 'error', error: `Unknown request ${request.request}` };
    }
  }

  /** Sends an event envelope to every socket subscribed to `source.type`; returns how many got it. */
  sendEvent({ source, type, data, timeStamp = new Date().toISOString() }) {
    let delivered = 0;
    for (const socket of this.sockets) {
      const types = socket.state.subscriptions[lower(source)] ?? [];
      if (socket.state.silent || !types.includes(type)) continue;
      socket.send(JSON.stringify({ timeStamp, event: { source, type }, data }));
      delivered += 1;
    }
    return delivered;
  }

  /** Sends `text` verbatim to every live socket (malformed frames, hand-built envelopes). */
  sendRaw(text) {
    let sent = 0;
    for (const socket of this.sockets) {
      if (socket.state.silent) continue;
      socket.send(text);
      sent += 1;
    }
    return sent;
  }

  /**
   * Sends `perSecond` events for `seconds` to every subscribed socket, in 10 ms batches, while
   * still answering requests between batches, as a busy but healthy server does. Resolves with
   * the number of frames sent.
   */
  flood({ source, type, data, perSecond, seconds }) {
    const perTick = Math.max(1, Math.round(perSecond / 100));
    const ticks = Math.round(seconds * 100);
    let sent = 0;
    let tick = 0;
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        for (let i = 0; i < perTick; i++) sent += this.sendEvent({ source, type, data: { ...data, n: sent } });
        if (++tick >= ticks) {
          clearInterval(timer);
          this.floods.delete(timer);
          resolve(sent);
        }
      }, 10);
      this.floods.add(timer);
    });
  }

  /** Makes the sockets open now half-open: they stay connected but nothing is answered or sent. */
  silence() {
    for (const socket of this.sockets) socket.state.silent = true;
    return this.sockets.size;
  }

  /** Drops every socket without a closing handshake and stops listening, like a crashed process. */
  async kill() {
    for (const timer of this.floods) clearInterval(timer);
    this.floods.clear();
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    const wss = this.wss;
    this.wss = undefined;
    if (wss) await new Promise((resolve) => wss.close(() => resolve()));
  }

  async restart() {
    await this.kill();
    return this.listen(this.port);
  }

  get openSockets() {
    return [...this.sockets].filter((socket) => socket.readyState === socket.OPEN).length;
  }
}

/**
 * The web-test-runner plugin. Commands (payloads in parentheses):
 * - `sb-start` ({ password?, hello?, viewers?, broadcaster?, failActions?, actionDelayMs?, actionDelays?, events? }) → { id, port }
 * - `sb-event` ({ id, source, type, data, timeStamp? }) → { delivered }
 * - `sb-flood` ({ id, source, type, data, perSecond, seconds }) → { sent } once the flood has ended
 * - `sb-actions` ({ id }) → every action that ran to the end: { connection, action, args }
 * - `sb-raw` ({ id, text } or { id, texts: [...] }) → { sent } (frames sent, summed over sockets)
 * - `sb-share` ({ id, texts: [...] }) → { shared }: texts that `sb-raw-shared` refers to by index
 * - `sb-raw-shared` ({ id, texts: [...] }) → { sent }: like `sb-raw`, but a text may be an array of
 *   parts, strings and indexes of shared texts, joined before sending; so a batch that repeats
 *   megabyte strings sends each of them over the command channel once, not once per frame
 * - `sb-silence`, `sb-kill`, `sb-restart` ({ id }) → { port, sockets }
 * - `sb-requests` ({ id }) → every request received, each with its `connection` number
 * - `sb-sockets` ({ id }) → { open, connections }
 * - `sb-stop-all` → { stopped }
 */
export function streamerbotServerPlugin() {
  const servers = new Map();
  /** Per server: the texts `sb-share` set, for `sb-raw-shared`. */
  const shared = new WeakMap();
  let nextId = 0;
  const get = (payload) => {
    const server = servers.get(payload?.id);
    if (!server) throw new Error(`No fake Streamer.bot server with id ${payload?.id}`);
    return server;
  };
  const commands = {
    'sb-start': async (payload = {}) => {
      const server = new FakeStreamerbot(payload);
      const port = await server.listen(0);
      const id = `sb${++nextId}`;
      servers.set(id, server);
      return { id, port };
    },
    'sb-event': (payload) => ({ delivered: get(payload).sendEvent(payload) }),
    'sb-raw': (payload) => {
      const server = get(payload);
      // `texts` sends a batch in order in one command (the reliability suite sends thousands).
      const texts = Array.isArray(payload.texts) ? payload.texts.map(String) : [String(payload.text)];
      return { sent: texts.reduce((sent, text) => sent + server.sendRaw(text), 0) };
    },
    'sb-share': (payload) => {
      const texts = payload.texts.map(String);
      shared.set(get(payload), texts);
      return { shared: texts.length };
    },
    'sb-raw-shared': (payload) => {
      const server = get(payload);
      const texts = shared.get(server) ?? [];
      const part = (value) => {
        if (typeof value !== 'number') return String(value);
        if (texts[value] === undefined) throw new Error(`No shared text ${value} on ${payload.id}`);
        return texts[value];
      };
      const join = (text) => (Array.isArray(text) ? text.map(part).join('') : String(text));
      return { sent: payload.texts.reduce((sent, text) => sent + server.sendRaw(join(text)), 0) };
    },
    'sb-flood': async (payload) => ({ sent: await get(payload).flood(payload) }),
    'sb-actions': (payload) => get(payload).actionsRun,
    'sb-silence': (payload) => ({ sockets: get(payload).silence() }),
    'sb-kill': async (payload) => {
      await get(payload).kill();
      return { sockets: 0 };
    },
    'sb-restart': async (payload) => ({ port: await get(payload).restart() }),
    'sb-requests': (payload) => get(payload).requests,
    'sb-sockets': (payload) => ({ open: get(payload).openSockets, connections: get(payload).connections }),
    'sb-stop-all': async () => {
      const stopped = servers.size;
      await Promise.all([...servers.values()].map((server) => server.kill()));
      servers.clear();
      return { stopped };
    },
  };
  return {
    name: 'streamerbot-server',
    async executeCommand({ command, payload }) {
      const run = commands[command];
      return run ? run(payload) : undefined;
    },
    async serverStop() {
      await Promise.all([...servers.values()].map((server) => server.kill()));
      servers.clear();
    },
  };
}
