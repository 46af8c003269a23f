import { openPage } from '../harness.mjs';

export const pages = ['widgets'];

/**
 * An idle page with all five widgets (no events, demo viewer walk off): requestAnimationFrame calls
 * (counted by wrapping window.requestAnimationFrame after a 2 s settle), running animations at the
 * end, and what the renderer did meanwhile (CDP Performance.getMetrics deltas): style recalcs,
 * layouts and main-thread script time. CSS animations never call rAF; the last two catch them.
 */
export async function run({ browser, origin }) {
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  const page = await openPage(browser, origin, 'widgets');
  await page.evaluate(() => window.bench.idleMount());
  const session = await page.createCDPSession();
  await session.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await session.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
  const before = await metrics();
  const { requested, animations } = await page.evaluate((ms) => window.bench.idleFrames(ms), seconds * 1000);
  const after = await metrics();
  await session.detach();
  await page.close();
  const delta = (name) => after[name] - before[name];
  return [
    { figure: `idle page, no events for ${seconds} s: animation frames requested`, value: requested, unit: 'frames', target: '0' },
    { figure: 'idle page: animations still running at the end', value: animations, unit: '', target: '0' },
    { figure: 'idle page: style recalcs / layouts in the idle period', value: `${delta('RecalcStyleCount')} / ${delta('LayoutCount')}`, unit: '', target: '' },
    { figure: 'idle page: main-thread script time in the idle period', value: Math.round(delta('ScriptDuration') * 10000) / 10, unit: 'ms', target: '' },
  ];
}
