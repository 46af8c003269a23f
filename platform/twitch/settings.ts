import { clip, isRecord } from '../validate.js';
import { byteLength } from './envelope.js';

/** Twitch's configuration service stores at most 5 KB per segment. */
export const MAX_SETTINGS_BYTES = 5 * 1024;
const MAX_WIDGETS = 50;
const WIDGET_NAME = /^[a-z][a-z0-9-]{0,63}$/;

export type SettingsResult =
  | { ok: true; settings: Record<string, Record<string, unknown>>; ignored: Array<{ name: string; value: unknown }> }
  | { ok: false; error: string };

/**
 * Reads widget settings from a configuration segment's content: a JSON object keyed by widget
 * name, each value an object, e.g. `{ "wheel-spinner": { "duration": 4000 } }`. Entries that are
 * not objects or not widget names are ignored (and listed); the widgets validate their own fields.
 * Shared by the adapter and the broadcaster's configuration page.
 */
export function parseSettings(content: string): SettingsResult {
  if (byteLength(content) > MAX_SETTINGS_BYTES) return { ok: false, error: `The settings are over ${MAX_SETTINGS_BYTES} bytes.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { ok: false, error: 'The settings are not valid JSON.' };
  }
  if (!isRecord(parsed)) return { ok: false, error: 'The settings must be a JSON object keyed by widget name.' };
  const settings: Record<string, Record<string, unknown>> = {};
  const ignored: Array<{ name: string; value: unknown }> = [];
  Object.entries(parsed).forEach(([name, value], index) => {
    if (index < MAX_WIDGETS && WIDGET_NAME.test(name) && isRecord(value)) settings[name] = value;
    else ignored.push({ name, value });
  });
  return { ok: true, settings, ignored };
}

/**
 * The broadcaster configuration segment (`{ content }`) as widget settings; `undefined` when there
 * is nothing to apply: no segment, empty content, or content that cannot be used (reported, and
 * the previous settings stay). Entries that are not widget settings are reported and left out.
 */
export function segmentSettings(segment: unknown, report: (message: string, payload: unknown) => void): Record<string, Record<string, unknown>> | undefined {
  if (segment === undefined) return undefined;
  const content = isRecord(segment) ? segment.content : undefined;
  if (typeof content !== 'string') {
    report('The broadcaster configuration has no text content.', segment);
    return undefined;
  }
  if (content.trim() === '') return undefined;
  const result = parseSettings(content);
  if (!result.ok) {
    report(`${result.error} Keeping the previous settings.`, content);
    return undefined;
  }
  for (const { name, value } of result.ignored) {
    report(`Ignored the configuration entry "${clip(String(name), 40)}": settings are objects keyed by widget name.`, value);
  }
  return result.settings;
}
