/**
 * The OBS browser-source page, configured entirely by its URL, e.g.
 * `obs/index.html?platform=streamerbot&port=8080&widgets=leaderboard,viewer-counter&theme=dark&locale=de-DE`.
 * Adapter options (`platform`, `host`, `port`, `password`, `menu`, …) are read by `<onair-platform>`
 * itself from the same URL; this module picks the widgets and how they look, and lists the
 * adapter's option problems (from the schema the adapter parses with) with its own. A parameter
 * `<widget>.<attribute>=value` sets one attribute on one widget, e.g. `leaderboard.window=7d` or
 * `goal-bar.goal=500&goal-bar.stretch=1000,2000&alert-box.min-amount=10`.
 */

import { locale, oneOf, THEMES } from '../../platform/validate.js';
import { PLATFORM_NAMES } from '../../platform/detect.js';
import { readOptions } from '../../platform/kit/options.js';
import { ADAPTERS, optionsFromSearch } from '../../platform/registry.js';

export const WIDGETS = ['viewer-counter', 'tip-menu', 'wheel-spinner', 'status-pill', 'leaderboard', 'alert-box', 'goal-bar'] as const;
export type WidgetName = (typeof WIDGETS)[number];

const LAYOUTS = ['column', 'row'] as const;
const ALIGNS = ['start', 'center', 'end', 'stretch'] as const;
const MAX_GAP = 200;

export interface ObsConfig {
  widgets: WidgetName[];
  theme?: 'light' | 'dark';
  locale?: string;
  reducedMotion: boolean;
  /** Widgets stacked (`column`, default) or side by side (`row`). */
  layout: (typeof LAYOUTS)[number];
  align: (typeof ALIGNS)[number];
  /** Space between widgets in CSS pixels. */
  gap: number;
  /** Attributes per widget from `<widget>.<attribute>` parameters, over the page's defaults. */
  attributes: Partial<Record<WidgetName, Record<string, string>>>;
  /** What was ignored, shown on the page so the streamer can fix the URL. */
  problems: string[];
}

/** An OBS page has no place to set a wheel's items from code, so it spins the tip menu. */
const DEFAULT_ATTRIBUTES: Partial<Record<WidgetName, Record<string, string>>> = {
  'wheel-spinner': { source: 'tip-menu' },
};
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** Attributes that would run code or restyle the page if copied from a URL. */
const FORBIDDEN_ATTRIBUTE = /^(on|style$|is$|slot$|part$)/;
const MAX_ATTRIBUTE_VALUE = 500;

function widgetAttributes(params: URLSearchParams, problems: string[]): ObsConfig['attributes'] {
  const attributes: ObsConfig['attributes'] = {};
  for (const widget of WIDGETS) attributes[widget] = { ...DEFAULT_ATTRIBUTES[widget] };
  params.forEach((value, key) => {
    const [widget, attribute, ...rest] = key.split('.');
    if (attribute === undefined) return;
    const name = oneOf(WIDGETS, widget);
    if (!name || rest.length > 0 || !ATTRIBUTE_NAME.test(attribute) || FORBIDDEN_ATTRIBUTE.test(attribute) || value.length > MAX_ATTRIBUTE_VALUE) {
      problems.push(`Invalid widget setting "${key.slice(0, 40)}" ignored.`);
      return;
    }
    attributes[name]![attribute] = value;
  });
  return attributes;
}



export function readObsConfig(search: string): ObsConfig {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const widgets: WidgetName[] = [];
  for (const raw of (params.get('widgets') ?? '').split(',')) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    const widget = oneOf(WIDGETS, name);
    if (!widget) problems.push(`Unknown widget "${name.slice(0, 40)}" ignored; choose from ${WIDGETS.join(', ')}.`);
    else if (!widgets.includes(widget)) widgets.push(widget);
  }
  if (widgets.length === 0) problems.push(`Add ?widgets= with one or more of ${WIDGETS.join(', ')}.`);

  const checked = <T>(name: string, value: T | undefined): T | undefined => {
    if (params.has(name) && value === undefined) problems.push(`Invalid ${name} "${(params.get(name) ?? '').slice(0, 40)}" ignored.`);
    return value;
  };
  const gapText = params.get('gap');
  const gap = gapText !== null && /^\d{1,3}$/.test(gapText) && Number(gapText) <= MAX_GAP ? Number(gapText) : undefined;
  const motion = params.get('reduced-motion');

  return {
    widgets,
    theme: checked('theme', oneOf(THEMES, params.get('theme'))),
    locale: checked('locale', locale(params.get('locale'))),
    reducedMotion: motion !== null && motion !== 'false' && motion !== '0',
    layout: checked('layout', oneOf(LAYOUTS, params.get('layout'))) ?? 'column',
    align: checked('align', oneOf(ALIGNS, params.get('align'))) ?? 'start',
    gap: checked('gap', gap) ?? 16,
    attributes: widgetAttributes(params, problems),
    problems: [...problems, ...adapterProblems(search)],
  };
}

/**
 * The adapter's own option problems, from the same schema it parses with (an OBS source is
 * Streamer.bot unless `?platform=` names another host). `theme` and `locale` are checked above.
 */
function adapterProblems(search: string): string[] {
  const name = oneOf(PLATFORM_NAMES, new URLSearchParams(search).get('platform')) ?? 'streamerbot';
  const { problems } = readOptions(ADAPTERS[name].options, optionsFromSearch(search));
  return problems.filter((problem) => problem.option !== 'theme' && problem.option !== 'locale').map((problem) => problem.message);
}

/** Builds `<onair-platform>` with the chosen widgets inside `root`, replacing what was there. */
export function mountObsPage(root: HTMLElement, config: ObsConfig): HTMLElement {
  const doc = root.ownerDocument;
  const provider = doc.createElement('onair-platform');
  const layout = doc.createElement('div');
  layout.className = 'obs-layout';
  layout.dataset.layout = config.layout;
  layout.dataset.align = config.align;
  layout.style.setProperty('--obs-gap', `${config.gap}px`);
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
    nodes.unshift(note);
  }
  root.replaceChildren(...nodes);
  return provider;
}
