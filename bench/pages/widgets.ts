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

/** The User Timing mark that opens each batch task, for the trace (bench/suites/latency.mjs). */
export const BATCH_MARK = 'onair-bench-batch';
/** Tips per batch and the mean gap between batches: the demo feed's own shape at 1,000 tips/s. */
const BATCH_MS = 50;

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
 * One animation frame: when it began (its vsync, the rAF timestamp), when its rAF callbacks ran
 * (the suite finds the task around that moment in a trace: its end is "painted"), and the arrival
 * stamps of the tips it showed.
 */
interface FrameRecord {
  begin: number;
  ran: number;
  stamps: number[];
}

/**
 * Records every frame while `running()` holds, plus one more: in each rAF callback it takes the
 * stamps of the tips emitted since the previous frame (Lit renders in a microtask after the
 * emitting task, so this frame shows them all). The next frame is requested inside the callback,
 * so the recorder itself never misses one.
 */
function recordFrames(pending: number[], running: () => boolean): Promise<FrameRecord[]> {
  const frames: FrameRecord[] = [];
  return new Promise((resolve) => {
    const tick = (begin: number) => {
      frames.push({ begin, ran: performance.now(), stamps: pending.splice(0) });
      if (running()) requestAnimationFrame(tick);
      // Resolve after this frame's rendering, so the trace holds its whole task.
      else setTimeout(() => resolve(frames), 50);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Feeds `rate` tips/s in batches of `rate × 50 ms` (what the demo feed's 50 ms timer emits), but
 * with each gap drawn uniformly from 25–75 ms, so batches land at random points of the frame. The
 * demo's own timer would not do: started from a frame callback, its 50 ms are exactly three
 * frames, and every batch would land at the same point of a frame for the whole run. Each batch
 * task starts with a User Timing mark, so a trace can find it.
 */
function randomPhaseFeed(rate: number): () => void {
  const perBatch = Math.max(1, Math.round((rate * BATCH_MS) / 1000));
  let timer: ReturnType<typeof setTimeout>;
  const batch = () => {
    performance.mark(BATCH_MARK);
    for (let i = 0; i < perBatch; i += 1) demo().fireTip();
    timer = setTimeout(batch, BATCH_MS * (0.5 + Math.random()));
  };
  timer = setTimeout(batch, BATCH_MS * Math.random());
  return () => clearTimeout(timer);
}

/**
 * `rate` tips/s for `ms` with `tags` mounted (all five widgets by default; none is the baseline).
 * Each tip is stamped by a `tips$` subscriber that subscribes before any widget, so it runs first
 * and stamps the emission itself. Returns every frame of the run (see `recordFrames`); the suite
 * derives event → painted, frame → painted and the first-frame share from them.
 */
async function tipLatency(rate: number, ms: number, tags: readonly string[] = WIDGET_TAGS): Promise<FrameRecord[]> {
  await mount({ rate: '0', 'viewer-interval': '0' }, []);
  const pending: number[] = [];
  const sub = demo().tips$.subscribe(() => pending.push(performance.now()));
  for (const tag of tags) provider!.append(document.createElement(tag));
  await Promise.all([...provider!.children].map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  await frame();
  pending.length = 0;
  let running = true;
  const frames = recordFrames(pending, () => running);
  const stop = randomPhaseFeed(rate);
  await new Promise((resolve) => setTimeout(resolve, ms));
  stop();
  running = false;
  const recorded = await frames;
  sub.unsubscribe();
  performance.clearMarks(BATCH_MARK);
  return recorded;
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
