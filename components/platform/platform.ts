import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import { platformContext } from '../../platform/context.js';
import { detectPlatformWhenReady } from '../../platform/detect.js';
import type { Platform } from '../../platform/model.js';
import { createPlatform, optionsFromSearch, type PlatformOptions } from '../../platform/registry.js';

/** Declared adapter options; any other attribute is an adapter option too and also restarts it. */
const OPTION_ATTRIBUTES = ['seed', 'rate', 'host', 'port', 'endpoint', 'password', 'scheme'] as const;

/** Global HTML attributes: styling and identity, never adapter options. */
const PAGE_ATTRIBUTES = /^(id|class|style|slot|hidden|title|lang|dir|part|tabindex|data-.*|aria-.*)$/;

function isAdapterOption(name: string, declared: readonly string[]): boolean {
  return !declared.includes(name) && !PAGE_ATTRIBUTES.test(name);
}

/**
 * Provides a platform to every onair widget inside it. With `platform="auto"` (the default) it
 * detects the host; adapter options come from its attributes, falling back to the page URL's query
 * parameters of the same names (for OBS browser sources configured by URL).
 *
 * @summary Hands the chosen host's platform to the widgets inside.
 * @slot - The widgets and any other content.
 */
@customElement('onair-platform')
export class OnAirPlatformElement extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** `auto`, `demo`, `twitch`, `stripchat`, `streamerbot`, `streamnook` or `no-host`. */
  @property() platform = 'auto';
  /** Demo feed seed. */
  @property() seed?: string;
  /** Demo feed tips per second. */
  @property() rate?: string;
  /** Streamer.bot WebSocket host (default 127.0.0.1). */
  @property() host?: string;
  /** Streamer.bot WebSocket port (default 8080). */
  @property() port?: string;
  /** Streamer.bot WebSocket endpoint (default `/`). */
  @property() endpoint?: string;
  /** Streamer.bot WebSocket password. */
  @property() password?: string;
  /** Streamer.bot WebSocket scheme, `ws` or `wss`. */
  @property() scheme?: string;

  /** A ready platform object; when set it is used as is and never disposed by this element. */
  @property({ attribute: false }) adapter?: Platform;
  /** The Stripchat helper object from `createExtHelper()`, for pages built with a bundler. */
  @property({ attribute: false }) ext?: unknown;
  /** Extra adapter options for values that are not strings (e.g. a StreamNook plugin `api`). */
  @property({ attribute: false }) options?: PlatformOptions;

  private readonly provider = new ContextProvider(this, { context: platformContext });
  /**
   * Adapters take options this element does not declare (`top-key`, `relay-action`, …); a change
   * to any undeclared attribute restarts the platform just like a declared one.
   */
  private readonly attributeWatcher = new MutationObserver((mutations) => {
    const declared = (this.constructor as typeof OnAirPlatformElement).observedAttributes;
    if (mutations.some(({ attributeName }) => attributeName && isAdapterOption(attributeName, declared))) void this.restart();
  });
  private owned?: Platform;
  private generation = 0;
  private disposeTimer?: Promise<void>;

  /** The platform currently provided, once it has been created. */
  get current(): Platform | undefined {
    return this.provider.value;
  }

  override render() {
    return html`<slot></slot>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.disposeTimer = undefined;
    this.attributeWatcher.observe(this, { attributes: true });
    if (this.hasUpdated && !this.provider.value) void this.restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.attributeWatcher.disconnect();
    // A provider moved within the page reconnects in the same task; only a real removal disposes.
    const pending = (this.disposeTimer = Promise.resolve().then(() => {
      if (this.disposeTimer === pending && !this.isConnected) this.release();
    }));
  }

  protected override updated(changed: PropertyValues<this>): void {
    const relevant = ['platform', 'adapter', 'ext', 'options', ...OPTION_ATTRIBUTES] as const;
    if (relevant.some((key) => changed.has(key)) || !this.provider.value) void this.restart();
  }

  private async restart(): Promise<void> {
    const generation = ++this.generation;
    if (this.adapter) {
      this.swap(this.adapter, undefined);
      return;
    }
    const search = location.search;
    const name = await detectPlatformWhenReady({ attribute: this.platform, search, win: window });
    const platform = await createPlatform(name, this.collectOptions(search));
    if (generation !== this.generation || !this.isConnected) {
      platform.dispose();
      return;
    }
    this.swap(platform, platform);
  }

  private swap(platform: Platform, owned: Platform | undefined): void {
    const previous = this.owned;
    this.owned = owned;
    this.provider.setValue(platform);
    if (previous && previous !== platform) previous.dispose();
  }

  private release(): void {
    this.generation += 1;
    this.owned?.dispose();
    this.owned = undefined;
    this.provider.setValue(undefined);
  }

  private collectOptions(search: string): PlatformOptions {
    const fromAttributes: PlatformOptions = {};
    for (const attribute of Array.from(this.attributes)) {
      if (attribute.name !== 'platform' && !PAGE_ATTRIBUTES.test(attribute.name)) fromAttributes[attribute.name] = attribute.value;
    }
    return {
      ...optionsFromSearch(search),
      ...fromAttributes,
      ...(this.ext !== undefined ? { ext: this.ext } : {}),
      ...this.options,
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-platform': OnAirPlatformElement;
  }
}
