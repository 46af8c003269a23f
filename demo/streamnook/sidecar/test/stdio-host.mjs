/**
 * A test host for StreamNook process plugins, written from StreamNook's plugin protocol v1
 * (docs: api-protocol, api-hooks, plugin-ui): it spawns `entry` directly (working directory = the
 * plugin folder), speaks Content-Length-framed JSON-RPC 2.0 over stdio (4 MiB per frame),
 * sends `initialize` (10 s to answer) then `initialized`, forwards only hooked notifications,
 * answers `get_followed_live` when granted, turns `set_status` on a declared slot into a
 * `plugin://status` event `{ plugin_id, slot, value }`, routes `invoke_action` (30 s) for declared
 * actions, pings (25 s to answer), and stops with `shutdown` (3 s) then `exit` (5 s, then a kill).
 * Run-state changes are emitted as `plugin://state-changed` `{ plugin_id, running }`.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';

export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** One frame as bytes. */
export function encodeFrame(message) {
  const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * Splits a byte stream into frame bodies. `push` returns the complete bodies so far; a malformed
 * header or an oversized frame throws, as the host treats both as a protocol violation.
 */
export class FrameDecoder {
  buffer = Buffer.alloc(0);

  push(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const bodies = [];
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return bodies;
      let length;
      for (const line of this.buffer.subarray(0, end).toString('ascii').split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) throw new Error('malformed frame header line');
        if (line.slice(0, colon).trim().toLowerCase() === 'content-length') {
          const value = line.slice(colon + 1).trim();
          if (!/^\d+$/.test(value)) throw new Error(`invalid Content-Length '${value}'`);
          length = Number(value);
        }
      }
      if (length === undefined) throw new Error('frame missing Content-Length header');
      if (length > MAX_FRAME_BYTES) throw new Error(`frame of ${length} bytes exceeds the limit`);
      if (this.buffer.length < end + 4 + length) return bodies;
      bodies.push(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
    }
  }
}

export class StdioHost extends EventEmitter {
  /**
   * @param {{ entry: string, cwd: string, pluginId: string, events: string[], hostMethods: string[],
   *   status: string[], actions: string[], followed?: object[] }} manifest
   */
  constructor(manifest) {
    super();
    this.manifest = manifest;
    this.followed = manifest.followed ?? [];
    this.hooks = [];
    this.statuses = [];
    this.calls = [];
    this.stderr = '';
    this.pending = new Map();
    this.nextId = 1;
    this.decoder = new FrameDecoder();
    this.running = false;
  }

  /** Spawns and handshakes; resolves with the `initialize` result. */
  async start() {
    const child = spawn(this.manifest.entry, [], { cwd: this.manifest.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.stdout.on('data', (chunk) => this.receive(chunk));
    child.stderr.on('data', (chunk) => (this.stderr += chunk));
    child.stdin.on('error', () => {});
    const result = await this.request('initialize', {
      protocol_version: 1,
      host_version: '7.0.0',
      plugin_id: this.manifest.pluginId,
      granted: { events: this.manifest.events, host_methods: this.manifest.hostMethods, credentials: [], ui: [] },
      data_dir: this.manifest.cwd,
      log_dir: this.manifest.cwd,
    }, 10);
    this.hooks = (Array.isArray(result?.hooks) ? result.hooks : []).filter((hook) => this.manifest.events.includes(hook));
    this.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    this.running = true;
    this.emit('plugin://state-changed', { plugin_id: this.manifest.pluginId, running: true });
    return result;
  }

  /** A host notification; dropped unless the plugin hooked it, as the host does. */
  notify(event, params) {
    if (!this.running || !this.hooks.includes(event)) return false;
    this.send({ jsonrpc: '2.0', method: event, params });
    return true;
  }

  ping() {
    return this.request('ping', {}, 25);
  }

  /** What `invoke('plugins_invoke_action', { action, args })` does. */
  invokeAction(action, args = {}) {
    if (!this.running) return Promise.reject(new Error(`the plugin handling '${action}' is not running`));
    if (!this.manifest.actions.includes(action)) return Promise.reject(new Error(`no plugin handles the action '${action}'`));
    return this.request('invoke_action', { action, args }, 30);
  }

  /** Graceful stop; resolves with the exit code. */
  async stop() {
    if (!this.child) return undefined;
    this.running = false;
    await this.request('shutdown', null, 3).catch(() => undefined);
    this.send({ jsonrpc: '2.0', method: 'exit', params: null });
    const timer = setTimeout(() => this.child.kill(), 5000);
    const { code } = await this.exited;
    clearTimeout(timer);
    this.emit('plugin://state-changed', { plugin_id: this.manifest.pluginId, running: false });
    return code;
  }

  kill() {
    this.running = false;
    this.child?.kill();
  }

  /** Raw bytes to the plugin's stdin (malformed-input tests). */
  write(bytes) {
    this.child.stdin.write(bytes);
  }

  send(message) {
    if (this.child?.stdin.writable) this.child.stdin.write(encodeFrame(message));
  }

  request(method, params, timeoutSeconds) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutSeconds}s`));
      }, timeoutSeconds * 1000);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  receive(chunk) {
    let bodies;
    try {
      bodies = this.decoder.push(chunk);
    } catch (error) {
      this.emit('violation', error);
      this.kill();
      return;
    }
    for (const body of bodies) {
      let frame;
      try {
        frame = JSON.parse(body);
      } catch (error) {
        this.emit('violation', error);
        this.kill();
        return;
      }
      this.route(frame);
    }
  }

  route(frame) {
    const hasId = frame.id !== undefined;
    if (hasId && frame.method === undefined) {
      const waiter = this.pending.get(frame.id);
      if (!waiter) return;
      this.pending.delete(frame.id);
      clearTimeout(waiter.timer);
      if (frame.error) waiter.reject(Object.assign(new Error(frame.error.message), { code: frame.error.code }));
      else waiter.resolve(frame.result);
      return;
    }
    if (hasId) {
      this.calls.push({ method: frame.method, params: frame.params });
      this.send({ jsonrpc: '2.0', id: frame.id, ...this.hostMethod(frame.method) });
      return;
    }
    if (frame.method === 'set_status') {
      const slot = frame.params?.slot;
      // The host ignores a slot the manifest did not declare.
      if (typeof slot !== 'string' || !this.manifest.status.includes(slot)) return;
      const event = { plugin_id: this.manifest.pluginId, slot, value: frame.params.value ?? null };
      this.statuses.push(event);
      this.emit('plugin://status', event);
    }
  }

  hostMethod(method) {
    if (!this.manifest.hostMethods.includes(method)) return { error: { code: -32000, message: 'capability_denied' } };
    if (method === 'get_followed_live') return { result: { channels: structuredClone(this.followed) } };
    return { error: { code: -32601, message: `method not found: ${method}` } };
  }

  /** Resolves with the next `plugin://status` value that `match` accepts. */
  nextStatus(match = () => true, timeoutMs = 5000) {
    const seen = this.statuses.find((event) => match(event.value));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('plugin://status', listener);
        reject(new Error('no matching plugin://status event'));
      }, timeoutMs);
      const listener = (event) => {
        if (!match(event.value)) return;
        clearTimeout(timer);
        this.off('plugin://status', listener);
        resolve(event);
      };
      this.on('plugin://status', listener);
    });
  }
}
