import { html, render } from 'lit';
import { readObsConfig, WIDGETS } from './obs/config.js';
import { copyButton } from './copy.js';

/**
 * The gallery's OBS URL builder: pick a host, widgets and looks, get the address of the OBS page
 * (demo/obs/index.html; dist/obs/ in the package) to paste into an OBS browser source. Two ways to
 * add it: a URL (the page hosted, e.g. beside this gallery) or the page's folder on the streamer's
 * PC (a file:// URL, or OBS's "Local file" with a settings.js). The page reads the same query
 * parameters the provider does (`platform`, `host`, `port`, …) plus its own; what the builder
 * composes is checked by the page's own reader (demo/obs/config.ts), so the builder shows exactly
 * the problems the page would.
 */

/** Widget names as the OBS page's `widgets` parameter takes them; the page shows them in this order. */
export const OBS_WIDGETS = WIDGETS;

export interface ObsOptions {
  platform: 'demo' | 'streamerbot';
  host?: string;
  port?: string;
  endpoint?: string;
  password?: string;
  scheme?: 'ws' | 'wss';
  widgets: readonly string[];
  theme: 'dark' | 'light';
  locale?: string;
  reducedMotion: boolean;
  /** `column` (stacked, the page's default) or `row` (side by side). */
  layout?: 'column' | 'row';
  /** `start` (the page's default), `center`, `end` or `stretch`. */
  align?: string;
  /** Space between widgets in px (the page's default is 16). */
  gap?: string;
  /** Size factor for every widget (the page's default is 1), or `fit`. */
  scale?: string;
  /** Per widget, attributes as `name=value` pairs joined by `&` (`window=7d&limit=5`). */
  attributes?: Record<string, string>;
  /** Streamer.bot tip menu, as JSON. */
  menu?: string;
  subValue?: string;
  giftValue?: string;
  subCurrency?: string;
}

/** Where OBS finds the page: hosted (a URL beside the gallery) or a folder on the streamer's PC. */
export type ObsPageLocation = { kind: 'hosted'; base: string } | { kind: 'file'; folder: string };

/** The query string (without `?`) the OBS page reads for `options`. */
export function obsQuery(options: ObsOptions): string {
  const params = new URLSearchParams();
  params.set('platform', options.platform);
  const put = (key: string, value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed) params.set(key, trimmed);
  };
  if (options.platform === 'streamerbot') {
    for (const key of ['host', 'port', 'endpoint', 'password'] as const) put(key, options[key]);
    if (options.scheme === 'wss') params.set('scheme', 'wss');
    put('menu', options.menu);
    put('sub-value', options.subValue);
    put('gift-value', options.giftValue);
    put('sub-currency', options.subCurrency);
  }
  params.set('widgets', options.widgets.join(','));
  params.set('theme', options.theme);
  if (options.locale) params.set('locale', options.locale);
  if (options.reducedMotion) params.set('reduced-motion', 'true');
  if (options.layout === 'row') params.set('layout', 'row');
  if (options.align && options.align !== 'start') params.set('align', options.align);
  if (options.gap?.trim() && options.gap.trim() !== '16') params.set('gap', options.gap.trim());
  if (options.scale?.trim() && Number(options.scale) !== 1) params.set('scale', options.scale.trim());
  for (const widget of options.widgets) {
    new URLSearchParams(options.attributes?.[widget]?.trim() ?? '').forEach((value, name) => {
      if (name.trim()) params.set(`${widget}.${name.trim()}`, value.trim());
    });
  }
  // URLSearchParams escapes the commas of the widget list; OBS users read and edit these URLs.
  return params.toString().replace(/%2C/g, ',');
}

/** The OBS page URL for `options`, relative to `base` (the gallery page's own URL). */
export function obsUrl(options: ObsOptions, base: string): string {
  const url = new URL('./obs/index.html', base);
  return `${url.href}?${obsQuery(options)}`;
}

/**
 * The file:// URL of the page in `folder` (the unpacked obs folder, e.g. `C:\Overlays\onair\obs`
 * or `/home/me/onair/obs`), or undefined while the folder is not an absolute path.
 */
export function obsFileUrl(options: ObsOptions, folder: string): string | undefined {
  const path = folder.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  const windows = /^[A-Za-z]:\//.test(path);
  if (!windows && !path.startsWith('/')) return undefined;
  const url = new URL(`file://${windows ? '/' : ''}${path}/index.html`);
  return `${url.href}?${obsQuery(options)}`;
}

/** settings.js for OBS's "Local file", which opens the page without a query string. */
export function obsSettingsScript(options: ObsOptions): string {
  return `// onair OBS page settings, from the gallery's builder. A query string in the page URL wins over these.\nwindow.onairObsSettings = ${JSON.stringify(obsQuery(options))};\n`;
}

const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'pt-BR', 'ja-JP', 'ar-EG'];

/** Placeholders showing each widget's typical attributes, in the form the field takes. */
const ATTRIBUTE_HINTS: Record<string, string> = {
  'alert-box': 'min-amount=10&animation-in=slide-up',
  'goal-bar': 'goal=500',
  'viewer-counter': 'appearance=pill&milestones=100,500',
  'tip-menu': 'sort=none',
  'wheel-spinner': 'duration=4000&show-history',
  'status-pill': 'message=Back at 9',
  leaderboard: 'window=7d&limit=5&currency=USD&rates',
  'event-list': 'limit=5&min-amount=10',
  'tip-timer': 'duration=3600&rates=USD:60,tokens:5',
};

function template() {
  return html`
    <h2 id="obs-heading">OBS browser source</h2>
    <p>
      Pick a host, widgets and looks. Then, in OBS, add a <em>Browser</em> source and either paste the
      URL below (<em>Local file</em> unticked), or tick <em>Local file</em>, choose the page's
      <code>index.html</code> and put the <code>settings.js</code> below beside it. The page is
      transparent; size the source to fit the widgets you pick.
    </p>
    <form class="obs-form" @submit=${(event: Event) => event.preventDefault()}>
      <fieldset>
        <legend>Host</legend>
        <label><input type="radio" name="platform" value="streamerbot" checked /> Streamer.bot (live data from your PC)</label>
        <label><input type="radio" name="platform" value="demo" /> Demo feed (simulated, for layout)</label>
        <p class="hint">
          Twitch and Stripchat widgets run inside those sites' extension panels and overlays, not in OBS,
          and StreamNook widgets in its plugin panel; see their quick starts in the README.
        </p>
      </fieldset>
      <fieldset class="streamerbot-only">
        <legend>Streamer.bot WebSocket server</legend>
        <label>Host <input name="host" value="127.0.0.1" autocomplete="off" spellcheck="false" /></label>
        <label>Port <input name="port" value="8080" inputmode="numeric" autocomplete="off" /></label>
        <label>Endpoint <input name="endpoint" placeholder="/" autocomplete="off" spellcheck="false" /></label>
        <label>Password <input name="password" type="password" autocomplete="off" /></label>
        <label>Scheme
          <select name="scheme">
            <option value="ws">ws (same PC or LAN)</option>
            <option value="wss">wss (behind TLS)</option>
          </select>
        </label>
        <p class="hint">A password is written into the URL, and OBS keeps it in the scene file.</p>
      </fieldset>
      <fieldset class="streamerbot-only">
        <legend>Streamer.bot tips</legend>
        <label>Sub value <input name="sub-value" inputmode="decimal" placeholder="none" autocomplete="off" /></label>
        <label>Gift value <input name="gift-value" inputmode="decimal" placeholder="none" autocomplete="off" /></label>
        <label>Currency <input name="sub-currency" placeholder="USD" autocomplete="off" spellcheck="false" /></label>
        <label class="wide">Tip menu (JSON)
          <textarea name="menu" rows="3" spellcheck="false" placeholder='[{"id":"hydrate","label":"Drink","price":3,"currency":"USD","action":"Drink water"}]'></textarea>
        </label>
      </fieldset>
      <fieldset class="obs-widgets">
        <legend>Widgets</legend>
        ${OBS_WIDGETS.map(
          (name, index) => html`<div class="obs-widget">
            <label><input type="checkbox" name="widgets" value=${name} ?checked=${index === 0} /> ${name}</label>
            <label class="attributes">Attributes <input name=${`attrs-${name}`} placeholder=${ATTRIBUTE_HINTS[name] ?? ''} autocomplete="off" spellcheck="false" /></label>
          </div>`,
        )}
      </fieldset>
      <fieldset>
        <legend>Look</legend>
        <label>Theme
          <select name="theme">
            <option value="dark">dark</option>
            <option value="light">light</option>
          </select>
        </label>
        <label>Locale
          <select name="locale">
            <option value="">the browser's</option>
            ${LOCALES.map((locale) => html`<option value=${locale}>${locale}</option>`)}
          </select>
        </label>
        <label>Layout
          <select name="layout">
            <option value="column">stacked</option>
            <option value="row">side by side</option>
          </select>
        </label>
        <label>Align
          <select name="align">
            <option value="start">start</option>
            <option value="center">center</option>
            <option value="end">end</option>
            <option value="stretch">stretch</option>
          </select>
        </label>
        <label>Gap (px) <input name="gap" type="number" min="0" max="200" value="16" /></label>
        <label>Scale <input name="scale" type="number" min="0.25" max="5" step="0.25" value="1" /></label>
        <label><input type="checkbox" name="scale-fit" /> Fit the page (as large as every widget fits)</label>
        <label><input type="checkbox" name="reduced-motion" /> Reduced motion</label>
      </fieldset>
      <fieldset>
        <legend>Where the page lives</legend>
        <label><input type="radio" name="where" value="hosted" checked /> Hosted, beside this gallery</label>
        <label><input type="radio" name="where" value="file" /> <span>A folder on this PC (<code>dist/obs</code> of the package)</span></label>
        <label class="file-only">Folder <input name="folder" placeholder="C:\\Overlays\\onair\\obs" autocomplete="off" spellcheck="false" /></label>
      </fieldset>
    </form>
    <div class="obs-result">
      <p class="obs-url"><code></code></p>
      <p class="obs-actions"><a class="obs-open" target="_blank" rel="noopener">Open</a></p>
      <div class="obs-settings file-only">
        <p>For OBS's <em>Local file</em>: save as <code>settings.js</code> in that folder.</p>
        <pre><code class="obs-settings-text"></code></pre>
        <p class="obs-actions"><a class="obs-download" download="settings.js">Download settings.js</a></p>
      </div>
      <div class="obs-warning" role="alert"><ul></ul></div>
    </div>
  `;
}

function readForm(form: HTMLFormElement): ObsOptions {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  const widgets = data.getAll('widgets').map(String);
  return {
    platform: text('platform') === 'demo' ? 'demo' : 'streamerbot',
    host: text('host'),
    port: text('port'),
    endpoint: text('endpoint'),
    password: text('password'),
    scheme: text('scheme') === 'wss' ? 'wss' : 'ws',
    widgets,
    theme: text('theme') === 'light' ? 'light' : 'dark',
    locale: text('locale') || undefined,
    reducedMotion: data.has('reduced-motion'),
    layout: text('layout') === 'row' ? 'row' : 'column',
    align: text('align'),
    gap: text('gap'),
    scale: data.has('scale-fit') ? 'fit' : text('scale'),
    attributes: Object.fromEntries(widgets.map((name) => [name, text(`attrs-${name}`)])),
    menu: text('menu'),
    subValue: text('sub-value'),
    giftValue: text('gift-value'),
    subCurrency: text('sub-currency'),
  };
}

/** Problems the OBS page would list for `options`, plus what only the builder can tell. */
function problemsOf(options: ObsOptions, where: string, url: string | undefined): string[] {
  const problems = readObsConfig(obsQuery(options)).problems.map((problem) =>
    problem.startsWith('Add ?widgets=') ? 'Pick at least one widget.' : problem,
  );
  if (options.menu?.trim()) {
    try {
      if (!Array.isArray(JSON.parse(options.menu))) problems.push('The tip menu must be a JSON list of items.');
    } catch {
      problems.push('The tip menu is not valid JSON.');
    }
  }
  if (where === 'file' && !url) problems.push('Enter the full path of the obs folder, e.g. C:\\Overlays\\onair\\obs.');
  return problems;
}

/** Renders the builder into `section` and keeps its URL, copy button, links and checks in step with the form. */
export function setupObsBuilder(section: HTMLElement, status: HTMLElement): void {
  section.setAttribute('aria-labelledby', 'obs-heading');
  render(template(), section);
  const form = section.querySelector('form')!;
  const code = section.querySelector('.obs-url code')!;
  const open = section.querySelector<HTMLAnchorElement>('.obs-open')!;
  const warning = section.querySelector('.obs-warning ul')!;
  const settings = section.querySelector('.obs-settings-text')!;
  const download = section.querySelector<HTMLAnchorElement>('.obs-download')!;
  const copy = copyButton('Copy the OBS URL', () => code.textContent ?? '', () => code, status);
  open.before(copy);

  const update = () => {
    const options = readForm(form);
    const where = new FormData(form).get('where') === 'hosted' ? 'hosted' : 'file';
    const url = where === 'hosted' ? obsUrl(options, location.href) : obsFileUrl(options, String(new FormData(form).get('folder') ?? ''));
    section.querySelectorAll<HTMLFieldSetElement>('.streamerbot-only').forEach((set) => (set.disabled = options.platform !== 'streamerbot'));
    section.querySelectorAll<HTMLElement>('.file-only').forEach((el) => (el.hidden = where !== 'file'));
    const problems = problemsOf(options, where, url);
    const ready = problems.length === 0;
    code.textContent = url ?? '';
    open.href = url ?? '';
    copy.disabled = !ready;
    // Browsers do not open file:// links from a web page; OBS does.
    open.hidden = !ready || where === 'file';
    const script = obsSettingsScript(options);
    settings.textContent = script;
    download.href = `data:text/javascript;charset=utf-8,${encodeURIComponent(script)}`;
    download.hidden = !ready;
    warning.replaceChildren(...problems.map((problem) => Object.assign(document.createElement('li'), { textContent: problem })));
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
}
