import { median, openPage, percentile } from '../harness.mjs';

export const pages = ['leaderboard'];

/**
 * The leaderboard with 100,000 contributors, in the browser: TipAggregator cost per new tip (mean
 * over the loop, and p99 of single adds timed one by one) and per top-10 read, against a naive
 * aggregator (a Map of totals sorted on every read) in the same run; then <onair-leaderboard>'s
 * re-render after a tip (tip → updateComplete), with 100,000 and with 10 contributors behind it:
 * each case BENCH_LEADERBOARD_ROUNDS times (default 3), the median of the rounds' means and p99s.
 * The keyed figure is the worst of the three 100,000-contributor cases.
 */
export async function run({ browser, origin }) {
  const contributors = Number(process.env.BENCH_CONTRIBUTORS ?? 100_000);
  const adds = 50_000;
  const page = await openPage(browser, origin, 'leaderboard');
  const resolution = await page.evaluate(() => window.bench.timerResolution());
  const onair = await page.evaluate((n, a) => window.bench.aggregator('onair', n, a, 2000), contributors, adds).then(summarize);
  const rolling = await page.evaluate((n, a) => window.bench.aggregator('onair-1d', n, a, 2000), contributors, adds).then(summarize);
  const naive = await page.evaluate((n, a) => window.bench.aggregator('naive', n, a, 20), contributors, adds).then(summarize);
  const rounds = Number(process.env.BENCH_LEADERBOARD_ROUNDS ?? 3);
  const raw = {};
  const cases = [['big', contributors, 'other'], ['big-leader', contributors, 'leader'], ['big-reorder', contributors, 'reorder'], ['small-leader', 10, 'leader'], ['small-reorder', 10, 'reorder']];
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, n, who] of cases) {
      (raw[name] ??= []).push(await page.evaluate((count, w) => window.bench.element(count, 200, w), n, who));
    }
  }
  await page.close();

  const us = (ms) => Math.round(ms * 1000 * 100) / 100;
  const n = contributors.toLocaleString('en-US');
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const ms = (value) => Math.round(value * 1000) / 1000;
  const p99 = (name) => median(raw[name].map((times) => percentile(times, 99)));
  const render = Object.fromEntries(Object.keys(raw).map((name) => [name, `${ms(median(raw[name].map(mean)))} / ${ms(p99(name))}`]));
  const worst = Math.max(p99('big'), p99('big-leader'), p99('big-reorder'));
  return [
    { figure: `leaderboard, ${n} contributors: TipAggregator per new tip, mean (session window)`, value: us(onair.addMean), unit: 'µs', target: '≤ 0.1 ms' },
    { figure: `leaderboard: TipAggregator per new tip, p99 of single adds (timer ${us(resolution)} µs)`, value: us(onair.addP99), unit: 'µs', target: '≤ 0.1 ms' },
    { figure: 'leaderboard: TipAggregator per new tip, max single add', value: us(onair.addMax), unit: 'µs', target: '' },
    { figure: 'leaderboard: TipAggregator top-10 read, mean (session / 1d window)', value: `${us(onair.readMean)} / ${us(rolling.readMean)}`, unit: 'µs', target: '≤ 1 ms' },
    { figure: 'leaderboard: naive Map + sort baseline, per tip / top-10 read', value: `${us(naive.addMean)} µs / ${ms(naive.readMean)}`, unit: 'ms', target: '' },
    { figure: 'leaderboard: top-10 read, naive ÷ TipAggregator', value: Math.round(naive.readMean / onair.readMean), unit: '×', target: '' },
    { key: 'leaderboard-update-p99-ms', figure: `<onair-leaderboard> top 10, ${n} contributors: tip → updateComplete p99, worst case below`, value: ms(worst), unit: 'ms', target: '≤ 1 ms' },
    { figure: `<onair-leaderboard> top 10, ${n} contributors: tip → updateComplete, mean / p99`, value: render.big, unit: 'ms', target: '≤ 1 ms' },
    { figure: '<onair-leaderboard>: same, tip to the leader (row text changes), mean / p99', value: render['big-leader'], unit: 'ms', target: '≤ 1 ms' },
    { figure: '<onair-leaderboard>: same, tip reorders the top 10 (FLIP slides), mean / p99', value: render['big-reorder'], unit: 'ms', target: '≤ 1 ms' },
    { figure: '<onair-leaderboard>: 10 contributors (baseline), tip to the leader, mean / p99', value: render['small-leader'], unit: 'ms', target: '' },
    { figure: '<onair-leaderboard>: 10 contributors (baseline), reordering tip, mean / p99', value: render['small-reorder'], unit: 'ms', target: '' },
  ];
}

function summarize({ add, read }) {
  return { addMean: add.mean, addP99: percentile(add.each, 99), addMax: Math.max(...add.each), readMean: read.mean };
}
