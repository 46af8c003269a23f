import { openPage } from '../harness.mjs';

export const pages = ['widgets'];

/** An idle page with all five widgets: animation frames requested while nothing happens. */
export async function run({ browser, origin }) {
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  const page = await openPage(browser, origin, 'widgets');
  const frames = await page.evaluate((ms) => window.bench.idleFrames(ms), seconds * 1000);
  await page.close();
  return [{ figure: `idle page, no events for ${seconds} s: animation frames requested`, value: frames, unit: 'frames', target: '0' }];
}
