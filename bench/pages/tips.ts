// Benchmark page: <onair-event-list> and <onair-tip-timer> on a demo feed. Hooks for bench/suites/tips.mjs.
import '../../components/index.js';
import type { OnAirEventListElement } from '../../components/event-list/event-list.js';
import type { OnAirTipTimerElement } from '../../components/tip-timer/tip-timer.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import { countAnimationFrameRequests, frame, frameIntervals, mountOnDemo, supportsLoaf } from './frames.js';

async function mount(): Promise<{ provider: OnAirPlatformElement; list: OnAirEventListElement; timer: OnAirTipTimerElement; demo: DemoPlatform }> {
  const list = document.createElement('onair-event-list');
  list.showTotal = true;
  const timer = document.createElement('onair-tip-timer');
  timer.rate = 1;
  timer.storageKey = 'bench-timer';
  const { provider, demo } = await mountOnDemo([list, timer], () => timer.isAuthority);
  await Promise.all([list.updateComplete, timer.updateComplete]);
  await frame();
  return { provider, list, timer, demo };
}

/**
 * Both widgets on the demo feed at `rate` tips/s for `ms`, the timer running: frame intervals, long
 * animation frames, renders of each widget, tips fired / listed / counted by the timer. With
 * `widgets` false, the same feed and measurement with no widget mounted.
 */
async function burst(rate: number, ms: number, widgets = true) {
  const { provider, list, timer, demo } = await mount();
  timer.start(3600);
  if (!widgets) provider.replaceChildren();
  let tips = 0;
  let tokens = 0;
  const counter = demo.tips$.subscribe((tip) => {
    tips += 1;
    tokens += tip.currency === 'tokens' ? tip.amount : 0;
  });
  const renders = { list: 0, timer: 0 };
  for (const [name, el] of [['list', list], ['timer', timer]] as const) {
    const render = el.render.bind(el);
    el.render = () => {
      renders[name] += 1;
      return render();
    };
  }
  const addedBefore = timer.added;
  const longFrames: number[] = [];
  const observer = supportsLoaf() ? new PerformanceObserver((entries) => entries.getEntries().forEach((entry) => longFrames.push(entry.duration))) : undefined;
  observer?.observe({ type: 'long-animation-frame', buffered: false });
  const frames = frameIntervals();
  demo.setRate(rate);
  await new Promise((resolve) => setTimeout(resolve, ms));
  demo.setRate(0);
  const intervals = await frames.stop();
  await frame();
  await frame();
  observer?.disconnect();
  counter.unsubscribe();
  return { tips, listed: list.count, timerSeconds: (timer.added - addedBefore) / 1000, tokens, renders, frames: intervals.length + 1, intervals, longFrames, loaf: observer !== undefined };
}

/** Idle: the list with no tips and the timer paused; animation frames and timers started. */
async function idle(ms: number): Promise<{ requested: number; timeouts: number; animations: number }> {
  const { list, timer } = await mount();
  timer.start(600);
  timer.pause();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  let timeouts = 0;
  const original = window.setTimeout;
  window.setTimeout = ((handler: TimerHandler, wait?: number, ...args: unknown[]) => {
    timeouts += 1;
    return original(handler, wait, ...args);
  }) as typeof setTimeout;
  const requested = await countAnimationFrameRequests(ms);
  window.setTimeout = original;
  const animations = [list.shadowRoot, timer.shadowRoot].flatMap((root) => root?.getAnimations() ?? []).filter((animation) => animation.playState === 'running').length;
  return { requested, timeouts: timeouts - 1, animations };
}

Object.assign(window, { bench: { burst, idle } });
Object.assign(window, { benchReady: true });
