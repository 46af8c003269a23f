// Benchmark page: every widget on a demo feed, plus hooks the suites call through page.evaluate.
import '../../components/index.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import { liveSubscriptionCount } from '../../platform/controllers.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { countAnimationFrameRequests } from './frames.js';

export const WIDGET_TAGS = [
  'onair-viewer-counter',
  'onair-tip-menu',
  'onair-wheel-spinner',
  'onair-status-pill',
  'onair-leaderboard',
] as const;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/**
 * Waits for the next frame: `atFrame` runs in its rAF callback (what it sees is in this frame), and
 * the promise resolves with the time after that frame was painted (a task queued from the rAF).
 */
const nextPaint = <T>(atFrame: () => T) =>
  new Promise<[T, number]>((resolve) =>
    requestAnimationFrame(() => {
      const seen = atFrame();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve([seen, performance.now()]);
      channel.port2.postMessage(null);
    }),
  );

let provider: OnAirPlatformElement | undefined;

async function mount(attributes: Record<string, string>, tags: readonly string[] = WIDGET_TAGS): Promise<void> {
  provider?.remove();
  provider = document.createElement('onair-platform');
  provider.setAttribute('platform', 'demo');
  for (const [name, value] of Object.entries({ 'connect-delay': '0', ...attributes })) provider.setAttribute(name, value);
  for (const tag of tags) provider.append(document.createElement(tag));
  document.body.append(provider);
  while (!provider.current) await frame();
  await frame();
}

function demo(): DemoPlatform {
  return provider!.current as DemoPlatform;
}

/**
 * Event → painted DOM for `ms` at `rate` tips/s. Each tip is stamped by a subscriber that
 * subscribes before any widget, so it runs first and stamps the emission itself (not the moment
 * the widgets were done with it). A continuous rAF loop collects the stamps of every tip emitted
 * before that frame and, in a task queued from the rAF callback (it runs once the frame's style,
 * layout and paint are done), records "painted". Lit renders in a microtask, so by that frame the
 * DOM holds every tip it collected. Also returns the frame intervals, to count long frames.
 */
async function tipLatency(
  rate: number,
  ms: number,
  tags: readonly string[] = WIDGET_TAGS,
): Promise<{ latencies: number[]; tips: number; intervals: number[] }> {
  await mount({ rate: '0', 'viewer-interval': '0' }, []);
  const pending: number[] = [];
  const latencies: number[] = [];
  const stamps: number[] = [];
  const sub = demo().tips$.subscribe(() => pending.push(performance.now()));
  for (const tag of tags) provider!.append(document.createElement(tag));
  await Promise.all([...provider!.children].map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  await frame();
  pending.length = 0;
  let running = true;
  const measure = async () => {
    while (running) {
      const [batch, paintedAt] = await nextPaint(() => {
        stamps.push(performance.now());
        return pending.splice(0);
      });
      for (const at of batch) latencies.push(paintedAt - at);
    }
  };
  const loop = measure();
  demo().setRate(rate);
  await new Promise((resolve) => setTimeout(resolve, ms));
  demo().setRate(0);
  running = false;
  await loop;
  sub.unsubscribe();
  const intervals = stamps.slice(1).map((stamp, i) => stamp - stamps[i]);
  return { latencies, tips: latencies.length, intervals };
}

/** Pushes `total` events (tips, with a viewer change every tenth) through every mounted widget. */
async function flood(total: number, chunk = 5000): Promise<void> {
  const platform = demo();
  for (let sent = 0; sent < total; ) {
    const end = Math.min(total, sent + chunk);
    for (; sent < end; sent += 1) {
      if (sent % 10 === 0) platform.setViewerCount(1000 + (sent % 5000));
      else platform.fireTip();
    }
    await frame();
  }
}

/** Mounts and removes `tag` inside a live provider `cycles` times. */
async function churn(tag: string, cycles: number): Promise<number> {
  await mount({ rate: '0', 'viewer-interval': '0' }, []);
  for (let i = 0; i < cycles; i += 1) {
    const el = document.createElement(tag);
    provider!.append(el);
    await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    el.remove();
    if (i % 500 === 0) await frame();
  }
  return liveSubscriptionCount();
}

/** Every widget mounted, no events, two seconds to settle: the idle page the idle suite watches. */
async function idleMount(): Promise<void> {
  await mount({ rate: '0', 'viewer-interval': '0' });
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

/**
 * Counts requestAnimationFrame calls over `ms`, and the animations (CSS or Web Animations, in any
 * shadow root) still running at the end, on the idle page.
 */
async function idleFrames(ms: number): Promise<{ requested: number; animations: number }> {
  const requested = await countAnimationFrameRequests(ms);
  const animations = [document, ...WIDGET_TAGS.map((tag) => document.querySelector(tag)?.shadowRoot)]
    .flatMap((root) => root?.getAnimations() ?? [])
    .filter((animation) => animation.playState === 'running').length;
  return { requested, animations };
}

Object.assign(window, { bench: { mount, tipLatency, flood, churn, idleMount, idleFrames, liveSubscriptionCount, tags: WIDGET_TAGS } });
Object.assign(window, { benchReady: true });
