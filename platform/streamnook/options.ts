import { custom, integer, LOOK_OPTIONS, text } from '../kit/options.js';
import { isRecord } from '../validate.js';

/** The StreamNook adapter's options (`platform="streamnook"`). */
export const STREAMNOOK_OPTIONS = {
  api: custom('object', (value) => (isRecord(value) ? value : undefined), {
    description: 'The UI plugin `api` passed to `activate(api)`; defaults to the one the plugin entry publishes.',
  }),
  invoke: custom('object', (value) => (typeof value === 'function' ? value : undefined), {
    description: 'Calls a Tauri command `(cmd, args) => Promise`; defaults to the StreamNook window\'s own bridge.',
  }),
  pluginId: text({ max: 64, description: 'This plugin\'s id (default `api.pluginId`): only its own `plugin://status` pushes count.' }),
  callTimeoutMs: integer({ attribute: 'call-timeout', min: 100, max: 120_000, default: 30_000, description: 'Milliseconds before an unanswered sidecar action counts as failed.' }),
  ...LOOK_OPTIONS,
};
