/**
 * Widget settings from StreamNook's settings panel. Panel keys follow `"<widget>.<attribute>"`:
 * `{ "leaderboard.window": "7d" }` becomes `settings.leaderboard.window = "7d"` in the host context.
 * A key without a dot is kept at the top level. Values are checked per key; a bad one is dropped
 * on its own so the rest of the change still applies.
 */
import { LEADERBOARD_WINDOWS, type LeaderboardWindow } from '../model.js';
import { isRecord, MAX_MESSAGE, oneOf, text } from '../validate.js';

export type PanelValue = boolean | number | string | string[];
export type WidgetSettings = Record<string, unknown>;

/** Widgets the plugin can mount, by panel key (`widgets.<name>`), in display order. */
export const PLUGIN_WIDGETS = ['viewer-counter', 'leaderboard', 'status-pill'] as const;
export type PluginWidget = (typeof PLUGIN_WIDGETS)[number];
export const DEFAULT_WIDGETS: readonly PluginWidget[] = ['viewer-counter', 'leaderboard'];

export const DEFAULT_LEADERBOARD_WINDOW: LeaderboardWindow = 'session';

const MAX_KEYS = 64;
const MAX_LIST = 50;
const KEY_PATTERN = /^[a-z0-9_-]{1,40}(\.[a-z0-9_-]{1,40})?$/i;

/**
 * The settings panel in the schema StreamNook's `register_panel` documents, so a hybrid plugin can
 * hand it to the host as is; the UI plugin renders the same fields itself.
 */
export const PANEL_SCHEMA = {
  title: 'onair widgets',
  sections: [
    {
      label: 'Widgets',
      description: 'Which onair widgets to show over the app.',
      fields: [
        { key: 'widgets.viewer-counter', type: 'toggle', label: 'Viewer counter', default: true },
        { key: 'widgets.leaderboard', type: 'toggle', label: 'Bits leaderboard', default: true },
        { key: 'widgets.status-pill', type: 'toggle', label: 'Connection status', default: false },
      ],
    },
    {
      label: 'Leaderboard',
      fields: [
        {
          key: 'leaderboard.window',
          type: 'select',
          label: 'Window',
          options: [
            { value: 'session', label: 'This session' },
            { value: '1d', label: 'Last 24 hours' },
            { value: '7d', label: 'Last 7 days' },
            { value: '30d', label: 'Last 30 days' },
            { value: 'all', label: 'All time' },
          ],
          default: DEFAULT_LEADERBOARD_WINDOW,
        },
      ],
    },
  ],
} as const;

function panelValue(value: unknown): PanelValue | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return text(value, MAX_MESSAGE) ?? '';
  if (Array.isArray(value) && value.length <= MAX_LIST && value.every((item) => typeof item === 'string')) {
    return value.map((item) => text(item) ?? '').filter((item) => item !== '');
  }
  return undefined;
}

export interface MergeResult {
  settings: WidgetSettings;
  /** Keys whose key or value was unusable. */
  rejected: string[];
}

/** Merges panel `values` into `current` (never mutated), following the key convention. */
export function mergePanelValues(current: WidgetSettings, values: Record<string, unknown>): MergeResult {
  const settings: WidgetSettings = { ...current };
  const rejected: string[] = [];
  for (const [key, raw] of Object.entries(values).slice(0, MAX_KEYS)) {
    const value = panelValue(raw);
    if (!KEY_PATTERN.test(key) || value === undefined) {
      rejected.push(key.slice(0, 80));
      continue;
    }
    const [widget, attribute] = key.split('.');
    const group = Object.hasOwn(settings, widget) && isRecord(settings[widget]) ? settings[widget] : {};
    own(settings, widget, attribute === undefined ? value : own({ ...group }, attribute, value));
  }
  return { settings, rejected };
}

/** Sets an own property, so a key such as `__proto__` is just a key, never the prototype. */
function own<T extends Record<string, unknown>>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Reads a `settings[widget][attribute]` value set through the key convention. */
export function settingOf(settings: WidgetSettings | undefined, widget: string, attribute: string): unknown {
  const group = settings && Object.hasOwn(settings, widget) ? settings[widget] : undefined;
  return isRecord(group) && Object.hasOwn(group, attribute) ? group[attribute] : undefined;
}

/** Which widgets to show: the panel's `widgets.*` toggles over the default set. */
export function chosenWidgets(settings: WidgetSettings | undefined): PluginWidget[] {
  return PLUGIN_WIDGETS.filter((widget) => {
    const toggle = settingOf(settings, 'widgets', widget);
    return typeof toggle === 'boolean' ? toggle : DEFAULT_WIDGETS.includes(widget);
  });
}

export function leaderboardWindow(settings: WidgetSettings | undefined): LeaderboardWindow {
  const value = settingOf(settings, 'leaderboard', 'window');
  return oneOf(LEADERBOARD_WINDOWS, value) ?? DEFAULT_LEADERBOARD_WINDOW;
}
