import { median, openPage, percentile, round } from '../harness.mjs';

export const pages = ['widgets'];

/** Kept in step with BATCH_MARK in bench/pages/widgets.ts. */
const BATCH_MARK = 'onair-bench-batch';
const TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * 1,000 tips/s with all five widgets, batches landing at random points of the frame (see
 * `randomPhaseFeed` in bench/pages/widgets.ts), against the same feed with no widget:
 *
 * - frame → painted: from a frame's start (its rAF timestamp, the vsync) to the end of its style,
 *   layout and paint, for every frame that shows new tips. What the widgets add to a frame,
 *   including the rest of a batch task the frame had to wait for.
 * - batch task: the whole task that emits one batch (the tips, every widget's handling, Lit's
 *   renders in its microtasks), from a Chromium trace: the `RunTask` around the batch's mark.
 * - first-frame share: the tips painted by the first frame that began after they arrived, i.e.
 *   no vsync passed between arrival and the painting frame's start.
 * - event → painted (arrival to painted, per tip) for reference: the wait for the next frame is
 *   most of it, so it only means something next to the baseline.
 *
 * After a discarded warm-up, baseline and widget runs alternate BENCH_LATENCY_PAIRS times (default
 * 3, BENCH_LATENCY_SECONDS each, default 8); each figure is the median over the runs, because on a
 * shared machine single runs swing. Tracing runs during every measured run, baseline included.
 */
export async function run({ browser, origin }) {
  const seconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 8);
  const pairs = Number(process.env.BENCH_LATENCY_PAIRS ?? 3);
  const page = await openPage(browser, origin, 'widgets');
  await page.evaluate(() => window.bench.tipLatency(1000, 2000));
  const runs = { baseline: [], widgets: [] };
  for (let i = 0; i < pairs; i += 1) {
    runs.baseline.push(await tracedRun(page, seconds * 1000, null));
    runs.widgets.push(await tracedRun(page, seconds * 1000, undefined));
  }
  // Each widget alone, for attribution (one shorter run each).
  const tags = await page.evaluate(() => window.bench.tags);
  const alone = [];
  for (const tag of tags) {
    const result = await tracedRun(page, (seconds * 1000) / 2, [tag]);
    alone.push(`${tag.replace('onair-', '')} ${round(result.frameToPainted99)} / ${round(result.batchTask99)}`);
  }
  await page.close();

  const med = (kind, field) => median(runs[kind].map((result) => result[field]));
  const each = (kind, field) => runs[kind].map((result) => round(result[field])).join(', ');
  const share = (kind) => Math.round(med(kind, 'firstFrameShare') * 10000) / 10000;
  const tips = (kind) => runs[kind].reduce((sum, result) => sum + result.tips, 0);
  return [
    { key: 'frame-to-painted-p99-ms', figure: 'frame start → painted, p99 of frames showing tips (1,000 tips/s, 5 widgets), median of runs', value: round(med('widgets', 'frameToPainted99')), unit: 'ms', target: '≤ 4 ms' },
    { key: 'batch-task-p99-ms', figure: 'batch task (50 tips, every widget, renders), p99 from the trace, median of runs', value: round(med('widgets', 'batchTask99')), unit: 'ms', target: '≤ 3 ms' },
    { key: 'first-frame-share', figure: 'share of tips painted in the first frame after they arrive, median of runs', value: share('widgets'), unit: '', target: '≥ 0.995' },
    { figure: 'frame → painted p99 / batch task p99 / first-frame share of each run, 5 widgets', value: `${each('widgets', 'frameToPainted99')} / ${each('widgets', 'batchTask99')} / ${runs.widgets.map((r) => r.firstFrameShare.toFixed(4)).join(', ')}`, unit: '', target: '' },
    { figure: 'baseline, no widget: frame → painted p99 / batch task p99 / first-frame share (medians)', value: `${round(med('baseline', 'frameToPainted99'))} ms / ${round(med('baseline', 'batchTask99'))} ms / ${share('baseline')}`, unit: '', target: '' },
    { figure: 'event → painted DOM, p50 / p99, 5 widgets (medians; includes the wait for the next frame)', value: `${round(med('widgets', 'latency50'))} / ${round(med('widgets', 'latency99'))}`, unit: 'ms', target: '' },
    { figure: 'event → painted DOM, p50 / p99, baseline (medians)', value: `${round(med('baseline', 'latency50'))} / ${round(med('baseline', 'latency99'))}`, unit: 'ms', target: '' },
    { figure: 'CPU time (thread time, not preempted time) p99 of the batch task / of the frame task, 5 widgets (medians)', value: `${round(med('widgets', 'batchCpu99'))} / ${round(med('widgets', 'frameCpu99'))}`, unit: 'ms', target: '' },
    { figure: 'same, baseline', value: `${round(med('baseline', 'batchCpu99'))} / ${round(med('baseline', 'frameCpu99'))}`, unit: 'ms', target: '' },
    { figure: 'batch task p50, 5 widgets / baseline (medians)', value: `${round(med('widgets', 'batchTask50'))} / ${round(med('baseline', 'batchTask50'))}`, unit: 'ms', target: '' },
    { figure: 'frames over 20 ms apart per run, 5 widgets / baseline', value: `${each('widgets', 'longFrames')} / ${each('baseline', 'longFrames')}`, unit: 'frames', target: '' },
    { figure: 'frame → painted p99 / batch task p99, each widget alone (one run each)', value: alone.join(', '), unit: 'ms', target: '' },
    { figure: 'tips measured, 5 widgets / baseline', value: `${tips('widgets')} / ${tips('baseline')}`, unit: 'tips', target: '' },
  ];
}

/**
 * One run of `ms` with `tags` (undefined: all five widgets; null: none) under a Chromium trace,
 * reduced to the figures above. "Painted" is the end of the main-thread task that ran the frame's
 * rAF callbacks: that task goes on to the frame's style, layout and paint.
 */
async function tracedRun(page, ms, tags) {
  await page.tracing.start({ categories: TRACE_CATEGORIES });
  const frames = await page.evaluate((duration, names) => window.bench.tipLatency(1000, duration, names ?? undefined), ms, tags === null ? [] : tags);
  const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
  const { batchTasks, batchCpu, taskAround } = mainThread(trace.traceEvents ?? trace);
  const painted = (frame) => taskAround(frame.ran)?.end ?? NaN;
  const vsync = median(frames.slice(1).map((frame, i) => frame.begin - frames[i].begin));
  const shown = frames.filter((frame) => frame.stamps.length > 0 && !Number.isNaN(painted(frame)));
  const latencies = shown.flatMap((frame) => frame.stamps.map((at) => painted(frame) - at));
  // A tip missed its first frame when a whole frame interval passed between its arrival and the
  // start of the frame that painted it (a small allowance for timestamp rounding).
  const late = shown.reduce((sum, frame) => sum + frame.stamps.filter((at) => frame.begin - at > vsync + 0.1).length, 0);
  return {
    tips: latencies.length,
    frameToPainted99: percentile(shown.map((frame) => painted(frame) - frame.begin), 99),
    batchTask50: percentile(batchTasks, 50),
    batchTask99: percentile(batchTasks, 99),
    batchCpu99: percentile(batchCpu, 99),
    frameCpu99: percentile(shown.map((frame) => taskAround(frame.ran)?.cpu ?? NaN).filter((cpu) => !Number.isNaN(cpu)), 99),
    firstFrameShare: latencies.length > 0 ? 1 - late / latencies.length : NaN,
    latency50: percentile(latencies, 50),
    latency99: percentile(latencies, 99),
    longFrames: frames.slice(1).filter((frame, i) => frame.begin - frames[i].begin > 20).length,
  };
}

/**
 * The page's main-thread tasks from a trace, in the page's `performance.now()` time (the batch
 * marks carry both clocks): the durations of the tasks holding a batch mark, and a lookup of the
 * task running at a given moment.
 */
function mainThread(events) {
  const marks = events.filter((event) => event.name === BATCH_MARK).sort((a, b) => a.ts - b.ts);
  if (marks.length === 0) return { batchTasks: [], batchCpu: [], taskAround: () => undefined };
  const { pid, tid } = marks[0];
  const offset = marks[0].ts / 1000 - marks[0].args.data.startTime;
  const tasks = events
    .filter((event) => event.name === 'RunTask' && event.ph === 'X' && event.pid === pid && event.tid === tid)
    .map((event) => ({ start: event.ts / 1000 - offset, end: (event.ts + event.dur) / 1000 - offset, cpu: (event.tdur ?? event.dur) / 1000 }))
    .sort((a, b) => a.start - b.start);
  const taskAround = (time) => {
    let lo = 0;
    let hi = tasks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tasks[mid].start <= time) lo = mid + 1;
      else hi = mid;
    }
    const task = tasks[lo - 1];
    return task && task.end >= time ? task : undefined;
  };
  const batches = marks.map((mark) => taskAround(mark.ts / 1000 - offset)).filter(Boolean);
  return { batchTasks: batches.map((task) => task.end - task.start), batchCpu: batches.map((task) => task.cpu), taskAround };
}
