/**
 * The reliability suite's adapter table: one entry per adapter, each starting the real adapter on
 * its fake host and generating host-shaped hostile payloads from the documented templates. Adding
 * an adapter to the suite means adding one entry here.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { filter, firstValueFrom, throwError, timeout } from 'rxjs';
import { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { Platform, Tip, TipMenuItem } from '../../platform/model.js';
import { createStreamerbotPlatform, type StreamerbotPlatform } from '../../platform/streamerbot/streamerbot-platform.js';
import { StreamNookPlatform } from '../../platform/streamnook/streamnook-platform.js';
import { StripchatPlatform } from '../../platform/stripchat/stripchat-platform.js';
import { TwitchPlatform } from '../../platform/twitch/twitch-platform.js';
import { channelPayload, chatMessagePayload, FakeStreamNook, ScriptedSidecar, startedChannel } from '../fakes/streamnook-host.js';
import { FakeExt } from '../fakes/stripchat-ext.js';
import { MODEL, VIEWER_USER, paymentData, tipData } from '../fakes/stripchat-room.js';
import { FakeTwitchExt, product } from '../fakes/twitch-ext.js';
import { text } from '../../platform/validate.js';
import {
  badAmount,
  badId,
  badText,
  HUGE,
  hostileText,
  jsonJunk,
  junk,
  nonRecord,
  weighted,
  type Hostile,
  type Rng,
} from './hostile.js';

/** What the widgets must show after the run's final valid payloads. */
export const FINAL = { viewers: 4242, tipper: 'FinalTipper', amount: 1_000_000_000 } as const;

/** One adapter running on its fake host. */
export interface Harness {
  platform: Platform;
  /** The next hostile payload; `index` is unique within the run. */
  generate(rng: Rng, index: number): Hostile;
  /**
   * Hands a batch to the adapter the way its host would, resolving once the adapter has handled
   * all of it; a synchronous throw (or a frame that reached no socket) goes to `thrown`.
   */
  deliver(batch: readonly Hostile[], thrown: (error: unknown) => void): Promise<void>;
  /** Sends one valid viewer count (`FINAL.viewers`) and one valid tip from `FINAL.tipper`. */
  sendFinal(): Promise<void>;
  dispose(): Promise<void> | void;
}

/** An adapter that can spend: how to count and settle its host-side spend requests. */
export interface Spender {
  platform: Platform;
  /** Spend requests the host has received so far. */
  spendCalls(): Promise<number>;
  /** Lets the host finish the open spend successfully (no-op for hosts that finish on their own). */
  completeSpend(): Promise<void>;
  dispose(): Promise<void> | void;
}

export interface AdapterEntry {
  name: string;
  /** False for an adapter with no host payloads to validate (the demo): it generates no invalid ones. */
  validates?: boolean;
  start(): Promise<Harness>;
  /** Present for adapters that can spend; starts them as a viewer able to tip. */
  spender?: () => Promise<Spender>;
}

/** Runs each payload of a batch through `send`, reporting synchronous throws. */
function eachPayload(send: (payload: Hostile) => void): Harness['deliver'] {
  return async (batch, thrown) => {
    for (const payload of batch) {
      try {
        send(payload);
      } catch (error) {
        thrown(error);
      }
    }
  };
}

const tipperId = (rng: Rng) => `user-${rng.int(1, 60)}`;

// ---- demo ------------------------------------------------------------------------------------

/**
 * The demo has no host to validate: its control methods are typed and trusted. Its entry feeds
 * hostile text and junk values through them anyway, so the widgets alone must stay safe.
 */
const demo: AdapterEntry = {
  name: 'demo',
  validates: false,
  async start() {
    const platform = new DemoPlatform({ rate: 0, connectDelay: 0, viewerInterval: 0, spendDelay: 5 });
    const channels = {
      tip: (raw: unknown) => platform.fireTip(raw as Partial<Tip>),
      viewers: (raw: unknown) => platform.setViewerCount(raw as number),
      menu: (raw: unknown) => platform.updateTipMenu(raw as never),
      room: (raw: unknown) => platform.receiveRoomMessage(raw as never),
      context: (raw: unknown) => platform.updateContext(raw as never),
    };
    return {
      platform,
      generate(rng, index) {
        switch (weighted(rng, [40, 15, 10, 20, 10, 5])) {
          case 0: {
            const name = hostileText(rng);
            return { channel: 'tip', expect: 'tip', name, raw: { id: `demo-h-${index}`, user: { id: tipperId(rng), name }, message: hostileText(rng), amount: rng.int(1, 500), currency: 'tokens' } };
          }
          case 1:
            return { channel: 'tip', expect: 'tip', raw: { id: `demo-j-${index}`, amount: jsonJunk(rng), currency: jsonJunk(rng), user: { name: jsonJunk(rng) }, at: jsonJunk(rng) } };
          case 2:
            return { channel: 'viewers', expect: 'other', raw: rng.chance(0.5) ? rng.int(0, 1e6) : jsonJunk(rng) };
          case 3:
            return { channel: 'menu', expect: 'other', raw: { enabled: true, items: [{ id: `m${index}`, label: hostileText(rng), price: rng.int(1, 100), currency: 'tokens' }, { id: jsonJunk(rng), label: jsonJunk(rng), price: badAmount(rng), currency: jsonJunk(rng) }] } };
          case 4:
            return { channel: 'room', expect: 'other', raw: { type: rng.pick(['wheel.spin', hostileText(rng)]), payload: jsonJunk(rng), from: hostileText(rng), sentAt: jsonJunk(rng) } };
          default:
            return { channel: 'context', expect: 'other', raw: { locale: rng.pick(['de-DE', hostileText(rng)]), settings: { 'viewer-counter': { notation: jsonJunk(rng) }, leaderboard: { window: jsonJunk(rng), limit: jsonJunk(rng) } } } };
        }
      },
      deliver: eachPayload((payload) => channels[payload.channel as keyof typeof channels](payload.raw)),
      async sendFinal() {
        platform.updateContext({ locale: 'en-US', settings: {} });
        platform.setViewerCount(FINAL.viewers);
        platform.fireTip({ id: 'demo-final', user: { id: 'final', name: FINAL.tipper }, amount: FINAL.amount, currency: 'tokens' });
      },
      dispose: () => platform.dispose(),
    };
  },
  async spender() {
    const platform = new DemoPlatform({ rate: 0, connectDelay: 0, viewerInterval: 0, spendDelay: 300 });
    // The demo is its own host: each spend it carries out becomes a tip from "you".
    let spends = 0;
    const subscription = platform.tips$.subscribe((tip) => (spends += tip.user.id === 'demo-you' ? 1 : 0));
    return {
      platform,
      spendCalls: async () => spends,
      completeSpend: async () => undefined,
      dispose: () => {
        subscription.unsubscribe();
        platform.dispose();
      },
    };
  },
};

// ---- Twitch ----------------------------------------------------------------------------------

const BAD_SEQ: readonly unknown[] = [-1, 1.5, '3', null, 2 ** 53, NaN, {}, true];
const BAD_TYPE: readonly unknown[] = ['', 'has space', 'x'.repeat(65), 42, '<img data-pwned src=x>', null, {}];
const BAD_SENT_AT: readonly unknown[] = [-1, 'abc', 9e15, null, {}, [], true];
const BAD_COUNT: readonly unknown[] = [-1, -0.5, 'abc', '', null, {}, [], true, 1e11, '<b>1</b>'];

async function twitchViewer(): Promise<{ fake: FakeTwitchExt; platform: TwitchPlatform }> {
  const fake = new FakeTwitchExt();
  fake.products = [product('p100', 100, 'Hundred'), product('p500', 500, 'Five hundred')];
  const platform = new TwitchPlatform({ ext: fake.ext, search: '', sendIntervalMs: 0 });
  fake.authorize({ role: 'viewer', userId: '5678' });
  fake.setBitsEnabled(true);
  await waitUntil(() => platform.capabilities.has('spend'), 'Twitch Bits products loaded');
  return { fake, platform };
}

const twitch: AdapterEntry = {
  name: 'twitch',
  async start() {
    const { fake, platform } = await twitchViewer();
    let seq = 0;
    const envelope = (type: unknown, payload: unknown, fields: Record<string, unknown> = {}) =>
      JSON.stringify({ onair: 1, type, seq: (seq += 1), from: 'ebs', sentAt: Date.now(), payload, ...fields });
    const transaction = (rng: Rng, index: number, displayName: string) => ({
      displayName,
      initiator: 'other',
      product: { sku: 'p100', displayName: hostileText(rng), cost: { amount: String(rng.int(1, 500)), type: 'bits' } },
      domainID: 'twitch.ext.fake',
      transactionID: `tx-${index}`,
      transactionReceipt: 'x',
      userId: tipperId(rng),
    });
    const channels: Record<string, (raw: unknown) => void> = {
      transaction: (raw) => fake.transactionRaw(raw),
      pubsub: (raw) => fake.deliver(raw),
      context: (raw) => fake.contextRaw(raw),
      visibility: (raw) => fake.visibilityRaw(raw),
      configuration: (raw) => fake.configurationRaw(raw),
      error: (raw) => fake.fail(raw),
    };
    return {
      platform,
      generate(rng, index): Hostile {
        switch (weighted(rng, [25, 20, 8, 12, 5, 6, 5, 3, 4, 3, 3, 4, 2])) {
          case 0: {
            const name = hostileText(rng);
            return { channel: 'transaction', expect: 'tip', name: text(name) ?? 'Someone', raw: transaction(rng, index, name) };
          }
          case 1: {
            const valid = transaction(rng, index, hostileText(rng));
            const broken = rng.pick<() => unknown>([
              () => ({ ...valid, transactionID: badId(rng) }),
              () => ({ ...valid, initiator: rng.pick([undefined, 'someone', 42, null, '<b>other</b>']) }),
              () => ({ ...valid, product: nonRecord(rng) }),
              () => ({ ...valid, product: { sku: 'not-a-product', displayName: 'x', cost: { amount: badAmount(rng), type: 'bits' } } }),
              () => junk(rng),
            ])();
            return { channel: 'transaction', expect: 'invalid', raw: broken };
          }
          case 2: {
            const byPlatform = { [hostileText(rng).slice(0, 30)]: rng.int(0, 1e5), twitch: rng.int(0, 1e5) };
            return { channel: 'pubsub', expect: 'other', raw: envelope('viewers', { total: rng.int(0, 1e7), byPlatform }) };
          }
          case 3: {
            const bad = rng.pick<Record<string, unknown>>([
              { type: rng.pick(BAD_TYPE) },
              { seq: rng.pick(BAD_SEQ) },
              { from: badId(rng) },
              { sentAt: rng.pick(BAD_SENT_AT) },
              { onair: rng.pick([2, '1', 0, null]) },
            ]);
            return { channel: 'pubsub', expect: 'invalid', raw: envelope('wheel.spin', jsonJunk(rng), bad) };
          }
          case 4:
            // Not a string at all (the helper always passes strings) or over Twitch's 5 KB limit.
            return { channel: 'pubsub', expect: 'invalid', raw: rng.chance(0.5) ? nonRecordNonString(rng) : envelope('wheel.spin', { pad: 'x'.repeat(6_000) }) };
          case 5:
            return { channel: 'pubsub', expect: 'invalid', raw: envelope('viewers', rng.chance(0.7) ? { total: rng.pick(BAD_COUNT) } : nonRecord(rng, true)) };
          case 6:
            // Foreign messages (not onair envelopes) and room messages of any type: ignored or passed on.
            return { channel: 'pubsub', expect: 'other', raw: rng.chance(0.5) ? hostileText(rng) : envelope(rng.pick(['wheel.spin', 'x.unknown', 'leaderboard.note']), jsonJunk(rng)) };
          case 7:
            return { channel: 'pubsub', expect: 'invalid', raw: envelope('leaderboard', rng.chance(0.5) ? nonRecord(rng, true) : { window: hostileText(rng), entries: [] }) };
          case 8:
            return { channel: 'context', expect: 'invalid', raw: rng.chance(0.5) ? nonRecord(rng) : { theme: hostileText(rng) } };
          case 9:
            return { channel: 'visibility', expect: 'invalid', raw: rng.pick<unknown>([undefined, null, 'true', 1, 0, {}, hostileText(rng)]) };
          case 10:
            return { channel: 'configuration', expect: 'invalid', raw: rng.pick<unknown>([null, 'text', 42, [], { content: rng.pick<unknown>([1, null, {}, []]) }, { content: `{${hostileText(rng)}` }]) };
          case 11:
            return { channel: 'configuration', expect: 'other', raw: { version: '1', content: JSON.stringify({ 'viewer-counter': { notation: hostileText(rng) }, leaderboard: { window: hostileText(rng) }, [hostileText(rng).slice(0, 30)]: { x: jsonJunk(rng) } }) } };
          default:
            return { channel: 'error', expect: 'other', raw: junk(rng) };
        }
      },
      deliver: eachPayload((payload) => channels[payload.channel](payload.raw)),
      async sendFinal() {
        fake.configurationRaw({ version: '1', content: '{}' });
        fake.deliver(envelope('viewers', { total: FINAL.viewers }));
        fake.transactionRaw({ displayName: FINAL.tipper, initiator: 'other', product: product('pfinal', FINAL.amount, 'Final'), transactionID: 'tx-final', userId: 'final' });
      },
      dispose: () => platform.dispose(),
    };
  },
  async spender() {
    const { fake, platform } = await twitchViewer();
    return {
      platform,
      spendCalls: async () => fake.useBitsCalls.length,
      async completeSpend() {
        fake.completeTransaction({ initiator: 'current_user', transactionID: `tx-${fake.useBitsCalls.length}-${Math.random()}` });
      },
      dispose: () => platform.dispose(),
    };
  },
};

function nonRecordNonString(rng: Rng): unknown {
  const value = nonRecord(rng);
  return typeof value === 'string' ? [value] : value;
}

// ---- Stripchat -------------------------------------------------------------------------------

async function stripchatViewer(): Promise<{ ext: FakeExt; platform: StripchatPlatform }> {
  const ext = new FakeExt(VIEWER_USER);
  const platform = new StripchatPlatform({ ext, spendTimeoutMs: 5_000 });
  await waitUntil(() => platform.capabilities.has('spend'), 'Stripchat viewer connected');
  await waitUntil(() => ext.callsOf('v1.ext.settings.get').length > 0, 'Stripchat settings asked');
  return { ext, platform };
}

const stripchat: AdapterEntry = {
  name: 'stripchat',
  async start() {
    const { ext, platform } = await stripchatViewer();
    const tip = (rng: Rng, index: number, username: string) =>
      tipData({ amount: rng.int(1, 500), message: hostileText(rng), transactionId: `t${index}`, user: { ...VIEWER_USER, id: 1_000 + rng.int(1, 60), username } });
    return {
      platform,
      generate(rng, index): Hostile {
        switch (weighted(rng, [25, 20, 8, 6, 6, 5, 6, 5, 5, 4, 4, 6])) {
          case 0: {
            const anonymous = rng.chance(0.1);
            const username = hostileText(rng);
            const data = anonymous ? { ...tip(rng, index, username), isAnonymous: true } : tip(rng, index, username);
            return { channel: 'v1.tokens.spent', expect: 'tip', name: anonymous ? 'Anonymous' : text(username), raw: { tipData: data } };
          }
          case 1: {
            const valid = tip(rng, index, hostileText(rng));
            const broken = rng.pick<() => unknown>([
              () => ({ tipData: { ...valid, amount: badAmount(rng) } }),
              () => ({ tipData: { ...valid, user: { ...VIEWER_USER, id: badId(rng) } } }),
              () => ({ tipData: { ...valid, user: { ...VIEWER_USER, username: badText(rng), name: badText(rng) } } }),
              () => ({ tipData: nonRecord(rng) }),
              () => nonRecord(rng),
            ])();
            return { channel: 'v1.tokens.spent', expect: 'invalid', raw: broken };
          }
          case 2:
            return { channel: 'v1.ext.viewers.updated', expect: 'other', raw: { viewers: rng.chance(0.1) ? null : { total: rng.int(0, 1e7), guests: rng.pick([rng.int(0, 10), junk(rng)]), withTokens: rng.int(0, 10) } } };
          case 3:
            return { channel: 'v1.ext.viewers.updated', expect: 'invalid', raw: rng.chance(0.6) ? { viewers: { total: rng.pick(BAD_COUNT) } } : nonRecord(rng) };
          case 4:
            return { channel: 'v1.tipMenu.updated', expect: 'other', raw: { tipMenu: { isEnabled: true, items: [{ activity: hostileText(rng), price: rng.int(1, 99) }, { activity: 'Spin the wheel', price: 25 }] } } };
          case 5:
            return {
              channel: 'v1.tipMenu.updated',
              expect: 'invalid',
              raw: rng.pick<() => unknown>([
                () => nonRecord(rng),
                () => ({ tipMenu: nonRecord(rng) }),
                () => ({ tipMenu: { isEnabled: true, items: nonRecordArrayless(rng) } }),
                () => ({ tipMenu: { isEnabled: true, items: [{ activity: 'Wave', price: 10 }, { activity: badText(rng), price: badAmount(rng) }] } }),
              ])(),
            };
          case 6:
            return { channel: 'v1.ext.context.updated', expect: 'other', raw: { context: { model: { ...MODEL, username: hostileText(rng) }, user: { ...VIEWER_USER, username: hostileText(rng) } } } };
          case 7:
            return {
              channel: 'v1.ext.context.updated',
              expect: 'invalid',
              raw: rng.chance(0.5) ? nonRecord(rng) : { context: { model: MODEL, user: { ...VIEWER_USER, id: badId(rng) } } },
            };
          case 8:
            return rng.chance(0.5)
              ? { channel: 'v1.ext.whispered', expect: 'invalid', raw: { onair: 1, type: badText(rng), sentAt: Date.now(), payload: jsonJunk(rng) } }
              : { channel: 'v1.ext.whispered', expect: 'other', raw: { onair: 1, type: rng.pick(['wheel.spin', 'x.y']), from: `peer-${index}`, sentAt: index, payload: jsonJunk(rng) } };
          case 9:
            return { channel: 'v1.payment.tokens.spend.succeeded', expect: 'invalid', raw: rng.chance(0.5) ? nonRecord(rng) : { paymentData: nonRecord(rng), tokensSpendData: {} } };
          case 10:
            // Confirmations of spends this page never started, and whispers of other extension code.
            return rng.chance(0.5)
              ? { channel: 'v1.payment.tokens.spend.succeeded', expect: 'other', raw: { paymentData: paymentData(`x${index}`), tokensSpendData: { onairRequestId: hostileText(rng) } } }
              : { channel: 'v1.ext.whispered', expect: 'other', raw: { type: hostileText(rng), data: jsonJunk(rng) } };
          default:
            return { channel: `v1.${rng.pick(['unknown', 'chat', hostileText(rng)])}`, expect: 'other', raw: junk(rng) };
        }
      },
      deliver: eachPayload((payload) => ext.emit(payload.channel, payload.raw)),
      async sendFinal() {
        ext.emit('v1.ext.viewers.updated', { viewers: { total: FINAL.viewers, guests: 1, withTokens: 1 } });
        ext.emit('v1.tokens.spent', { tipData: tipData({ amount: FINAL.amount, transactionId: 'final', user: { ...VIEWER_USER, id: 9_999, username: FINAL.tipper } }) });
      },
      dispose: () => platform.dispose(),
    };
  },
  async spender() {
    const { ext, platform } = await stripchatViewer();
    const spends = () => ext.callsOf('v1.payment.tokens.spend') as Array<{ tokensSpendData: unknown }>;
    return {
      platform,
      spendCalls: async () => spends().length,
      async completeSpend() {
        const last = spends().at(-1);
        if (last) ext.emit('v1.payment.tokens.spend.succeeded', { paymentData: paymentData(`trx-${spends().length}`), tokensSpendData: last.tokensSpendData });
      },
      dispose: () => platform.dispose(),
    };
  },
};

function nonRecordArrayless(rng: Rng): unknown {
  const value = nonRecord(rng);
  return Array.isArray(value) ? { list: value } : value;
}

// ---- StreamNook ------------------------------------------------------------------------------

const ACTIVE = channelPayload({ viewer_count: 100 });

const streamnook: AdapterEntry = {
  name: 'streamnook',
  async start() {
    // The hybrid path: the scripted sidecar forwards host notifications on the onair.feed slot.
    const host = new FakeStreamNook();
    const sidecar = new ScriptedSidecar();
    sidecar.followed = [ACTIVE];
    sidecar.active = { channel_id: ACTIVE.channel_id, login: ACTIVE.login };
    await host.startSidecar(sidecar);
    const platform = new StreamNookPlatform({ api: host.buildApi().api as never, callTimeoutMs: 2_000 });
    await waitUntil(() => (platform as unknown as { status: { getValue(): { state: string } } }).status.getValue().state === 'connected', 'StreamNook connected');
    const event = (event: string, params: unknown) => ({ kind: 'event', event, params });
    const cheer = (rng: Rng, index: number, displayName: string) =>
      chatMessagePayload({ id: `m${index}`, user_id: tipperId(rng), login: `chatter${rng.int(1, 60)}`, display_name: displayName, text: hostileText(rng), bits: rng.int(1, 500) });
    return {
      platform,
      generate(rng, index): Hostile {
        switch (weighted(rng, [25, 20, 6, 5, 5, 5, 4, 5, 4, 5, 4, 6, 6])) {
          case 0: {
            const name = hostileText(rng);
            return { channel: 'on_chat_message', expect: 'tip', name: text(name), raw: event('on_chat_message', { channel: 'somechannel', message: cheer(rng, index, name) }) };
          }
          case 1: {
            const valid = cheer(rng, index, hostileText(rng));
            const params = rng.pick<() => unknown>([
              () => ({ channel: 'somechannel', message: { ...valid, bits: rng.pick<unknown>([0, -5, 1.5, 'abc', '100', {}, true, []]) } }),
              () => ({ channel: 'somechannel', message: { ...valid, login: badText(rng) } }),
              () => ({ channel: 'somechannel', message: { ...valid, id: rng.pick<unknown>([5, null, undefined, {}]) } }),
              () => ({ channel: 'somechannel', message: { ...valid, text: rng.pick<unknown>([5, null, undefined, {}]) } }),
              () => ({ channel: badText(rng), message: valid }),
              () => ({ channel: 'somechannel', message: nonRecord(rng) }),
              () => ({ message: valid }),
            ])();
            return { channel: 'on_chat_message', expect: 'invalid', raw: event('on_chat_message', params) };
          }
          case 2:
            return { channel: 'on_chat_message', expect: 'other', raw: event('on_chat_message', { channel: 'somechannel', message: { ...cheer(rng, index, hostileText(rng)), bits: null } }) };
          case 3:
            return { channel: 'on_watch_tick', expect: 'other', raw: event('on_watch_tick', { active_channel_id: ACTIVE.channel_id, ts: new Date().toISOString().replace('Z', '+00:00') }) };
          case 4:
            return {
              channel: 'on_watch_tick',
              expect: 'invalid',
              raw: event('on_watch_tick', rng.chance(0.5) ? { active_channel_id: rng.pick<unknown>(['', {}, [], true]), ts: new Date().toISOString() } : { active_channel_id: ACTIVE.channel_id, ts: rng.pick<unknown>(['abc', {}, true, null, undefined]) }),
            };
          case 5: {
            const channels = [{ ...ACTIVE, display_name: hostileText(rng), viewer_count: rng.int(0, 1e6) }, channelPayload({ channel_id: `c${index}`, login: `c${index}`, display_name: hostileText(rng), viewer_count: null })];
            return { channel: 'on_followed_live', expect: 'other', raw: event('on_followed_live', { channels }) };
          }
          case 6:
            return {
              channel: 'on_followed_live',
              expect: 'invalid',
              raw: event('on_followed_live', rng.chance(0.5) ? { channels: nonRecordArrayless(rng) } : { channels: [ACTIVE, { ...ACTIVE, channel_id: badId(rng) }, { ...ACTIVE, viewer_count: rng.pick(BAD_COUNT) }] }),
            };
          case 7:
            return { channel: 'on_channel_change', expect: 'invalid', raw: event('on_channel_change', rng.chance(0.5) ? { channel_id: badId(rng), login: 'beta' } : { channel_id: '777', login: badText(rng) }) };
          case 8:
            return rng.chance(0.5)
              ? { channel: 'on_stream_stop', expect: 'other', raw: event('on_stream_stop', { channel_id: `other-${index}` }) }
              : { channel: 'on_stream_stop', expect: 'invalid', raw: event('on_stream_stop', { channel_id: badId(rng) }) };
          case 9:
            return rng.chance(0.5)
              ? { channel: 'on_stream_start', expect: 'other', raw: event('on_stream_start', { channel: startedChannel(ACTIVE.channel_id, ACTIVE.login) }) }
              : { channel: 'on_stream_start', expect: 'invalid', raw: event('on_stream_start', { channel: rng.chance(0.5) ? nonRecord(rng) : { ...ACTIVE, login: badText(rng) } }) };
          case 10:
            // Pushes of another plugin, or on another slot: every plugin hears every app event.
            return { channel: 'foreign', expect: 'other', raw: event('on_chat_message', { channel: 'somechannel', message: cheer(rng, index, hostileText(rng)) }) };
          case 11:
            // Malformed pushes: not an object, no event name, params not an object, unknown kind.
            return {
              channel: 'raw',
              expect: 'invalid',
              raw: rng.pick<() => unknown>([
                () => nonRecordArrayless(rng),
                () => ({ kind: 'event', event: rng.pick<unknown>([5, null, {}]), params: {} }),
                () => ({ kind: 'event', event: 'on_chat_message', params: nonRecord(rng) }),
                () => ({ kind: rng.pick<unknown>(['', 'mystery', 5, null]), params: {} }),
                () => ({ kind: 'snapshot', snapshot: nonRecord(rng) }),
              ])(),
            };
          default:
            return { channel: 'on_chat_message', expect: 'other', raw: event(`on_${rng.pick(['unknown', 'settings_change', 'panel_change', hostileText(rng)])}`, { x: jsonJunk(rng) }) };
        }
      },
      deliver: eachPayload((payload) => {
        if (payload.channel === 'foreign') host.foreignStatus('dev.other.plugin', 'onair.feed', payload.raw);
        else if (payload.channel === 'raw') host.setStatus('onair.feed', payload.raw);
        else sidecar.push(payload.raw as Record<string, unknown>);
      }),
      async sendFinal() {
        sidecar.event('on_followed_live', { channels: [{ ...ACTIVE, viewer_count: FINAL.viewers }] });
        sidecar.event('on_stream_start', { channel: startedChannel(ACTIVE.channel_id, ACTIVE.login) });
        sidecar.event('on_chat_message', { channel: 'somechannel', message: chatMessagePayload({ id: 'final', user_id: 'final', login: 'finaltipper', display_name: FINAL.tipper, bits: FINAL.amount }) });
      },
      dispose: () => {
        platform.dispose();
        host.close();
      },
    };
  },
};

// ---- Streamer.bot ----------------------------------------------------------------------------

export interface SbServer {
  id: string;
  port: number;
}

/** Talks to the fake Streamer.bot WebSocket server (test/servers/streamerbot-server.mjs). */
export const sb = <T>(command: string, payload?: Record<string, unknown>) => executeServerCommand(command, payload) as Promise<T>;

/** Small timings so reconnects happen within a test. */
export const SB_FAST = { 'backoff-min': '20', 'backoff-max': '200', 'ping-interval': '5000', 'ping-timeout': '150', 'request-timeout': '1000', 'hello-timeout': '150' };

const SB_MENU = JSON.stringify([
  { id: 'hydrate', label: 'Hydrate', price: 5, currency: 'USD', action: 'Hydrate' },
  { id: 'spin', label: 'Spin', price: 10, currency: 'USD', action: 'Spin' },
]);

/**
 * Timings for a page under a flood: a pong queued behind thousands of frames on a loaded machine
 * must not count as a dead connection (a reconnect mid-run would drop frames; dead sockets are
 * the faults suite's subject).
 */
const SB_PATIENT = { ...SB_FAST, 'ping-timeout': '30000', 'request-timeout': '5000' };

async function streamerbotConnected(serverOptions: Record<string, unknown> = {}, options: Record<string, unknown> = {}): Promise<{ server: SbServer; platform: StreamerbotPlatform }> {
  const server = await sb<SbServer>('sb-start', serverOptions);
  const platform = createStreamerbotPlatform({ port: String(server.port), ...SB_PATIENT, menu: SB_MENU, ...options });
  await waitUntil(() => statusOf(platform) === 'connected', 'Streamer.bot connected', { timeout: 4_000 });
  // Subscribed once an event reaches the page's socket.
  await waitUntil(async () => (await sb<{ delivered: number }>('sb-event', { id: server.id, source: 'General', type: 'Custom', data: 'ready' })).delivered === 1, 'Streamer.bot subscribed');
  return { server, platform };
}

function statusOf(platform: Platform): string | undefined {
  let state: string | undefined;
  platform.status$.subscribe((status) => (state = status.state)).unsubscribe();
  return state;
}

const sbFrame = (source: string, type: string, data: unknown, timeStamp = new Date().toISOString()) => ({ timeStamp, event: { source, type }, data });

const streamerbot: AdapterEntry = {
  name: 'streamerbot',
  async start() {
    const { server, platform } = await streamerbotConnected();
    await sb('sb-share', { id: server.id, texts: SB_SHARED });
    let batches = 0;
    const seTip = (rng: Rng, index: number, username: string) => ({ id: `se-${index}`, username, amount: rng.int(1, 500), currency: 'USD', message: hostileText(rng), isTest: false });
    const cheer = (rng: Rng, index: number, name: string) => ({ user: { id: tipperId(rng), login: `l${rng.int(1, 60)}`, name, type: 'twitch' }, messageId: `cheer-${index}`, text: hostileText(rng), anonymous: false, isTest: false, bits: rng.int(1, 500) });
    return {
      platform,
      generate(rng, index): Hostile {
        switch (weighted(rng, [15, 10, 10, 10, 8, 6, 6, 6, 5, 6, 5, 5, 8])) {
          case 0: {
            const name = hostileText(rng);
            return { channel: 'frame', expect: 'tip', name: text(name) ?? 'Anonymous', raw: JSON.stringify(sbFrame('StreamElements', 'Tip', seTip(rng, index, name))) };
          }
          case 1: {
            const name = hostileText(rng);
            return { channel: 'frame', expect: 'tip', name: text(name) ?? 'Anonymous', raw: JSON.stringify(sbFrame('Twitch', 'Cheer', cheer(rng, index, name))) };
          }
          case 2: {
            const valid = seTip(rng, index, hostileText(rng));
            const data = rng.pick<() => unknown>([
              () => ({ ...valid, amount: badAmountJson(rng) }),
              () => ({ ...valid, currency: rng.pick<unknown>(['US', 'dollars', '', 5, null, '<b>', {}]) }),
              () => nonRecord(rng, true),
            ])();
            return { channel: 'frame', expect: 'invalid', raw: JSON.stringify(sbFrame('StreamElements', 'Tip', data)) };
          }
          case 3: {
            const valid = cheer(rng, index, hostileText(rng));
            const data = rng.chance(0.7) ? { ...valid, bits: rng.pick<unknown>([0, -5, 1.5, 'abc', null, {}, [], true, 1e13]) } : nonRecord(rng, true);
            return { channel: 'frame', expect: 'invalid', raw: JSON.stringify(sbFrame('Twitch', 'Cheer', data)) };
          }
          case 4:
            // Not a JSON object at all.
            return { channel: 'frame', expect: 'invalid', raw: rng.pick([`{${hostileText(rng)}`, '[1,2,3]', '42', 'null', '"text"', hostileText(rng), JSON.stringify(deepArray(rng))]) };
          case 5:
            // A JSON object that is neither a reply nor an event.
            return { channel: 'frame', expect: 'invalid', raw: JSON.stringify(rng.pick<unknown>([{}, { event: 'x' }, { event: { source: 'Twitch' } }, { event: { source: badTextJson(rng), type: 'Cheer' }, data: {} }, { data: jsonJunk(rng) }])) };
          case 6:
            return { channel: 'frame', expect: 'other', raw: JSON.stringify(sbFrame('YouTube', 'StatisticsUpdated', { concurrentViewers: rng.int(0, 1e6) })) };
          case 7:
            return { channel: 'frame', expect: 'invalid', raw: JSON.stringify(sbFrame('YouTube', 'StatisticsUpdated', { concurrentViewers: rng.pick(BAD_COUNT) })) };
          case 8:
            return { channel: 'frame', expect: 'other', raw: JSON.stringify(sbFrame('Twitch', 'PresentViewers', { viewers: Array.from({ length: rng.int(0, 50) }, () => ({ login: hostileText(rng).slice(0, 30) })) })) };
          case 9:
            return rng.chance(0.5)
              ? { channel: 'frame', expect: 'other', raw: JSON.stringify(sbFrame('General', 'Custom', JSON.stringify({ onair: 1, type: rng.pick(['wheel.spin', 'x.y']), payload: jsonJunk(rng), from: `peer-${index}`, sentAt: index }))) }
              : { channel: 'frame', expect: 'invalid', raw: JSON.stringify(sbFrame('General', 'Custom', { onair: 1, type: badTextJson(rng), sentAt: rng.pick([-1, 'x', null]), payload: jsonJunk(rng) })) };
          case 10:
            // Other code's custom broadcasts, replies to requests we never made, repeated Hellos.
            return { channel: 'frame', expect: 'other', raw: JSON.stringify(rng.pick<unknown>([sbFrame('General', 'Custom', jsonJunk(rng)), { id: `nope-${index}`, status: 'ok', data: jsonJunk(rng) }, { request: 'Hello', info: jsonJunk(rng) }])) };
          case 11:
            if (rng.chance(0.03)) return { channel: 'frame', expect: 'other', raw: HUGE_FRAME };
            return { channel: 'frame', expect: 'other', raw: JSON.stringify(sbFrame(rng.pick(['Obs', 'Twitch', 'Unknown', hostileText(rng).slice(0, 40)]), rng.pick(['Whatever', 'ChatMessage', hostileText(rng).slice(0, 40)]), jsonJunk(rng))) };
          default: {
            const name = hostileText(rng);
            // A valid tip inside a frame padded with unknown fields and deep junk.
            return { channel: 'frame', expect: 'tip', name: text(name) ?? 'Anonymous', raw: JSON.stringify({ ...sbFrame('StreamElements', 'Tip', { ...seTip(rng, index, name), extra: jsonJunk(rng) }), junk: jsonJunk(rng) }) };
          }
        }
      },
      async deliver(batch, thrown) {
        // Frames arrive in order on one socket: once the marker sent after the batch is on room$,
        // the adapter has handled every frame of the batch (a counted signal, no polling).
        const number = (batches += 1);
        const marker = `batch.${number}`;
        const handled = firstValueFrom(
          platform.room$.pipe(
            filter((message) => message.type === marker),
            timeout({ first: 30_000, with: () => throwError(() => new Error(`Streamer.bot batch ${number} not handled within 30 s`)) }),
          ),
        );
        const texts = [...batch.map((payload) => sbParts(payload.raw as string)), JSON.stringify(sbFrame('General', 'Custom', { onair: 1, type: marker, payload: null, sentAt: Date.now() }))];
        const { sent } = await sb<{ sent: number }>('sb-raw-shared', { id: server.id, texts });
        if (sent !== texts.length) thrown(new Error(`only ${sent} of ${texts.length} frames reached a socket`));
        await handled;
      },
      async sendFinal() {
        const frames = [
          sbFrame('YouTube', 'StatisticsUpdated', { concurrentViewers: 0 }),
          sbFrame('Twitch', 'ViewerCountUpdate', { viewers: FINAL.viewers }),
          sbFrame('StreamElements', 'Tip', { id: 'se-final', username: FINAL.tipper, amount: FINAL.amount, currency: 'USD', message: 'final' }),
        ];
        await sb('sb-raw', { id: server.id, texts: frames.map((value) => JSON.stringify(value)) });
      },
      async dispose() {
        platform.dispose();
        await sb('sb-kill', { id: server.id });
      },
    };
  },
  async spender() {
    // The action takes a moment to run, so a burst of activations lands while the first is open.
    // Bursts follow each other at once here, so the adapter's per-item cool-down (tested with
    // the adapter) is off: this checks that each burst is one spend.
    const { server, platform } = await streamerbotConnected({ actionDelayMs: 300 }, { 'spend-cooldown': '0' });
    const doActions = async () => (await sb<Array<{ request: string }>>('sb-requests', { id: server.id })).filter((request) => request.request === 'DoAction').length;
    return {
      platform,
      spendCalls: doActions,
      // The fake server answers DoAction at once.
      completeSpend: async () => undefined,
      async dispose() {
        platform.dispose();
        await sb('sb-kill', { id: server.id });
      },
    };
  },
};

/** A frame over a megabyte: must be handled (or rejected) without stalling anything. */
const HUGE_FRAME = JSON.stringify(sbFrame('Obs', 'Huge', { blob: 'x'.repeat(1_200_000) }));

/**
 * Texts hostile frames repeat: the huge frame and the huge strings, raw, JSON-escaped once (a
 * string field) and twice (inside a `General.Custom` JSON string), longest first. They go to the
 * fake server once (`sb-share`) and frames refer to them by index (`sb-raw-shared`). Otherwise a
 * run pushes some 200 MB through the test runner's browser → Node command channel before the
 * server sends it back, which took minutes on a loaded machine. The page still receives every
 * frame in full.
 */
const SB_SHARED = [
  ...new Set([HUGE_FRAME, ...HUGE.flatMap((text) => [text, escaped(text), escaped(escaped(text))])]),
].sort((a, b) => b.length - a.length);
const SHORTEST_SHARED = Math.min(...SB_SHARED.map((shared) => shared.length));

function escaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * A frame's text as `sb-raw-shared` parts: text pieces and SB_SHARED indexes that join back into
 * exactly `text` (split and join lose nothing, wherever a shared text is found).
 */
function sbParts(text: string): string | Array<string | number> {
  if (text.length < SHORTEST_SHARED) return text;
  let parts: Array<string | number> = [text];
  SB_SHARED.forEach((shared, index) => {
    parts = parts.flatMap((part) => (typeof part === 'string' ? part.split(shared).flatMap((piece, i) => (i === 0 ? [piece] : [index, piece])) : [part]));
  });
  return parts.filter((part) => part !== '');
}

function badAmountJson(rng: Rng): unknown {
  return rng.pick<unknown>([-1, -0.01, 0, 1e13, 'NaN', '-5', '', 'abc', null, true, {}, [], '<img data-pwned src=x>']);
}

function badTextJson(rng: Rng): unknown {
  return rng.pick<unknown>(['', '    ', '\u0000', 42, null, true, {}, []]);
}

function deepArray(rng: Rng): unknown {
  let value: unknown = [];
  for (let i = rng.int(10, 500); i > 0; i -= 1) value = [value];
  return value;
}

/** Every adapter the suite covers; each runs the hostile, fault and money checks that apply. */
export const ADAPTERS: readonly AdapterEntry[] = [demo, twitch, stripchat, streamnook, streamerbot];

/** A menu item of `platform`'s current tip menu, for the spend tests. */
export async function firstMenuItem(platform: Platform): Promise<TipMenuItem> {
  let item: TipMenuItem | undefined;
  const subscription = platform.tipMenu$.subscribe((menu) => (item = menu.enabled ? menu.items[0] : undefined));
  await waitUntil(() => item !== undefined, `${platform.name} tip menu has items`);
  subscription.unsubscribe();
  return item as TipMenuItem;
}
