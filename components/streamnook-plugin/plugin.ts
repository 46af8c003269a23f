/**
 * The StreamNook UI-plugin entry: `activate(api)` mounts the chosen onair widgets inside an
 * `<onair-platform>` backed by a `StreamNookPlatform`, into an overlay (or slot) registered through
 * the api, and registers a settings panel; `deactivate()` removes all of it. Everything optional in
 * the api is feature-detected, since StreamNook adds members without bumping its UI runtime version.
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
import { runTeardown, type StreamNookApi } from '../../platform/streamnook/transport.js';

/** Contribution id for the overlay / slot; StreamNook namespaces it by plugin. */
export const CONTRIBUTION_ID = 'onair-widgets';
/** The only slot StreamNook documents; used when the host offers slots but no overlays. */
export const FALLBACK_SLOT_ID = 'modlogs.dock';
/** UI plugins persist their own settings in localStorage under a `streamnook.<feature>.` key. */
export const STORAGE_KEY = 'streamnook.onair.panel';

type ReactLike = { createElement: (type: string, props: Record<string, unknown>) => unknown };
type Attach = (node: Element | null) => void;

/** A component the host can render: with the host's React, a `div` whose ref hands us the node. */
function hostComponent(react: ReactLike | undefined, attach: Attach): () => unknown {
  return () => (react ? react.createElement('div', { ref: attach, 'data-onair': CONTRIBUTION_ID }) : null);
}

/** Registrations may answer with an element, an unregister function, or an object holding either. */
function readRegistration(result: unknown): { element?: Element; teardown?: () => void } {
  if (result instanceof Element) return { element: result };
  if (typeof result === 'function') return { teardown: () => runTeardown(result) };
  if (!isRecord(result)) return {};
  const undo = [result.unregister, result.dispose, result.remove].find((fn) => typeof fn === 'function') as (() => void) | undefined;
  return {
    element: result.element instanceof Element ? result.element : undefined,
    teardown: undo ? () => runTeardown(() => undo.call(result)) : undefined,
  };
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
  private readonly teardowns: Array<() => void> = [];
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
    this.teardowns.splice(0).reverse().forEach((teardown) => teardown());
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
   * Overlay first (floats over the app), then the documented slot. With the host's React, the
   * host renders our component and its ref hands us the node; a registration that answers with an
   * element is used directly; otherwise the widgets go into the api's container or the body.
   */
  private mountWidgets(): void {
    const ui = this.api.ui;
    const react = this.react();
    const attach: Attach = (node) => (node ? node.append(this.root) : this.root.remove());
    const contribution = { id: CONTRIBUTION_ID, label: 'onair', Component: hostComponent(react, attach) };
    let registration: ReturnType<typeof readRegistration> | undefined;
    try {
      if (typeof ui?.registerOverlay === 'function') {
        this.floatOverApp();
        registration = readRegistration(ui.registerOverlay(contribution));
      } else if (typeof ui?.registerSlot === 'function') {
        registration = readRegistration(ui.registerSlot(FALLBACK_SLOT_ID, contribution));
      }
    } catch (error) {
      registration = undefined;
      console.warn('onair: StreamNook refused the widget contribution', error);
    }
    if (registration?.teardown) this.teardowns.push(registration.teardown);
    if (registration?.element) registration.element.append(this.root);
    else if (!registration || !react) this.containerFromApi().append(this.root);
  }

  private containerFromApi(): Element {
    return this.api.container instanceof Element ? this.api.container : document.body;
  }

  /** An overlay owns its own positioning in StreamNook: a corner stack above the layout. */
  private floatOverApp(): void {
    Object.assign(this.root.style, { position: 'fixed', right: '16px', bottom: '16px', zIndex: '50', display: 'grid', gap: '8px', maxWidth: '360px' });
  }

  private registerPanel(): void {
    const registerPanel = this.api.settings?.registerPanel;
    if (typeof registerPanel !== 'function') return;
    const attach: Attach = (node) => (node ? this.addPanel(node) : this.removePanels());
    // The schema rides along for hosts that render panels from the register_panel schema.
    const panel = Object.assign(hostComponent(this.react(), attach), { schema: PANEL_SCHEMA });
    try {
      const registration = readRegistration(registerPanel.call(this.api.settings, panel));
      if (registration.teardown) this.teardowns.push(registration.teardown);
      if (registration.element) this.addPanel(registration.element);
    } catch (error) {
      console.warn('onair: StreamNook refused the settings panel', error);
    }
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
