import { build } from 'esbuild';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../scripts/chrome-path.mjs';

export const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench', '.out');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css' };

/** Bundles the benchmark pages (production Lit, minified like the shipped bundle) into bench/.out. */
export async function buildPages(entries) {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: entries.map((name) => join(root, 'bench', 'pages', `${name}.ts`)),
    outdir: out,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    splitting: true,
    sourcemap: false,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}

/**
 * Cross-origin isolation: Chromium then coarsens `performance.now()` to 5 µs instead of 100 µs,
 * which per-operation timings need.
 */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Serves bench/.out on 127.0.0.1; every page is a blank HTML shell loading one bundle. */
export async function serve() {
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(ISOLATED)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = url.pathname.match(/^\/([\w-]+)\.html$/);
    if (page) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(`<!doctype html><meta charset="utf-8"><body><script type="module" src="/${page[1]}.js"></script></body>`);
      return;
    }
    const file = normalize(join(out, url.pathname));
    if (!file.startsWith(out) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) };
}

export async function launch() {
  return puppeteer.launch({
    executablePath: chromePath(),
    headless: true,
    args: [...chromeArgs, '--js-flags=--expose-gc', '--window-size=1280,800'],
    defaultViewport: { width: 1280, height: 800 },
  });
}

/** Opens a bench page and waits until it sets `window.benchReady`. */
export async function openPage(browser, origin, name) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error.message));
  await page.goto(`${origin}/${name}.html`);
  await page.waitForFunction('window.benchReady === true', { timeout: 60_000 });
  return page;
}

/** JS heap in use after forcing full garbage collection twice (CDP). */
export async function heapAfterGC(page) {
  const session = await page.createCDPSession();
  await session.send('HeapProfiler.enable');
  for (let i = 0; i < 2; i += 1) await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize;
}

/** Script time so far (CDP Performance.getMetrics, seconds). */
export async function scriptDuration(session) {
  const { metrics } = await session.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0;
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
