import { openPage, percentile } from '../harness.mjs';

export const pages = ['widgets'];

/**
 * Event → painted DOM with all five widgets mounted and the demo feed at 1,000 tips/s (the demo
 * emits them in 50 ms batches of 50), against the same feed and measurement with no widget. The
 * floor of this method is the wait for the next frame (0–16.7 ms) plus the frame's own work, so
 * the no-widget baseline is the number to compare with; a warm-up run is discarded first.
 */
export async function run({ browser, origin }) {
  const seconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
  const page = await openPage(browser, origin, 'widgets');
  await page.evaluate(() => window.bench.tipLatency(1000, 2000));
  const baseline = await page.evaluate((ms) => window.bench.tipLatency(1000, ms, []), seconds * 1000);
  const widgets = await page.evaluate((ms) => window.bench.tipLatency(1000, ms), seconds * 1000);
  // Each widget alone, for attribution (half as long each).
  const tags = await page.evaluate(() => window.bench.tags);
  const alone = [];
  for (const tag of tags) {
    const result = await page.evaluate((ms, name) => window.bench.tipLatency(1000, ms, [name]), (seconds * 1000) / 2, tag);
    alone.push(`${tag.replace('onair-', '')} ${Math.round(percentile(result.latencies, 99) * 10) / 10}`);
  }
  await page.close();
  const round = (value) => Math.round(value * 10) / 10;
  const long = (intervals) => intervals.filter((interval) => interval > 20).length;
  return [
    { figure: 'event → painted DOM, p50 (1,000 tips/s, 5 widgets)', value: round(percentile(widgets.latencies, 50)), unit: 'ms', target: '' },
    { figure: 'event → painted DOM, p99 (1,000 tips/s, 5 widgets)', value: round(percentile(widgets.latencies, 99)), unit: 'ms', target: '≤ 16.7 ms' },
    { figure: 'event → painted DOM, max (1,000 tips/s, 5 widgets)', value: round(Math.max(...widgets.latencies)), unit: 'ms', target: '' },
    { figure: 'baseline: same feed and method, no widgets, p50 / p99', value: `${round(percentile(baseline.latencies, 50))} / ${round(percentile(baseline.latencies, 99))}`, unit: 'ms', target: '' },
    { figure: 'p99 added by the widgets (5 widgets − baseline)', value: round(percentile(widgets.latencies, 99) - percentile(baseline.latencies, 99)), unit: 'ms', target: '' },
    {
      figure: 'frames over 20 ms during the run, 5 widgets / baseline',
      value: `${long(widgets.intervals)} of ${widgets.intervals.length} / ${long(baseline.intervals)} of ${baseline.intervals.length}`,
      unit: 'frames',
      target: '',
    },
    { figure: 'event → painted DOM p99, each widget alone', value: alone.join(', '), unit: 'ms', target: '' },
    { figure: 'tips measured, 5 widgets / baseline', value: `${widgets.tips} / ${baseline.tips}`, unit: 'tips', target: '' },
  ];
}
