import { openPage, percentile } from '../harness.mjs';

export const pages = ['alerts'];

/**
 * <onair-alert-box> (with <onair-goal-bar> beside it) under the demo feed at 1,000 tips/s for
 * BENCH_ALERTS_SECONDS (default 10): frame intervals (p99, frames over 20 ms), long animation frames
 * as Chromium reports them (over 50 ms), the largest queue seen and whether every tip was accounted
 * for, each against the same feed with no widget mounted (on a shared machine long frames come
 * from elsewhere too); the alert box's cost per tip while an alert shows, against the feed with no widget; then both
 * widgets idle (no tips, no alert) for BENCH_ALERTS_IDLE_SECONDS (default 10): animation frames
 * requested and animations running.
 */
export async function run({ browser, origin }) {
  const seconds = Number(process.env.BENCH_ALERTS_SECONDS ?? 10);
  const idleSeconds = Number(process.env.BENCH_ALERTS_IDLE_SECONDS ?? 10);
  const page = await openPage(browser, origin, 'alerts');
  const burst = await page.evaluate((ms) => window.bench.burst(1000, ms), seconds * 1000);
  const baseline = await page.evaluate((ms) => window.bench.burst(1000, ms, false), seconds * 1000);
  if (process.env.BENCH_VERBOSE) console.error('long frames', JSON.stringify(burst.longFrames));
  const perTip = await page.evaluate(() => window.bench.perTip(100_000));
  const perTipBaseline = await page.evaluate(() => window.bench.perTipBaseline(100_000));
  const idle = await page.evaluate((ms) => window.bench.idle(ms), idleSeconds * 1000);
  await page.close();

  const over20 = (run) => `${run.intervals.filter((interval) => interval > 20).length}/${run.intervals.length}`;
  const round = (value) => Math.round(value * 10) / 10;
  const us = (ms) => Math.round(ms * 1000 * 100) / 100;
  return [
    { figure: `alert box at 1,000 tips/s for ${seconds} s: tips received / accounted for (shown, waiting or folded)`, value: `${burst.tips} / ${burst.accounted}`, unit: 'tips', target: 'equal' },
    { figure: 'alert box at 1,000 tips/s: largest queue seen (alerts waiting)', value: burst.maxQueue, unit: 'alerts', target: '≤ 5' },
    { figure: 'alert box at 1,000 tips/s: frame interval p50 / p99', value: `${round(percentile(burst.intervals, 50))} / ${round(percentile(burst.intervals, 99))}`, unit: 'ms', target: '' },
    { figure: 'alert box at 1,000 tips/s: frames over 20 ms, with the widgets / baseline without', value: `${over20(burst)} / ${over20(baseline)}`, unit: 'frames', target: '' },
    { figure: 'alert box at 1,000 tips/s: long animation frames (> 50 ms), with the widgets / baseline without', value: burst.loaf ? `${burst.longFrames.length} / ${baseline.longFrames.length}` : 'n/a', unit: 'frames', target: '0' },
    { figure: 'alert box: cost per tip while an alert shows (100,000 tips), with / without the widgets', value: `${us(perTip)} / ${us(perTipBaseline)}`, unit: 'µs', target: '' },
    { figure: `alert box + goal bar idle for ${idleSeconds} s: animation frames requested`, value: idle.requested, unit: 'frames', target: '0' },
    { figure: 'alert box + goal bar idle: animations still running at the end', value: idle.animations, unit: '', target: '0' },
  ];
}
