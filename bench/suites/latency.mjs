import { openPage, percentile } from '../harness.mjs';

export const pages = ['widgets'];

/** Event → painted DOM with all five widgets mounted and the demo feed at 1,000 tips/s. */
export async function run({ browser, origin }) {
  const page = await openPage(browser, origin, 'widgets');
  const seconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 5);
  const baseline = await page.evaluate((ms) => window.bench.tipLatency(1000, ms, []), seconds * 1000);
  const { latencies, tips } = await page.evaluate((ms) => window.bench.tipLatency(1000, ms), seconds * 1000);
  await page.close();
  const round = (value) => Math.round(value * 10) / 10;
  return [
    { figure: 'baseline: same feed, no widgets, p99', value: round(percentile(baseline.latencies, 99)), unit: 'ms', target: '' },
    { figure: 'event → painted DOM, p50 (1,000 tips/s, 5 widgets)', value: round(percentile(latencies, 50)), unit: 'ms', target: '' },
    { figure: 'event → painted DOM, p99 (1,000 tips/s, 5 widgets)', value: round(percentile(latencies, 99)), unit: 'ms', target: '≤ 16.7 ms' },
    { figure: 'tips measured', value: tips, unit: 'tips', target: '' },
  ];
}
