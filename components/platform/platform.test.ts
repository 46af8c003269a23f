import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { liveSubscriptionCount, PlatformController } from '../../platform/controllers.js';
import { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { Platform, Viewers } from '../../platform/model.js';
import { setPagePlatform } from '../../platform/page.js';
import { OPTION_ATTRIBUTES } from '../../platform/registry.js';
import { ADAPTER_OPTIONS, optionAttributes } from '../../platform/schemas.js';
import { attributeOf } from '../../platform/kit/options.js';
import './platform.js';
import type { OnAirPlatformElement } from './platform.js';
import { nothingWithin } from '../../test/wait.js';

@customElement('test-viewers-probe')
class ViewersProbe extends LitElement {
  readonly platforms = new PlatformController(this);
  viewers?: Viewers | null;
  constructor() {
    super();
    this.platforms.observe((p) => p.viewers$, (v) => (this.viewers = v));
  }
}

const demo = (viewers: number) => new DemoPlatform({ viewers, rate: 0, connectDelay: 0, viewerInterval: 0 });

describe('<onair-platform>', () => {
  afterEach(() => setPagePlatform(undefined));

  it('gives a ready platform object to its descendants', async () => {
    const platform = demo(11);
    const el = await fixture<OnAirPlatformElement>(html`<onair-platform .adapter=${platform}><test-viewers-probe></test-viewers-probe></onair-platform>`);
    const probe = el.querySelector('test-viewers-probe') as ViewersProbe;
    await waitUntil(() => probe.viewers?.total === 11);
    expect(probe.platforms.platform).to.equal(platform);
    el.remove();
    await Promise.resolve();
    platform.dispose();
  });

  it('lets the nearest provider win', async () => {
    const outer = demo(1);
    const inner = demo(2);
    const el = await fixture(html`
      <onair-platform .adapter=${outer}>
        <test-viewers-probe id="a"></test-viewers-probe>
        <onair-platform .adapter=${inner}><test-viewers-probe id="b"></test-viewers-probe></onair-platform>
      </onair-platform>
    `);
    const a = el.querySelector('#a') as ViewersProbe;
    const b = el.querySelector('#b') as ViewersProbe;
    await waitUntil(() => a.viewers?.total === 1 && b.viewers?.total === 2);
    outer.dispose();
    inner.dispose();
  });

  it('creates the platform named by its attribute, with attribute options, and disposes it on removal', async () => {
    const el = await fixture<OnAirPlatformElement>(html`<onair-platform platform="demo" seed="5" rate="0" viewers="77" connect-delay="0"><test-viewers-probe></test-viewers-probe></onair-platform>`);
    const probe = el.querySelector('test-viewers-probe') as ViewersProbe;
    await waitUntil(() => probe.viewers?.total === 77, 'demo platform from attributes');
    const created = el.current as Platform;
    expect(created.name).to.equal('demo');
    let completed = false;
    created.status$.subscribe({ complete: () => (completed = true) });
    el.remove();
    await waitUntil(() => completed, 'owned platform disposed');
  });

  it('survives being moved within the page without disposing its platform', async () => {
    const wrapper = await fixture(html`<div><onair-platform platform="demo" rate="0" connect-delay="0"></onair-platform></div>`);
    const el = wrapper.querySelector('onair-platform') as OnAirPlatformElement;
    await waitUntil(() => el.current, 'created');
    const created = el.current as Platform;
    let completed = false;
    created.status$.subscribe({ complete: () => (completed = true) });
    document.body.append(el);
    // A removal disposes in a microtask: one task later, a disposal would have happened.
    await new Promise((r) => setTimeout(r));
    expect(completed).to.equal(false);
    expect(el.current).to.equal(created);
    el.remove();
    await waitUntil(() => completed, 'disposed after removal');
  });

  it('switches platforms when the attribute changes and consumers follow', async () => {
    const el = await fixture<OnAirPlatformElement>(html`<onair-platform platform="demo" viewers="5" rate="0" connect-delay="0"><test-viewers-probe></test-viewers-probe></onair-platform>`);
    const probe = el.querySelector('test-viewers-probe') as ViewersProbe;
    await waitUntil(() => probe.viewers?.total === 5);
    el.platform = 'no-host';
    await waitUntil(() => probe.platforms.platform?.name === 'no-host');
    expect(probe.viewers).to.equal(null);
    el.remove();
  });

  it('restarts on a change to an adapter option its schemas declare, but not on styling attributes', async () => {
    const el = await fixture<OnAirPlatformElement>(html`<onair-platform platform="demo" viewers="5" rate="0" connect-delay="0"><test-viewers-probe></test-viewers-probe></onair-platform>`);
    const probe = el.querySelector('test-viewers-probe') as ViewersProbe;
    await waitUntil(() => probe.viewers?.total === 5);
    const first = el.current;
    el.classList.add('highlighted');
    el.dataset.note = 'x';
    await nothingWithin(50, 'a restart would have swapped the platform by then');
    expect(el.current).to.equal(first);
    el.setAttribute('viewers', '42');
    await waitUntil(() => probe.viewers?.total === 42, 'restarted with the new option');
    expect(el.current).not.to.equal(first);
    el.remove();
  });

  it('falls back to the page-level platform for widgets outside any provider', async () => {
    const page = demo(321);
    setPagePlatform(page);
    const probe = await fixture<ViewersProbe>(html`<test-viewers-probe></test-viewers-probe>`);
    await waitUntil(() => probe.viewers?.total === 321);
    expect(probe.platforms.platform).to.equal(page);
    probe.remove();
    page.dispose();
  });

  it('leaves no subscription behind when consumers are removed', async () => {
    const before = liveSubscriptionCount();
    const platform = demo(3);
    const el = await fixture(html`<onair-platform .adapter=${platform}>${Array.from({ length: 20 }, () => html`<test-viewers-probe></test-viewers-probe>`)}</onair-platform>`);
    expect(liveSubscriptionCount()).to.equal(before + 20);
    el.remove();
    expect(liveSubscriptionCount()).to.equal(before);
    platform.dispose();
  });

  it('observes exactly the attributes the adapters\' option schemas declare', () => {
    const declared = optionAttributes();
    const observed = (customElements.get('onair-platform') as unknown as { observedAttributes: string[] }).observedAttributes;
    expect(observed.filter((name) => name !== 'platform').sort()).to.deep.equal(declared);
    expect([...OPTION_ATTRIBUTES].sort()).to.deep.equal(declared);
    expect(declared).to.include.members(['seed', 'host', 'port', 'top-key', 'relay-action', 'spend-timeout']);
    for (const schema of Object.values(ADAPTER_OPTIONS)) {
      for (const [key, spec] of Object.entries(schema)) {
        if (spec.type !== 'object') expect(observed).to.include(attributeOf(key, spec));
      }
    }
  });

  it('lets two providers on one page spend only once at a time', async () => {
    const a = new DemoPlatform({ rate: 0, connectDelay: 0, spendDelay: 50 });
    const b = new DemoPlatform({ rate: 0, connectDelay: 0, spendDelay: 50 });
    const el = await fixture(html`<div>
      <onair-platform .adapter=${a}><test-viewers-probe></test-viewers-probe></onair-platform>
      <onair-platform .adapter=${b}><test-viewers-probe></test-viewers-probe></onair-platform>
    </div>`);
    const item = { id: 'rose', label: 'Rose', price: 10, currency: 'tokens' };
    const tips: unknown[] = [];
    a.tips$.subscribe(() => tips.push('a'));
    b.tips$.subscribe(() => tips.push('b'));
    tips.length = 0;
    const [first, second] = await Promise.all([a.requestTip(item), b.requestTip(item)]);
    expect(first.status).to.equal('success');
    expect(second).to.deep.equal({ status: 'failed', item, error: 'Another tip is still being sent.' });
    expect(tips).to.deep.equal(['a']);
    // Once settled, the page takes the next spend, from either provider.
    expect((await b.requestTip(item)).status).to.equal('success');
    el.remove();
    a.dispose();
    b.dispose();
  });
});
