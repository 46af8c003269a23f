/**
 * A Stripchat extension slot for tests: mounts `<onair-platform>` (which detects Stripchat from the
 * `?origin=` parameter) and records what its streams emit on `window.onairSlot`, for the parent page,
 * which plays the host, to read through `contentWindow`. With `?sdk`, the page creates the official
 * helper's object first (a stand-in that behaves like it), subscribes handlers of its own as real
 * extensions do, and hands the object to `<onair-platform>.ext`. With `?helper`, the page does the
 * same with onair's `createStripchatHelper()` and shows a viewer counter.
 */
import { probe } from './frame-probe.js';
import { createFakeExtHelper, type FakeSdk } from '../fakes/stripchat-sdk.js';
import { createStripchatHelper } from '../../platform/stripchat/ext.js';
import type { ExtHelper } from '../../platform/stripchat/ext.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { ConnectionStatus, HostContext, LateTipResult, LeaderboardEntry, Platform, PlatformError, RoomMessage, Tip, TipMenu, Viewers } from '../../platform/model.js';

export interface SlotRecord {
  probe: typeof probe;
  /** The helper object the page made (`?sdk` only). */
  sdk?: FakeSdk;
  /** The helper object the page made with `createStripchatHelper()` (`?helper` only). */
  helper?: ExtHelper;
  /** Events the page's own handlers received, by name. */
  page: Record<string, unknown[]>;
  provider: OnAirPlatformElement;
  platform?: Platform;
  status: ConnectionStatus[];
  context: HostContext[];
  viewers: (Viewers | null)[];
  tipMenu: TipMenu[];
  tips: Tip[];
  room: RoomMessage[];
  errors: PlatformError[];
  late: LateTipResult[];
  leaderboard: LeaderboardEntry[][];
  /** Subscribes to `leaderboard$('7d', 5)`. */
  watchLeaderboard(): void;
}

declare global {
  interface Window {
    onairSlot?: SlotRecord;
  }
}

const provider = document.querySelector('onair-platform') as OnAirPlatformElement;
const slot: SlotRecord = {
  probe,
  page: {},
  provider,
  status: [],
  context: [],
  viewers: [],
  tipMenu: [],
  tips: [],
  room: [],
  errors: [],
  late: [],
  leaderboard: [],
  watchLeaderboard() {
    slot.platform?.leaderboard$('7d', 5)?.subscribe((rows) => slot.leaderboard.push(rows));
  },
};
window.onairSlot = slot;

function attach(platform: Platform): void {
  slot.platform = platform;
  platform.status$.subscribe((value) => slot.status.push(value));
  platform.context$.subscribe((value) => slot.context.push(value));
  platform.viewers$.subscribe((value) => slot.viewers.push(value));
  platform.tipMenu$.subscribe((value) => slot.tipMenu.push(value));
  platform.tips$.subscribe((value) => slot.tips.push(value));
  platform.room$.subscribe((value) => slot.room.push(value));
  platform.errors$.subscribe((value) => slot.errors.push(value));
  platform.lateResults$.subscribe((value) => slot.late.push(value));
}

/** What a page with a helper object of its own does: subscribes its handlers, then hands it to onair. */
function handOver(ext: ExtHelper): void {
  for (const eventName of ['v1.tokens.spent', 'v1.ext.context.updated', 'v1.ext.whispered']) {
    ext.subscribe(eventName, (data) => (slot.page[eventName] ??= []).push(data));
  }
  provider.ext = ext;
}

void (async () => {
  const params = new URLSearchParams(location.search);
  if (params.has('sdk')) {
    slot.sdk = createFakeExtHelper();
    handOver(slot.sdk);
  }
  if (params.has('helper')) {
    slot.helper = createStripchatHelper();
    if (slot.helper) handOver(slot.helper);
    const counter = document.createElement('onair-viewer-counter');
    counter.setAttribute('notation', 'standard');
    provider.append(counter);
  }
  await import('../../components/index.js');
  await provider.updateComplete;
  while (!provider.current) await new Promise((resolve) => setTimeout(resolve, 10));
  attach(provider.current);
})();
