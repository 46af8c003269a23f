import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/tip-menu/tip-menu.js';
import type { OnAirTipMenuElement } from '../../components/tip-menu/tip-menu.js';
import { mountWith, nothingWithin } from '../../test/helpers.js';
import { actionsRun, cleanup, connected, doActions, keep, load, pause, requests, sendEvent, startServer, type Server } from '../../test/servers/streamerbot.js';
import type { LateTipResult, Tip } from '../model.js';
import { displayCurrency, parseDisplayMoney } from './money.js';
import { subTier } from './mapping.js';

async function deliver(server: Server, source: string, type: string, data: unknown) {
  await waitUntil(async () => (await sendEvent(server, source, type, data)).delivered === 1, `${source}.${type} delivered`);
}

const summary = (tip: Tip) => [tip.source, tip.amount, tip.currency, tip.user.name];

describe('Streamer.bot money', () => {
  afterEach(cleanup);

  describe('tip sources', () => {
    it('counts every money event from its recorded shape', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      const cases: Array<[string, string, string, unknown[]]> = [
        ['TipeeeStream', 'Donation', 'event.TipeeeStream.Donation.trigger-vars.json', ['tipeeestream', 5, 'EUR', 'TipeeeStreamUser123']],
        ['Fourthwall', 'Donation', 'event.Fourthwall.Donation.trigger-vars.json', ['fourthwall', 5, 'USD', 'FourthwallFan']],
        ['Fourthwall', 'SubscriptionPurchased', 'event.Fourthwall.SubscriptionPurchased.trigger-vars.json', ['fourthwall', 5, 'USD', 'Member42']],
        ['Fourthwall', 'OrderPlaced', 'event.Fourthwall.OrderPlaced.trigger-vars.json', ['fourthwall-shop', 17, 'USD', 'MerchBuyer']],
        ['Fourthwall', 'GiftPurchase', 'event.Fourthwall.GiftPurchase.trigger-vars.json', ['fourthwall-gift', 17, 'USD', 'GiftGiver']],
        ['Kofi', 'Subscription', 'event.Kofi.Subscription.trigger-vars.json', ['kofi', 10, 'EUR', 'KoFiUser123']],
        ['Kofi', 'Resubscription', 'event.Kofi.Resubscription.trigger-vars.json', ['kofi', 10, 'EUR', 'KoFiUser123']],
        ['Kofi', 'ShopOrder', 'event.Kofi.ShopOrder.trigger-vars.json', ['kofi-shop', 10, 'EUR', 'KoFiUser123']],
        ['YouTube', 'SuperSticker', 'event.YouTube.SuperSticker.trigger-vars.json', ['youtube', 2, 'EUR', 'YouTubeUser123']],
        ['Twitch', 'PowerUpRedemption', 'event.Twitch.PowerUpRedemption.chatrd.json', ['twitch-power-up', 50, 'bits', 'TwitchUser123']],
        ['Twitch', 'CustomPowerUpRedemption', 'event.Twitch.CustomPowerUpRedemption.chatrd.json', ['twitch-power-up', 100, 'bits', 'TwitchUser123']],
        ['Twitch', 'CharityDonation', 'event.Twitch.CharityDonation.client-type.json', ['twitch-charity', 5.25, 'USD', 'TwitchUser123']],
        ['Kick', 'KicksGifted', 'event.Kick.KicksGifted.trigger-vars.json', ['kick-kicks', 0.42, 'USD', 'KickUser123']],
        ['Trovo', 'SpellCast', 'event.Trovo.SpellCast.trovo-chat.json', ['trovo-spell', 2, 'USD', 'TrovoUser']],
        ['Pallygg', 'CampaignTip', 'event.Pallygg.CampaignTip.trigger-vars.json', ['pallygg', 1.25, 'USD', 'PallyFan']],
        ['DonorDrive', 'Donation', 'event.DonorDrive.Donation.trigger-vars.json', ['donordrive', 10, 'USD', 'Extra Lifer']],
        ['Throne', 'ContributionPurchased', 'event.Throne.ContributionPurchased.trigger-vars.json', ['throne', 100, 'USD', 'Lyfesaver74']],
        ['Throne', 'GiftPurchased', 'event.Throne.GiftPurchased.trigger-vars.json', ['throne', 100, 'USD', 'Lyfesaver74']],
      ];
      for (const [source, type, file] of cases) await deliver(server, source, type, await load(file));
      await waitUntil(() => seen.tips.length === cases.length, `${cases.length} tips (${seen.tips.length})`);
      expect(seen.tips.map(summary)).to.deep.equal(cases.map(([, , , expected]) => expected));
      expect(seen.errors).to.deep.equal([]);
    });

    it('skips free things: Trovo Mana spells, free Ko-fi orders; treats and memberships count only with a value', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await deliver(server, 'Trovo', 'SpellCast', await load('event.Trovo.SpellCast.mana.trovo-chat.json'));
      await deliver(server, 'Kofi', 'ShopOrder', { ...(await load('event.Kofi.ShopOrder.trigger-vars.json')), amount: 0 });
      expect((await sendEvent(server, 'TreatStream', 'Treat', await load('event.TreatStream.Treat.trigger-vars.json'))).delivered).to.equal(0);
      expect((await sendEvent(server, 'YouTube', 'MembershipGift', await load('event.YouTube.MembershipGift.trigger-vars.json'))).delivered).to.equal(0);
      await deliver(server, 'StreamElements', 'Tip', await load('event.StreamElements.Tip.legacy.json'));
      await waitUntil(() => seen.tips.length === 1, 'the later tip');
      expect(seen.tips.map(summary)).to.deep.equal([['streamelements', 10, 'USD', 'Ik1497']]);
      // The free order is well-formed but has no amount to count.
      expect(seen.errors.map((e) => e.message)).to.deep.equal(['kofi-shop without a positive amount. Skipped.']);
    });

    it('subscribes to a source only when the instance lists it', async () => {
      const events = structuredClone((await load<{ events: Record<string, string[]> }>('response.GetEvents.client-const.json')).events);
      delete events.Fourthwall;
      const server = await startServer({ events });
      const { seen } = await connected(server);
      const subscribe = (await requests(server)).find((r) => r.request === 'Subscribe');
      const body = subscribe?.events as Record<string, string[]>;
      expect(body).to.not.have.property('Fourthwall');
      expect(body).to.not.have.property('Throne');
      expect(body.Twitch).to.not.include('PowerUpRedemption');
      expect(body.TipeeeStream).to.deep.equal(['Donation']);
      expect((await sendEvent(server, 'Fourthwall', 'Donation', await load('event.Fourthwall.Donation.trigger-vars.json'))).delivered).to.equal(0);
      await deliver(server, 'TipeeeStream', 'Donation', await load('event.TipeeeStream.Donation.trigger-vars.json'));
      await waitUntil(() => seen.tips.length === 1, 'tipeee');
    });

    it('values subs and gifts by tier when asked: Prime is not tier 3', async () => {
      const server = await startServer();
      const { seen } = await connected(server, { 'sub-value': '5', 'gift-value': '4', 'membership-value': '3', 'treat-value': '8', 'sub-currency': 'usd' });
      await deliver(server, 'Twitch', 'Sub', await load('event.Twitch.Sub.chatrd.json'));
      await deliver(server, 'Twitch', 'Sub', await load('event.Twitch.Sub.prime.chatrd.json'));
      await deliver(server, 'Twitch', 'ReSub', await load('event.Twitch.ReSub.chatrd.json'));
      await deliver(server, 'Twitch', 'GiftBomb', await load('event.Twitch.GiftBomb.chatrd.json'));
      await deliver(server, 'Twitch', 'GiftSub', { ...(await load('event.Twitch.GiftSub.chatrd.json')), fromCommunitySubGift: true });
      await deliver(server, 'Twitch', 'GiftSub', { ...(await load('event.Twitch.GiftSub.chatrd.json')), subTier: '3000' });
      await deliver(server, 'Kick', 'Subscription', await load('event.Kick.Subscription.trigger-vars.json'));
      await deliver(server, 'Kick', 'MassGiftSubscription', await load('event.Kick.MassGiftSubscription.trigger-vars.json'));
      await deliver(server, 'YouTube', 'MembershipGift', await load('event.YouTube.MembershipGift.trigger-vars.json'));
      await deliver(server, 'TreatStream', 'Treat', await load('event.TreatStream.Treat.trigger-vars.json'));
      await waitUntil(() => seen.tips.length === 9, `nine tips (${seen.tips.length})`);
      expect(seen.tips.map(summary)).to.deep.equal([
        ['twitch-sub', 25, 'USD', 'TwitchUser123'],
        ['twitch-sub', 5, 'USD', 'TwitchUser123'],
        ['twitch-resub', 10, 'USD', 'TwitchUser123'],
        ['twitch-gift', 20, 'USD', 'TwitchUser123'],
        ['twitch-gift', 20, 'USD', 'TwitchUser123'],
        ['kick-sub', 5, 'USD', 'KickUser123'],
        ['kick-gift', 12, 'USD', 'KickUser123'],
        ['youtube-membership', 36, 'USD', 'YouTubeUser123'],
        ['treatstream', 8, 'USD', 'TreatStreamUser123'],
      ]);
    });

    it('reads every tier spelling', () => {
      expect(['1000', 1000, 1, 'tier 1', undefined].map((tier) => subTier({ sub_tier: tier }))).to.deep.equal([1, 1, 1, 1, 1]);
      expect(['2000', 2, 'Tier 2'].map((tier) => subTier({ subTier: tier }))).to.deep.equal([2, 2, 2]);
      expect(subTier({ sub_tier: '3000' })).to.equal(3);
      expect(subTier({ sub_tier: '1000', is_prime: true })).to.equal('prime');
      expect(subTier({ subTier: 0 })).to.equal('prime');
      expect(subTier({ tier: 'prime' })).to.equal('prime');
      expect(subTier({ subTier: 'gold' })).to.equal(undefined);
    });
  });

  describe('payload variants', () => {
    it('counts the client type\'s flat Twitch.Cheer with its `message` text', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      await deliver(server, 'Twitch', 'Cheer', await load('event.Twitch.Cheer.client-type.json'));
      await waitUntil(() => seen.tips.length === 1, 'cheer');
      expect(seen.tips[0]).to.deep.include({ id: 'b2bacfe5-f660-4fc8-9033-0961682df186', amount: 100, currency: 'bits', message: 'Cheer100 great stream', source: 'twitch' });
      expect(seen.tips[0].user).to.deep.equal({ id: '695682330', name: 'ik1497' });
    });

    it('counts a Super Chat with a display amount and no currency code, and prefers microAmount', async () => {
      const server = await startServer();
      const { seen } = await connected(server);
      const live = await load('event.YouTube.SuperChat.chatrd.json');
      await deliver(server, 'YouTube', 'SuperChat', live);
      await deliver(server, 'YouTube', 'SuperChat', { ...live, eventId: 'e2', amount: '1.234,56 €' });
      await deliver(server, 'YouTube', 'SuperChat', { ...live, eventId: 'e3', amount: 'CA$10.00' });
      await deliver(server, 'YouTube', 'SuperChat', await load('event.YouTube.SuperChat.trigger-vars.json'));
      await deliver(server, 'YouTube', 'SuperChat', { ...live, eventId: 'e5', amount: '$1.00', microAmount: 1990000, currencyCode: 'USD' });
      await waitUntil(() => seen.tips.length === 5, 'five super chats');
      expect(seen.tips.map((t) => [t.amount, t.currency, t.message])).to.deep.equal([
        [5, 'USD', 'Here you go!'],
        [1234.56, 'EUR', 'Here you go!'],
        [10, 'CAD', 'Here you go!'],
        [1, 'USD', 'Here you go!'],
        [1.99, 'USD', 'Here you go!'],
      ]);
      expect(seen.tips[0].user).to.deep.equal({ id: 'UCI9-KG2xoyh5z-g41IL2jqf', name: 'YouTubeUser123' });
    });

    it('reads the currency of a display amount by sign or code, and refuses ambiguous signs', () => {
      expect(parseDisplayMoney('$5.00')).to.deep.equal({ amount: 5, currency: 'USD' });
      expect(parseDisplayMoney('1.234,56 €')).to.deep.equal({ amount: 1234.56, currency: 'EUR' });
      expect(parseDisplayMoney('¥1,000')).to.deep.equal({ amount: 1000, currency: 'JPY' });
      expect(parseDisplayMoney('CN¥88.00')).to.deep.equal({ amount: 88, currency: 'CNY' });
      expect(parseDisplayMoney('R$ 10,00')).to.deep.equal({ amount: 10, currency: 'BRL' });
      expect(parseDisplayMoney('£3.50')).to.deep.equal({ amount: 3.5, currency: 'GBP' });
      expect(parseDisplayMoney('CHF 5.00')).to.deep.equal({ amount: 5, currency: 'CHF' });
      expect(parseDisplayMoney('5,00\u00a0PLN')).to.deep.equal({ amount: 5, currency: 'PLN' });
      expect(parseDisplayMoney('1 234,50 zł')).to.deep.equal({ amount: 1234.5, currency: 'PLN' });
      expect(parseDisplayMoney('₹199.00')).to.deep.equal({ amount: 199, currency: 'INR' });
      expect(displayCurrency('10,00 kr')).to.equal(undefined);
      expect(parseDisplayMoney('$0.00')).to.equal(undefined);
      expect(parseDisplayMoney('lots')).to.equal(undefined);
    });
  });

  describe('one activation runs one action', () => {
    const menu = JSON.stringify([{ id: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD', action: 'Drink water' }]);

    async function mountMenu(options: Record<string, unknown> = {}, serverOptions: Record<string, unknown> = {}) {
      const server = await startServer(serverOptions);
      const { platform, seen } = await connected(server, { menu, ...options });
      const { el } = await mountWith<OnAirTipMenuElement>(platform, html`<onair-tip-menu></onair-tip-menu>`, 'onair-tip-menu');
      const button = () => el.shadowRoot!.querySelector<HTMLButtonElement>('button.item')!;
      await waitUntil(() => button(), 'menu rendered');
      return { server, platform, seen, el, button };
    }

    it('runs one DoAction for two clicks 80 ms apart', async () => {
      const { server, button } = await mountMenu();
      const box = button().getBoundingClientRect();
      const position: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
      await sendMouse({ type: 'click', position });
      await pause(80);
      await sendMouse({ type: 'click', position });
      await nothingWithin(300, 'a second DoAction would reach the server by then');
      expect(await doActions(server)).to.have.length(1);
      expect(await actionsRun(server)).to.have.length(1);
    });

    it('runs one DoAction for a held Enter key', async () => {
      const { server, button } = await mountMenu();
      button().focus();
      // A key already down is sent again as an auto-repeat, as a held key is.
      for (let i = 0; i < 10; i++) await sendKeys({ down: 'Enter' });
      await sendKeys({ up: 'Enter' });
      await nothingWithin(300, 'a second DoAction would reach the server by then');
      expect(await doActions(server)).to.have.length(1);
    });

    it('runs the item again once the cool-down is over', async () => {
      const { server, platform } = await mountMenu({ 'spend-cooldown': '100' });
      const item = { id: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD' };
      expect((await platform.requestTip(item)).status).to.equal('success');
      expect(await platform.requestTip(item)).to.deep.include({ status: 'cancelled', reason: 'repeat' });
      await pause(150);
      expect((await platform.requestTip(item)).status).to.equal('success');
      expect(await doActions(server)).to.have.length(2);
    });

    it('reports a timed-out action as unknown, never runs it twice, and reports the late confirmation', async function () {
      this.timeout(15_000);
      const { server, platform, seen } = await mountMenu({ 'request-timeout': '1000', 'spend-cooldown': '100' }, { actionDelays: { 'Drink water': 3000 } });
      const late: LateTipResult[] = [];
      keep(platform.lateResults$.subscribe((result) => late.push(result)));
      const item = { id: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD' };
      // Not a failure inviting a retry: the outcome is unknown, the action may still run.
      expect(await platform.requestTip(item)).to.deep.equal({ status: 'cancelled', item, reason: 'unknown' });
      await pause(200);
      // A retry while the outcome is open must not run the action again.
      expect(await platform.requestTip(item)).to.deep.equal({ status: 'cancelled', item, reason: 'unconfirmed' });
      expect(await doActions(server)).to.have.length(1);
      await waitUntil(() => late.length === 1, 'late confirmation', { timeout: 5000 });
      expect(late[0]).to.deep.equal({ status: 'success', item, late: true });
      expect(seen.errors.map((e) => e.code)).to.include('spend-late');
      expect(await actionsRun(server)).to.have.length(1);
      // Confirmed now: the item may run again (this action is just as slow).
      expect(await platform.requestTip(item)).to.deep.equal({ status: 'cancelled', item, reason: 'unknown' });
      expect(await doActions(server)).to.have.length(2);
    });

    it('shares the page\'s spend slot: a second provider cannot run an action while one is open', async () => {
      const server = await startServer({ actionDelayMs: 300 });
      const first = await connected(server, { menu });
      const second = await connected(server, { menu });
      const item = { id: 'hydrate', label: 'Make me drink', price: 3, currency: 'USD' };
      const running = first.platform.requestTip(item);
      expect(await second.platform.requestTip(item)).to.deep.include({ status: 'failed', error: 'Another tip-menu action is still running.' });
      expect((await running).status).to.equal('success');
      expect(await doActions(server)).to.have.length(1);
    });
  });
});
