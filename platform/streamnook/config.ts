/** The StreamNook adapter's options as typed values, read through its schema (`options.ts`). */
import type { HostContext } from '../model.js';
import { readOptions, type OptionProblem, type PlatformOptions } from '../kit/options.js';
import { isRecord } from '../validate.js';
import { STREAMNOOK_OPTIONS } from './options.js';
import type { Invoke, StreamNookApi } from './transport.js';

export interface StreamNookOptions {
  /** The UI plugin `api` object passed to `activate(api)`. */
  api?: StreamNookApi;
  /** This plugin's id (default `api.pluginId`): other plugins' pushes are ignored. */
  pluginId?: string;
  /** Calls a Tauri command; default: the app window's Tauri bridge. */
  invoke?: Invoke;
  theme?: HostContext['theme'];
  locale?: string;
  /** Milliseconds before an unanswered snapshot request counts as failed. */
  callTimeoutMs?: number;
}

/**
 * Reads StreamNook options from provider attributes / query parameters (strings) or JS properties
 * (`api`, `invoke`). Without an `api`, the one the plugin entry published on
 * `window.onairStreamNook` is used, so `<onair-platform platform="auto">` inside the plugin works.
 */
export function streamNookOptions(options: PlatformOptions): StreamNookOptions & { problems: OptionProblem[] } {
  const { values, problems } = readOptions(STREAMNOOK_OPTIONS, options);
  const globalApi = typeof window !== 'undefined' ? (window as { onairStreamNook?: { api?: unknown } }).onairStreamNook?.api : undefined;
  const api = values.api ?? (isRecord(globalApi) ? globalApi : undefined);
  const parsed: StreamNookOptions = { ...values, api: api as StreamNookApi | undefined, invoke: values.invoke as Invoke | undefined };
  const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as StreamNookOptions;
  return { ...defined, problems };
}
