/**
 * The OBS browser-source page, configured entirely by its URL, e.g.
 * `obs/index.html?platform=streamerbot&port=8080&widgets=leaderboard,viewer-counter&theme=dark&locale=de-DE`.
 * The same settings can come from `settings.js` beside the page (for OBS's "Local file", which
 * takes no query string). Page parameters pick the widgets and how they look; a parameter
 * `<widget>.<attribute>=value` sets one attribute on one widget (`leaderboard.window=7d`); every
 * other parameter is an adapter option handed to `<onair-platform>` (`port`, `password`, `menu`,
 * `sub-value`, …). Whatever is wrong is listed on the page, never guessed at.
 */

import { LEADERBOARD_WINDOWS, type PlatformName } from '../../platform/model.js';
import { PLATFORM_NAMES } from '../../platform/detect.js';
import { attributeOf, readOptions, type OptionSpec } from '../../platform/kit/options.js';
import { ADAPTERS } from '../../platform/registry.js';
import { currency, locale, oneOf, THEMES } from '../../platform/validate.js';

export const WIDGETS = ['viewer-counter', 'tip-menu', 'wheel-spinner', 'status-pill', 'leaderboard', 'alert-box', 'goal-bar', 'event-list', 'tip-timer'] as const;
export type WidgetName = (typeof WIDGETS)[number];

const LAYOUTS = ['column', 'row'] as const;
const ALIGNS = ['start', 'center', 'end', 'stretch'] as const;
const MAX_GAP = 200;
const MIN_SCALE = 0.25;
const MAX_SCALE = 5;

/** Parameters the page itself reads; everything else without a dot is an adapter option. */
const PAGE_PARAMETERS = new Set(['widgets', 'theme', 'locale', 'reduced-motion', 'layout', 'align', 'gap', 'scale', 'platform']);

export interface ObsConfig {
  widgets: WidgetName[];
  /** The provider's `platform`: a known adapter name, else `auto`. */
  platform: string;
  theme?: 'light' | 'dark';
  locale?: string;
  reducedMotion: boolean;
  /** Widgets stacked (`column`, default) or side by side (`row`). */
  layout: (typeof LAYOUTS)[number];
  align: (typeof ALIGNS)[number];
  /** Space between widgets in CSS pixels. */
  gap: number;
  /** Size factor for every widget (`--onair-scale`), 1 by default. */
  scale: number;
  /** Adapter options (`port`, `password`, `menu`, …) for `<onair-platform>`. */
  adapter: Record<string, string>;
  /** Attributes per widget from `<widget>.<attribute>` parameters, over the page's defaults. */
  attributes: Partial<Record<WidgetName, Record<string, string>>>;
  /** What was ignored, shown on the page so the streamer can fix the URL. */
  problems: string[];
}

/**
 * An OBS page has no place to set a wheel's items from code, so it spins the tip menu (or the
 * `wheel-spinner.items` JSON with `wheel-spinner.source=items`); nobody can click in OBS, so the
 * wheel shows no Spin button and spins on its trigger (`price`, `redemption`).
 */
const DEFAULT_ATTRIBUTES: Partial<Record<WidgetName, Record<string, string>>> = {
  'wheel-spinner': { source: 'tip-menu', controls: 'none' },
  'tip-timer': { controls: 'none' },
};
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** Attributes that would run code or restyle the page if copied from a URL. */
const FORBIDDEN_ATTRIBUTE = /^(on|style$|is$|slot$|part$|class$|id$)/;
const MAX_ATTRIBUTE_VALUE = 500;
/** HTML's own attributes every element takes, beyond the widget's declared ones. */
const GLOBAL_ATTRIBUTE = /^(aria-[a-z]+|data-[a-z0-9-]+|title|lang|dir|hidden)$/;

/** Checks one attribute value; returns what is expected when it is wrong. */
type Rule = (value: string) => string | undefined;

const choice =
  (...allowed: readonly string[]): Rule =>
  (value) =>
    allowed.includes(value) ? undefined : `one of ${allowed.join(', ')}`;
const whole =
  (min: number, max: number): Rule =>
  (value) =>
    /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max ? undefined : `a whole number from ${min} to ${max}`;
/** Boolean attributes are on whenever present, so `=false` would turn them on. */
const flag: Rule = (value) => (value === '' || value === 'true' ? undefined : 'true, or leave it out to turn it off');
const decimal: Rule = (value) => (/^\s*\d{1,12}(\.\d+)?\s*$/.test(value) ? undefined : 'a number such as 10 or 2.5');
const currencyList: Rule = (value) => (value.split(',').every((item) => currency(item.trim())) ? undefined : 'currencies separated by commas, such as tokens,USD');
const numbers: Rule = (value) => (/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/.test(value) ? undefined : 'numbers separated by commas');

const COMMON_RULES: Record<string, Rule> = {
  theme: choice(...THEMES),
  locale: (value) => (locale(value) ? undefined : 'a language tag such as de-DE'),
  'reduced-motion': flag,
};

/** What each widget's attributes accept, as the widgets validate them (see their README tables). */
const VALUE_RULES: Partial<Record<WidgetName, Record<string, Rule>>> = {
  'viewer-counter': { notation: choice('standard', 'compact'), milestones: numbers, breakdown: flag, 'announce-interval': whole(0, 3600) },
  'tip-menu': { sort: choice('price', 'none') },
  'wheel-spinner': {
    source: choice('items', 'tip-menu'),
    'weight-by': choice('price'),
    duration: whole(0, 60_000),
    turns: whole(0, 20),
    'history-size': whole(0, 100),
    'remove-winner': flag,
    'show-history': flag,
    'hide-button': flag,
  },
  'status-pill': { floating: choice('true', 'false'), collapsed: flag, 'snap-threshold': whole(0, 1000) },
  leaderboard: {
    window: choice(...LEADERBOARD_WINDOWS),
    limit: whole(1, 100),
    notation: choice('compact', 'standard'),
    currency: (value) => (currency(value) ? undefined : 'a currency such as USD, bits or tokens'),
  },
  'event-list': { limit: whole(1, 50), 'min-amount': decimal, currencies: currencyList, 'hide-messages': flag, 'show-total': flag },
  'tip-timer': {
    duration: whole(1, 8_640_000),
    rate: decimal,
    currency: (value) => (currency(value) ? undefined : 'a currency such as USD, bits or tokens'),
    rates: (value) => (/^\s*[a-zA-Z]{3,6}\s*:\s*\d+(\.\d+)?(\s*,\s*[a-zA-Z]{3,6}\s*:\s*\d+(\.\d+)?)*\s*$/.test(value) && value.split(',').every((pair) => currency(pair.split(':')[0].trim())) ? undefined : 'currency:seconds pairs such as USD:60,tokens:5'),
    'max-per-tip': decimal,
    'max-total': decimal,
    step: whole(1, 86_400),
    controls: choice('auto', 'none'),
    autostart: flag,
  },
};

/** The attributes a defined widget observes, or undefined while it is not defined yet. */
function knownAttributes(widget: WidgetName): readonly string[] | undefined {
  return (customElements.get(`onair-${widget}`) as { observedAttributes?: string[] } | undefined)?.observedAttributes;
}

const shown = (text: string) => `"${text.slice(0, 40)}"`;

function widgetAttributes(params: URLSearchParams, problems: string[]): ObsConfig['attributes'] {
  const attributes: ObsConfig['attributes'] = {};
  for (const widget of WIDGETS) attributes[widget] = { ...DEFAULT_ATTRIBUTES[widget] };
  params.forEach((value, key) => {
    const [widget, attribute, ...rest] = key.split('.');
    if (attribute === undefined) return;
    const name = oneOf(WIDGETS, widget);
    if (!name || rest.length > 0 || !ATTRIBUTE_NAME.test(attribute) || FORBIDDEN_ATTRIBUTE.test(attribute) || value.length > MAX_ATTRIBUTE_VALUE) {
      problems.push(`Invalid widget setting ${shown(key)} ignored.`);
      return;
    }
    const known = knownAttributes(name);
    if (known && !known.includes(attribute) && !GLOBAL_ATTRIBUTE.test(attribute)) {
      problems.push(`<onair-${name}> has no attribute ${shown(attribute)}; ${shown(key)} ignored.`);
      return;
    }
    const expected = (VALUE_RULES[name]?.[attribute] ?? COMMON_RULES[attribute])?.(value);
    if (expected) {
      problems.push(`Invalid ${key} ${shown(value)} ignored: use ${expected}.`);
      return;
    }
    attributes[name]![attribute] = value;
  });
  return attributes;
}

/** What an adapter option takes, in words, from its schema entry. */
function expectedOf(spec: OptionSpec<unknown>): string {
  const range = spec.min !== undefined && spec.max !== undefined ? ` from ${spec.min} to ${spec.max}` : '';
  if (spec.values) return `one of ${spec.values.join(', ')}`;
  if (spec.type === 'integer') return `a whole number${range}`;
  if (spec.type === 'number') return `a number${range}`;
  return spec.description.replace(/\.$/, '').replace(/^./, (first) => first.toLowerCase());
}

/**
 * Adapter options (every parameter without a dot that the page does not read itself), checked
 * against the adapter's own schema (platform/kit/options.ts), the one it parses them with: the page
 * lists exactly what the adapter would ignore, plus settings no adapter option spells. Secrets
 * (the password) are never shown. In OBS, `auto` means Streamer.bot.
 */
function adapterOptions(params: URLSearchParams, platform: PlatformName, problems: string[]): Record<string, string> {
  const schema = ADAPTERS[platform].options;
  const specs = new Map(Object.entries(schema).map(([key, spec]) => [attributeOf(key, spec), spec]));
  const adapter: Record<string, string> = {};
  params.forEach((value, key) => {
    if (key.includes('.') || PAGE_PARAMETERS.has(key)) return;
    if (!ATTRIBUTE_NAME.test(key) || FORBIDDEN_ATTRIBUTE.test(key) || value.length > 4000) problems.push(`Invalid setting ${shown(key)} ignored.`);
    else if (!specs.has(key)) problems.push(`Unknown setting ${shown(key)} ignored: ${platform} takes ${[...specs.keys()].filter((name) => !PAGE_PARAMETERS.has(name)).join(', ') || 'none'}.`);
    else adapter[key] = value;
  });
  for (const problem of readOptions(schema, adapter).problems) {
    const spec = specs.get(problem.option);
    const value = spec?.secret ? '' : ` ${shown(adapter[problem.option] ?? '')}`;
    problems.push(`Invalid ${problem.option}${value} ignored: use ${spec ? expectedOf(spec) : 'another value'}.`);
    delete adapter[problem.option];
  }
  return adapter;
}

export function readObsConfig(search: string): ObsConfig {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const widgets: WidgetName[] = [];
  for (const raw of (params.get('widgets') ?? '').split(',')) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    const widget = oneOf(WIDGETS, name);
    if (!widget) problems.push(`Unknown widget ${shown(name)} ignored; choose from ${WIDGETS.join(', ')}.`);
    else if (!widgets.includes(widget)) widgets.push(widget);
  }
  if (widgets.length === 0) problems.push(`Add ?widgets= with one or more of ${WIDGETS.join(', ')}.`);

  const checked = <T>(name: string, value: T | undefined): T | undefined => {
    if (params.has(name) && value === undefined) problems.push(`Invalid ${name} ${shown(params.get(name) ?? '')} ignored.`);
    return value;
  };
  const platformText = params.get('platform')?.trim().toLowerCase();
  const platform = platformText === undefined || platformText === 'auto' ? 'auto' : oneOf(PLATFORM_NAMES, platformText);
  if (!platform) problems.push(`Unknown platform ${shown(params.get('platform') ?? '')}; choose from auto, ${PLATFORM_NAMES.join(', ')}.`);
  const adapterName: PlatformName = platform && platform !== 'auto' ? platform : 'streamerbot';
  const gapText = params.get('gap');
  const gap = gapText !== null && /^\d{1,3}$/.test(gapText) && Number(gapText) <= MAX_GAP ? Number(gapText) : undefined;
  const scaleText = params.get('scale');
  const scale = scaleText !== null && /^\d{1,2}(\.\d{1,3})?$/.test(scaleText) && Number(scaleText) >= MIN_SCALE && Number(scaleText) <= MAX_SCALE ? Number(scaleText) : undefined;
  const motion = params.get('reduced-motion');

  return {
    widgets,
    platform: platform ?? 'auto',
    theme: checked('theme', oneOf(THEMES, params.get('theme'))),
    locale: checked('locale', locale(params.get('locale'))),
    reducedMotion: motion !== null && motion !== 'false' && motion !== '0',
    layout: checked('layout', oneOf(LAYOUTS, params.get('layout'))) ?? 'column',
    align: checked('align', oneOf(ALIGNS, params.get('align'))) ?? 'start',
    gap: checked('gap', gap) ?? 16,
    scale: checked('scale', scale) ?? 1,
    adapter: adapterOptions(params, adapterName, problems),
    attributes: widgetAttributes(params, problems),
    problems,
  };
}

/** Builds `<onair-platform>` with the chosen widgets inside `root`, replacing what was there. */
export function mountObsPage(root: HTMLElement, config: ObsConfig): HTMLElement {
  const doc = root.ownerDocument;
  const provider = doc.createElement('onair-platform');
  provider.setAttribute('platform', config.platform);
  // A property, not attributes: a password must not show up in the DOM.
  (provider as HTMLElement & { options?: Record<string, string> }).options = { ...config.adapter };
  const layout = doc.createElement('div');
  layout.className = 'obs-layout';
  layout.dataset.layout = config.layout;
  layout.dataset.align = config.align;
  layout.style.setProperty('--obs-gap', `${config.gap}px`);
  if (config.scale !== 1) layout.style.setProperty('--onair-scale', String(config.scale));
  for (const name of config.widgets) {
    const widget = doc.createElement(`onair-${name}`);
    for (const [attribute, value] of Object.entries(config.attributes[name] ?? {})) widget.setAttribute(attribute, value);
    if (config.theme) widget.setAttribute('theme', config.theme);
    if (config.locale) widget.setAttribute('locale', config.locale);
    if (config.reducedMotion) widget.setAttribute('reduced-motion', '');
    layout.append(widget);
  }
  provider.append(layout);
  const nodes: Node[] = [provider];
  if (config.problems.length > 0) {
    const note = doc.createElement('div');
    note.className = 'obs-problems';
    note.setAttribute('role', 'status');
    const list = doc.createElement('ul');
    for (const problem of config.problems) {
      const item = doc.createElement('li');
      item.textContent = problem;
      list.append(item);
    }
    note.append(list);
    nodes.push(note);
  }
  root.replaceChildren(...nodes);
  return provider;
}
