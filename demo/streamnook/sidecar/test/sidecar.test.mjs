/**
 * The onair StreamNook sidecar against a test host that speaks StreamNook's stdio protocol.
 * Run: `node --test demo/streamnook/sidecar/test/`. The binary is built with cargo (standard
 * library only, works offline); without cargo the binary tests are skipped and only the framing
 * tests run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, StdioHost } from './stdio-host.mjs';
import { readManifest } from './manifest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const crate = join(here, '..');
const manifest = readManifest(join(crate, '..', 'plugin.toml'));

/** Builds the sidecar once; undefined when no cargo is installed. */
function buildSidecar() {
  if (process.env.ONAIR_SIDECAR) return process.env.ONAIR_SIDECAR;
  if (spawnSync('cargo', ['--version']).status !== 0) return undefined;
  execFileSync('cargo', ['build', '--offline', '--quiet', '--manifest-path', join(crate, 'Cargo.toml')], { stdio: 'inherit' });
  const binary = join(crate, 'target', 'debug', process.platform === 'win32' ? 'onair-streamnook-sidecar.exe' : 'onair-streamnook-sidecar');
  return existsSync(binary) ? binary : undefined;
}

const channel = (overrides = {}) => ({
  channel_id: '12345',
  login: 'somechannel',
  display_name: 'SomeChannel',
  game_id: '509658',
  game_name: 'Just Chatting',
  started_at: '2026-06-10T17:00:00+00:00',
  viewer_count: 14203,
  favorite: false,
  ...overrides,
});

describe('framing (no build needed)', () => {
  test('splits frames across chunks and reads extra headers', () => {
    const decoder = new FrameDecoder();
    const bytes = Buffer.concat([encodeFrame({ a: 'é' }), Buffer.from('X-Extra: 1\r\nContent-Length: 2\r\n\r\n{}')]);
    const bodies = [...decoder.push(bytes.subarray(0, 7)), ...decoder.push(bytes.subarray(7))];
    assert.deepEqual(bodies, ['{"a":"é"}', '{}']);
  });

  test('rejects oversized frames and malformed headers', () => {
    assert.throws(() => new FrameDecoder().push(Buffer.from(`Content-Length: ${MAX_FRAME_BYTES + 1}\r\n\r\n`)), /exceeds/);
    assert.throws(() => new FrameDecoder().push(Buffer.from('nonsense\r\n\r\n')), /malformed/);
    assert.throws(() => new FrameDecoder().push(Buffer.from('Content-Length: 2x\r\n\r\n{}')), /invalid/);
  });

  test('the manifest declares what the sidecar uses', () => {
    assert.equal(manifest.runtime.kind, 'process');
    assert.equal(manifest.runtime.transport, 'stdio');
    assert.ok(manifest.runtime.ui_entry.endsWith('.js'));
    assert.deepEqual(manifest.contributes.status, ['onair.feed']);
    assert.deepEqual(manifest.contributes.actions, ['onair.snapshot']);
    assert.deepEqual(manifest.capabilities.host_methods, ['get_followed_live']);
    for (const id of [...manifest.contributes.status, ...manifest.contributes.actions]) assert.match(id, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
});

const binary = buildSidecar();

describe('the sidecar binary', { skip: binary ? false : 'cargo is not installed: set ONAIR_SIDECAR to a built binary' }, () => {
  let host;
  const started = async (followed = [channel()], overrides = {}) => {
    host = new StdioHost({
      entry: binary,
      cwd: crate,
      pluginId: manifest.id,
      events: manifest.capabilities.events,
      hostMethods: manifest.capabilities.host_methods,
      status: manifest.contributes.status,
      actions: manifest.contributes.actions,
      followed,
      ...overrides,
    });
    const states = [];
    host.on('plugin://state-changed', (state) => states.push(state));
    const init = await host.start();
    return { init, states };
  };

  after(() => host?.kill());

  const stderrShows = async (pattern) => {
    const until = Date.now() + 5000;
    while (!pattern.test(host.stderr)) {
      if (Date.now() > until) assert.fail(`stderr never showed ${pattern}: ${JSON.stringify(host.stderr)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  test('answers initialize with its version and the granted hooks, then loads followed channels', async () => {
    const { init, states } = await started();
    assert.equal(init.plugin_version, '0.1.0');
    assert.deepEqual([...init.hooks].sort(), [...manifest.capabilities.events].sort());
    assert.deepEqual(states, [{ plugin_id: manifest.id, running: true }]);
    const { value } = await host.nextStatus((v) => v.kind === 'snapshot');
    assert.deepEqual(value.snapshot.followed, [channel()]);
    assert.equal(value.snapshot.active, null);
    assert.deepEqual(host.calls.map((call) => call.method), ['get_followed_live']);
    assert.equal(await host.stop(), 0);
  });

  test('hooks only what the host granted', async () => {
    const { init } = await started([], { events: ['on_chat_message'], hostMethods: [] });
    assert.deepEqual(init.hooks, ['on_chat_message']);
    const { value } = await host.nextStatus((v) => v.kind === 'snapshot');
    assert.equal(value.snapshot.followed, null, 'no get_followed_live without the grant');
    assert.deepEqual(host.calls, []);
    await host.stop();
  });

  test('forwards each hooked notification, in order, as a plugin://status push', async () => {
    await started();
    await host.nextStatus((v) => v.kind === 'snapshot');
    const sent = [
      ['on_stream_start', { channel: channel({ display_name: '', viewer_count: null, game_id: null, game_name: null, started_at: null }) }],
      ['on_chat_message', { channel: 'somechannel', message: { id: '', user_id: '1', login: 'me', display_name: 'Me', color: null, badges: [], text: 'hi', is_action: false, msg_type: null, system_message: null, bits: null, ts: '2026-06-10T17:00:00+00:00' } }],
      ['on_chat_message', { channel: 'somechannel', message: { id: 'x1', user_id: '2', login: 'fan', display_name: 'Fan', color: '#FF7F50', badges: [], text: 'Cheer100 hi', is_action: false, msg_type: null, system_message: null, bits: 100, ts: '2026-06-10T17:00:01+00:00' } }],
      ['on_channel_change', { channel_id: '999', login: 'other' }],
      ['on_watch_tick', { active_channel_id: '999', ts: '2026-06-10T17:01:00+00:00' }],
      ['on_followed_live', { channels: [channel({ viewer_count: 15000 })] }],
      ['on_stream_stop', { channel_id: '999' }],
    ];
    for (const [event, params] of sent) assert.equal(host.notify(event, params), true);
    await host.nextStatus((v) => v.event === 'on_stream_stop');
    const events = host.statuses.map((s) => s.value).filter((v) => v.kind === 'event');
    assert.deepEqual(events.map((v) => [v.event, v.params]), sent);
    const seqs = host.statuses.map((s) => s.value.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'seq counts every push');
    assert.ok(host.statuses.every((s) => s.plugin_id === manifest.id && s.slot === 'onair.feed'));
    await host.stop();
  });

  test('onair.snapshot returns the active channel and followed set; unknown actions are refused', async () => {
    await started();
    await host.nextStatus((v) => v.kind === 'snapshot');
    host.notify('on_channel_change', { channel_id: '12345', login: 'somechannel' });
    const snapshot = await host.invokeAction('onair.snapshot', {});
    assert.deepEqual(snapshot.active, { channel_id: '12345', login: 'somechannel' });
    assert.deepEqual(snapshot.followed, [channel()]);
    const pushed = host.statuses.find((s) => s.value.seq === snapshot.seq);
    assert.deepEqual(pushed.value, { kind: 'snapshot', snapshot: { followed: snapshot.followed, active: snapshot.active, hooks: snapshot.hooks }, seq: snapshot.seq }, 'the answer also went out on the feed');
    host.followed = [channel({ viewer_count: 1 })];
    const refreshed = await host.invokeAction('onair.snapshot', { refresh: true });
    assert.equal(refreshed.followed[0].viewer_count, 1);
    await assert.rejects(host.request('invoke_action', { action: 'drops.mine', args: {} }, 5), (error) => error.code === -32602);
    await assert.rejects(host.request('no_such_method', {}, 5), (error) => error.code === -32601);
    assert.deepEqual(await host.ping(), {});
    await host.stop();
  });

  test('skips a frame that is not JSON and an oversized frame, then keeps serving', async () => {
    await started();
    await host.nextStatus((v) => v.kind === 'snapshot');
    host.write(encodeFrame('{not json'));
    host.write(Buffer.from(`Content-Length: ${MAX_FRAME_BYTES + 10}\r\n\r\n`));
    host.write(Buffer.alloc(MAX_FRAME_BYTES + 10, 0x20));
    assert.deepEqual(await host.ping(), {});
    // stderr is its own pipe: its lines may reach us after the ping's answer on stdout.
    await stderrShows(/not JSON/);
    await stderrShows(/over 4 MiB/);
    await host.stop();
  });

  test('exits when the host closes stdin', async () => {
    await started();
    host.child.stdin.end();
    assert.equal((await host.exited).code, 0);
  });
});
