/**
 * The Node side of the fake StreamNook host (test/fakes/streamnook-host.ts), as a web-test-runner
 * plugin. StreamNook's loader imports a plugin's UI bundle as a blob module on every enable, and
 * runs a hybrid plugin's sidecar as a child process over stdio; this plugin provides both:
 *
 * - `sn-bundle` ({ entry }) → { code }: the UI entry bundled into one ES module (esbuild), as the
 *   plugin ships it.
 * - `sn-sidecar-start` ({ followed?, events?, hostMethods? }) → { id, init } or { skipped }: builds
 *   (cargo, std only, offline) and spawns demo/streamnook/sidecar with the stdio test host, using
 *   the capabilities and contributions of demo/streamnook/plugin.toml. `skipped` says why not
 *   (no cargo).
 * - `sn-sidecar-notify` ({ id, event, params }) → { sent }: a host notification (hooked ones only).
 * - `sn-sidecar-followed` ({ id, followed }): what `get_followed_live` answers from now on.
 * - `sn-sidecar-invoke` ({ id, action, args }) → { result } or { error }: `plugins_invoke_action`.
 * - `sn-sidecar-drain` ({ id }) → { events: [{ name, payload }] }: `plugin://status` and
 *   `plugin://state-changed` events since the last drain, in order.
 * - `sn-sidecar-stop` / `sn-sidecar-kill` ({ id }) → { code }: graceful stop or a crash.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { StdioHost } from '../../demo/streamnook/sidecar/test/stdio-host.mjs';
import { readManifest } from '../../demo/streamnook/sidecar/test/manifest.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const crate = join(root, 'demo', 'streamnook', 'sidecar');

let binary;
/** The sidecar binary, built once per run; a string saying why not when there is no cargo. */
function sidecarBinary() {
  if (binary !== undefined) return binary;
  if (process.env.ONAIR_SIDECAR) return (binary = process.env.ONAIR_SIDECAR);
  if (spawnSync('cargo', ['--version']).status !== 0) return (binary = { skipped: 'cargo is not installed' });
  execFileSync('cargo', ['build', '--offline', '--quiet', '--manifest-path', join(crate, 'Cargo.toml')], { stdio: 'inherit' });
  const path = join(crate, 'target', 'debug', process.platform === 'win32' ? 'onair-streamnook-sidecar.exe' : 'onair-streamnook-sidecar');
  return (binary = existsSync(path) ? path : { skipped: 'the cargo build produced no binary' });
}

export function streamNookHostPlugin() {
  const contexts = new Map();
  const sidecars = new Map();
  let nextId = 0;
  const get = (payload) => {
    const entry = sidecars.get(payload?.id);
    if (!entry) throw new Error(`No sidecar with id ${payload?.id}`);
    return entry;
  };

  const commands = {
    'sn-bundle': async ({ entry }) => {
      const path = resolve(root, entry);
      if (!path.startsWith(root)) throw new Error('sn-bundle: entry outside the project');
      let context = contexts.get(path);
      if (!context) {
        context = await esbuild.context({
          entryPoints: [path],
          bundle: true,
          format: 'esm',
          target: 'es2022',
          write: false,
          tsconfig: join(root, 'tsconfig.json'),
          conditions: ['browser', 'production'],
          define: { 'process.env.NODE_ENV': '"production"' },
          logLevel: 'silent',
        });
        contexts.set(path, context);
      }
      // Incremental: only changed sources are rebuilt.
      const { outputFiles } = await context.rebuild();
      return { code: outputFiles[0].text };
    },
    'sn-sidecar-start': async (payload = {}) => {
      const entry = sidecarBinary();
      if (typeof entry !== 'string') return entry;
      const manifest = readManifest(join(root, 'demo', 'streamnook', 'plugin.toml'));
      const host = new StdioHost({
        entry,
        cwd: crate,
        pluginId: manifest.id,
        events: payload.events ?? manifest.capabilities.events,
        hostMethods: payload.hostMethods ?? manifest.capabilities.host_methods,
        status: manifest.contributes.status,
        actions: manifest.contributes.actions,
        followed: payload.followed ?? [],
      });
      const events = [];
      host.on('plugin://status', (event) => events.push({ name: 'plugin://status', payload: event }));
      host.on('plugin://state-changed', (event) => events.push({ name: 'plugin://state-changed', payload: event }));
      const id = `sn${++nextId}`;
      sidecars.set(id, { host, events });
      const init = await host.start();
      return { id, init, pluginId: manifest.id };
    },
    'sn-sidecar-notify': (payload) => ({ sent: get(payload).host.notify(payload.event, payload.params) }),
    'sn-sidecar-followed': (payload) => {
      get(payload).host.followed = payload.followed;
      return {};
    },
    'sn-sidecar-invoke': async (payload) => {
      try {
        return { result: await get(payload).host.invokeAction(payload.action, payload.args ?? {}) };
      } catch (error) {
        return { error: String(error?.message ?? error) };
      }
    },
    'sn-sidecar-drain': (payload) => ({ events: get(payload).events.splice(0) }),
    'sn-sidecar-stop': async (payload) => ({ code: await get(payload).host.stop() }),
    'sn-sidecar-kill': async (payload) => {
      const { host } = get(payload);
      host.kill();
      const { code } = await host.exited;
      host.emit('plugin://state-changed', { plugin_id: host.manifest.pluginId, running: false });
      return { code };
    },
  };

  return {
    name: 'streamnook-host',
    async executeCommand({ command, payload }) {
      const run = commands[command];
      return run ? run(payload) : undefined;
    },
    async serverStop() {
      for (const { host } of sidecars.values()) host.kill();
      sidecars.clear();
      await Promise.all([...contexts.values()].map((context) => context.dispose()));
      contexts.clear();
    },
  };
}
