import { expect, html, waitUntil } from '@open-wc/testing';
import '../../components/leaderboard/leaderboard.js';
import '../../components/viewer-counter/viewer-counter.js';
import type { OnAirViewerCounterElement } from '../../components/viewer-counter/viewer-counter.js';
import { mountWith, nothingWithin } from '../../test/helpers.js';
import { cleanup, connected, load, requests, sb, sendEvent, sockets, startServer, type Server } from '../../test/servers/streamerbot.js';

/** Sends until a subscribed socket takes it (the subscription lands just after `connected`). */
async function deliver(server: Server, source: string, type: string, data: unknown) {
  await waitUntil(async () => (await sendEvent(server, source, type, data)).delivered === 1, `${source}.${type} delivered`);
}

describe('Streamer.bot viewers', () => {
  afterEach(cleanup);

  describe('stream viewers (the default)', () => {
    it('shows Twitch.ViewerCountUpdate on the counter, in both payload shapes', async () => {
      const server = await startServer();
      const { platform, seen } = await connected(server);
      const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter reduced-motion></onair-viewer-counter>`, 'onair-viewer-counter');
      await deliver(server, 'Twitch', 'ViewerCountUpdate', await load('event.Twitch.ViewerCountUpdate.client-type.json'));
      await waitUntil(() => el.shadowRoot?.textContent?.includes('187'), 'counter shows 187');
      expect(el.shadowRoot?.querySelector('[part="label"]')?.textContent?.trim()).to.equal('viewers');
      expect(seen.viewers.at(-1)).to.deep.equal({ total: 187, byPlatform: { twitch: 187 } });
      await deliver(server, 'Twitch', 'ViewerCountUpdate', { ...(await load('event.Twitch.ViewerCountUpdate.chatrd.json')), viewerCount: 190 });
      await waitUntil(() => seen.viewers.at(-1)?.total === 190, 'viewerCount shape');
    });

    it('sums the live platforms: Twitch, Kick and every live YouTube broadcast; offline platforms drop out', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await deliver(server, 'Twitch', 'ViewerCountUpdate', { viewers: 100 });
      await deliver(server, 'Kick', 'ViewerCountUpdate', await load('event.Kick.ViewerCountUpdate.trigger-vars.json'));
      const stats = await load<{ broadcast: { id: string } }>('event.YouTube.StatisticsUpdated.trigger-vars.json');
      await deliver(server, 'YouTube', 'StatisticsUpdated', stats);
      await deliver(server, 'YouTube', 'StatisticsUpdated', { ...stats, concurrentViewers: 8, broadcast: { ...stats.broadcast, id: 'vertical' } });
      await waitUntil(() => seen.viewers.at(-1)?.total === 100 + 69 + 42 + 8, 'all platforms');
      expect(seen.viewers.at(-1)).to.deep.equal({ total: 219, byPlatform: { twitch: 100, kick: 69, youtube: 50 } });
      await deliver(server, 'YouTube', 'BroadcastEnded', { broadcast: { id: 'vertical' } });
      await deliver(server, 'Twitch', 'StreamOffline', {});
      await waitUntil(() => seen.viewers.at(-1)?.total === 69 + 42, 'vertical broadcast and Twitch gone');
      expect(seen.viewers.at(-1)?.byPlatform).to.deep.equal({ kick: 69, youtube: 42 });
      await deliver(server, 'Kick', 'StreamOffline', {});
      await deliver(server, 'YouTube', 'BroadcastEnded', { broadcast: { id: stats.broadcast.id } });
      await waitUntil(() => seen.viewers.at(-1) === null, 'nothing live: no count');
    });

    it('keeps the count when statistics carry no concurrent viewers, and does not read chatters', async () => {
      const server = await startServer({ viewers: await load('response.GetActiveViewers.current.json') });
      const { seen } = await connected(server);
      await deliver(server, 'Twitch', 'ViewerCountUpdate', { viewers: 5 });
      await waitUntil(() => seen.viewers.at(-1)?.total === 5, 'count');
      const before = seen.viewers.length;
      await deliver(server, 'YouTube', 'StatisticsUpdated', await load('event.YouTube.StatisticsUpdated.legacy.json'));
      expect((await sendEvent(server, 'Twitch', 'PresentViewers', { viewers: [{ login: 'a' }] })).delivered).to.equal(0);
      await deliver(server, 'StreamElements', 'Tip', await load('event.StreamElements.Tip.docs.json'));
      await waitUntil(() => seen.tips.length === 1, 'a later event arrived');
      expect(seen.viewers.length).to.equal(before);
      expect(seen.errors).to.have.length(0);
      expect((await requests(server)).some((r) => r.request === 'GetActiveViewers')).to.equal(false);
    });

    it('reports an unusable viewer count and keeps the last good one', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await deliver(server, 'Twitch', 'ViewerCountUpdate', { viewers: 5 });
      await deliver(server, 'Twitch', 'ViewerCountUpdate', { viewers: 'many' });
      await waitUntil(() => seen.errors.length === 1, 'reported');
      expect(seen.errors[0].code).to.equal('invalid-payload');
      expect(seen.viewers.at(-1)?.total).to.equal(5);
    });
  });

  describe('chatters (viewer-count=chatters)', () => {
    it('counts people present in chat per platform instead, from GetActiveViewers and PresentViewers', async () => {
      const server = await startServer({ viewers: await load('response.GetActiveViewers.current.json') });
      const { seen } = await connected(server, { 'viewer-count': 'chatters' });
      await waitUntil(() => seen.viewers.at(-1) != null, 'chatters');
      expect(seen.viewers.at(-1)).to.deep.equal({ total: 2, byPlatform: { kick: 1, twitch: 1 }, counts: 'chatters' });
      const subscribe = (await requests(server)).find((r) => r.request === 'Subscribe');
      expect((subscribe?.events as Record<string, string[]>).Twitch).to.include('PresentViewers').and.not.include('ViewerCountUpdate');
      await deliver(server, 'Twitch', 'PresentViewers', { viewers: [{ login: 'a' }, { login: 'b' }, { login: 'c' }] });
      await waitUntil(() => seen.viewers.at(-1)?.total === 4, 'twitch replaced');
      expect(seen.viewers.at(-1)?.byPlatform).to.deep.equal({ kick: 1, twitch: 3 });
    });

    it('counts viewers whose `type` is "constructor", "__proto__" or "toString" as platforms of those (lower-cased) names', async () => {
      const viewers = ['constructor', '__proto__', 'toString', 'constructor', 'twitch'].map((type, i) => ({ id: String(i), login: `v${i}`, type }));
      const server = await startServer({ viewers: { count: viewers.length, viewers } });
      const { platform, seen } = await connected(server, { 'viewer-count': 'chatters' });
      const { el } = await mountWith<OnAirViewerCounterElement>(platform, html`<onair-viewer-counter reduced-motion></onair-viewer-counter>`, 'onair-viewer-counter');
      await waitUntil(() => seen.viewers.at(-1) != null, 'chatters');
      const counted = seen.viewers.at(-1)!;
      expect(counted.total).to.equal(5);
      expect(Object.entries(counted.byPlatform ?? {}).sort()).to.deep.equal([['__proto__', 1], ['constructor', 2], ['tostring', 1], ['twitch', 1]]);
      await waitUntil(() => /\b5\b/.test(el.shadowRoot?.textContent ?? ''), 'counter shows 5');
      expect(el.shadowRoot?.textContent).to.not.include('NaN');
      // Labelled as what it is: people in chat, not stream viewers.
      expect(el.shadowRoot?.querySelector('[part="label"]')?.textContent?.trim()).to.equal('in chat');
    });
  });

  describe('liveness under an event flood', () => {
    it('keeps a healthy socket through 8,000 events/s: the probe is not starved', async function () {
      this.timeout(30_000);
      const server = await startServer();
      // Probes every 300 ms, a second to answer: a reply queued behind seconds of events drops the socket.
      const { platform, seen } = await connected(server, { 'ping-interval': '300', 'ping-timeout': '1000' });
      await mountWith(platform, html`<onair-leaderboard reduced-motion limit="5" currency="bits"></onair-leaderboard>`, 'onair-leaderboard');
      await deliver(server, 'Twitch', 'Cheer', { msgId: 'first', userId: '1', displayName: 'First', message: 'hi', bits: 1 });
      const connections = (await sockets(server)).connections;
      // Answers once the server has sent the whole flood.
      await sb('sb-flood', { id: server.id, source: 'Twitch', type: 'Cheer', data: { userId: '2', displayName: 'Flood', message: 'Cheer1', bits: 1 }, perSecond: 8000, seconds: 4 });
      await waitUntil(() => seen.tips.length >= 1 + 8000 * 4 * 0.9, `flood handled (${seen.tips.length})`, { timeout: 15_000 });
      expect(seen.statuses.filter((s) => s.state !== 'connected').map((s) => s.detail)).to.deep.equal(['Connecting to Streamer.bot at ws://127.0.0.1:' + server.port + '/…']);
      expect((await sockets(server)).connections).to.equal(connections);
      // Still the same live socket: a quiet period is probed and answered.
      await nothingWithin(500, 'a probe goes out every 300 ms: one left unanswered would drop the socket');
      expect((await sockets(server)).connections).to.equal(connections);
    });
  });
});
