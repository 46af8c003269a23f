import { openPage, percentile } from '../harness.mjs';

export const pages = ['widgets'];

/**
 * Event → painted DOM with all five widgets mounted and the demo feed at 1,000 tips/s (the demo
 * emits them in 50 ms batches of 50), against the same feed and measurement with no widget. The
 * floor of this method is the wait for the next frame (0–16.7 ms) plus the frame's own work, so
 * the no-widget baseline is the number to compare with. After a discarded warm-up, baseline and
 * widget runs alternate BENCH_LATENCY_PAIRS times (default 3, BENCH_LATENCY_SECONDS each, default 8);
 * the table gives the median of the runs' p99s, because on a shared machine single runs swing.
 */
export async function run({ browser, origin }) {
  const seconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 8);
  const pairs = Number(process.env.BENCH_LATENCY_PAIRS ?? 3);
  const page = await openPage(browser, origin, 'widgets');
  await page.evaluate(() => window.bench.tipLatency(1000, 2000));
  const runs = { baseline: [], widgets: [] };
  for (let i = 0; i < pairs; i += 1) {
    runs.baseline.push(await page.evaluate((ms) => window.bench.tipLatency(1000, ms, []), seconds * 1000));
    runs.widgets.push(await page.evaluate((ms) => window.bench.tipLatency(1000, ms), seconds * 1000));
  }
  // Each widget alone, for attribution (one shorter run each).
  const tags = await page.evaluate(() => window.bench.tags);
  const alone = [];
  for (const tag of tags) {
    const result = await page.evaluate((ms, name) => window.bench.tipLatency(1000, ms, [name]), (seconds * 1000) / 2, tag);
    alone.push(`${tag.replace('onair-', '')} ${round(percentile(result.latencies, 99))}`);
  }
  await page.close();

  const p = (kind, q) => runs[kind].map((result) => percentile(result.latencies, q));
  const each = (values) => values.map(round).join(', ');
  const long = (kind) => runs[kind].map(({ intervals }) => `${intervals.filter((interval) => interval > 20).length}/${intervals.length}`).join(', ');
  const added = runs.widgets.map((result, i) => percentile(result.latencies, 99) - percentile(runs.baseline[i].latencies, 99));
  const tips = (kind) => runs[kind].reduce((sum, result) => sum + result.tips, 0);
  return [
    { figure: 'event → painted DOM, p50 (1,000 tips/s, 5 widgets), median of runs', value: round(median(p('widgets', 50))), unit: 'ms', target: '' },
    { figure: 'event → painted DOM, p99 (1,000 tips/s, 5 widgets), median of runs', value: round(median(p('widgets', 99))), unit: 'ms', target: '≤ 16.7 ms' },
    { figure: 'event → painted DOM, p99 of each run, 5 widgets', value: each(p('widgets', 99)), unit: 'ms', target: '' },
    { figure: 'baseline: same feed and method, no widgets, p50 / p99 (medians)', value: `${round(median(p('baseline', 50)))} / ${round(median(p('baseline', 99)))}`, unit: 'ms', target: '' },
    { figure: 'baseline: p99 of each run', value: each(p('baseline', 99)), unit: 'ms', target: '' },
    { figure: 'p99 added by the widgets (widgets − baseline of the same pair), median', value: round(median(added)), unit: 'ms', target: '' },
    { figure: 'frames over 20 ms per run, 5 widgets', value: long('widgets'), unit: 'frames', target: '' },
    { figure: 'frames over 20 ms per run, baseline', value: long('baseline'), unit: 'frames', target: '' },
    { figure: 'event → painted DOM p99, each widget alone (one run each)', value: alone.join(', '), unit: 'ms', target: '' },
    { figure: 'tips measured, 5 widgets / baseline', value: `${tips('widgets')} / ${tips('baseline')}`, unit: 'tips', target: '' },
  ];
}

const round = (value) => Math.round(value * 10) / 10;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
