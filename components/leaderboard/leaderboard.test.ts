import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { Subject, type Observable } from 'rxjs';
import { BasePlatform } from '../../platform/base.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { Capability, LeaderboardEntry, LeaderboardWindow, Platform, Tip, TipMenuItem, TipResult } from '../../platform/model.js';
import { NoHostPlatform } from '../../platform/no-host.js';
import { TwitchPlatform } from '../../platform/twitch/twitch-platform.js';
import { FakeTwitchExt } from '../../test/fakes/twitch-ext.js';
import { setMessages } from '../shared/messages.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import './leaderboard.js';
import type { OnAirLeaderboardElement, RankChangeDetail } from './leaderboard.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let keySeq = 0;
const freshKey = () => `onair-test-board-${Date.now()}-${++keySeq}`;

async function mount(platform: Platform, attrs: { key?: string; window?: string; currency?: string; limit?: number; clock?: () => number } = {}) {
  const { el } = await mountWith<OnAirLeaderboardElement>(
    platform,
    html`<onair-leaderboard
      locale="en-US"
      storage-key=${attrs.key ?? freshKey()}
      window=${attrs.window ?? 'all'}
      currency=${attrs.currency ?? ''}
      limit=${attrs.limit ?? 10}
      .clock=${attrs.clock ?? Date.now}
    ></onair-leaderboard>`,
    'onair-leaderboard',
  );
  if (!attrs.currency) el.removeAttribute('currency');
  await el.updateComplete;
  return el;
}

const rows = (el: OnAirLeaderboardElement) =>
  Array.from(el.shadowRoot!.querySelectorAll('[part=row]'), (row) =>
    [row.querySelector('[part=rank]')!.textContent, row.querySelector('[part=name]')!.textContent, row.querySelector('[part=amount]')!.textContent].join(' '),
  );
const caption = (el: OnAirLeaderboardElement) => el.shadowRoot!.querySelector('[part=currency]')?.textContent?.trim();
const note = (el: OnAirLeaderboardElement) => el.shadowRoot!.querySelector('[part=note]')?.textContent?.trim();
const status = (el: OnAirLeaderboardElement) => el.shadowRoot!.querySelector('[part=status]')?.textContent?.trim();

function give(platform: DemoPlatform, user: string, amount: number, extra: Partial<Tip> = {}): Tip {
  return platform.fireTip({ amount, user: { id: user, name: user }, currency: 'tokens', ...extra });
}

async function settle(el: OnAirLeaderboardElement) {
  await el.updateComplete;
  await el.updateComplete;
}

/** A host with its own leaderboard store for 7d only; the test pushes what it returns. */
class StorePlatform extends BasePlatform {
  readonly name = 'streamnook' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['tips', 'leaderboardStore']);
  readonly store = new Subject<LeaderboardEntry[]>();
  readonly asked: [LeaderboardWindow, number][] = [];
  constructor() {
    super();
    this.setStatus({ state: 'connected' });
  }
  override leaderboard$(window: LeaderboardWindow, limit: number): Observable<LeaderboardEntry[]> | undefined {
    this.asked.push([window, limit]);
    return window === '7d' ? this.store : undefined;
  }
  tip(tip: Tip) {
    this.emitTip(tip);
  }
  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'n/a' };
  }
}

const entry = (userId: string, total: number, rank: number, currency = 'bits'): LeaderboardEntry => ({
  userId,
  name: userId.toUpperCase(),
  total,
  rank,
  firstAt: new Date(0),
  currency,
});

describe('<onair-leaderboard>', () => {
  it('passes the accessibility audit as an ordered list', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    give(platform, 'ada', 50);
    give(platform, 'bo', 20);
    await settle(el);
    const list = el.shadowRoot!.querySelector('ol')!;
    expect(list.getAttribute('aria-label')).to.equal('Top contributors, all time');
    await expect(el).to.be.accessible();
    platform.dispose();
  });

  it('ranks contributors with compact amounts in their currency', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    const now = Date.now();
    give(platform, 'ada', 500, { at: new Date(now - 3000) });
    give(platform, 'bo', 1500, { at: new Date(now - 2000) });
    give(platform, 'ada', 1000, { at: new Date(now - 1000) });
    give(platform, 'cy', 1, { at: new Date(now) });
    await settle(el);
    // Equal totals: bo reached 1,500 before ada did.
    expect(rows(el)).to.deep.equal(['1 bo 1.5K tokens', '2 ada 1.5K tokens', '3 cy 1 token']);
    el.notation = 'standard';
    await settle(el);
    expect(rows(el)[0]).to.equal('1 bo 1,500 tokens');
    platform.dispose();
  });

  it('breaks ties in favour of whoever reached the total first', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    const now = Date.now();
    give(platform, 'late', 10, { at: new Date(now - 5000) });
    give(platform, 'early', 10, { at: new Date(now - 9000) });
    await settle(el);
    expect(rows(el).map((r) => r.split(' ')[1])).to.deep.equal(['early', 'late']);
    expect(el.entries[0].firstAt.getTime()).to.equal(now - 9000);
    platform.dispose();
  });

  it('shows at most `limit` rows', async () => {
    const platform = quietDemo();
    const el = await mount(platform, { limit: 2 });
    for (const [i, name] of ['a', 'b', 'c'].entries()) give(platform, name, i + 1);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 c 3 tokens', '2 b 2 tokens']);
    platform.dispose();
  });

  it('filters by window with an injected clock', async () => {
    const platform = quietDemo();
    let now = Date.UTC(2026, 5, 1, 12);
    const el = await mount(platform, { window: '1d', clock: () => now });
    give(platform, 'old', 100, { at: new Date(now - 3 * DAY) });
    give(platform, 'recent', 5, { at: new Date(now - 2 * HOUR) });
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 recent 5 tokens']);
    el.window = '7d';
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 old 100 tokens', '2 recent 5 tokens']);
    now += 5 * DAY;
    el.window = '30d';
    await settle(el);
    el.window = '7d';
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 recent 5 tokens']);
    el.window = 'session';
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 old 100 tokens', '2 recent 5 tokens']);
    platform.dispose();
  });

  it('never sums currencies: the menu currency by default, the attribute when set', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    give(platform, 'ada', 100);
    give(platform, 'ada', 7, { currency: 'USD' });
    give(platform, 'bo', 9, { currency: 'USD' });
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 100 tokens']);
    el.currency = 'USD';
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 bo $9', '2 ada $7']);
    platform.dispose();
  });

  it('without a tip menu ranks the currency most contributors tipped in, chosen afresh and never stored', async () => {
    const key = freshKey();
    const platform = quietDemo();
    platform.updateTipMenu({ enabled: false, items: [] });
    const el = await mount(platform, { key });
    give(platform, 'ada', 3, { currency: 'EUR' });
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada €3']);
    expect(caption(el)).to.equal('Ranked in EUR');
    give(platform, 'bo', 100, { currency: 'USD' });
    give(platform, 'cy', 50, { currency: 'USD' });
    await settle(el);
    expect(el.effectiveCurrency).to.equal('USD');
    expect(rows(el)).to.deep.equal(['1 bo $100', '2 cy $50']);
    expect(note(el)).to.equal('Not counted here: tips in EUR.');
    el.remove();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(localStorage.getItem(key)).not.to.contain('"first"');
    localStorage.removeItem(key);
    platform.dispose();
  });

  it('keeps its totals across a remount with the same storage key', async () => {
    const key = freshKey();
    const platform = quietDemo();
    const first = await mount(platform, { key });
    give(platform, 'ada', 40);
    give(platform, 'bo', 30);
    await settle(first);
    first.remove();
    // tips$ replays nothing: the new board's rows come from storage alone.
    const second = await mount(platform, { key });
    await settle(second);
    expect(rows(second)).to.deep.equal(['1 ada 40 tokens', '2 bo 30 tokens']);
    const other = await mount(quietDemo(), { key });
    expect(rows(other)).to.deep.equal(['1 ada 40 tokens', '2 bo 30 tokens']);
    localStorage.removeItem(key);
    platform.dispose();
  });

  it('counts a tip id only once', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    const tip = give(platform, 'ada', 10);
    give(platform, 'ada', 10, { id: tip.id });
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 10 tokens']);
    platform.dispose();
  });

  it('shows a fresh session even when an earlier load stored the same tip ids', async () => {
    const key = freshKey();
    const earlier = quietDemo();
    const first = await mount(earlier, { key, window: 'session' });
    give(earlier, 'ada', 40, { id: 'repeat-1' });
    give(earlier, 'bo', 30, { id: 'repeat-2' });
    await settle(first);
    first.remove();
    earlier.dispose();
    expect(localStorage.getItem(key)).to.contain('repeat-1');

    // A new load: a demo feed with the old ids (as before per-load ids), a board on the same key.
    const later = quietDemo();
    const second = await mount(later, { key, window: 'session' });
    give(later, 'ada', 40, { id: 'repeat-1' });
    give(later, 'bo', 30, { id: 'repeat-2' });
    await settle(second);
    expect(rows(second)).to.deep.equal(['1 ada 40 tokens', '2 bo 30 tokens']);
    second.window = 'all';
    await settle(second);
    expect(rows(second), 'the stored windows count each tip once').to.deep.equal(['1 ada 40 tokens', '2 bo 30 tokens']);
    localStorage.removeItem(key);
    later.dispose();
  });

  it('reset() clears the board and its stored copy', async () => {
    const key = freshKey();
    const platform = quietDemo();
    const el = await mount(platform, { key });
    give(platform, 'ada', 10);
    await settle(el);
    el.remove();
    expect(localStorage.getItem(key)).to.contain('ada');
    const again = await mount(platform, { key });
    again.reset();
    await settle(again);
    expect(rows(again)).to.deep.equal([]);
    expect(status(again)).to.equal('No tips yet.');
    expect(localStorage.getItem(key)).to.equal(null);
    platform.dispose();
  });

  it('keeps its stored copy bounded', async () => {
    const key = freshKey();
    const platform = quietDemo();
    const el = await mount(platform, { key });
    for (let i = 0; i < 2000; i += 1) give(platform, `user${i}`, 1 + (i % 50));
    await settle(el);
    el.remove();
    const stored = JSON.parse(localStorage.getItem(key)!);
    expect(stored.boards.tokens.length).to.be.at.most(300);
    expect(stored.ids.length).to.be.at.most(100);
    expect(localStorage.getItem(key)!.length).to.be.below(100_000);
    localStorage.removeItem(key);
    platform.dispose();
  });

  it('ignores invalid stored JSON', async () => {
    const key = freshKey();
    localStorage.setItem(key, '{not json');
    const platform = quietDemo();
    const el = await mount(platform, { key });
    expect(status(el)).to.equal('No tips yet.');
    give(platform, 'ada', 1);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 1 token']);
    localStorage.removeItem(key);
    platform.dispose();
  });

  it('fires onair-rank-change when a contributor moves up because of tips', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    give(platform, 'ada', 50);
    give(platform, 'bo', 20);
    await settle(el);
    const moved = oneEvent(el, 'onair-rank-change');
    give(platform, 'bo', 40);
    const { detail } = await moved;
    expect(detail).to.deep.equal({ userId: 'bo', name: 'bo', from: 2, to: 1 });
    const entered = oneEvent(el, 'onair-rank-change');
    give(platform, 'cy', 5);
    expect((await entered).detail).to.deep.equal({ userId: 'cy', name: 'cy', from: null, to: 3 });
    platform.dispose();
  });

  it('renders only for tips that can change its rows', async () => {
    const platform = quietDemo();
    const el = await mount(platform, { limit: 2 });
    give(platform, 'ada', 50);
    give(platform, 'bo', 40);
    await settle(el);
    give(platform, 'cy', 5);
    expect(el.isUpdatePending).to.equal(false);
    // The first tip in another currency adds it to the note of what is left out; later ones do not.
    give(platform, 'ada', 1, { currency: 'bits' });
    expect(el.isUpdatePending).to.equal(true);
    await settle(el);
    give(platform, 'bo', 1, { currency: 'bits' });
    expect(el.isUpdatePending).to.equal(false);
    give(platform, 'cy', 40); // 45: passes bo
    expect(el.isUpdatePending).to.equal(true);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 50 tokens', '2 cy 45 tokens']);
    platform.dispose();
  });

  it('picks up page-wide words on its next render, for unchanged rows too', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    el.locale = 'it';
    give(platform, 'ada', 50);
    give(platform, 'bo', 40);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 50 tokens', '2 bo 40 tokens']);
    setMessages('it', { tokens: '{n} gettone|{n} gettoni' });
    give(platform, 'bo', 1);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 50 gettoni', '2 bo 41 gettoni']);
    platform.dispose();
  });

  it('fires no rank change for changes made from code', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    const fired: RankChangeDetail[] = [];
    el.addEventListener('onair-rank-change', (e) => fired.push(e.detail));
    give(platform, 'ada', 5, { currency: 'USD' });
    give(platform, 'bo', 50);
    await settle(el);
    fired.length = 0;
    el.currency = 'USD';
    await settle(el);
    el.window = 'session';
    el.limit = 1;
    await settle(el);
    el.reset();
    await settle(el);
    expect(fired).to.deep.equal([]);
    platform.dispose();
  });

  it('slides moved rows and flashes new ones with finite animations, none under reduced motion', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    // Long enough that a slow machine cannot finish them before they are inspected.
    el.style.setProperty('--onair-duration', '5s');
    give(platform, 'ada', 50);
    give(platform, 'bo', 20);
    await settle(el);
    give(platform, 'bo', 100);
    give(platform, 'cy', 1);
    await settle(el);
    const animations = el.shadowRoot!.getAnimations();
    expect(animations.length).to.equal(3);
    // Each slide starts where the row was: bo one row lower, ada one row higher.
    const [first, second] = el.shadowRoot!.querySelectorAll<HTMLElement>('[part=row]');
    const pitch = second.offsetTop - first.offsetTop; // layout positions: transforms do not count
    const start = (row: HTMLElement) =>
      parseFloat(/translateY\((-?[\d.]+)px\)/.exec(String((row.getAnimations()[0].effect as KeyframeEffect).getKeyframes()[0].transform))![1]);
    expect(pitch).to.be.greaterThan(10);
    expect(start(first)).to.be.closeTo(pitch, 1);
    expect(start(second)).to.be.closeTo(-pitch, 1);
    for (const animation of animations) expect(animation.effect!.getTiming().iterations).to.equal(1);
    animations.forEach((a) => a.finish());
    expect(el.shadowRoot!.getAnimations()).to.have.length(0);
    el.reducedMotion = true;
    await settle(el);
    give(platform, 'cy', 1000);
    await settle(el);
    expect(el.shadowRoot!.getAnimations()).to.have.length(0);
    platform.dispose();
  });

  it('rewrites only the rows whose contributor or amount changed, and builds or moves none', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    for (const [user, amount] of [['ada', 50], ['bo', 40], ['cy', 30], ['di', 20]] as const) give(platform, user, amount);
    await settle(el);
    const slots = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=row]')];
    const touched = new Set<number>();
    let moved = 0;
    const note = (records: MutationRecord[]) => {
      for (const record of records) {
        if (record.type === 'childList' && record.target === el.shadowRoot!.querySelector('ol')) moved += 1;
        const row = (record.target instanceof Element ? record.target : record.target.parentElement)?.closest<HTMLElement>('[part=row]');
        if (row) touched.add(slots.indexOf(row));
      }
    };
    const observer = new MutationObserver(note);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    give(platform, 'cy', 15); // cy passes bo: ada and di keep their rank
    await settle(el);
    note(observer.takeRecords());
    observer.disconnect();
    expect(rows(el)).to.deep.equal(['1 ada 50 tokens', '2 cy 45 tokens', '3 bo 40 tokens', '4 di 20 tokens']);
    const now = [...el.shadowRoot!.querySelectorAll('[part=row]')];
    expect(now.length === slots.length && now.every((row, i) => row === slots[i])).to.equal(true);
    expect([...touched].sort()).to.deep.equal([1, 2]);
    expect(moved).to.equal(0);
    el.shadowRoot!.getAnimations().forEach((animation) => animation.finish());
    platform.dispose();
  });

  it('gives the row of a contributor who drops off to the one who enters, building none', async () => {
    const platform = quietDemo();
    const el = await mount(platform, { limit: 3 });
    for (const [user, amount] of [['ada', 50], ['bo', 40], ['cy', 30]] as const) give(platform, user, amount);
    await settle(el);
    const before = [...el.shadowRoot!.querySelectorAll('[part=row]')];
    give(platform, 'di', 45); // di enters second, cy drops off
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 50 tokens', '2 di 45 tokens', '3 bo 40 tokens']);
    const after = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=row]')];
    expect(after).to.have.length(3);
    for (const row of after) expect(before.includes(row), row.dataset.user).to.equal(true);
    expect(after[1].dataset.user).to.equal('di');
    el.shadowRoot!.getAnimations().forEach((animation) => animation.finish());
    platform.dispose();
  });

  it('snaps rows that reorder again while slides still run, and slides again once they end', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    el.style.setProperty('--onair-duration', '1s');
    give(platform, 'ada', 50);
    give(platform, 'bo', 40);
    give(platform, 'cy', 30);
    await settle(el);
    const slides = () =>
      el.shadowRoot!.getAnimations().filter((animation) => JSON.stringify((animation.effect as KeyframeEffect).getKeyframes()).includes('translateY'));
    give(platform, 'cy', 15); // cy passes bo: slides
    await settle(el);
    expect(slides().length).to.be.greaterThan(0);
    give(platform, 'cy', 10); // and then ada, while still sliding: every row snaps into place
    await settle(el);
    expect(el.entries.map((entry) => entry.userId)).to.deep.equal(['cy', 'ada', 'bo']);
    expect(slides()).to.have.length(0);
    await aTimeout(1100);
    give(platform, 'bo', 200); // at most one slide per duration: this one slides again
    await settle(el);
    expect(slides().length).to.be.greaterThan(0);
    el.shadowRoot!.getAnimations().forEach((animation) => animation.finish());
    platform.dispose();
  });

  it('uses the host’s store where it has one, and local totals elsewhere', async () => {
    const platform = new StorePlatform();
    const el = await mount(platform as unknown as DemoPlatform, { window: '7d', currency: 'bits' });
    expect(platform.asked).to.deep.include(['7d', 10]);
    platform.store.next([entry('x', 300, 1), entry('y', 200, 2), entry('z', 5, 3, 'USD')]);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 X 300 bits', '2 Y 200 bits']);
    const moved = oneEvent(el, 'onair-rank-change');
    platform.store.next([entry('y', 400, 1), entry('x', 300, 2)]);
    expect((await moved).detail).to.deep.equal({ userId: 'y', name: 'Y', from: 2, to: 1 });
    platform.tip({ id: 'l1', user: { id: 'loc', name: 'Local' }, amount: 9, currency: 'bits', at: new Date(), source: 't' });
    await settle(el);
    expect(rows(el)[0]).to.equal('1 Y 400 bits');
    el.window = 'session';
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 Local 9 bits']);
    el.window = '7d';
    await settle(el);
    expect(status(el)).to.equal('No tips yet.');
    platform.store.next([entry('x', 1, 1)]);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 X 1 bit']);
    platform.dispose();
  });

  it('shows one currency from a store that mixes them, even without a currency attribute', async () => {
    const platform = new StorePlatform();
    const el = await mount(platform as unknown as DemoPlatform, { window: '7d' });
    platform.store.next([entry('x', 300, 1, 'bits'), entry('y', 200, 2, 'USD'), entry('z', 5, 3, 'bits')]);
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 X 300 bits', '2 Z 5 bits']);
    expect(caption(el)).to.equal('Ranked in bits');
    expect(note(el)).to.equal('Not counted here: tips in USD.');
    platform.dispose();
  });

  it('ranks a store that mixes currencies together in USD with rates (Bits at $0.01)', async () => {
    const platform = new StorePlatform();
    const el = await mount(platform as unknown as DemoPlatform, { window: '7d', currency: 'USD' });
    el.setAttribute('rates', '');
    platform.store.next([entry('x', 300, 1, 'bits'), entry('y', 2, 2, 'USD'), entry('x', 1, 3, 'USD'), entry('z', 9, 4, 'EUR')]);
    await settle(el);
    expect(caption(el)).to.equal('All currencies, counted in USD');
    expect(rows(el)).to.deep.equal(['1 X $4', '2 Y $2']);
    expect(note(el)).to.equal('Not counted here: tips in EUR.');
    platform.dispose();
  });

  it('takes window, limit and notation from host settings unless attributes are set', async () => {
    const platform = quietDemo();
    platform.updateContext({ settings: { leaderboard: { window: 'all', limit: 1, notation: 'standard', currency: 42 } } });
    const { el } = await mountWith<OnAirLeaderboardElement>(platform, html`<onair-leaderboard locale="en-US" storage-key=${freshKey()}></onair-leaderboard>`, 'onair-leaderboard');
    give(platform, 'ada', 2000);
    give(platform, 'bo', 1);
    await settle(el);
    expect(el.effectiveWindow).to.equal('all');
    expect(rows(el)).to.deep.equal(['1 ada 2,000 tokens']);
    el.limit = 2;
    el.notation = 'compact';
    await settle(el);
    expect(rows(el)).to.deep.equal(['1 ada 2K tokens', '2 bo 1 token']);
    platform.dispose();
  });

  it('drops malformed store entries and shows names with HTML as text', async () => {
    const platform = new StorePlatform();
    const el = await mount(platform as unknown as DemoPlatform, { window: '7d', currency: 'bits' });
    const evil = '<img src=x onerror=alert(1)>';
    platform.store.next([
      { ...entry('e', 10, 1), name: evil },
      { userId: '', name: 'no id', total: 5, rank: 2 },
      { userId: 'n', name: 'NaN', total: Number.NaN, rank: 3 },
      'junk',
    ] as unknown as LeaderboardEntry[]);
    await settle(el);
    expect(rows(el)).to.deep.equal([`1 ${evil} 10 bits`]);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    platform.dispose();
  });

  it('shows a tipped name with HTML as text', async () => {
    const platform = quietDemo();
    const el = await mount(platform);
    const evil = '<img src=x onerror=alert(1)>';
    platform.fireTip({ amount: 5, currency: 'tokens', user: { id: 'evil', name: evil } });
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part=name]')!.textContent).to.equal(evil);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    platform.dispose();
  });

  it('shows a clear state without a host or without tips', async () => {
    const none = new NoHostPlatform();
    const el = await mount(none as unknown as DemoPlatform);
    expect(status(el)).to.equal('No streaming host is connected.');
    none.dispose();
    class Silent extends StorePlatform {
      override readonly capabilities: ReadonlySet<Capability> = new Set<Capability>(['viewers']);
    }
    const silent = new Silent();
    const quiet = await mount(silent as unknown as DemoPlatform);
    expect(status(quiet)).to.equal('This host does not report tips.');
    silent.dispose();
  });

  it('uses a host store that appears after mount (a Twitch backend\'s first snapshot)', async () => {
    const fake = new FakeTwitchExt();
    fake.authorize({ role: 'viewer' });
    const platform = new TwitchPlatform({ ext: fake.ext, search: '', sendIntervalMs: 0 });
    const el = await mount(platform, { window: 'session', currency: 'bits' });
    expect(platform.capabilities.has('leaderboardStore')).to.equal(false);
    expect(rows(el)).to.deep.equal([]);
    const entries = [
      { userId: '1', name: 'Ann', total: 50, firstAt: '2024-01-01T10:00:00Z' },
      { userId: '2', name: 'Bob', total: 80, firstAt: '2024-01-01T10:05:00Z' },
    ];
    fake.deliver(JSON.stringify({ onair: 1, type: 'leaderboard', seq: 1, from: 'ebs', sentAt: Date.now(), payload: { window: 'session', entries } }));
    await waitUntil(() => rows(el).length === 2, 'the board shows the snapshot');
    expect(rows(el)).to.deep.equal(['1 Bob 80 bits', '2 Ann 50 bits']);
    platform.dispose();
  });

  it('leaves no subscription or timer behind when removed', async () => {
    const open = subscriptionsBefore();
    const timers = trackTimers();
    const key = freshKey();
    try {
      const platform = quietDemo();
      const el = await mount(platform, { key, window: '1d' });
      give(platform, 'ada', 5);
      await settle(el);
      expect(timers.pending()).to.be.greaterThan(0); // the save and the expiry re-read
      el.remove();
      expect(open()).to.equal(0);
      expect(timers.pending()).to.equal(0);
      expect(localStorage.getItem(key)).to.contain('ada');
      platform.dispose();
    } finally {
      timers.restore();
      localStorage.removeItem(key);
    }
  });

  it('re-reads a rolling window when its oldest tips expire', async () => {
    const platform = quietDemo();
    // A clock that runs with real time but sits 200 ms before the tip's hour bucket leaves the day.
    const bucketEnd = Math.floor(Date.now() / HOUR) * HOUR - 10 * HOUR;
    const offset = bucketEnd + DAY - 200 - Date.now();
    const el = await mount(platform, { window: '1d', clock: () => Date.now() + offset });
    give(platform, 'ada', 5, { at: new Date(bucketEnd - 1000) });
    await settle(el);
    expect(rows(el)).to.have.length(1);
    await waitUntil(() => rows(el).length === 0, 'expired without new tips', { timeout: 3000 });
    platform.dispose();
  });

  describe('currencies and heading', () => {
    /** The board in a Twitch-panel-wide frame; the provider is the frame. */
    async function inPanel(platform: Platform, width: number, attrs: Record<string, string> = {}, heading?: string) {
      const { el, provider } = await mountWith<OnAirLeaderboardElement>(
        platform,
        html`<onair-leaderboard locale="en-US" storage-key=${freshKey()} window="all">${heading ? html`<span slot="heading">${heading}</span>` : ''}</onair-leaderboard>`,
        'onair-leaderboard',
      );
      provider.style.cssText = `display:block;width:${width}px`;
      for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
      await settle(el);
      return el;
    }

    const fits = (el: HTMLElement) => {
      for (const part of el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
        expect(part.scrollWidth, part.getAttribute('part')!).to.be.at.most(part.clientWidth + 1);
      }
      expect(el.getBoundingClientRect().width).to.be.at.most(el.parentElement!.clientWidth);
    };

    for (const width of [318, 420]) {
      it(`names the ranked currency and the left-out ones, in a ${width} px panel`, async () => {
        const platform = quietDemo();
        const el = await inPanel(platform, width, { currency: 'USD', heading: 'Top supporters' });
        give(platform, 'ada', 500, { currency: 'USD' });
        give(platform, 'bo', 20, { currency: 'EUR' });
        give(platform, 'cy', 2000, { currency: 'tokens' });
        await settle(el);
        const heading = el.shadowRoot!.querySelector('h2')!;
        expect(heading.textContent!.trim()).to.equal('Top supporters');
        expect(heading.getBoundingClientRect().height).to.be.greaterThan(0);
        expect(caption(el)).to.equal('Ranked in USD');
        expect(rows(el)).to.deep.equal(['1 ada $500']);
        expect(note(el)).to.equal('Not counted here: tips in EUR and tokens.');
        expect(el.leftOutCurrencies).to.deep.equal(['EUR', 'tokens']);
        fits(el);
        await expect(el).to.be.accessible();
        platform.dispose();
      });
    }

    /** Each name shows whole: its text is not wider than its box. */
    const namesWhole = (el: OnAirLeaderboardElement) =>
      Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part=name]')).every((name) => name.scrollWidth <= name.clientWidth);
    const unitsShown = (el: OnAirLeaderboardElement) =>
      Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('.unit')).every((unit) => getComputedStyle(unit).position === 'static');
    const rowHeights = (el: OnAirLeaderboardElement) => Array.from(el.shadowRoot!.querySelectorAll('[part=row]'), (row) => row.getBoundingClientRect().height);

    for (const width of [318, 420]) {
      it(`keeps 12-character names whole in a ${width} px panel, the unit words still read`, async () => {
        const platform = quietDemo();
        const el = await inPanel(platform, width, { heading: 'Top supporters' });
        give(platform, 'linus', 84);
        await settle(el);
        await waitUntil(() => unitsShown(el) && namesWhole(el), 'a short name leaves room for the unit');
        const height = rowHeights(el)[0];
        for (const [user, amount] of [['PixelPirate7', 120], ['Ada Lovelace', 108], ['GraceHopper9', 96]] as const) {
          platform.fireTip({ amount, user: { id: user, name: user }, currency: 'tokens' });
        }
        await settle(el);
        await waitUntil(() => namesWhole(el), 'every name fits once the units make room');
        expect(rows(el)).to.deep.equal(['1 PixelPirate7 120 tokens', '2 Ada Lovelace 108 tokens', '3 GraceHopper9 96 tokens', '4 linus 84 tokens']);
        for (const h of rowHeights(el)) expect(h).to.be.closeTo(height, 0.5);
        fits(el);
        for (const amount of el.shadowRoot!.querySelectorAll<HTMLElement>('[part=amount]')) {
          expect(amount.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right);
        }
        await expect(el).to.be.accessible();
        platform.dispose();
      });
    }

    it('hides the unit words where a name would be cut, and shows them again when the panel widens', async () => {
      const platform = quietDemo();
      const el = await inPanel(platform, 240, { heading: 'Top supporters' });
      platform.fireTip({ amount: 12_000, user: { id: 'p', name: 'PixelPirate7' }, currency: 'tokens' });
      await settle(el);
      await waitUntil(() => !unitsShown(el) && namesWhole(el), 'the unit makes room at 240 px');
      const [narrowRow] = rowHeights(el);
      fits(el);
      el.parentElement!.style.width = '600px';
      await waitUntil(() => unitsShown(el) && namesWhole(el), 'the unit is back at 600 px');
      expect(rowHeights(el)[0]).to.be.closeTo(narrowRow, 0.5);
      expect(rows(el)).to.deep.equal(['1 PixelPirate7 12K tokens']);
      await expect(el).to.be.accessible();
      platform.dispose();
    });

    it('ranks a ninth currency: the first eight never fill the board for good', async () => {
      const platform = quietDemo();
      const el = await inPanel(platform, 420, { currency: 'USD' });
      const codes = ['EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'MXN', 'BRL', 'INR', 'KRW', 'tokens'];
      codes.forEach((code, i) => give(platform, `u${i}`, 10, { currency: code }));
      give(platform, 'whale', 500, { currency: 'USD' });
      await settle(el);
      expect(rows(el)).to.deep.equal(['1 whale $500']);
      platform.dispose();
    });

    it('ranks every currency with a rate together (Bits at $0.01), and says so', async () => {
      const platform = quietDemo();
      const el = await inPanel(platform, 318, { currency: 'USD', rates: 'EUR=1.5' });
      give(platform, 'ada', 10, { currency: 'USD' });
      give(platform, 'bo', 10, { currency: 'EUR' });
      give(platform, 'cy', 500, { currency: 'bits' });
      give(platform, 'dee', 1000, { currency: 'tokens' });
      await settle(el);
      expect(caption(el)).to.equal('All currencies, counted in USD');
      expect(rows(el)).to.deep.equal(['1 bo $15', '2 ada $10', '3 cy $5']);
      expect(note(el)).to.equal('Not counted here: tips in tokens.');
      const moved = oneEvent(el, 'onair-rank-change');
      give(platform, 'cy', 1500, { currency: 'bits' });
      expect((await moved).detail).to.deep.equal({ userId: 'cy', name: 'cy', from: 3, to: 1 });
      expect(rows(el)[0]).to.equal('1 cy $20');
      el.setAttribute('rates', 'EUR=1.5, tokens=0.05');
      await settle(el);
      expect(rows(el)).to.deep.equal(['1 dee $50', '2 cy $20', '3 bo $15', '4 ada $10']);
      expect(note(el)).to.equal(undefined);
      el.removeAttribute('rates');
      await settle(el);
      expect(caption(el)).to.equal('Ranked in USD');
      expect(rows(el)).to.deep.equal(['1 ada $10']);
      platform.dispose();
    });

    it('takes its title from the heading slot, and shows no empty heading without one', async () => {
      const platform = quietDemo();
      const el = await inPanel(platform, 318, {}, 'Hall of fame');
      const heading = el.shadowRoot!.querySelector('h2')!;
      expect(heading.hidden).to.equal(false);
      expect(el.querySelector('[slot=heading]')!.getBoundingClientRect().height).to.be.greaterThan(0);
      el.querySelector('[slot=heading]')!.remove();
      await waitUntil(() => heading.hidden, 'the heading hides once the slot is empty');
      await expect(el).to.be.accessible();
      platform.dispose();
    });

    it('speaks the streamer\'s language', async () => {
      const platform = quietDemo();
      const el = await inPanel(platform, 318, { currency: 'USD', locale: 'de-DE' });
      give(platform, 'ada', 5, { currency: 'USD' });
      give(platform, 'bo', 5, { currency: 'tokens' });
      await settle(el);
      expect(caption(el)).to.equal('Rangliste in USD');
      expect(note(el)).to.equal('Hier nicht gezählt: Tips in Token.');
      platform.dispose();
    });
  });
});
