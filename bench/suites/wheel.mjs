import { openPage } from '../harness.mjs';

export const pages = ['wheel'];

const KINDS = ['onair', 'spin-wheel'];
const LONG_FRAME_MS = 20;

/**
 * A 12-segment, 5 s, 5-turn spin: <onair-wheel-spinner> against spin-wheel on the same page.
 * Frame intervals come from one rAF timestamp recorder both runs share; main-thread time per frame
 * comes from CDP Performance.getMetrics (ScriptDuration and TaskDuration deltas over the spin ÷
 * recorded frames), minus what the recorder alone costs per frame. Runs alternate, median of
 * BENCH_WHEEL_REPS (default 5) by script time per frame, because the machine is shared.
 */
export async function run({ browser, origin }) {
  const reps = Number(process.env.BENCH_WHEEL_REPS ?? 5);
  const idleSeconds = Number(process.env.BENCH_WHEEL_IDLE_SECONDS ?? 10);
  const page = await openPage(browser, origin, 'wheel');
  const session = await page.createCDPSession();
  await session.send('Performance.enable');
  const metrics = async () => {
    const { metrics: list } = await session.send('Performance.getMetrics');
    const get = (name) => list.find((metric) => metric.name === name)?.value ?? 0;
    return { script: get('ScriptDuration') * 1000, task: get('TaskDuration') * 1000 };
  };
  const measure = async (work) => {
    const before = await metrics();
    const stamps = await work();
    const after = await metrics();
    const frames = Math.max(stamps.length - 1, 1);
    const intervals = stamps.slice(1).map((stamp, i) => stamp - stamps[i]);
    return {
      frames,
      long: intervals.filter((interval) => interval > LONG_FRAME_MS).length,
      worst: Math.max(0, ...intervals),
      script: (after.script - before.script) / frames,
      task: (after.task - before.task) / frames,
    };
  };

  const recorder = await measure(() => page.evaluate(() => window.bench.recordOnly(5000)));
  const runs = { onair: [], 'spin-wheel': [] };
  for (const kind of KINDS) {
    // Warm-up spin (JIT, fonts, first layout), not reported.
    await page.evaluate((name) => window.bench.prepare(name), kind);
    await page.evaluate(() => window.bench.spin(3));
  }
  for (let rep = 0; rep < reps; rep += 1) {
    for (const kind of KINDS) {
      await page.evaluate((name) => window.bench.prepare(name), kind);
      const index = (rep * 5 + 7) % 12;
      const result = await measure(() => page.evaluate((i) => window.bench.spin(i), index));
      runs[kind].push({ ...result, script: result.script - recorder.script, task: result.task - recorder.task });
    }
  }
  const idle = {};
  for (const kind of KINDS) {
    await page.evaluate((name) => window.bench.prepare(name), kind);
    await page.evaluate(() => window.bench.spin(1));
    idle[kind] = await page.evaluate((ms) => window.bench.idleFrames(ms), idleSeconds * 1000);
  }
  await session.detach();
  await page.close();

  const median = (kind) => [...runs[kind]].sort((a, b) => a.script - b.script)[Math.floor(runs[kind].length / 2)];
  const onair = median('onair');
  const baseline = median('spin-wheel');
  const ms = (value) => Math.round(value * 1000) / 1000;
  const perRun = (kind) => runs[kind].map((r) => ms(r.script)).join(', ');
  const longFrames = (kind) => runs[kind].map((r) => r.long).join(', ');
  return [
    { figure: 'wheel spin (12 segments, 5 s): frames over 20 ms, onair (each run)', value: longFrames('onair'), unit: 'frames', target: '0' },
    { figure: 'wheel spin: frames over 20 ms, spin-wheel (each run)', value: longFrames('spin-wheel'), unit: 'frames', target: '' },
    { figure: 'wheel spin: recorder alone for 5 s, frames over 20 ms (machine noise)', value: recorder.long, unit: 'frames', target: '' },
    { figure: 'wheel spin: worst frame interval, onair / spin-wheel', value: `${ms(onair.worst)} / ${ms(baseline.worst)}`, unit: 'ms', target: '' },
    { figure: 'wheel spin: frames recorded, onair / spin-wheel', value: `${onair.frames} / ${baseline.frames}`, unit: 'frames', target: '' },
    { figure: 'wheel spin: main-thread script per frame, onair', value: ms(onair.script), unit: 'ms', target: '' },
    { figure: 'wheel spin: main-thread script per frame, spin-wheel', value: ms(baseline.script), unit: 'ms', target: '' },
    { figure: 'wheel spin: script per frame of each run, onair | spin-wheel', value: `${perRun('onair')} | ${perRun('spin-wheel')}`, unit: 'ms', target: '' },
    { figure: 'wheel spin: script per frame, onair ÷ spin-wheel (medians)', value: ratio(onair.script, baseline.script), unit: '×', target: '≤ 0.5×' },
    { figure: 'wheel spin: all main-thread work per frame, onair / spin-wheel', value: `${ms(onair.task)} / ${ms(baseline.task)}`, unit: 'ms', target: '' },
    { figure: 'wheel spin: all main-thread work per frame, onair ÷ spin-wheel', value: ratio(onair.task, baseline.task), unit: '×', target: '' },
    { figure: 'wheel spin: recorder alone per frame (subtracted above), script / all', value: `${ms(recorder.script)} / ${ms(recorder.task)}`, unit: 'ms', target: '' },
    { figure: `wheel at rest after a spin, ${idleSeconds} s: rAF requests, onair`, value: idle.onair, unit: 'frames', target: '0' },
    { figure: `wheel at rest after a spin, ${idleSeconds} s: rAF requests, spin-wheel`, value: idle['spin-wheel'], unit: 'frames', target: '' },
  ];
}

function ratio(a, b) {
  return b > 0 ? Math.round((a / b) * 100) / 100 : NaN;
}
