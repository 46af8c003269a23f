import { heapAfterGC, openPage } from '../harness.mjs';

export const pages = ['widgets'];

/** 1,000,000 events through every widget: heap growth after GC, against a warmed-up baseline. */
export async function run({ browser, origin }) {
  const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const page = await openPage(browser, origin, 'widgets');
  await page.evaluate(() => window.bench.mount({ rate: '0', 'viewer-interval': '0' }));
  await page.evaluate(() => window.bench.flood(20_000));
  const before = await heapAfterGC(page);
  const started = Date.now();
  await page.evaluate((count) => window.bench.flood(count), total);
  const seconds = (Date.now() - started) / 1000;
  const after = await heapAfterGC(page);
  await page.close();
  return [
    { figure: `${total.toLocaleString('en-US')} events through all widgets: heap growth after GC`, value: round((after - before) / 2 ** 20), unit: 'MiB', target: '< 2 MB' },
    { figure: 'events per second through all widgets (same run)', value: Math.round(total / seconds), unit: 'events/s', target: '' },
  ];
}

const round = (value) => Math.round(value * 100) / 100;
