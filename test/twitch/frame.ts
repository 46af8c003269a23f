/**
 * A Twitch extension frame for tests. The parent page plays Twitch (FakeTwitchParent); this frame
 * loads a helper that speaks Twitch's postMessage protocol, a little page code of its own that
 * registers helper callbacks as real extensions do, and onair. The URL picks the order:
 * `helper=early|late` (before onair, or some time after it) and `page=before|after|none` (page code
 * registers its callbacks before onair starts, after it, or not at all). What the page code and
 * onair's streams saw is kept on `window.onairTwitch` for the parent to read.
 */
import { FakeTwitchExt, attachToParent } from '../fakes/twitch-ext.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { ConnectionStatus, HostContext, Platform, PlatformError, RoomMessage, Tip, TipMenu, TipResult } from '../../platform/model.js';

export interface TwitchFrameRecord {
  fake?: FakeTwitchExt;
  /** Calls each page callback received, by kind. */
  page: Record<string, unknown[][]>;
  platform?: Platform;
  status: ConnectionStatus[];
  context: HostContext[];
  tipMenu: TipMenu[];
  tips: Tip[];
  room: RoomMessage[];
  errors: PlatformError[];
  results: TipResult[];
  /** Starts a spend for the menu item with this id; the result lands in `results`. */
  spend(id: string): void;
  /** Has the page register its callbacks (again) now. */
  registerPageCallbacks(): void;
}

declare global {
  interface Window {
    onairTwitch?: TwitchFrameRecord;
  }
}

const params = new URLSearchParams(location.search);
const record: TwitchFrameRecord = {
  page: {},
  status: [],
  context: [],
  tipMenu: [],
  tips: [],
  room: [],
  errors: [],
  results: [],
  spend(id) {
    const item = record.tipMenu.at(-1)?.items.find((entry) => entry.id === id);
    if (item && record.platform) void record.platform.requestTip(item).then((result) => record.results.push(result));
  },
  registerPageCallbacks,
};
window.onairTwitch = record;

/** What a real extension's own code does: register its callbacks on `window.Twitch.ext`. */
function registerPageCallbacks(): void {
  const ext = (window as unknown as { Twitch: { ext: typeof Twitch.ext } }).Twitch.ext;
  const note = (kind: string) => (...args: unknown[]) => (record.page[kind] ??= []).push(args);
  ext.onAuthorized(note('authorized'));
  ext.onContext(note('context'));
  ext.onVisibilityChanged(note('visibility'));
  ext.onError(note('error'));
  ext.bits.onTransactionComplete(note('complete'));
  ext.bits.onTransactionCancelled(note('cancelled'));
}

function loadHelper(): void {
  record.fake = new FakeTwitchExt();
  attachToParent(record.fake);
}

function attach(platform: Platform): void {
  record.platform = platform;
  platform.status$.subscribe((value) => record.status.push(value));
  platform.context$.subscribe((value) => record.context.push(value));
  platform.tipMenu$.subscribe((value) => record.tipMenu.push(value));
  platform.tips$.subscribe((value) => record.tips.push(value));
  platform.room$.subscribe((value) => record.room.push(value));
  platform.errors$.subscribe((value) => record.errors.push(value));
}

void (async () => {
  const helper = params.get('helper') ?? 'early';
  const page = params.get('page') ?? 'none';
  if (helper === 'early') loadHelper();
  if (helper === 'early' && page === 'before') registerPageCallbacks();
  await import('../../components/index.js');
  const provider = document.querySelector('onair-platform') as OnAirPlatformElement;
  await provider.updateComplete;
  if (helper === 'late') {
    await new Promise((resolve) => setTimeout(resolve, 300));
    loadHelper();
    if (page === 'before') registerPageCallbacks();
  }
  while (!provider.current) await new Promise((resolve) => setTimeout(resolve, 10));
  attach(provider.current);
  if (page === 'after') registerPageCallbacks();
})();
