import { custom, integer, LOOK_OPTIONS, text } from '../kit/options.js';
import { isRecord } from '../validate.js';

/** The StreamNook adapter's options (`platform="streamnook"`). */
export const STREAMNOOK_OPTIONS = {
  api: custom('object', (value) => (isRecord(value) ? value : undefined), {
    description: 'The UI plugin `api` passed to `activate(api)`; defaults to the one the plugin entry publishes.',
  }),
  source: custom('object', (value) => value, { description: 'Any other carrier of the JSON-RPC notifications (an EventTarget or a subscribe function).' }),
  call: custom('object', (value) => (typeof value === 'function' ? value : undefined), { description: 'Calls a host method; defaults to `api.host.call` or `api.call`.' }),
  pluginId: text({ max: 64, description: 'Only `plugin://status` events for this plugin id count.' }),
  callTimeoutMs: integer({ attribute: 'call-timeout', min: 100, max: 120_000, default: 10_000, description: 'Milliseconds before an unanswered host call counts as failed.' }),
  ...LOOK_OPTIONS,
};
