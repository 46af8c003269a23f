import { openPage, percentile } from '../harness.mjs';

export const pages = ['tips'];

/**
 * <onair-event-list> and <onair-tip-timer> (running, 1 s per token) under the demo feed at 1,000
 * tips/s for BENCH_TIPS_SECONDS (default 5): tips fired / listed / counted by the timer, renders of
 * each widget against the frames drawn, frame intervals and long animation frames (over 50 ms)
 * against the same feed with no widget; then both idle (no tips, the timer paused) for
 * BENCH_TIPS_IDLE_SECONDS (default 5): animation frames and timers started, animations running.
 */
export async function run({ browser, origin }) {
  const seconds = Number(process.env.BENCH_TIPS_SECONDS ?? 5);
  const idleSeconds = Number(process.env.BENCH_TIPS_IDLE_SECONDS ?? 5);
  const page = await openPage(browser, origin, 'tips');
  const burst = await page.evaluate((ms) => window.bench.burst(1000, ms), seconds * 1000);
  const baseline = await page.evaluate((ms) => window.bench.burst(1000, ms, false), seconds * 1000);
  const idle = await page.evaluate((ms) => window.bench.idle(ms), idleSeconds * 1000);
  await page.close();

  const over20 = (run) => `${run.intervals.filter((interval) => interval > 20).length}/${run.intervals.length}`;
  const round = (value) => Math.round(value * 10) / 10;
  return [
    { figure: `event list + tip timer at 1,000 tips/s for ${seconds} s: tips fired / listed / timer seconds added (tokens × 1 s)`, value: `${burst.tips} / ${burst.listed} / ${burst.timerSeconds} (${burst.tokens})`, unit: '', target: 'equal' },
    { figure: 'event list + tip timer at 1,000 tips/s: renders of the list / the timer / frames drawn', value: `${burst.renders.list} / ${burst.renders.timer} / ${burst.frames}`, unit: '', target: '≤ frames' },
    { figure: 'event list + tip timer at 1,000 tips/s: frame interval p50 / p99', value: `${round(percentile(burst.intervals, 50))} / ${round(percentile(burst.intervals, 99))}`, unit: 'ms', target: '' },
    { figure: 'event list + tip timer at 1,000 tips/s: frames over 20 ms, with the widgets / baseline without', value: `${over20(burst)} / ${over20(baseline)}`, unit: 'frames', target: '' },
    { figure: 'event list + tip timer at 1,000 tips/s: long animation frames (> 50 ms), with / without the widgets', value: burst.loaf ? `${burst.longFrames.length} / ${baseline.longFrames.length}` : 'n/a', unit: 'frames', target: '0' },
    { figure: `event list + paused tip timer idle for ${idleSeconds} s: animation frames / timers started`, value: `${idle.requested} / ${idle.timeouts}`, unit: '', target: '0 / 0' },
    { figure: 'event list + paused tip timer idle: animations still running at the end', value: idle.animations, unit: '', target: '0' },
  ];
}
