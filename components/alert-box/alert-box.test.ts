import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { mountWith, quietDemo, subscriptionsBefore, trackTimers } from '../../test/helpers.js';
import './alert-box.js';
import type { AlertDetail, OnAirAlertBoxElement } from './alert-box.js';

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** Visible text with whitespace (and ICU's no-break spaces) collapsed. */
const textOf = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

let platform: DemoPlatform;

/** A silent WAV and a one-pixel GIF, so the tests fetch nothing. */
const SOUND = 'data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=';
const IMAGE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

async function mount(template: TemplateResult = html`<onair-alert-box locale="en-US"></onair-alert-box>`, demo = quietDemo()) {
  platform = demo;
  const { el, provider } = await mountWith<OnAirAlertBoxElement>(platform, template, 'onair-alert-box');
  return { el, provider };
}

function tip(overrides: Parameters<DemoPlatform['fireTip']>[0] = {}) {
  return platform.fireTip({ currency: 'tokens', amount: 10, message: '', ...overrides });
}

/** Records every start and end event of `el`. */
function record(el: HTMLElement) {
  const starts: AlertDetail[] = [];
  const ends: AlertDetail[] = [];
  el.addEventListener('onair-alert-start', (e) => starts.push(e.detail));
  el.addEventListener('onair-alert-end', (e) => ends.push(e.detail));
  return { starts, ends };
}

/** Skips alerts until none shows, returning each one's detail as shown. */
async function drain(el: OnAirAlertBoxElement): Promise<AlertDetail[]> {
  const shown: AlertDetail[] = [];
  for (let guard = 0; el.current && guard < 100; guard += 1) {
    shown.push(el.current);
    el.skip();
    await el.updateComplete;
  }
  return shown;
}

describe('<onair-alert-box>', () => {
  afterEach(async () => {
    platform?.dispose();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('passes the accessibility audit while an alert shows', async () => {
    const { el } = await mount();
    tip({ user: { name: 'Ada' }, message: 'hello' });
    await el.updateComplete;
    expect(part(el, 'alert')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the name, the amount in its currency and the message, and fires start then end', async () => {
    const { el } = await mount(html`<onair-alert-box locale="en-US" duration="100" reduced-motion></onair-alert-box>`);
    const started = oneEvent(el, 'onair-alert-start');
    const sent = tip({ user: { name: 'Ada' }, amount: 5, currency: 'USD', message: 'gg!' });
    const { detail } = await started;
    expect(detail).to.deep.include({ more: 0, test: false });
    expect(detail.tip.id).to.equal(sent.id);
    expect(textOf(part(el, 'headline'))).to.equal('Ada tipped $5.00!');
    expect(textOf(part(el, 'name'))).to.equal('Ada');
    expect(textOf(part(el, 'amount'))).to.equal('$5.00');
    expect(textOf(part(el, 'message'))).to.equal('gg!');
    const ended = await oneEvent(el, 'onair-alert-end');
    expect(ended.detail.tip.id).to.equal(sent.id);
    await el.updateComplete;
    expect(part(el, 'alert')).to.equal(null);
  });

  it('renders hostile names, messages and templates as text, never as HTML', async () => {
    const { el } = await mount();
    const hostile = '<img src=x onerror="window.__alertPwned = true">';
    el.tiers = [{ min: 1, template: '<b>{name}</b> sent {amount} <script>window.__alertPwned = true</script>' }];
    tip({ user: { name: hostile }, message: `<svg onload="window.__alertPwned = true"></svg>${hostile}` });
    await el.updateComplete;
    const alert = part(el, 'alert')!;
    expect(alert.querySelectorAll('img, svg, script, b')).to.have.length(0);
    expect(textOf(part(el, 'name'))).to.equal(hostile);
    expect(textOf(part(el, 'headline'))).to.include('<b>');
    // Markup in a message shows as its text: no elements, no tags.
    expect(part(el, 'message')).to.equal(null);
    expect((window as unknown as { __alertPwned?: boolean }).__alertPwned).to.equal(undefined);
  });

  it('queues tips that arrive during an alert and shows them in order', async () => {
    const { el } = await mount();
    const events = record(el);
    const ids = [tip({ user: { name: 'A' } }).id, tip({ user: { name: 'B' } }).id, tip({ user: { name: 'C' } }).id];
    await el.updateComplete;
    expect(el.current!.tip.id).to.equal(ids[0]);
    expect(el.queueLength).to.equal(2);
    const shown = await drain(el);
    expect(shown.map((alert) => alert.tip.id)).to.deep.equal(ids);
    expect(events.starts.map((alert) => alert.tip.id)).to.deep.equal(ids);
    expect(events.ends.map((alert) => alert.tip.id)).to.deep.equal(ids);
  });

  it('coalesces a burst of 1,000 tips: the queue stays at its cap and the last alert says "+N more tips"', async () => {
    const { el } = await mount(html`<onair-alert-box locale="en-US" max-queue="4"></onair-alert-box>`);
    for (let i = 0; i < 1000; i += 1) tip();
    await el.updateComplete;
    expect(el.queueLength).to.be.at.most(4);
    // A burst while an alert shows only counts: still bounded.
    for (let i = 0; i < 1000; i += 1) tip();
    expect(el.queueLength).to.equal(4);
    expect(el.queuedTips).to.equal(1999);
    const shown = await drain(el);
    expect(shown).to.have.length(5);
    expect(shown.reduce((sum, alert) => sum + 1 + alert.more, 0)).to.equal(2000, 'every tip is accounted for');
    // The first burst filled the queue (the last alert took 996 of it); the second, arriving once
    // one alert had left for the screen, opened one new alert that took the other 999.
    expect(shown.map((alert) => alert.more)).to.deep.equal([0, 0, 0, 996, 999]);
  });

  it('shows the folded count as text in the alert', async () => {
    const { el } = await mount(html`<onair-alert-box locale="en-US" max-queue="1"></onair-alert-box>`);
    tip();
    await el.updateComplete;
    for (let i = 0; i < 38; i += 1) tip();
    expect(part(el, 'more')).to.equal(null);
    el.skip();
    await el.updateComplete;
    expect(textOf(part(el, 'more'))).to.equal('+37 more tips');
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(textOf(part(el, 'more'))).to.equal('+37 weitere Tips');
  });

  it('filters by minimum amount, currency and source', async () => {
    const { el } = await mount(html`<onair-alert-box min-amount="10" currencies="tokens, usd" sources="demo,kofi"></onair-alert-box>`);
    tip({ amount: 9 });
    tip({ amount: 50, currency: 'EUR' });
    tip({ amount: 50, source: 'streamlabs' });
    await el.updateComplete;
    expect(el.current).to.equal(undefined);
    const kept = [tip({ amount: 10 }).id, tip({ amount: 20, currency: 'USD', source: 'kofi' }).id];
    await el.updateComplete;
    expect((await drain(el)).map((alert) => alert.tip.id)).to.deep.equal(kept);
  });

  it('takes its filters from the host’s settings where the page set none, never its sounds', async () => {
    const { el } = await mount(html`<onair-alert-box currencies="tokens"></onair-alert-box>`);
    platform.updateContext({ settings: { 'alert-box': { 'min-amount': 50, currencies: 'USD', sources: 'demo' } } });
    await el.updateComplete;
    tip({ amount: 49 });
    tip({ amount: 60, currency: 'USD' });
    const kept = tip({ amount: 50 });
    await el.updateComplete;
    expect((await drain(el)).map((alert) => alert.tip.id)).to.deep.equal([kept.id]);
    expect(el.sound).to.equal(false);
  });

  it('holds alerts while paused and shows them once resumed', async () => {
    const { el } = await mount(html`<onair-alert-box paused></onair-alert-box>`);
    expect(el.paused).to.equal(true);
    const sent = tip();
    await el.updateComplete;
    expect(el.current).to.equal(undefined);
    expect(el.queueLength).to.equal(1);
    el.removeAttribute('paused');
    await el.updateComplete;
    expect(el.current?.tip.id).to.equal(sent.id);
  });

  it('holds alerts through the property too, and while the host hides the page', async () => {
    const { el } = await mount();
    el.paused = true;
    tip();
    await el.updateComplete;
    expect(el.current).to.equal(undefined);
    el.paused = false;
    await el.updateComplete;
    expect(el.current).to.exist;
    el.skip();
    platform.updateContext({ hidden: true });
    await el.updateComplete;
    expect(el.paused).to.equal(true);
    tip();
    await el.updateComplete;
    expect(el.current).to.equal(undefined);
    platform.updateContext({ hidden: false });
    await el.updateComplete;
    expect(el.current).to.exist;
  });

  it('fires a sample alert from test(), whatever the filters', async () => {
    const { el } = await mount(html`<onair-alert-box locale="en-US" min-amount="1000" currencies="USD"></onair-alert-box>`);
    const started = oneEvent(el, 'onair-alert-start');
    el.test();
    const { detail } = await started;
    expect(detail.test).to.equal(true);
    expect(textOf(part(el, 'headline'))).to.equal('Test viewer tipped $100.00!');
    expect(textOf(part(el, 'message'))).to.equal('This is a test alert.');
  });

  it('uses the tier a tip reaches: its template, image and duration', async () => {
    const { el } = await mount(html`<onair-alert-box locale="en-US"></onair-alert-box>`);
    el.tiers = [
      { min: 1, template: '{name}: {amount}' },
      { min: 100, template: 'BIG {amount} from {name}', image: IMAGE },
      { min: 50, currency: 'USD', template: 'dollars' },
    ];
    tip({ amount: 5, user: { name: 'Small' } });
    tip({ amount: 500, user: { name: 'Big' } });
    tip({ amount: 60, user: { name: 'Mid' } });
    tip({ amount: 60, currency: 'USD' });
    await el.updateComplete;
    const seen: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      seen.push(`${textOf(part(el, 'headline'))}|${part(el, 'image')?.getAttribute('src') ?? ''}`);
      el.skip();
      await el.updateComplete;
    }
    expect(seen).to.deep.equal([`Small: 5 tokens|`, `BIG 500 tokens from Big|${IMAGE}`, 'Mid: 60 tokens|', 'dollars|']);
  });

  it('refuses image and sound URLs that are not http(s), blob: or data: of the right kind', async () => {
    const { el } = await mount(html`<onair-alert-box sound></onair-alert-box>`);
    const played: string[] = [];
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      played.push(this.src);
      return Promise.resolve();
    };
    try {
      el.tiers = [{ min: 1, image: 'javascript:alert(1)', sound: 'data:text/html,<script>alert(1)</script>' }];
      tip();
      await el.updateComplete;
      expect(part(el, 'image')).to.equal(null);
      expect(played).to.deep.equal([]);
    } finally {
      HTMLMediaElement.prototype.play = play;
    }
  });

  describe('sound', () => {
    let played: string[];
    let play: typeof HTMLMediaElement.prototype.play;
    beforeEach(() => {
      played = [];
      play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        played.push(this.src);
        return Promise.resolve();
      };
    });
    afterEach(() => {
      HTMLMediaElement.prototype.play = play;
    });

    it('never plays without the sound attribute, and leaves no autoplaying media in the page', async () => {
      const { el } = await mount();
      el.tiers = [{ min: 1, sound: SOUND, image: IMAGE }];
      tip();
      await el.updateComplete;
      expect(part(el, 'image')).to.exist;
      expect(played).to.deep.equal([]);
      expect(el.shadowRoot!.querySelectorAll('audio, video')).to.have.length(0);
    });

    it('plays the tier’s sound once per alert with the attribute, and stops it when the alert ends', async () => {
      const { el } = await mount(html`<onair-alert-box sound volume="0.5"></onair-alert-box>`);
      el.tiers = [{ min: 1, sound: SOUND }];
      tip();
      tip();
      await el.updateComplete;
      expect(played).to.deep.equal([SOUND]);
      el.skip();
      await el.updateComplete;
      expect(played).to.have.length(2);
    });

    it('uses the default image and sound for alerts whose tier has none; a tier’s own win', async () => {
      const OTHER = `${SOUND}#tier`;
      const { el } = await mount(html`<onair-alert-box sound image=${IMAGE} sound-src=${SOUND}></onair-alert-box>`);
      el.tiers = [{ min: 100, sound: OTHER, image: `${IMAGE}#tier` }];
      tip({ amount: 5 });
      await el.updateComplete;
      expect(part(el, 'image')!.getAttribute('src')).to.equal(IMAGE);
      expect(played).to.deep.equal([SOUND]);
      el.skip();
      tip({ amount: 500 });
      await el.updateComplete;
      expect(part(el, 'image')!.getAttribute('src')).to.equal(`${IMAGE}#tier`);
      expect(played).to.deep.equal([SOUND, OTHER]);
      await expect(el).to.be.accessible();
    });

    it('plays no default sound without the sound attribute, nor an unsafe default image', async () => {
      const { el } = await mount(html`<onair-alert-box image="javascript:alert(1)" sound-src=${SOUND}></onair-alert-box>`);
      tip();
      await el.updateComplete;
      expect(part(el, 'alert')).to.exist;
      expect(part(el, 'image')).to.equal(null);
      expect(played).to.deep.equal([]);
    });
  });

  describe('text-to-speech', () => {
    let spoken: SpeechSynthesisUtterance[];
    let speak: typeof speechSynthesis.speak;
    beforeEach(() => {
      spoken = [];
      speak = speechSynthesis.speak;
      speechSynthesis.speak = (utterance) => void spoken.push(utterance);
    });
    afterEach(() => {
      speechSynthesis.speak = speak;
    });
    /** The first alert may wait for the language detector's chunk; later ones speak at once. */
    const firstSpoken = () => waitUntil(() => spoken.length > 0, 'the first message is read');

    it('is off by default', async () => {
      const { el } = await mount();
      tip({ message: 'read me' });
      await el.updateComplete;
      expect(spoken).to.have.length(0);
    });

    it('reads and shows only the text of a message with markup', async () => {
      const { el } = await mount(html`<onair-alert-box tts locale="en-US"></onair-alert-box>`);
      tip({ message: 'This is <b>bold</b> &amp; <i>loud</i>' });
      await firstSpoken();
      expect(spoken.map((u) => u.text)).to.deep.equal(['This is bold & loud']);
      expect(textOf(part(el, 'message'))).to.equal('This is bold & loud');
      expect(part(el, 'message')!.children).to.have.length(0);
    });

    it('reads a message in its own language when its words tell it, else in the widget’s', async () => {
      // Voices are chosen by voiceFor() (speech.test.ts); here the language each utterance asks for.
      const { el } = await mount(html`<onair-alert-box tts locale="en-US" reduced-motion></onair-alert-box>`);
      tip({ message: 'Danke für den tollen Stream, weiter so!' });
      await firstSpoken();
      el.skip();
      for (const message of ['gg', '配信ありがとう！', 'Thanks for the stream, you are great']) {
        tip({ message });
        await el.updateComplete;
        el.skip();
      }
      expect(spoken.map((u) => u.lang)).to.deep.equal(['de', 'en-US', 'ja', 'en-US']);
      el.setAttribute('tts-lang', 'fr-FR');
      await el.updateComplete;
      tip({ message: 'Danke für den tollen Stream!' });
      await el.updateComplete;
      expect(spoken.at(-1)!.lang).to.equal('fr-FR');
    });

    it('stops the speech on skip(), and leaves speech that is over alone', async () => {
      let cancelled = 0;
      const cancel = speechSynthesis.cancel;
      speechSynthesis.cancel = () => void (cancelled += 1);
      try {
        const { el } = await mount(html`<onair-alert-box tts></onair-alert-box>`);
        tip({ message: 'a long message being read' });
        tip({ message: 'next one' });
        await firstSpoken();
        expect(spoken).to.have.length(1);
        el.skip();
        expect(cancelled).to.equal(1);
        await el.updateComplete;
        expect(spoken).to.have.length(2);
        spoken[1].dispatchEvent(new Event('end'));
        el.skip();
        expect(cancelled).to.equal(1);
      } finally {
        speechSynthesis.cancel = cancel;
      }
    });

    it('reads the message, cut to the maximum length and passed through the word filter', async () => {
      const { el } = await mount(html`<onair-alert-box tts tts-max-length="12" locale="de-DE"></onair-alert-box>`);
      el.wordFilter = (text) => (text.includes('skip') ? null : text.replace(/darn/g, '****'));
      tip({ message: 'darn good stream, really' });
      await firstSpoken();
      expect(spoken.map((u) => [u.text, u.lang])).to.deep.equal([['**** good st', 'de-DE']]);
      el.skip();
      tip({ message: 'please skip' });
      await el.updateComplete;
      expect(el.current).to.exist;
      expect(spoken).to.have.length(1);
    });
  });

  describe('animation presets', () => {
    /** The alert's transform at the first frame of its running animation. */
    function startTransform(alert: HTMLElement): DOMMatrix {
      const [animation] = alert.getAnimations();
      animation.pause();
      animation.currentTime = 0;
      return new DOMMatrix(getComputedStyle(alert).transform);
    }
    function endTransform(alert: HTMLElement): DOMMatrix {
      const [animation] = alert.getAnimations();
      animation.pause();
      animation.currentTime = (animation.effect!.getComputedTiming().endTime as number) - 1;
      return new DOMMatrix(getComputedStyle(alert).transform);
    }

    it('comes in and goes out the way the attributes say', async () => {
      const { el } = await mount(html`<onair-alert-box animation-in="slide-left" animation-out="slide-down" duration="100"></onair-alert-box>`);
      tip();
      await el.updateComplete;
      const entering = startTransform(part(el, 'alert')!);
      expect(entering.e).to.be.greaterThan(10); // from the right, moving left
      expect(entering.f).to.equal(0);
      part(el, 'alert')!.getAnimations()[0].play();
      await waitUntil(() => part(el, 'alert')?.hasAttribute('data-leaving'), 'the alert leaves');
      const leaving = endTransform(part(el, 'alert')!);
      expect(leaving.f).to.be.greaterThan(10); // downwards
      expect(leaving.e).to.equal(0);
    });

    it('uses the pop entrance for an unknown preset, and no animation (nor exit wait) for none', async () => {
      const { el } = await mount(html`<onair-alert-box animation-in="wobble" duration="100"></onair-alert-box>`);
      tip();
      await el.updateComplete;
      expect(part(el, 'alert')!.dataset.in).to.equal('pop');
      el.skip();
      el.animationIn = 'none';
      el.animationOut = 'none';
      const ended = oneEvent(el, 'onair-alert-end');
      tip();
      await el.updateComplete;
      expect(part(el, 'alert')!.getAnimations()).to.have.length(0);
      await ended;
      await el.updateComplete;
      expect(part(el, 'alert')).to.equal(null);
    });

    it('takes its presets from the host’s settings where the page set none', async () => {
      const { el } = await mount();
      platform.updateContext({ settings: { 'alert-box': { 'animation-in': 'zoom', 'animation-out': 'fade' } } });
      tip();
      await el.updateComplete;
      expect([part(el, 'alert')!.dataset.in, part(el, 'alert')!.dataset.out]).to.deep.equal(['zoom', 'fade']);
      expect(startTransform(part(el, 'alert')!).a).to.be.closeTo(0.5, 0.01);
    });
  });

  describe('motion', () => {
    it('animates the entrance normally, and not at all under prefers-reduced-motion', async () => {
      const { el } = await mount();
      tip();
      await el.updateComplete;
      expect(part(el, 'alert')!.getAnimations().length).to.be.greaterThan(0);
      el.skip();
      await emulateMedia({ reducedMotion: 'reduce' });
      await waitUntil(() => el.motionReduced, 'the media query reports reduced motion');
      tip();
      await el.updateComplete;
      expect(el.hasAttribute('data-reduced-motion')).to.equal(true);
      expect(part(el, 'alert')).to.exist;
      expect(part(el, 'alert')!.getAnimations()).to.have.length(0);
    });

    it('leaves with no exit animation under reduced motion: the alert is gone when its time is up', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const { el } = await mount(html`<onair-alert-box duration="100"></onair-alert-box>`);
      const ended = oneEvent(el, 'onair-alert-end');
      tip();
      await ended;
      await el.updateComplete;
      expect(part(el, 'alert')).to.equal(null);
    });
  });

  it('does not alert a tip from before it subscribed, nor the same tip twice', async () => {
    const demo = quietDemo();
    const before = demo.fireTip();
    const { el } = await mount(undefined, demo);
    expect(el.current).to.equal(undefined);
    const sent = tip();
    platform.fireTip({ ...sent });
    await el.updateComplete;
    expect((await drain(el)).map((alert) => alert.tip.id)).to.deep.equal([sent.id]);
    expect(before.id).not.to.equal(sent.id);
  });

  it('tears down: no subscriptions, timers or sound left, and the queue resumes when it returns', async () => {
    const open = subscriptionsBefore();
    const { el, provider } = await mount(html`<onair-alert-box duration="60000"></onair-alert-box>`);
    const timers = trackTimers();
    try {
      tip();
      tip();
      await el.updateComplete;
      expect(timers.pending()).to.equal(1, 'one timer while an alert shows');
      expect(open()).to.be.greaterThan(0);
      el.remove();
      expect(open()).to.equal(0);
      expect(timers.pending()).to.equal(0);
      provider.append(el);
      await el.updateComplete;
      expect(el.current, 'the waiting tip shows on return').to.exist;
      el.remove();
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
  });

  it('runs no timer while idle', async () => {
    const { el } = await mount(html`<onair-alert-box reduced-motion duration="100"></onair-alert-box>`);
    const timers = trackTimers();
    try {
      await el.updateComplete;
      expect(timers.pending()).to.equal(0);
      const ended = oneEvent(el, 'onair-alert-end');
      tip();
      await el.updateComplete;
      expect(timers.pending()).to.equal(1);
      await ended;
      await el.updateComplete;
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
  });

  it('takes no keyboard focus: an overlay for the stream, nothing to operate', async () => {
    const { el } = await mount();
    tip();
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(null);
    expect(document.activeElement === el).to.equal(false);
    expect(el.shadowRoot!.querySelectorAll('button, a[href], [tabindex], input, select, textarea')).to.have.length(0);
  });
});
