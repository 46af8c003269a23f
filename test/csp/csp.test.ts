import { expect, waitUntil } from '@open-wc/testing';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { storageSnapshot } from '../helpers.js';

/**
 * The built files under the policy a Twitch extension iframe gets (see STRICT_CSP in
 * web-test-runner.config.mjs): scripts only from our own origin, no inline code, no eval. Each page
 * under test/csp/ loads the build (run `npm run build` first) and every widget on the demo feed,
 * the counter in German (a lazy language chunk in the per-widget build, inlined in dist/onair.js).
 */
const WIDGETS = ['onair-viewer-counter', 'onair-tip-menu', 'onair-wheel-spinner', 'onair-status-pill', 'onair-leaderboard', 'onair-alert-box', 'onair-goal-bar', 'onair-event-list', 'onair-tip-timer'];

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** What test/csp/probe.js records in the page. */
type ProbedWindow = Window & typeof globalThis & { onairCspViolations: Violation[]; onairErrors: string[] };

const frames: HTMLIFrameElement[] = [];

async function load(path: string): Promise<ProbedWindow> {
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width: 800px; height: 900px';
  frames.push(iframe);
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  iframe.src = path;
  document.body.append(iframe);
  await loaded;
  return iframe.contentWindow as ProbedWindow;
}

/** True once `tag` is defined, upgraded, updated and has rendered something into its shadow root. */
function rendered(win: ProbedWindow, tag: string): boolean {
  const el = win.document.querySelector(tag) as (HTMLElement & { hasUpdated?: boolean }) | null;
  const root = el?.shadowRoot;
  if (!win.customElements.get(tag) || !root || !el.hasUpdated) return false;
  return Array.from(root.children).some((child) => child.localName !== 'style') || root.textContent!.trim() !== '';
}

async function provided(win: ProbedWindow): Promise<DemoPlatform> {
  const provider = win.document.querySelector('onair-platform') as OnAirPlatformElement;
  await waitUntil(() => provider.current?.name === 'demo', 'the provider serves the demo feed', { timeout: 5000 });
  return provider.current as DemoPlatform;
}

async function expectStrictPolicy(path: string): Promise<void> {
  const policy = (await fetch(path)).headers.get('content-security-policy') ?? '';
  const directives = new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  expect(directives.get('default-src')).to.deep.equal(["'self'"]);
  expect(directives.get('script-src')).to.deep.equal(["'self'"]);
  expect(policy).not.to.include('unsafe-eval');
}

function describePage(title: string, path: string): void {
  describe(title, function () {
    this.timeout(20_000);
    let win: ProbedWindow;

    before(async () => {
      win = await load(path);
    });

    it('is served with the strict policy', async () => {
      await expectStrictPolicy(path);
    });

    it('renders every widget on the demo feed', async () => {
      const platform = await provided(win);
      // Report which tags are missing rather than a bare timeout.
      await waitUntil(() => WIDGETS.every((tag) => rendered(win, tag)), '', { timeout: 8000 }).catch(() => undefined);
      expect(WIDGETS.filter((tag) => !rendered(win, tag)), 'widgets not defined or not rendered').to.deep.equal([]);
      // Drive every code path a tip and a viewer change take, then let the widgets render it.
      platform.fireTip();
      platform.setViewerCount(4321);
      // Every widget has handled both once its pending update is done: check what that render left.
      const updates = WIDGETS.map((tag) => (win.document.querySelector(tag) as (Element & { updateComplete?: Promise<unknown> }) | null)?.updateComplete);
      await Promise.all(updates);
      const missing = WIDGETS.filter((tag) => !rendered(win, tag));
      expect(missing, 'widgets without rendered content').to.deep.equal([]);
      // The alert for that tip shows its tier image, a data: URL the policy allows.
      const image = () => win.document.querySelector('onair-alert-box')!.shadowRoot!.querySelector<HTMLImageElement>('[part~="image"]');
      await waitUntil(() => image()?.complete && image()!.naturalWidth > 0, 'the alert box shows its tier image', { timeout: 8000 });
    });

    it('speaks German in the counter set to de-DE: the language module loads under the policy', async () => {
      const counter = win.document.querySelector('onair-viewer-counter') as HTMLElement & { updateComplete: Promise<unknown> };
      await counter.updateComplete;
      expect(counter.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('lang')).to.equal('de');
      expect(counter.shadowRoot!.querySelector('[part~="label"]')!.textContent!.trim()).to.equal('Zuschauer');
    });

    it('violates nothing and throws nothing', () => {
      expect(win.onairCspViolations, JSON.stringify(win.onairCspViolations, null, 1)).to.deep.equal([]);
      expect(win.onairErrors, win.onairErrors.join('\n')).to.deep.equal([]);
    });

    it('really enforces the policy, and the probe sees it (eval is refused and reported)', async () => {
      expect(() => win.eval('1 + 1')).to.throw();
      // The violation event is queued as a task, after the throw.
      await waitUntil(() => win.onairCspViolations.some((v) => v.directive === 'script-src'), 'eval reported as a violation');
    });
  });
}

describe('strict Content-Security-Policy', () => {
  // The pages' widgets keep state under their default keys: later files must not see it.
  let restoreStorage = () => {};
  before(() => (restoreStorage = storageSnapshot()));
  after(() => {
    frames.forEach((frame) => frame.remove());
    restoreStorage();
  });

  describePage('dist/onair.js', '/test/csp/page.html');
  describePage('dist/widgets/*.js entries', '/test/csp/widgets.html');

  describe('the built gallery, dist/demo/index.html', function () {
    this.timeout(20_000);
    const path = '/dist/demo/index.html';

    it('runs under the policy: the provider serves the demo feed, every widget has a rendered card, the OBS builder is built', async () => {
      await expectStrictPolicy(path);
      const win = await load(path);
      await provided(win);
      await waitUntil(() => win.document.querySelector('#obs-builder form') !== null, 'OBS builder rendered', { timeout: 5000 });
      const tags = [...new Set(Array.from(win.document.querySelectorAll('#widgets *'), (el) => el.localName))].filter((tag) => tag.startsWith('onair-'));
      expect(WIDGETS.filter((tag) => !tags.includes(tag)), 'widgets without a gallery card').to.deep.equal([]);
      await waitUntil(() => tags.every((tag) => rendered(win, tag)), '', { timeout: 8000 }).catch(() => undefined);
      expect(tags.filter((tag) => !rendered(win, tag)), 'gallery widgets not rendered').to.deep.equal([]);
    });
  });
});
