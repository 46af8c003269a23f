/**
 * The OBS browser-source page, configured entirely by its URL, e.g.
 * `obs/index.html?platform=streamerbot&port=8080&widgets=leaderboard,viewer-counter&theme=dark&locale=de-DE`.
 * Adapter options (`platform`, `host`, `port`, `password`, `menu`, …) are read by `<onair-platform>`
 * itself from the same URL; this module only picks the widgets and how they look.
 */

export const WIDGETS = ['viewer-counter', 'tip-menu', 'wheel-spinner', 'status-pill', 'leaderboard'] as const;
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
  /** What was ignored, shown on the page so the streamer can fix the URL. */
  problems: string[];
}

const pickFrom = <T extends string>(list: readonly T[], value: string | null): T | undefined => list.find((item) => item === value);

function locale(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

export function readObsConfig(search: string): ObsConfig {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const widgets: WidgetName[] = [];
  for (const raw of (params.get('widgets') ?? '').split(',')) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    const widget = pickFrom(WIDGETS, name);
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
    theme: checked('theme', pickFrom(['light', 'dark'] as const, params.get('theme'))),
    locale: checked('locale', locale(params.get('locale'))),
    reducedMotion: motion !== null && motion !== 'false' && motion !== '0',
    layout: checked('layout', pickFrom(LAYOUTS, params.get('layout'))) ?? 'column',
    align: checked('align', pickFrom(ALIGNS, params.get('align'))) ?? 'start',
    gap: checked('gap', gap) ?? 16,
    problems,
  };
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
