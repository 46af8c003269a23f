// Benchmark page: <onair-alert-box> and <onair-goal-bar> on a demo feed. Hooks for bench/suites/alerts.mjs.
import '../../components/index.js';
import type { OnAirAlertBoxElement } from '../../components/alert-box/alert-box.js';
import type { OnAirGoalBarElement } from '../../components/goal-bar/goal-bar.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { countAnimationFrameRequests, frame, frameIntervals, mountOnDemo, supportsLoaf } from './frames.js';

async function mount(): Promise<{ provider: OnAirPlatformElement; box: OnAirAlertBoxElement; bar: OnAirGoalBarElement; demo: DemoPlatform }> {
  const box = document.createElement('onair-alert-box');
  box.duration = 2000;
  const bar = document.createElement('onair-goal-bar');
  bar.goal = 1_000_000;
  bar.stretch = '2000000,5000000';
  bar.storageKey = 'bench-goal';
  const { provider, demo } = await mountOnDemo([box, bar]);
  await Promise.all([box.updateComplete, bar.updateComplete]);
  await frame();
  return { provider, box, bar, demo };
}

/**
 * Both widgets on the demo feed at `rate` tips/s for `ms`: every frame's interval, the alert box's
 * queue length sampled each frame, long animation frames (over 50 ms, as the browser reports them),
 * and every tip accounted for (shown, waiting or folded into a waiting alert). With `widgets`
 * false, the same feed and measurement with no widget mounted.
 */
async function burst(rate: number, ms: number, widgets = true) {
  const { provider, box, bar, demo } = await mount();
  // The baseline: the same feed and measurement with no widget on the page.
  if (!widgets) provider.replaceChildren();
  let tips = 0;
  const counter = demo.tips$.subscribe(() => (tips += 1));
  let alerted = 0;
  box.addEventListener('onair-alert-start', (e) => (alerted += 1 + e.detail.more));
  const longFrames: { duration: number; at: number; blocking: number }[] = [];
  const started = performance.now();
  const observer = supportsLoaf() ? new PerformanceObserver((list) => list.getEntries().forEach((entry) => longFrames.push({ duration: entry.duration, at: entry.startTime - started, blocking: (entry as PerformanceEntry & { blockingDuration?: number }).blockingDuration ?? 0 }))) : undefined;
  observer?.observe({ type: 'long-animation-frame', buffered: false });
  let maxQueue = 0;
  const frames = frameIntervals(() => (maxQueue = Math.max(maxQueue, box.queueLength)));
  demo.setRate(rate);
  await new Promise((resolve) => setTimeout(resolve, ms));
  demo.setRate(0);
  const intervals = await frames.stop();
  await frame();
  observer?.disconnect();
  counter.unsubscribe();
  // Every tip so far: shown, or waiting (itself plus the tips folded into it).
  const accounted = alerted + box.queuedTips;
  return { tips, accounted, maxQueue, intervals, longFrames, loaf: observer !== undefined, total: bar.total };
}

/** Per-tip cost of the alert box's handler while an alert shows: `count` tips fired in one loop. */
async function perTip(count: number): Promise<number> {
  const { box, demo } = await mount();
  box.test();
  await box.updateComplete;
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1) demo.fireTip();
  return (performance.now() - t0) / count;
}

/** Both widgets idle: no tips, no alert showing; animation frames requested and animations running. */
async function idle(ms: number): Promise<{ requested: number; animations: number }> {
  const { box, bar } = await mount();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const requested = await countAnimationFrameRequests(ms);
  const animations = [document, box.shadowRoot, bar.shadowRoot].flatMap((root) => root?.getAnimations() ?? []).filter((animation) => animation.playState === 'running').length;
  return { requested, animations };
}

/** Baseline for perTip: the same tips with no widget subscribed. */
async function perTipBaseline(count: number): Promise<number> {
  const { provider, demo } = await mount();
  provider.replaceChildren();
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1) demo.fireTip();
  return (performance.now() - t0) / count;
}

Object.assign(window, { bench: { burst, perTip, perTipBaseline, idle } });
Object.assign(window, { benchReady: true });
