import { heapAfterGC, openPage } from '../harness.mjs';

export const pages = ['widgets'];

/** 10,000 mount/unmount cycles of each widget: heap growth after GC and subscriptions left open. */
export async function run({ browser, origin }) {
  const cycles = Number(process.env.BENCH_CYCLES ?? 10_000);
  const page = await openPage(browser, origin, 'widgets');
  const tags = await page.evaluate(() => window.bench.tags);
  const rows = [];
  for (const tag of tags) {
    await page.evaluate((name) => window.bench.churn(name, 200), tag);
    const before = await heapAfterGC(page);
    const live = await page.evaluate((name, count) => window.bench.churn(name, count), tag, cycles);
    const after = await heapAfterGC(page);
    rows.push({
      figure: `${cycles.toLocaleString('en-US')} mount/unmount of <${tag}>: heap growth, live subscriptions`,
      value: `${Math.round(((after - before) / 2 ** 20) * 100) / 100} MiB, ${live}`,
      unit: '',
      target: '< 1 MB, 0',
    });
  }
  await page.close();
  return rows;
}
