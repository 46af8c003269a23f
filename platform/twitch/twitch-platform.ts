import { filter, map, type Observable } from 'rxjs';
import { BasePlatform } from '../base.js';
import { browserLocale } from '../locale.js';
import { LEADERBOARD_WINDOWS, type Capability, type DeliveryHints, type ErrorCode, type HostContext, type LeaderboardEntry, type LeaderboardWindow, type OutgoingRoomMessage, type Platform, type TipMenuItem, type TipResult } from '../model.js';
import { NoHostPlatform } from '../no-host.js';
import { isRoomType } from '../kit/envelope.js';
import { readOptions, type OptionProblem, type PlatformOptions } from '../kit/options.js';
import { errorMessage, isRecord, oneOf, THEMES } from '../validate.js';
import { backendUrl } from './backend-url.js';
import type { BackendLink } from './backend-link.js';
import { TwitchBits } from './bits.js';
import { isHelper, joinHelper, looksLikeTwitchFrame, type HelperListener, type TwitchHelper } from './hub.js';
import { readAuthorization, viewerIdentity, type Identity } from './jwt.js';
import { MODES, readClient, type TwitchClient } from './mapping.js';
import { TWITCH_OPTIONS, type TwitchOptions } from './options.js';
import { PubSubRoom } from './pubsub.js';
import { printable, Secrets } from './secrets.js';
import { segmentSettings } from './settings.js';
import { TwitchSnapshots } from './snapshots.js';

export type { TwitchClient, TwitchOptions };

/** First and longest wait between two looks for a helper script that loads after onair. */
const HELPER_POLL_MS = 100;
const MAX_HELPER_POLL_MS = 2000;

/**
 * The Twitch extension helper behind the `Platform` interface. Context comes from `onAuthorized`
 * (role from the JWT, for display only), `onContext`, the iframe's query parameters and
 * `viewer.onChanged`; the tip menu and spends are Bits products; the room is Extension PubSub's
 * `broadcast` topic carrying onair's envelope (see `envelope.ts`), where a backend can also push
 * viewer counts and leaderboards; widget settings come from the broadcaster configuration segment.
 * Bits (products, spends, purchases) are `bits.ts`; backend snapshots and paid spin requests
 * `snapshots.ts`; the payloads' mapping `mapping.ts`, `envelope.ts` and `settings.ts`.
 */
export class TwitchPlatform extends BasePlatform {
  readonly name = 'twitch' as const;
  readonly client: TwitchClient;

  private readonly caps = new Set<Capability>(['tips', 'viewers']);
  private ext?: TwitchHelper;
  private readonly sendIntervalMs: number;
  private pubsub?: PubSubRoom;
  private leaveHelper?: () => void;
  private helperTimer?: ReturnType<typeof setTimeout>;
  /** The viewer's tokens, so no report carries them (a helper error may quote one). */
  private readonly secrets = new Secrets();
  private readonly bits: TwitchBits;
  private readonly snapshots: TwitchSnapshots;
  private identity: Identity = {};
  private authorized = false;
  private readonly backend?: BackendLink;
  private readonly onOnline = () => this.backend?.gap();

  /** `problems` are option mistakes found while parsing, reported on `errors$`. */
  constructor(options: TwitchOptions, problems: readonly OptionProblem[] = []) {
    super();
    this.reportOptions(problems);
    this.sendIntervalMs = options.sendIntervalMs ?? TWITCH_OPTIONS.sendIntervalMs.default!;
    const hidden = () => this.context.getValue().hidden === true;
    const report = (code: ErrorCode, message: string, payload?: unknown) => this.report(code, message, payload);
    this.bits = new TwitchBits({
      helper: () => this.ext,
      slot: this.createSpendSlot({ busy: 'Another Bits purchase is still open.', failed: (error) => `Twitch refused the purchase: ${errorMessage(error)}` }),
      spendTimeoutMs: options.spendTimeoutMs ?? TWITCH_OPTIONS.spendTimeoutMs.default!,
      authorized: () => this.authorized,
      role: () => this.context.getValue().role,
      hidden,
      canSpend: (on) => {
        this.toggleCapability(this.caps, 'tipMenu', on);
        this.toggleCapability(this.caps, 'spend', on);
      },
      menu: () => this.tipMenu.getValue(),
      setMenu: (menu) => this.setTipMenu(menu),
      tip: (tip) => this.emitTip(tip),
      purchased: (transactionId, receipt) => {
        this.secrets.remember(receipt);
        this.backend?.purchase(transactionId, receipt);
      },
      report,
      guard: (step) => this.guard(step),
    });
    this.snapshots = new TwitchSnapshots({
      hidden,
      setViewers: (viewers) => this.setViewers(viewers),
      hasStore: () => this.toggleCapability(this.caps, 'leaderboardStore', true),
      room: (message) => this.emitRoom(message),
      report,
    });
    const backend = options.backend === undefined ? undefined : backendUrl(options.backend);
    if (options.backend !== undefined && !backend) this.report('invalid-option', 'The backend option is not an https:// origin; not using a backend.');
    if (backend && typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    if (backend) this.backend = this.snapshots.linkBackend(backend);
    if (options.leaderboard === 'backend' || backend) this.caps.add('leaderboardStore');
    this.client = readClient(options.search ?? (typeof location !== 'undefined' ? location.search : ''));
    this.patchContext({ locale: options.locale ?? this.client.locale ?? this.client.language ?? browserLocale() });
    if (typeof options.ext === 'function') this.findHelper(options.ext, HELPER_POLL_MS);
    else this.attach(options.ext);
  }

  /** Looks for the helper again and again (less often over time) until it is there. */
  private findHelper(find: () => TwitchHelper | undefined, wait: number): void {
    const ext = find();
    if (ext) {
      this.attach(ext);
      return;
    }
    this.setStatus({ state: 'connecting', reason: 'helper-missing', detail: 'Waiting for Twitch’s extension helper script.' });
    this.helperTimer = setTimeout(() => this.findHelper(find, Math.min(wait * 2, MAX_HELPER_POLL_MS)), wait);
  }

  private attach(ext: TwitchHelper): void {
    this.ext = ext;
    this.setStatus({ state: 'connecting', reason: 'auth-waiting', detail: 'Waiting for Twitch to authorize the extension.' });
    this.pubsub = new PubSubRoom(ext, this.clientId, this.sendIntervalMs, {
      receive: (received) => this.snapshots.dispatch(received),
      report: (code, message, payload) => this.report(code, message, payload),
      guard: (step) => this.guard(step),
    });
    this.readConfiguration();
    this.leaveHelper = joinHelper(ext, this.helperListener());
  }

  /** Changes as the role, Bits availability and backend snapshots change; see `capabilities$`. */
  get capabilities(): ReadonlySet<Capability> {
    return this.caps;
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    if (this.disposed) return { status: 'cancelled', item, reason: 'disposed' };
    if (!this.capabilities.has('spend')) return { status: 'failed', item, error: this.bits.unavailableReason() };
    return this.bits.spend(item);
  }

  override async broadcast(message: OutgoingRoomMessage, hints: DeliveryHints = {}): Promise<void> {
    if (this.disposed) return;
    if (!this.capabilities.has('broadcast')) {
      this.report('unsupported', 'Only the broadcaster can send to the room on Twitch.', { type: message.type });
      return;
    }
    const { type } = message;
    if (!isRoomType(type)) {
      this.report('invalid-message', 'A room message needs a short type of letters, digits and . _ : -.', message);
      return;
    }
    if (this.pubsub && !(await this.pubsub.send(type, message.payload, hints.event)) && !this.disposed) {
      this.report('queue-full', `Too many ${type} messages are waiting for Twitch's rate limit; this one was not sent.`, { type });
    }
  }

  override leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    if (!this.capabilities.has('leaderboardStore') || !LEADERBOARD_WINDOWS.includes(window)) return undefined;
    const rows = Math.max(0, Math.floor(limit));
    this.backend?.wantBoard(window);
    return this.snapshots.board(window).pipe(
      filter((entries): entries is LeaderboardEntry[] => entries !== undefined),
      map((entries) => entries.slice(0, rows)),
    );
  }

  override dispose(): void {
    if (this.disposed) return;
    clearTimeout(this.helperTimer);
    this.leaveHelper?.();
    this.pubsub?.close();
    this.bits.dispose();
    this.backend?.dispose();
    if (this.backend && typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.snapshots.dispose();
    super.dispose();
  }

  // ---- helper callbacks ----------------------------------------------------------------------

  private helperListener(): HelperListener {
    const guarded = <A extends unknown[]>(handle: (...args: A) => void) => (...args: A) => {
      if (!this.disposed) this.guard(() => handle(...args));
    };
    return {
      authorized: guarded((auth) => this.onAuthorized(auth)),
      context: guarded((context) => this.onContext(context)),
      visibility: guarded((visible, context) => this.onVisibility(visible, context)),
      error: guarded((error) => this.report('host-error', `The Twitch helper reported an error: ${errorMessage(error)}`, error)),
      featuresChanged: guarded(() => this.bits.readFeatures()),
      configurationChanged: guarded(() => this.readConfiguration()),
      viewerChanged: guarded(() => this.applyIdentity()),
      transactionComplete: guarded((transaction) => this.bits.transaction(transaction)),
      transactionCancelled: guarded(() => this.bits.cancelled()),
    };
  }

  private onAuthorized(auth: unknown): void {
    if (isRecord(auth)) this.secrets.remember(auth.token, auth.helixToken);
    const identity = readAuthorization(auth);
    if (!isRecord(auth) || !identity) {
      // Which fields came, never their values: the tokens authenticate this viewer.
      this.report('invalid-payload', 'Twitch authorization without a channel id.', isRecord(auth) ? { fields: Object.keys(auth).slice(0, 10) } : typeof auth);
      return;
    }
    // The token itself stays out of the report: it authenticates this viewer to the backend.
    if (!identity.claims) this.report('auth-failed', 'The Twitch token could not be read; showing the least a viewer has.');
    this.identity = identity;
    this.authorized = true;
    this.applyIdentity();
    this.backend?.authorized(auth.token, this.context.getValue().role);
    this.setStatus({ state: 'connected', reason: 'connected' });
    this.bits.readFeatures();
  }

  /** Combines the token's claims with `Twitch.ext.viewer`, which may change after the token. */
  private applyIdentity(): void {
    if (!this.authorized) return;
    const { role, userId } = viewerIdentity(this.identity, this.ext?.viewer);
    this.toggleCapability(this.caps, 'broadcast', role === 'broadcaster');
    this.bits.updateCapabilities(role);
    this.patchContext({
      role,
      user: userId ? { id: userId } : undefined,
      channel: { id: this.identity.channelId },
    });
  }

  private onContext(raw: unknown): void {
    if (!isRecord(raw)) {
      this.report('invalid-payload', 'Twitch context is not an object.', raw);
      return;
    }
    const patch: Partial<HostContext> = {};
    const theme = oneOf(THEMES, raw.theme);
    if (theme) patch.theme = theme;
    else if (raw.theme !== undefined) this.report('invalid-payload', 'Unknown Twitch theme.', raw.theme);
    const mode = oneOf(MODES, raw.mode);
    if (mode) this.client.mode = mode;
    if (Object.keys(patch).length > 0) this.patchContext(patch);
  }

  private onVisibility(visible: unknown, context: unknown): void {
    if (typeof visible !== 'boolean') {
      this.report('invalid-payload', 'Twitch visibility is not a boolean.', visible);
      return;
    }
    this.patchContext({ hidden: !visible });
    if (!visible) return;
    if (context !== undefined) this.onContext(context);
    this.snapshots.releaseHeld();
    this.bits.visible();
    this.backend?.gap();
  }

  /** The broadcaster segment holds `{ "<widget name>": { …settings } }` as JSON. */
  private readConfiguration(): void {
    const settings = segmentSettings(this.ext?.configuration?.broadcaster as unknown, (message, payload) => this.report('invalid-payload', message, payload));
    if (settings) this.patchContext({ settings });
  }

  /** Every report passes through here with the viewer's tokens blanked out. */
  protected override report(code: ErrorCode, message: string, payload?: unknown): void {
    super.report(code, this.secrets.scrub(message), payload === undefined ? undefined : this.secrets.scrub(printable(payload)));
  }

  /** Runs a host-triggered step; whatever goes wrong is reported, never thrown into the helper. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.report('handler-failed', `Handling a Twitch event failed: ${errorMessage(error)}`);
    }
  }
}

/**
 * Creates the Twitch adapter from `options.ext` (a helper-shaped object, for tests and bundlers) or
 * `window.Twitch.ext`. In a Twitch extension frame whose helper script has not run yet, the adapter
 * waits for it; anywhere else, without a usable helper, it is a no-host platform that says why.
 */
export function createTwitchPlatform(options: PlatformOptions): Platform {
  const { values, problems } = readOptions(TWITCH_OPTIONS, options);
  const find = () => {
    const global = typeof window !== 'undefined' ? (window as { Twitch?: { ext?: unknown } }).Twitch?.ext : undefined;
    return isHelper(global) ? global : undefined;
  };
  if (options.ext !== undefined) {
    if (isHelper(options.ext)) return new TwitchPlatform({ ...values, ext: options.ext }, problems);
    return new NoHostPlatform('The ext option is not Twitch’s extension helper.', 'helper-missing');
  }
  const ext = find();
  if (ext || looksLikeTwitchFrame(values.search)) return new TwitchPlatform({ ...values, ext: ext ?? find }, problems);
  return new NoHostPlatform('The Twitch extension helper (twitch-ext.min.js) is not on this page.', 'helper-missing');
}

