import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { customElement } from '../shared/define.js';
import { platformContext } from '../../platform/context.js';
import { detectPlatformWhenReady } from '../../platform/detect.js';
import type { Platform } from '../../platform/model.js';
import { createPlatform, OPTION_ATTRIBUTES, optionsFromSearch, type PlatformOptions } from '../../platform/registry.js';

/** Global HTML attributes: styling and identity, never adapter options. */
const PAGE_ATTRIBUTES = /^(id|class|style|slot|hidden|title|lang|dir|part|tabindex|data-.*|aria-.*)$/;

/**
 * Provides a platform to every onair widget inside it. With `platform="auto"` (the default) it
 * detects the host; adapter options come from its attributes, falling back to the page URL's query
 * parameters of the same names (for OBS browser sources configured by URL).
 *
 * Adapter options (each adapter reads those of its schema and reports invalid ones on `errors$`;
 * a change to any of them restarts the platform):
 * @attr activity - (stripchat) In a shared overlay slot: this viewer's frame holds the slot while a spin plays, then lets it go.
 * @attr anchor-key - (stripchat) A `strings` storage key the manifest lets only the model write: the wheel keeps its commitment there, so viewers' wheels verify spins and see the model online.
 * @attr announce - (stripchat) Off by default. `tips`, `spins` or both: announce tips this frame shows and this page's wheel results in the viewer's chat.
 * @attr announce-as - (stripchat) Who announces: `bot` (the extension, default), `model`, or `chat` (a system line).
 * @attr announce-spin-text - (stripchat) Wheel announcement text; `{label}` is filled in.
 * @attr announce-tip-text - (stripchat) Tip announcement text; `{name}`, `{amount}`, `{message}` are filled in.
 * @attr backend - (twitch) Origin of onair's Twitch backend (an HTTPS origin; `ebs/` in the repository): purchases are posted to it, leaderboards and paid wheel spins come from it. Implies `leaderboard="backend"`.
 * @attr backoff-max - (streamerbot) Longest reconnect delay in ms. Default `30000`.
 * @attr backoff-min - (streamerbot) First reconnect delay in ms; doubles per failed attempt. Default `500`.
 * @attr call-timeout - (streamnook) Milliseconds before an unanswered sidecar action counts as failed. Default `30000`.
 * @attr connect-delay - (demo) Milliseconds from creation to `connected`. Default `250`.
 * @attr currency - (demo) Currency of tips and the menu: `tokens`, `bits` or an ISO 4217 code. Default `tokens`.
 * @attr elixir-rate - (streamerbot) US dollars per Elixir for Trovo spells (Mana spells are free and never count); 0 ignores them. Default `0.01`.
 * @attr endpoint - (streamerbot) Streamer.bot WebSocket server endpoint. Default `/`.
 * @attr gift-value - (streamerbot) Value of one gifted tier-1 sub; unset ignores gifts.
 * @attr gift-value-2 - (streamerbot) Value of one gifted tier-2 sub (default 2× `gift-value`).
 * @attr gift-value-3 - (streamerbot) Value of one gifted tier-3 sub (default 5× `gift-value`).
 * @attr goal-key - (stripchat) An `int` storage key declared in the manifest: the goal bar's total (tokens since the counter was last reset) comes from it.
 * @attr hello-timeout - (streamerbot) How long to wait for the server's Hello, in ms. Default `3000`.
 * @attr host - (streamerbot) Streamer.bot WebSocket server host. Default `127.0.0.1`.
 * @attr jitter - (streamerbot) Share of each reconnect delay that is randomised. Default `0.2`.
 * @attr kicks-rate - (streamerbot) US dollars per Kick for Kick gifts; 0 ignores them. Default `0.01`.
 * @attr leaderboard - (twitch) `backend`: a backend (EBS) pushes leaderboard snapshots, so offer the host leaderboard from the start.
 * @attr locale - (Most hosts) BCP 47 locale over the host's, e.g. `de-DE`.
 * @attr membership-value - (streamerbot) Value of one gifted YouTube membership; unset ignores them.
 * @attr menu - (streamerbot) Tip menu as JSON: `[{ id, label, price, currency, action }]`; each item runs a Streamer.bot action.
 * @attr menu-action - (streamerbot) Action for menu items that name none.
 * @attr origin - (stripchat) The host origin, from the extension iframe's `?origin=` parameter.
 * @attr password - (streamerbot) Streamer.bot WebSocket server password (never reported or shown).
 * @attr ping-interval - (streamerbot) How often an idle connection is probed, in ms. Default `15000`.
 * @attr ping-timeout - (streamerbot) How long a probe may go unanswered, in ms. Default `5000`.
 * @attr plugin-id - (streamnook) This plugin's id (default `api.pluginId`): only its own `plugin://status` pushes count.
 * @attr port - (streamerbot) Streamer.bot WebSocket server port. Default `8080`.
 * @attr prime-value - (streamerbot) Value of one Prime sub (default `sub-value`).
 * @attr rate - (demo) Tips per second; 0 stops automatic tips. Default `0.5`.
 * @attr record-tips - (stripchat) On the model's background page: add each received tip to the `top-key` and `goal-key` counters.
 * @attr relay-action - (streamerbot) Action that broadcasts room messages back (`CPH.WebsocketBroadcastJson(args["onair"])`); empty disables the room. Default `onair relay`.
 * @attr request-timeout - (stripchat, streamerbot) Milliseconds a request waits for an answer (default 15000 on Stripchat, 10000 on Streamer.bot).
 * @attr role - (demo) The simulated viewer's role. Default `broadcaster`.
 * @attr scheme - (streamerbot) WebSocket scheme, `ws` or `wss`. Default `ws`.
 * @attr seed - (demo) Seed of the simulated stream; the same seed gives the same names, amounts and viewer walk. Default `1`.
 * @attr send-interval - (twitch) Least milliseconds between two outgoing PubSub messages (Twitch allows 100 a minute per channel, shared with the backend). Default `1000`.
 * @attr spend - (demo) What a spend ends in: `success`, `cancel` or `fail`. Default `success`.
 * @attr spend-cooldown - (streamerbot) Activations of the same tip-menu item within this many ms of the previous one are ignored. Default `2000`.
 * @attr spend-delay - (demo) Milliseconds before a spend resolves. Default `800`.
 * @attr spend-timeout - (twitch, stripchat) Milliseconds a spend may stay open before it counts as cancelled (default 300000 on Twitch, 120000 on Stripchat).
 * @attr sub-currency - (streamerbot) Currency of the sub, gift, membership and treat values. Default `USD`.
 * @attr sub-value - (streamerbot) Value of one tier-1 (or Kick) sub / resub; unset ignores subs.
 * @attr sub-value-2 - (streamerbot) Value of one tier-2 sub (default 2× `sub-value`).
 * @attr sub-value-3 - (streamerbot) Value of one tier-3 sub (default 5× `sub-value`).
 * @attr sync - (stripchat) Share the latest room message among this viewer's frames in one tab (`v1.ext.whisper.local`), so a slot mounted mid-spin still shows it.
 * @attr theme - (Most hosts) The page's theme, `light` or `dark`, when the host gives none; widget attributes still win.
 * @attr top-key - (stripchat) A `top` storage key declared in the manifest: enables the host-side leaderboard.
 * @attr treat-value - (streamerbot) Value of one TreatStream treat (treats carry no amount); unset ignores them.
 * @attr viewer-count - (streamerbot) What the viewer counter counts: `viewers` (stream viewers per platform, from the viewer-count events) or `chatters` (people present in chat, a smaller number; the counter then says "in chat"). Default `viewers`.
 * @attr viewer-interval - (demo) Milliseconds between viewer-count steps; 0 keeps the count still. Default `2500`.
 * @attr viewers - (demo) Starting viewer count. Default `1280`.
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

  /** A ready platform object; when set it is used as is and never disposed by this element. */
  @property({ attribute: false }) adapter?: Platform;
  /** The Stripchat helper object from `createExtHelper()`, for pages built with a bundler. */
  @property({ attribute: false }) ext?: unknown;
  /** Extra adapter options for values that are not strings (e.g. a StreamNook plugin `api`). */
  @property({ attribute: false }) options?: PlatformOptions;

  private readonly provider = new ContextProvider(this, { context: platformContext });
  private owned?: Platform;
  private generation = 0;
  private disposeTimer?: Promise<void>;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...OPTION_ATTRIBUTES];
  }

  /** The platform currently provided, once it has been created. */
  get current(): Platform | undefined {
    return this.provider.value;
  }

  override render() {
    return html`<slot></slot>`;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    // Before the first update, `updated()` creates the platform with every attribute anyway.
    if (OPTION_ATTRIBUTES.includes(name) && old !== value && this.hasUpdated) void this.restart();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.disposeTimer = undefined;
    if (this.hasUpdated && !this.provider.value) void this.restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A provider moved within the page reconnects in the same task; only a real removal disposes.
    const pending = (this.disposeTimer = Promise.resolve().then(() => {
      if (this.disposeTimer === pending && !this.isConnected) this.release();
    }));
  }

  protected override updated(changed: PropertyValues<this>): void {
    const relevant = ['platform', 'adapter', 'ext', 'options'] as const;
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
