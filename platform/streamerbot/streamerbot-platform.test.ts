import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { filter, firstValueFrom } from 'rxjs';
import '../../components/platform/platform.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import { trackTimers } from '../../test/helpers.js';
import { nothingWithin } from '../../test/wait.js';
import {
  cleanup,
  connect,
  connected,
  keep,
  load,
  record,
  requests,
  sb,
  sendEvent,
  sendRaw,
  sockets,
  startServer,
  state,
  untilConnected,
} from '../../test/servers/streamerbot.js';
import { PlatformController } from '../controllers.js';
import type { PlatformError, Viewers } from '../model.js';
import { parseDisplayAmount } from './money.js';

describe('Streamer.bot adapter', () => {
  afterEach(cleanup);

  describe('connection', () => {
    it('connects, asks GetEvents, and subscribes to every mapped event the instance lists', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      expect(seen.statuses[0].state).to.equal('connecting');
      const sent = await requests(server);
      expect(sent.map((r) => r.request).slice(0, 2)).to.deep.equal(['GetEvents', 'Subscribe']);
      expect(sent[1].events).to.deep.equal({
        Twitch: ['Cheer', 'PowerUpRedemption', 'CustomPowerUpRedemption', 'CharityDonation', 'ViewerCountUpdate', 'StreamOffline'],
        Kick: ['KicksGifted', 'ViewerCountUpdate', 'StreamOffline'],
        YouTube: ['SuperChat', 'SuperSticker', 'StatisticsUpdated', 'BroadcastEnded'],
        Trovo: ['SpellCast', 'CustomSpellCast'],
        StreamElements: ['Tip'],
        Streamlabs: ['Donation', 'CharityDonation'],
        Kofi: ['Donation', 'Subscription', 'Resubscription', 'ShopOrder'],
        TipeeeStream: ['Donation'],
        Fourthwall: ['Donation', 'SubscriptionPurchased', 'OrderPlaced', 'GiftPurchase'],
        Pallygg: ['CampaignTip'],
        DonorDrive: ['Donation'],
        Throne: ['ContributionPurchased', 'GiftPurchased'],
        General: ['Custom'],
      });
      // Stream viewers come only from viewer-count events: none yet is no count, not zero.
      expect(seen.viewers.at(-1)).to.equal(null);
      expect(sent.some((r) => r.request === 'GetActiveViewers')).to.equal(false);
    });

    it('subscribes an older instance (the docs\' GetEvents list) only to what it lists, spelt its way', async () => {
      const server = await startServer({ events: (await load<{ events: Record<string, string[]> }>('response.GetEvents.current.json')).events });
      await connected(server);
      const subscribe = (await requests(server)).find((r) => r.request === 'Subscribe');
      expect(subscribe?.events).to.deep.equal({
        twitch: ['Cheer', 'CharityDonation'],
        youTube: ['SuperChat', 'SuperSticker', 'StatisticsUpdated', 'BroadcastEnded'],
        streamElements: ['Tip'],
        streamlabs: ['Donation'],
        kofi: ['Donation', 'Subscription', 'Resubscription', 'ShopOrder'],
        tipeeeStream: ['Donation'],
        donorDrive: ['Donation'],
        general: ['Custom'],
      });
    });

    it('counts legacy active viewers (no `type`) as Twitch chatters in chatters mode and reads the channel', async () => {
      const server = await startServer({ viewers: await load('response.GetActiveViewers.legacy.json'), broadcaster: await load('response.GetBroadcaster.current.json') });
      const { platform, seen } = await connected(server, { 'viewer-count': 'chatters' });
      await waitUntil(() => seen.viewers.at(-1) != null, 'viewers');
      expect(seen.viewers.at(-1)).to.deep.equal({ total: 2, byPlatform: { twitch: 2 }, counts: 'chatters' });
      let channel: unknown;
      keep(platform.context$.subscribe((c) => (channel = c.channel)));
      await waitUntil(() => channel !== undefined, 'channel');
      expect(channel).to.deep.equal({ id: '695682330', name: 'ik1497' });
    });

    it('answers the Hello challenge with the right password', async () => {
      const server = await startServer({ password: 'hunter2' });
      await connected(server, { password: 'hunter2' });
      const sent = await requests(server);
      expect(sent[0].request).to.equal('Authenticate');
      expect(sent.some((r) => r.request === 'Subscribe')).to.equal(true);
    });

    it('reports a wrong password once and stops retrying until reconnect()', async () => {
      const server = await startServer({ password: 'hunter2' });
      const platform = connect(server, { password: 'wrong' });
      const seen = record(platform);
      await waitUntil(() => state(seen) === 'error', 'error state');
      expect(seen.statuses.at(-1)?.detail).to.match(/rejected the password/);
      expect(seen.errors.at(-1)?.code).to.equal('auth-failed');
      await nothingWithin(400, 'several retries at the test backoff (20 ms doubling): none may happen');
      expect((await sockets(server)).connections).to.equal(1);
      expect(state(seen)).to.equal('error');
      platform.reconnect();
      await waitUntil(async () => (await sockets(server)).connections === 2, 'retried on request');
      await waitUntil(() => state(seen) === 'error', 'error again');
    });

    it('says a password is needed when none is set', async () => {
      const server = await startServer({ password: 'hunter2' });
      const platform = connect(server);
      const seen = record(platform);
      await waitUntil(() => state(seen) === 'error', 'error state');
      expect(seen.statuses.at(-1)?.detail).to.match(/asks for a password/);
      await nothingWithin(300, 'several retries at the test backoff: none may happen');
      expect((await sockets(server)).connections).to.equal(1);
    });

    it('works with a server older than v0.2.5 that sends no Hello', async () => {
      const server = await startServer({ hello: false });
      await connected(server);
      expect((await requests(server)).some((r) => r.request === 'Subscribe')).to.equal(true);
    });

    it('retries with backoff while nothing listens, then connects when the server appears', async () => {
      const server = await startServer();
      await sb('sb-kill', { id: server.id });
      const platform = connect(server);
      const seen = record(platform);
      await waitUntil(() => seen.statuses.some((s) => s.detail?.includes('attempt 2')), 'second attempt');
      expect(seen.statuses.filter((s) => s.state === 'reconnecting').map((s) => s.detail)).to.satisfy((details: string[]) => details.every((d) => /Could not reach Streamer\.bot.*attempt \d+/.test(d)));
      await sb('sb-restart', { id: server.id });
      await untilConnected(seen);
    });

    it('reconnects on demand and subscribes again', async () => {
      const server = await startServer();
      const { platform, seen } = await connected(server);
      platform.reconnect();
      expect(seen.statuses.at(-1)).to.deep.equal({ state: 'reconnecting', reason: 'connecting', detail: 'Reconnecting to Streamer.bot on request (attempt 1)…' });
      await untilConnected(seen);
      const subscribes = (await requests(server)).filter((r) => r.request === 'Subscribe');
      expect(subscribes.map((r) => r.connection)).to.deep.equal([1, 2]);
    });

    it('survives a server killed and restarted mid-stream: lists and subscribes again, never repeats an event', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      const cheer = await load('event.Twitch.Cheer.legacy.json');
      const donation = await load('event.Streamlabs.Donation.docs.json');
      const stamp = '2024-05-01T20:00:00.0000000+02:00';
      expect((await sendEvent(server, 'Twitch', 'Cheer', cheer, stamp)).delivered).to.equal(1);
      expect((await sendEvent(server, 'Streamlabs', 'Donation', donation, stamp)).delivered).to.equal(1);
      await waitUntil(() => seen.tips.length === 2, 'two tips');

      await sb('sb-kill', { id: server.id });
      await waitUntil(() => state(seen) === 'reconnecting', 'reconnecting');
      expect(seen.statuses.find((s) => s.state === 'reconnecting')?.detail).to.match(/Lost the connection.*attempt 1/);
      await sb('sb-restart', { id: server.id });
      await untilConnected(seen);

      // The same two events again (as a replaying bridge would send them), then a new one.
      expect((await sendEvent(server, 'Twitch', 'Cheer', cheer, stamp)).delivered).to.equal(1);
      await sendEvent(server, 'Streamlabs', 'Donation', donation, stamp);
      await sendEvent(server, 'Streamlabs', 'Donation', { ...donation, amount: 5 }, '2024-05-01T20:00:01.0000000+02:00');
      // One socket delivers in order: once the last event sent is a tip, every earlier one was handled.
      await waitUntil(() => seen.tips.length >= 3, 'third tip');
      expect(seen.tips.map((t) => `${t.source}:${t.amount}`)).to.deep.equal(['twitch:69', 'streamlabs:74', 'streamlabs:5']);

      const sent = await requests(server);
      const lastConnection = Math.max(...sent.map((r) => r.connection));
      expect(sent.filter((r) => r.connection === lastConnection).map((r) => r.request)).to.include.members(['GetEvents', 'Subscribe']);
    });

    it('detects a half-open socket and reconnects', async () => {
      const server = await startServer();
      const { seen } = await connected(server, { 'ping-interval': '100', 'ping-timeout': '400' });
      await sb('sb-silence', { id: server.id });
      await waitUntil(() => seen.statuses.some((s) => s.state === 'reconnecting' && /stopped answering/.test(s.detail ?? '')), 'half-open detected', { timeout: 3000 });
      await untilConnected(seen);
      expect((await sockets(server)).connections).to.be.at.least(2);
      // Resent until a live subscription takes it (a busy test machine may cost one more reconnect);
      // the tip's own id keeps repeats out of tips$.
      const tip = await load('event.StreamElements.Tip.legacy.json');
      await waitUntil(async () => (await sendEvent(server, 'StreamElements', 'Tip', tip)).delivered === 1, 'delivered after reconnect', { timeout: 3000 });
      await waitUntil(() => seen.tips.length === 1, 'tip after reconnect');
      await nothingWithin(50, 'a replay of the tip after the reconnect would arrive by then');
      expect(seen.tips).to.have.length(1);
    });

    it('closes the socket and clears every timer on dispose', async () => {
      const server = await startServer();
      // Counts only the platform's timers: waiting here uses the status stream, not waitUntil.
      const timers = trackTimers();
      try {
        const platform = connect(server, { 'ping-interval': '40' });
        await firstValueFrom(platform.status$.pipe(filter((s) => s.state === 'connected')));
        expect(timers.pending()).to.be.greaterThan(0);
        let completed = false;
        platform.tips$.subscribe({ complete: () => (completed = true) });
        platform.dispose();
        expect(timers.pending()).to.equal(0);
        expect(completed).to.equal(true);
      } finally {
        timers.restore();
      }
      await waitUntil(async () => (await sockets(server)).open === 0, 'server sees the socket closed');
      expect((await sockets(server)).connections).to.equal(1);
    });

    it('reports invalid options and falls back to defaults', async () => {
      const platform = connect({ id: '', port: 99999 }, { scheme: 'http', host: 'a b' });
      const errors: PlatformError[] = [];
      // errors$ replays only the latest problem, so read the others through the option parser.
      keep(platform.errors$.subscribe((e) => errors.push(e)));
      expect(errors.at(-1)?.code).to.equal('invalid-option');
      const { parseOptions } = await import('./options.js');
      const { options, problems } = parseOptions({ port: '99999', scheme: 'http', host: 'a b' });
      expect(options.url).to.equal('ws://127.0.0.1:8080/');
      expect(problems.map((p) => p.message)).to.deep.equal(['Ignored the invalid `host` option.', 'Ignored the invalid `port` option.', 'Ignored the invalid `scheme` option.']);
      const look = connect({ id: '', port: 8080 }, { theme: 'light', locale: 'de-de' });
      let context: unknown;
      keep(look.context$.subscribe((c) => (context = c)));
      expect(context).to.deep.include({ theme: 'light', locale: 'de-DE', role: 'broadcaster' });
      expect(parseOptions({ host: 'obs-pc.local', port: '8081', endpoint: '/sb', scheme: 'wss' }).options.url).to.equal('wss://obs-pc.local:8081/sb');
    });
  });

  describe('tips', () => {
    it('maps a legacy Twitch.Cheer (fixture) to bits', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await sendEvent(server, 'Twitch', 'Cheer', await load('event.Twitch.Cheer.legacy.json'), '2023-02-07T23:59:02.8008292Z');
      await waitUntil(() => seen.tips.length === 1, 'tip');
      const [tip] = seen.tips;
      expect(tip).to.deep.include({ id: 'b2bacfe5-f660-4fc8-9033-0961682df186', amount: 69, currency: 'bits', message: 'test', source: 'twitch' });
      expect(tip.user).to.deep.equal({ id: '695682330', name: 'ik1497' });
      expect(tip.at.toISOString()).to.equal('2023-02-07T23:59:02.800Z');
    });

    it('maps a current-generation Twitch.Cheer (shape from the research note) and anonymous cheers', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      const user = { id: '42', login: 'fan', name: 'Fan', type: 'twitch', role: 1, badges: [], color: null, subscribed: false, subscriptionTier: null, monthsSubscribed: 0 };
      await sendEvent(server, 'Twitch', 'Cheer', { user, messageId: 'm-1', text: 'Cheer100 hi', anonymous: false, isTest: false, bits: 100 });
      await sendEvent(server, 'Twitch', 'Cheer', { user, messageId: 'm-2', text: 'psst', anonymous: true, isTest: false, bits: 5 });
      await waitUntil(() => seen.tips.length === 2, 'tips');
      expect(seen.tips[0]).to.deep.include({ id: 'm-1', amount: 100, currency: 'bits', message: 'Cheer100 hi' });
      expect(seen.tips[0].user).to.deep.equal({ id: '42', name: 'Fan' });
      expect(seen.tips[1].user).to.deep.equal({ name: 'Anonymous' });
    });

    it('maps StreamElements tips and Streamlabs donations from both fixture generations', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await sendEvent(server, 'StreamElements', 'Tip', await load('event.StreamElements.Tip.legacy.json'));
      await sendEvent(server, 'StreamElements', 'Tip', await load('event.StreamElements.Tip.docs.json'));
      await sendEvent(server, 'Streamlabs', 'Donation', await load('event.Streamlabs.Donation.legacy.json'), '2024-01-01T00:00:00Z');
      await sendEvent(server, 'Streamlabs', 'Donation', await load('event.Streamlabs.Donation.docs.json'), '2024-01-01T00:00:01Z');
      await waitUntil(() => seen.tips.length === 4, 'four tips');
      expect(seen.tips[0]).to.deep.include({ id: '03a93f0f3c8d41b09a03dfca8743d94e', amount: 10, currency: 'USD', source: 'streamelements', message: 'This is a test message' });
      expect(seen.tips[0].user).to.deep.equal({ name: 'Ik1497' });
      expect(seen.tips[1]).to.deep.include({ id: 'f11cfa360fd44555b99d41e0d277f45e', amount: 74 });
      expect(seen.tips[2]).to.deep.include({ amount: 74, currency: 'USD', source: 'streamlabs' });
      expect(seen.tips[2].user).to.deep.equal({ name: 'John' });
      expect(seen.tips[2].id).to.not.equal(seen.tips[3].id);
    });

    it('maps Ko-fi donations and YouTube Super Chats with their currencies', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      // Built from the trigger variables the docs list; no WebSocket example is published.
      await sendEvent(server, 'Kofi', 'Donation', { from: 'Ana', amount: '3.00', currency: 'EUR', message: 'coffee!', isPublic: true });
      await sendEvent(server, 'YouTube', 'SuperChat', { amount: '$1.00', microAmount: 1000000, currencyCode: 'USD', message: 'hi', user: { id: 'UC1', name: 'Viewer' } });
      await sendEvent(server, 'YouTube', 'SuperChat', { amount: '¥1,000', currencyCode: 'JPY', message: '', user: { id: 'UC2', name: 'Taro' } });
      await waitUntil(() => seen.tips.length === 3, 'three tips');
      expect(seen.tips.map((t) => [t.source, t.amount, t.currency, t.user.name])).to.deep.equal([
        ['kofi', 3, 'EUR', 'Ana'],
        ['youtube', 1, 'USD', 'Viewer'],
        ['youtube', 1000, 'JPY', 'Taro'],
      ]);
    });

    it('parses display amounts in either separator convention', () => {
      expect(parseDisplayAmount('$1.00')).to.equal(1);
      expect(parseDisplayAmount('1.234,56 €')).to.equal(1234.56);
      expect(parseDisplayAmount('$1,234.5')).to.equal(1234.5);
      expect(parseDisplayAmount('¥1,000')).to.equal(1000);
      expect(parseDisplayAmount('CA$5')).to.equal(5);
      expect(parseDisplayAmount('free')).to.equal(undefined);
      expect(parseDisplayAmount('$0.00')).to.equal(undefined);
    });

    it('ignores subs and gifts by default and does not subscribe to them', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      expect((await sendEvent(server, 'Twitch', 'Sub', await load('event.Twitch.Sub.legacy.json'))).delivered).to.equal(0);
      expect((await sendEvent(server, 'Twitch', 'GiftBomb', await load('event.Twitch.GiftBomb.legacy.json'))).delivered).to.equal(0);
      expect(seen.tips).to.have.length(0);
    });

    it('counts subs and gift bombs at the configured value, without counting a bomb twice', async () => {
      const server = await startServer();
      const { seen } = await connected(server, { 'sub-value': '2.5', 'gift-value': '2', 'sub-currency': 'eur' });
      await sendEvent(server, 'Twitch', 'Sub', await load('event.Twitch.Sub.legacy.json'));
      await sendEvent(server, 'Twitch', 'ReSub', await load('event.Twitch.ReSub.docs.json'));
      await sendEvent(server, 'Twitch', 'GiftBomb', await load('event.Twitch.GiftBomb.legacy.json'));
      const gift = await load('event.Twitch.GiftSub.legacy.json');
      await sendEvent(server, 'Twitch', 'GiftSub', { ...gift, fromSubBomb: true });
      await sendEvent(server, 'Twitch', 'GiftSub', gift);
      // One socket delivers in order: the last gift counted means every earlier event was handled.
      await waitUntil(() => seen.tips.length === 4, 'four tips');
      expect(seen.tips.map((t) => [t.source, t.amount, t.currency, t.user.name])).to.deep.equal([
        ['twitch-sub', 2.5, 'EUR', 'Ik1497Bot'],
        ['twitch-resub', 2.5, 'EUR', 'AdmiralAI'],
        ['twitch-gift', 20, 'EUR', 'ik1497'],
        ['twitch-gift', 2, 'EUR', 'ik1497'],
      ]);
    });
  });

  describe('malformed input', () => {
    it('reports and skips frames that are not JSON, not envelopes, or carry bad data, and keeps working', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await sendRaw(server, await load<string>('raw-unparseable/event.Twitch.Cheer.docs.txt'));
      await sendRaw(server, '[1, 2, 3]');
      await sendRaw(server, JSON.stringify({ hello: 'there' }));
      await sendEvent(server, 'Twitch', 'Cheer', { message: { bits: 'lots', displayName: '<img src=x onerror=alert(1)>' } });
      await sendEvent(server, 'StreamElements', 'Tip', { username: 'x', amount: -5, currency: 'USD' });
      // `kr` is Swedish, Norwegian or Danish: without a code the currency is unknown.
      await sendEvent(server, 'YouTube', 'SuperChat', { amount: '10,00 kr', user: { id: 'UC1', name: 'Viewer' } });
      await sendEvent(server, 'Streamlabs', 'Donation', 'not an object');
      await waitUntil(() => seen.errors.length === 7, 'seven reports', { timeout: 3000 });
      expect(seen.errors.map((e) => e.code)).to.deep.equal(Array(7).fill('invalid-payload'));
      expect(seen.errors[0].payload).to.be.a('string');
      expect(seen.tips).to.have.length(0);
      await sendEvent(server, 'Twitch', 'Cheer', await load('event.Twitch.Cheer.legacy.json'));
      await waitUntil(() => seen.tips.length === 1, 'still working');
      expect(state(seen)).to.equal('connected');
    });

    it('ignores events it does not map, such as the current ChatMessage envelope (fixture)', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await sendRaw(server, JSON.stringify(await load('event.envelope.Twitch.ChatMessage.current.json')));
      await sendEvent(server, 'Twitch', 'Cheer', await load('event.Twitch.Cheer.legacy.json'));
      await waitUntil(() => seen.tips.length === 1, 'cheer');
      expect(seen.errors).to.have.length(0);
    });
  });

  describe('tip menu', () => {
    const menu = JSON.stringify([
      { id: 'hydrate', label: 'Make me drink', price: 3, currency: 'usd', action: 'Drink water' },
      { id: 'song', label: 'Pick a song', price: 5, currency: 'USD', action: 'b9f9a8a2-3b7c-4d7e-8a1e-1f2d3c4b5a69' },
      { id: 'broken', label: 'Too cheap', price: 0, currency: 'USD', action: 'x' },
    ]);

    it('offers configured items and runs their Streamer.bot action with DoAction', async () => {
      const server = await startServer();
      const { platform, seen } = await connected(server, { menu });
      expect([...platform.capabilities]).to.include.members(['tipMenu', 'spend', 'broadcast']);
      let items: unknown;
      keep(platform.tipMenu$.subscribe((m) => (items = m)));
      expect(items).to.deep.equal({
        enabled: true,
        items: [
          { id: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD' },
          { id: 'song', label: 'Pick a song', price: 5, currency: 'USD' },
        ],
      });
      expect(seen.errors.at(-1)?.code).to.equal('invalid-option');

      const result = await platform.requestTip({ id: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD' });
      expect(result.status).to.equal('success');
      await platform.requestTip({ id: 'song', label: 'Pick a song', price: 5, currency: 'USD' });
      const actions = (await requests(server)).filter((r) => r.request === 'DoAction');
      expect(actions.map((r) => [r.action, r.args])).to.deep.equal([
        [{ name: 'Drink water' }, { itemId: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD' }],
        [{ id: 'b9f9a8a2-3b7c-4d7e-8a1e-1f2d3c4b5a69' }, { itemId: 'song', label: 'Pick a song', price: 5, currency: 'USD' }],
      ]);
    });

    it('resolves failed when the action fails, the item is unknown or the socket is down', async () => {
      const server = await startServer({ failActions: ['Drink water'] });
      const { platform } = await connected(server, { menu, 'spend-cooldown': '0' });
      const item = { id: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD' };
      const failed = await platform.requestTip(item);
      expect(failed).to.deep.include({ status: 'failed' });
      expect(failed.status === 'failed' && failed.error).to.match(/Action not found/);
      expect((await platform.requestTip({ ...item, id: 'nope' })).status).to.equal('failed');
      await sb('sb-kill', { id: server.id });
      await waitUntil(() => !platform['socket'].connected, 'dropped');
      expect((await platform.requestTip(item)).status).to.equal('failed');
    });

    it('has no spend capability without a menu', async () => {
      const server = await startServer();
      const { platform } = await connected(server);
      expect(platform.capabilities.has('spend')).to.equal(false);
      expect(platform.capabilities.has('tipMenu')).to.equal(false);
      expect((await platform.requestTip({ id: 'a', label: 'A', price: 1, currency: 'USD' })).status).to.equal('failed');
    });
  });

  describe('room messages', () => {
    it('broadcasts through the relay action and receives the General.Custom echo on room$', async () => {
      const server = await startServer();
      const { platform, seen } = await connected(server);
      const payload = { spinId: 's1', index: 2, startedAt: 1, durationMs: 4000, itemsHash: 'h', turns: 5 };
      await platform.broadcast({ type: 'wheel.spin', payload });
      const action = (await requests(server)).find((r) => r.request === 'DoAction');
      expect(action?.action).to.deep.equal({ name: 'onair relay' });
      const relayed = JSON.parse((action?.args as { onair: string }).onair);
      expect(relayed).to.deep.include({ onair: 1, type: 'wheel.spin', payload, from: platform.clientId });
      // What the streamer's action does: CPH.WebsocketBroadcastJson(args["onair"]).
      expect((await sendEvent(server, 'General', 'Custom', relayed)).delivered).to.equal(1);
      await waitUntil(() => seen.room.length === 1, `room message ${JSON.stringify(seen.errors)}`);
      expect(seen.room[0]).to.deep.include({ type: 'wheel.spin', payload, from: platform.clientId, sentAt: relayed.sentAt });
    });

    it('accepts a relayed message as a JSON string inside `event` (oldest broadcast shape), skips foreign broadcasts', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await sendRaw(server, JSON.stringify(await load('event.General.Custom.docs.broadcastJson.json')));
      await sendRaw(server, JSON.stringify(await load('event.General.Custom.docs.broadcastString.json')));
      const legacy = await load<{ timeStamp: string; event: Record<string, unknown> }>('event.General.Custom.docs.broadcastString.json');
      legacy.event.data = JSON.stringify({ onair: 1, type: 'wheel.spin', payload: { spinId: 'x' }, from: 'other', sentAt: 5 });
      await sendRaw(server, JSON.stringify(legacy));
      await waitUntil(() => seen.room.length === 1, 'room message');
      expect(seen.room[0]).to.deep.include({ type: 'wheel.spin', payload: { spinId: 'x' }, from: 'other', sentAt: 5 });
      expect(seen.errors).to.have.length(0);
    });

    it('reports a malformed onair envelope and a relay failure', async () => {
      const server = await startServer({ failActions: ['onair relay'] });
      const { platform, seen } = await connected(server);
      await sendEvent(server, 'General', 'Custom', { onair: 1, type: '', sentAt: 'soon' });
      await waitUntil(() => seen.errors.length === 1, 'reported');
      await platform.broadcast({ type: 'wheel.spin', payload: {} });
      expect(seen.errors.map((e) => e.code)).to.deep.equal(['invalid-payload', 'send-failed']);
      expect(seen.room).to.have.length(0);
    });

    it('drops the broadcast capability when relay-action is empty', async () => {
      const server = await startServer();
      const { platform, seen } = await connected(server, { 'relay-action': '' });
      expect(platform.capabilities.has('broadcast')).to.equal(false);
      await platform.broadcast({ type: 'wheel.spin', payload: {} });
      expect(seen.errors.at(-1)?.code).to.equal('unsupported');
    });
  });

  describe('inside <onair-platform>', () => {
    @customElement('test-streamerbot-probe')
    class Probe extends LitElement {
      readonly platforms = new PlatformController(this);
      viewers?: Viewers | null;
      constructor() {
        super();
        this.platforms.observe((p) => p.viewers$, (v) => (this.viewers = v));
      }
    }

    it('is created from attributes and feeds a plain consumer; removing the provider closes the socket', async () => {
      const server = await startServer();
      const el = await fixture<OnAirPlatformElement>(
        html`<onair-platform platform="streamerbot" port=${String(server.port)} backoff-min="20"><test-streamerbot-probe></test-streamerbot-probe></onair-platform>`,
      );
      const probe = el.querySelector('test-streamerbot-probe') as Probe;
      const update = await load('event.Twitch.ViewerCountUpdate.client-type.json');
      await waitUntil(async () => (await sendEvent(server, 'Twitch', 'ViewerCountUpdate', update)).delivered === 1, 'subscribed', { timeout: 4000 });
      await waitUntil(() => probe.viewers?.total === 187, 'viewers through the provider', { timeout: 4000 });
      expect(el.current?.name).to.equal('streamerbot');
      el.remove();
      await waitUntil(async () => (await sockets(server)).open === 0, 'socket closed');
    });
  });
});
