/**
 * The UI half of onair's hybrid StreamNook plugin (`ui_entry`): `activate(api)` mounts the chosen
 * onair widgets inside an `<onair-platform>` backed by a `StreamNookPlatform`, in an overlay
 * registered through the api (or the documented slot, with its required `Icon`), and registers a
 * settings panel; `deactivate()` removes all of it. StreamNook evaluates a fresh copy of this
 * module on every enable, so everything here must tolerate a previous copy having run (element
 * definitions are idempotent, see components/shared/define.ts). Optional api members are
 * feature-detected, since StreamNook adds members without bumping its UI runtime version.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { Subscription } from 'rxjs';
import '../index.js';
import type { OnAirPlatformElement } from '../platform/platform.js';
import { isRecord } from '../../platform/validate.js';
import {
  chosenWidgets,
  leaderboardWindow,
  PANEL_SCHEMA,
  settingOf,
  type PluginWidget,
  type WidgetSettings,
} from '../../platform/streamnook/settings.js';
import { StreamNookPlatform } from '../../platform/streamnook/streamnook-platform.js';
import type { StreamNookApi } from '../../platform/streamnook/transport.js';

/** Contribution id for the overlay / slot; StreamNook namespaces it by plugin. */
export const CONTRIBUTION_ID = 'onair-widgets';
/** The only slot StreamNook documents; used when the host offers slots but no overlays. */
export const FALLBACK_SLOT_ID = 'modlogs.dock';
/** UI plugins persist their own settings in localStorage under a `streamnook.<feature>.` key. */
export const STORAGE_KEY = 'streamnook.onair.panel';

type ReactLike = { createElement: (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown };
type Attach = (node: Element | null) => void;

/** A component the host renders with its React: a `div` whose callback ref hands us the node. */
function hostComponent(react: ReactLike, attach: Attach): () => unknown {
  return () => react.createElement('div', { ref: attach, 'data-onair': CONTRIBUTION_ID });
}

/** The slot toggle's icon (a slot contribution must have one): a filled "on air" dot in a ring. */
function iconComponent(react: ReactLike): (props: { size?: number | string; className?: string }) => unknown {
  return ({ size = 16, className } = {}) =>
    react.createElement(
      'svg',
      { width: size, height: size, viewBox: '0 0 16 16', className, 'aria-hidden': 'true' },
      react.createElement('circle', { cx: 8, cy: 8, r: 6.5, fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 }),
      react.createElement('circle', { cx: 8, cy: 8, r: 3, fill: 'currentColor' }),
    );
}

function readStoredValues(): Record<string, unknown> | undefined {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isRecord(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

function storeValue(key: string, value: unknown): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...readStoredValues(), [key]: value }));
  } catch {
    // Storage can be full or blocked; the change still applies for this session.
  }
}

function widgetTemplate(widget: PluginWidget, settings: WidgetSettings | undefined): TemplateResult {
  switch (widget) {
    case 'viewer-counter':
      return html`<onair-viewer-counter></onair-viewer-counter>`;
    case 'leaderboard':
      return html`<onair-leaderboard window=${leaderboardWindow(settings)}></onair-leaderboard>`;
    case 'status-pill':
      return html`<onair-status-pill></onair-status-pill>`;
  }
}

type PanelField = (typeof PANEL_SCHEMA)['sections'][number]['fields'][number];

function fieldTemplate(field: PanelField, settings: WidgetSettings | undefined, change: (key: string, value: unknown) => void) {
  const [group, attribute] = field.key.split('.');
  const stored = settingOf(settings, group, attribute);
  if (field.type === 'toggle') {
    const checked = typeof stored === 'boolean' ? stored : field.default;
    return html`<label class="onair-field">
      <input type="checkbox" name=${field.key} .checked=${checked}
        @change=${(event: Event) => change(field.key, (event.target as HTMLInputElement).checked)} />
      ${field.label}
    </label>`;
  }
  const selected = typeof stored === 'string' ? stored : field.default;
  return html`<label class="onair-field">
    ${field.label}
    <select name=${field.key} @change=${(event: Event) => change(field.key, (event.target as HTMLSelectElement).value)}>
      ${field.options.map((option) => html`<option value=${option.value} ?selected=${option.value === selected}>${option.label}</option>`)}
    </select>
  </label>`;
}

function panelTemplate(settings: WidgetSettings | undefined, change: (key: string, value: unknown) => void) {
  return html`<form class="onair-streamnook-panel" @submit=${(event: Event) => event.preventDefault()}>
    ${PANEL_SCHEMA.sections.map(
      (section) => html`<fieldset>
        <legend>${section.label}</legend>
        ${section.fields.map((field: PanelField) => fieldTemplate(field, settings, change))}
      </fieldset>`,
    )}
  </form>`;
}

/** One activation: the platform, the mounted widgets, the settings panel, and their teardown. */
class PluginMount {
  readonly platform: StreamNookPlatform;
  private readonly root = document.createElement('div');
  private readonly provider = document.createElement('onair-platform') as OnAirPlatformElement;
  private readonly panels = new Set<Element>();
  private readonly subscription = new Subscription();
  private settings?: WidgetSettings;

  constructor(private readonly api: StreamNookApi) {
    this.platform = new StreamNookPlatform({ api });
    window.onairStreamNook = { api, platform: this.platform };
    const stored = readStoredValues();
    if (stored) this.platform.applyPanelValues(stored);
    this.root.className = 'onair-streamnook';
    this.provider.adapter = this.platform;
    this.root.append(this.provider);
    this.subscription.add(this.platform.context$.subscribe((context) => this.show(context.settings)));
    this.mountWidgets();
    this.registerPanel();
  }

  dispose(): void {
    this.subscription.unsubscribe();
    this.removePanels();
    render(nothing, this.provider);
    this.root.remove();
    this.platform.dispose();
    if (window.onairStreamNook?.platform === this.platform) delete window.onairStreamNook;
  }

  private react(): ReactLike | undefined {
    const react = this.api.libs?.react;
    return typeof react?.createElement === 'function' ? (react as ReactLike) : undefined;
  }

  /**
   * An overlay (floats over the app), else the documented slot. The host renders our component
   * with its React and the component's ref hands us the node. Registrations return nothing; the
   * host removes them itself when it disables the plugin.
   */
  private mountWidgets(): void {
    const ui = this.api.ui;
    const react = this.react();
    if (!react) return this.warn('StreamNook gave no React to render with; the widgets are not shown.');
    const attach: Attach = (node) => (node ? node.append(this.root) : this.root.remove());
    const Component = hostComponent(react, attach);
    try {
      if (typeof ui?.registerOverlay === 'function') {
        this.floatOverApp();
        ui.registerOverlay({ id: CONTRIBUTION_ID, Component });
      } else if (typeof ui?.registerSlot === 'function') {
        ui.registerSlot(FALLBACK_SLOT_ID, { id: CONTRIBUTION_ID, label: 'onair', Icon: iconComponent(react), Component });
      } else {
        this.warn('StreamNook offers neither overlays nor slots; the widgets are not shown.');
      }
    } catch (error) {
      this.warn('StreamNook refused the widget contribution', error);
    }
  }

  /** An overlay owns its own positioning in StreamNook: a corner stack above the layout. */
  private floatOverApp(): void {
    Object.assign(this.root.style, { position: 'fixed', right: '16px', bottom: '16px', zIndex: '50', display: 'grid', gap: '8px', maxWidth: '360px' });
  }

  private registerPanel(): void {
    const registerPanel = this.api.settings?.registerPanel;
    const react = this.react();
    if (typeof registerPanel !== 'function' || !react) return;
    const attach: Attach = (node) => (node ? this.addPanel(node) : this.removePanels());
    try {
      registerPanel.call(this.api.settings, hostComponent(react, attach));
    } catch (error) {
      this.warn('StreamNook refused the settings panel', error);
    }
  }

  private warn(message: string, error?: unknown): void {
    const log = this.api.log?.warn;
    if (typeof log === 'function') log.call(this.api.log, `onair: ${message}`, ...(error === undefined ? [] : [error]));
  }

  private addPanel(node: Element): void {
    this.panels.add(node);
    this.renderPanels();
  }

  /** React calls a ref with `null` on unmount, without saying which node; one panel per window. */
  private removePanels(): void {
    for (const panel of this.panels) render(nothing, panel as HTMLElement);
    this.panels.clear();
  }

  private readonly change = (key: string, value: unknown) => {
    storeValue(key, value);
    this.platform.applyPanelValues({ [key]: value });
  };

  private renderPanels(): void {
    for (const panel of this.panels) render(panelTemplate(this.settings, this.change), panel as HTMLElement);
  }

  private show(settings: WidgetSettings | undefined): void {
    this.settings = settings;
    render(html`${chosenWidgets(settings).map((widget) => widgetTemplate(widget, settings))}`, this.provider);
    this.renderPanels();
  }
}

let active: PluginMount | undefined;

/** Called by StreamNook when the plugin loads in a window; returns the cleanup it may call instead. */
export function activate(api: unknown): () => void {
  deactivate();
  active = new PluginMount(isRecord(api) ? (api as StreamNookApi) : {});
  return deactivate;
}

/** Called by StreamNook before unloading; removes every element, listener and the global. */
export function deactivate(): void {
  const mount = active;
  active = undefined;
  mount?.dispose();
}
