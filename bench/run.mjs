// `npm run bench`: builds the benchmark pages, drives the local Chromium through the DevTools
// protocol, prints one table and writes bench/results.json. Figures, not assertions.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildPages, launch, root, serve } from './harness.mjs';

const suites = (process.env.BENCH_ONLY ?? 'size,latency,wheel,memory,mount,leaderboard,idle,alerts,tips').split(',');
const modules = {
  size: './suites/size.mjs',
  latency: './suites/latency.mjs',
  wheel: './suites/wheel.mjs',
  memory: './suites/memory.mjs',
  mount: './suites/mount.mjs',
  leaderboard: './suites/leaderboard.mjs',
  idle: './suites/idle.mjs',
  alerts: './suites/alerts.mjs',
  tips: './suites/tips.mjs',
};

const loaded = await Promise.all(suites.map(async (name) => ({ name, ...(await import(modules[name])) })));
await buildPages([...new Set(loaded.flatMap((suite) => suite.pages ?? []))]);
const server = await serve();
const browser = await launch();
const chromium = await browser.version();
const rows = [];
try {
  for (const suite of loaded) {
    process.stderr.write(`bench: ${suite.name}…\n`);
    for (const row of await suite.run({ browser, origin: server.origin })) rows.push({ suite: suite.name, ...row });
  }
} finally {
  await browser.close();
  await server.close();
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  chromium,
  at: new Date().toISOString(),
};
console.table(rows.map(({ figure, value, unit, target }) => ({ figure, value: `${value} ${unit}`, target })));

/** A partial run (BENCH_ONLY) replaces only its own suites' rows in results.json. */
async function previousRows() {
  if (!process.env.BENCH_ONLY) return [];
  try {
    const previous = JSON.parse(await readFile(resultsFile, 'utf8'));
    return previous.rows.filter((row) => row.suite && !suites.includes(row.suite));
  } catch {
    return [];
  }
}

const resultsFile = join(root, 'bench', 'results.json');
const order = Object.keys(modules);
const merged = [...(await previousRows()), ...rows].sort((a, b) => order.indexOf(a.suite) - order.indexOf(b.suite));
await writeFile(resultsFile, `${JSON.stringify({ machine, rows: merged }, null, 2)}\n`);
console.log(`bench: wrote bench/results.json (${machine.cpu}, ${machine.cores} cores)`);
