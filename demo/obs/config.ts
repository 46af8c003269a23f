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
import { ADAPTER_OPTIONS } from '../../platform/schemas.js';
import { currency, date, isRecord, locale, MAX_AMOUNT, MAX_MESSAGE, num, oneOf, text, THEMES } from '../../platform/validate.js';
import { ALERT_ANIMATIONS, mediaUrl } from '../../components/alert-box/alert-box.js';
import { PILL_CORNERS } from '../../components/status-pill/status-pill.js';
import { watchFit } from './fit.js';

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
  /** Size factor for every widget (`--onair-scale`), 1 by default; `fit`: as large as fits the page (fit.ts). */
  scale: number | 'fit';
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

/**
 * What a rule makes of one value: the attribute value to set, `null` to leave the attribute out
 * (a boolean attribute turned off), or what is expected instead, in words.
 */
type Verdict = { set: string | null } | { expected: string };
/** Checks one attribute value the way its widget reads it. */
type Rule = (value: string) => Verdict;

const rule =
  (accepts: (value: string) => boolean, expected: string): Rule =>
  (value) =>
    accepts(value) ? { set: value } : { expected };
const choice = (...allowed: readonly string[]): Rule => rule((value) => allowed.includes(value), `one of ${allowed.join(', ')}`);
const whole = (min: number, max: number): Rule =>
  rule((value) => /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max, `a whole number from ${min} to ${max}`);
const DECIMAL = /^\d{1,13}(\.\d{1,6})?$/;
/** A decimal number in [min, max]; `above` excludes `min` itself (a goal of 0 is no goal). */
const decimal = (min: number, max: number, above = false): Rule =>
  rule(
    (value) => DECIMAL.test(value) && (above ? Number(value) > min : Number(value) >= min) && Number(value) <= max,
    above ? `a number above ${min} up to ${max}` : `a number from ${min} to ${max}`,
  );
const FLAG_ON = ['', 'true', '1', 'on', 'yes'];
const FLAG_OFF = ['false', '0', 'off', 'no'];
/**
 * Boolean attributes are on whenever present, so the page turns `=false`, `=0`, `=off` and `=no`
 * into leaving the attribute out, and refuses any other word rather than guess.
 */
const flag: Rule = (value) => {
  const word = value.trim().toLowerCase();
  if (FLAG_ON.includes(word)) return { set: '' };
  if (FLAG_OFF.includes(word)) return { set: null };
  return { expected: 'true or false' };
};
const numbers = rule((value) => /^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/.test(value), 'numbers separated by commas');
const currencyRule = rule((value) => currency(value) !== undefined, 'a currency such as USD, bits or tokens');
const currencyList = rule((value) => value.split(',').every((item) => currency(item.trim()) !== undefined), 'currencies separated by commas, such as tokens,USD');
const nameList = rule((value) => /^\s*[a-z0-9_-]{1,40}(\s*,\s*[a-z0-9_-]{1,40})*\s*$/i.test(value), 'names separated by commas, such as streamelements,kofi');
const isoDate = rule((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && date(value) !== undefined, 'a date such as 2026-12-01 or 2026-12-01T18:00:00Z');
const words = (max: number): Rule => rule((value) => text(value, max + 1) !== undefined && value.length <= max, `text of 1 to ${max} characters`);

const MAX_TIERS = 20;
const TIER_KEYS = ['min', 'currency', 'image', 'sound', 'duration', 'template'];

/** What is wrong with tier `n` (counted from 1), or undefined. */
function tierProblem(tier: unknown, n: number): string | undefined {
  if (!isRecord(tier)) return `tier ${n} to be an object such as {"min":1}`;
  const unknown = Object.keys(tier).find((key) => !TIER_KEYS.includes(key));
  if (unknown) return `tier ${n} with only ${TIER_KEYS.join(', ')} (not ${shown(unknown)})`;
  if (num(tier.min, 0) === undefined) return `tier ${n} with "min", an amount of 0 or more`;
  if (tier.currency !== undefined && currency(tier.currency) === undefined) return `tier ${n} with a currency such as USD, bits or tokens`;
  if (tier.duration !== undefined && num(tier.duration, 100, 60_000) === undefined) return `tier ${n} with a duration from 100 to 60000 ms`;
  if (tier.template !== undefined && (typeof tier.template !== 'string' || tier.template.length > 200)) return `tier ${n} with a template of at most 200 characters`;
  for (const [key, kind, what] of [
    ['image', 'image', 'an image'],
    ['sound', 'audio', 'a sound'],
  ] as const) {
    const value = tier[key];
    if (value !== undefined && mediaUrl(value, kind) === undefined) {
      return `tier ${n} with ${what} named as a file next to index.html, an http(s) URL or a data:${kind}/… URL (${shown(String(value))} is refused)`;
    }
  }
  return undefined;
}

/** The alert box's `tiers`: a JSON list of tiers, each checked as the alert box reads it. */
const tiers: Rule = (value) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { expected: 'JSON such as [{"min":1,"image":"star.svg","sound":"ding.wav"}]' };
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_TIERS) return { expected: `a JSON list of 1 to ${MAX_TIERS} tiers such as [{"min":1}]` };
  for (const [index, tier] of parsed.entries()) {
    const problem = tierProblem(tier, index + 1);
    if (problem) return { expected: problem };
  }
  return { set: value };
};

const COMMON_RULES: Record<string, Rule> = {
  theme: choice(...THEMES),
  locale: rule((value) => locale(value) !== undefined, 'a language tag such as de-DE'),
  'reduced-motion': flag,
};

/**
 * What each widget's attributes accept, as the widgets validate them (see their README tables).
 * A new widget adds its entry here; attributes without a rule are set as given.
 */
const VALUE_RULES: Partial<Record<WidgetName, Record<string, Rule>>> = {
  'viewer-counter': { notation: choice('standard', 'compact'), milestones: numbers, breakdown: flag, 'announce-interval': whole(0, 3600), appearance: choice('plain', 'pill') },
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
    sounds: flag,
    controls: choice('auto', 'none'),
    price: decimal(0, MAX_AMOUNT, true),
    currency: currencyRule,
  },
  'status-pill': {
    floating: choice('auto', 'true', 'false'),
    corner: choice(...PILL_CORNERS),
    collapsed: flag,
    opaque: flag,
    'snap-threshold': whole(0, 1000),
  },
  leaderboard: {
    window: choice(...LEADERBOARD_WINDOWS),
    limit: whole(1, 100),
    notation: choice('compact', 'standard'),
    currency: currencyRule,
  },
  'alert-box': {
    tiers,
    duration: whole(100, 60_000),
    'max-queue': whole(1, 50),
    'min-amount': decimal(0, MAX_AMOUNT),
    currencies: currencyList,
    sources: nameList,
    sound: flag,
    volume: decimal(0, 1),
    tts: flag,
    'tts-max-length': whole(1, MAX_MESSAGE),
    'tts-lang': rule((value) => value === 'auto' || locale(value) !== undefined, 'auto or a language tag such as de-DE'),
    'animation-in': choice(...ALERT_ANIMATIONS),
    'animation-out': choice(...ALERT_ANIMATIONS),
  },
  'goal-bar': {
    goal: decimal(0, MAX_AMOUNT, true),
    title: words(200),
    currency: currencyRule,
    since: isoDate,
    start: decimal(0, MAX_AMOUNT),
    stretch: numbers,
    orientation: choice('horizontal', 'vertical'),
    'celebration-duration': whole(0, 60_000),
  },
  'event-list': { limit: whole(1, 50), 'min-amount': decimal(0, MAX_AMOUNT), currencies: currencyList, 'hide-messages': flag, 'show-total': flag },
  'tip-timer': {
    duration: whole(1, 8_640_000),
    rate: decimal(0, MAX_AMOUNT),
    currency: currencyRule,
    rates: rule(
      (value) => /^\s*[a-zA-Z]{3,6}\s*:\s*\d+(\.\d+)?(\s*,\s*[a-zA-Z]{3,6}\s*:\s*\d+(\.\d+)?)*\s*$/.test(value) && value.split(',').every((pair) => currency(pair.split(':')[0].trim()) !== undefined),
      'currency:seconds pairs such as USD:60,tokens:5',
    ),
    'max-per-tip': decimal(0, MAX_AMOUNT),
    'max-total': decimal(0, MAX_AMOUNT),
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

function widgetAttributes(params: URLSearchParams, chosen: readonly WidgetName[], problems: string[]): ObsConfig['attributes'] {
  const attributes: ObsConfig['attributes'] = {};
  for (const widget of WIDGETS) attributes[widget] = { ...DEFAULT_ATTRIBUTES[widget] };
  const unused = new Map<WidgetName, string[]>();
  params.forEach((value, key) => {
    const [widget, attribute, ...rest] = key.split('.');
    if (attribute === undefined) return;
    const name = oneOf(WIDGETS, widget);
    if (!name || rest.length > 0 || !ATTRIBUTE_NAME.test(attribute) || FORBIDDEN_ATTRIBUTE.test(attribute) || value.length > MAX_ATTRIBUTE_VALUE) {
      problems.push(`Invalid widget setting ${shown(key)} ignored.`);
      return;
    }
    if (!chosen.includes(name)) {
      unused.set(name, [...(unused.get(name) ?? []), key]);
      return;
    }
    const known = knownAttributes(name);
    if (known && !known.includes(attribute) && !GLOBAL_ATTRIBUTE.test(attribute)) {
      problems.push(`<onair-${name}> has no attribute ${shown(attribute)}; ${shown(key)} ignored.`);
      return;
    }
    const verdict = (VALUE_RULES[name]?.[attribute] ?? COMMON_RULES[attribute])?.(value) ?? { set: value };
    if ('expected' in verdict) problems.push(`Invalid ${key} ${shown(value)} ignored: use ${verdict.expected}.`);
    else if (verdict.set === null) delete attributes[name]![attribute];
    else attributes[name]![attribute] = verdict.set;
  });
  for (const [name, keys] of unused) {
    problems.push(`${keys.map(shown).join(', ')} ignored: ${name} is not in widgets=. Add it there, or remove ${keys.length > 1 ? 'these settings' : 'the setting'}.`);
  }
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
  const schema = ADAPTER_OPTIONS[platform];
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

  const checked = <T>(name: string, value: T | undefined, expected: string): T | undefined => {
    if (params.has(name) && value === undefined) problems.push(`Invalid ${name} ${shown(params.get(name) ?? '')} ignored: use ${expected}.`);
    return value;
  };
  const platformText = params.get('platform')?.trim().toLowerCase();
  const platform = platformText === undefined || platformText === 'auto' ? 'auto' : oneOf(PLATFORM_NAMES, platformText);
  if (!platform) problems.push(`Unknown platform ${shown(params.get('platform') ?? '')}; choose from auto, ${PLATFORM_NAMES.join(', ')}.`);
  const adapterName: PlatformName = platform && platform !== 'auto' ? platform : 'streamerbot';
  const gapText = params.get('gap');
  const gap = gapText !== null && /^\d{1,3}$/.test(gapText) && Number(gapText) <= MAX_GAP ? Number(gapText) : undefined;
  const scaleText = params.get('scale')?.trim().toLowerCase();
  const scale =
    scaleText === 'fit' ? 'fit' : scaleText !== undefined && /^\d{1,2}(\.\d{1,3})?$/.test(scaleText) && Number(scaleText) >= MIN_SCALE && Number(scaleText) <= MAX_SCALE ? Number(scaleText) : undefined;
  const motion = params.has('reduced-motion') ? flag(params.get('reduced-motion') ?? '') : { set: null };
  if ('expected' in motion) problems.push(`Invalid reduced-motion ${shown(params.get('reduced-motion') ?? '')} ignored: use true or false.`);

  return {
    widgets,
    platform: platform ?? 'auto',
    theme: checked('theme', oneOf(THEMES, params.get('theme')), THEMES.join(' or ')),
    locale: checked('locale', locale(params.get('locale')), 'a language tag such as de-DE'),
    reducedMotion: 'set' in motion && motion.set !== null,
    layout: checked('layout', oneOf(LAYOUTS, params.get('layout')), LAYOUTS.join(' or ')) ?? 'column',
    align: checked('align', oneOf(ALIGNS, params.get('align')), `one of ${ALIGNS.join(', ')}`) ?? 'start',
    gap: checked('gap', gap, `a whole number of pixels from 0 to ${MAX_GAP}`) ?? 16,
    scale: checked('scale', scale, `a number from ${MIN_SCALE} to ${MAX_SCALE} (e.g. 2 on a 1920 × 1080 canvas), or fit`) ?? 1,
    adapter: adapterOptions(params, adapterName, problems),
    attributes: widgetAttributes(params, widgets, problems),
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
  if (typeof config.scale === 'number' && config.scale !== 1) layout.style.setProperty('--onair-scale', String(config.scale));
  for (const name of config.widgets) {
    const widget = doc.createElement(`onair-${name}`);
    for (const [attribute, value] of Object.entries(config.attributes[name] ?? {})) widget.setAttribute(attribute, value);
    if (config.theme) widget.setAttribute('theme', config.theme);
    if (config.locale) widget.setAttribute('locale', config.locale);
    if (config.reducedMotion) widget.setAttribute('reduced-motion', '');
    layout.append(widget);
  }
  provider.append(layout);
  root.replaceChildren(provider);
  const problems = [...config.problems, ...pageProblems(doc, config)];
  showProblems(root, problems);
  const stop = watchFit(layout, config.scale, ({ problem }) => {
    if (!provider.isConnected) stop();
    else showProblems(root, problem ? [...problems, problem] : problems);
  });
  return provider;
}

/**
 * What the page cannot do where it was opened. OBS's "Local file" serves the page as
 * `http://absolute/<path>` in current versions (obs-browser maps the file to that URL when its CEF
 * has no file:// support), and a plain http page that is not on localhost is no secure context:
 * WebCrypto is missing, which the wheel's fair draw and a Streamer.bot password need.
 */
function pageProblems(doc: Document, config: ObsConfig): string[] {
  const win = doc.defaultView;
  if (!win || win.isSecureContext) return [];
  const needs = [config.widgets.includes('wheel-spinner') ? 'the wheel' : '', config.adapter.password ? 'a Streamer.bot password' : ''].filter(Boolean);
  if (needs.length === 0) return [];
  const where =
    win.location.hostname === 'absolute'
      ? 'OBS opened this page as a Local file, which current OBS serves from a plain http address (host "absolute") that browsers do not treat as secure. Untick "Local file" and paste the page\'s file:/// URL instead (the gallery\'s OBS builder composes it)'
      : 'This page is not secure (https, localhost or a local file). Open it over https or from localhost';
  return [`${needs.join(' and ')} ${needs.length > 1 ? 'need' : 'needs'} WebCrypto, which this page lacks. ${where}.`.replace(/^./, (first) => first.toUpperCase())];
}

/** Lists `problems` along the bottom of the page, as text only; none, no list. */
function showProblems(root: HTMLElement, problems: readonly string[]): void {
  root.querySelector(':scope > .obs-problems')?.remove();
  if (problems.length === 0) return;
  const doc = root.ownerDocument;
  const note = doc.createElement('div');
  note.className = 'obs-problems';
  note.setAttribute('role', 'status');
  const list = doc.createElement('ul');
  for (const problem of problems) {
    const item = doc.createElement('li');
    item.textContent = problem;
    list.append(item);
  }
  note.append(list);
  root.append(note);
}
