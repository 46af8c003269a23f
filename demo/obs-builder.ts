import { html, render } from 'lit';
import { copyButton } from './copy.js';

/**
 * The gallery's OBS URL builder: pick a host, widgets and looks, get the address of the OBS page
 * (demo/obs/index.html) to paste into an OBS browser source. The page reads the same query
 * parameters the provider does (`platform`, `host`, `port`, `endpoint`, `password`, `scheme`) plus
 * `widgets`, `theme`, `locale`, `reduced-motion` and `layout`.
 */

/** Widget names as the OBS page's `widgets` parameter takes them; the page shows them in this order. */
export const OBS_WIDGETS = ['viewer-counter', 'tip-menu', 'wheel-spinner', 'status-pill', 'leaderboard', 'alert-box', 'goal-bar'] as const;

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
}

/** The OBS page URL for `options`, relative to `base` (the gallery page's own URL). */
export function obsUrl(options: ObsOptions, base: string): string {
  const url = new URL('./obs/index.html', base);
  const params = url.searchParams;
  params.set('platform', options.platform);
  if (options.platform === 'streamerbot') {
    for (const key of ['host', 'port', 'endpoint', 'password'] as const) {
      const value = options[key]?.trim();
      if (value) params.set(key, value);
    }
    if (options.scheme === 'wss') params.set('scheme', 'wss');
  }
  params.set('widgets', options.widgets.join(','));
  params.set('theme', options.theme);
  if (options.locale) params.set('locale', options.locale);
  if (options.reducedMotion) params.set('reduced-motion', 'true');
  if (options.layout === 'row') params.set('layout', 'row');
  // URLSearchParams escapes the commas of the widget list; OBS users read and edit these URLs.
  return url.href.replace(/%2C/g, ',');
}

const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'pt-BR', 'ja-JP', 'ar-EG'];

function template() {
  return html`
    <h2 id="obs-heading">OBS browser source URL</h2>
    <p>
      Build the address of the OBS page, then in OBS add a <em>Browser</em> source, leave
      <em>Local file</em> unticked and paste it as the URL. The page is transparent; size the source
      to fit the widgets you pick.
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
        <label>Port <input name="port" value="8080" inputmode="numeric" pattern="[0-9]{1,5}" autocomplete="off" /></label>
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
      <fieldset>
        <legend>Widgets</legend>
        ${OBS_WIDGETS.map((name) => html`<label><input type="checkbox" name="widgets" value=${name} /> ${name}</label>`)}
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
        <label><input type="checkbox" name="reduced-motion" /> Reduced motion</label>
      </fieldset>
    </form>
    <div class="obs-result">
      <p class="obs-url"><code></code></p>
      <p class="obs-actions"><a class="obs-open" target="_blank" rel="noopener">Open</a></p>
      <p class="obs-warning" role="alert"></p>
    </div>
  `;
}

function readForm(form: HTMLFormElement): ObsOptions {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  return {
    platform: text('platform') === 'demo' ? 'demo' : 'streamerbot',
    host: text('host'),
    port: text('port'),
    endpoint: text('endpoint'),
    password: text('password'),
    scheme: text('scheme') === 'wss' ? 'wss' : 'ws',
    widgets: data.getAll('widgets').map(String),
    theme: text('theme') === 'light' ? 'light' : 'dark',
    locale: text('locale') || undefined,
    reducedMotion: data.has('reduced-motion'),
    layout: text('layout') === 'row' ? 'row' : 'column',
  };
}

/** Renders the builder into `section` and keeps its URL, copy button and link in step with the form. */
export function setupObsBuilder(section: HTMLElement, status: HTMLElement): void {
  section.setAttribute('aria-labelledby', 'obs-heading');
  render(template(), section);
  const form = section.querySelector('form')!;
  const code = section.querySelector('.obs-url code')!;
  const open = section.querySelector<HTMLAnchorElement>('.obs-open')!;
  const warning = section.querySelector('.obs-warning')!;
  const copy = copyButton('Copy the OBS URL', () => code.textContent ?? '', () => code, status);
  open.before(copy);

  const update = () => {
    const options = readForm(form);
    const url = obsUrl(options, location.href);
    section.querySelector<HTMLFieldSetElement>('.streamerbot-only')!.disabled = options.platform !== 'streamerbot';
    const ready = options.widgets.length > 0;
    code.textContent = url;
    open.href = url;
    copy.disabled = !ready;
    open.hidden = !ready;
    warning.textContent = ready ? '' : 'Pick at least one widget.';
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
}
