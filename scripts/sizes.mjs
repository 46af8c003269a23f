/**
 * What a page downloads, from the built files in dist/ (gzip -9 of each file as shipped: the build
 * minifies them), shared by the size budgets of `npm run check-dist` and the bench's size suite.
 * Chunks are told apart by the names scripts/build.mjs gives them (`host-*`, `lang-*`, `widget-*`),
 * so a new adapter or widget is counted without a change here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');

/**
 * Budgets in kB (1024 bytes) of gzip -9, keyed like the rows of bench/results.json. `target` is the
 * goal. A figure that does not meet it yet has a `ceiling` (its size when last measured, rounded
 * up): above the ceiling the check fails, so it can only shrink; lower the ceiling as it does, and
 * drop it once the target is met.
 */
export const BUDGETS = {
  'entry-gz-kb': { target: 20 },
  'smallest-page-gz-kb': { target: 20, ceiling: 23.1 },
  'one-widget-gz-kb': { target: 36, ceiling: 45.2 },
  'one-host-page-gz-kb': { target: 56, ceiling: 81.7 },
};

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`]([^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g;

/** `file` and every file it imports statically, recursively: what loads before it runs. */
export function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    if (specifier.startsWith('.')) closure(resolve(dirname(file), specifier), seen);
  }
  return seen;
}

/** The files `file` may load later (its `import()`s), resolved. */
function dynamicImports(file) {
  return [...readFileSync(file, 'utf8').matchAll(DYNAMIC_IMPORT)].map(([, specifier]) => resolve(dirname(file), specifier));
}

const gzipBytes = new Map();
/** Sum of each file's gzip -9 size, in kB with one decimal. */
export function gzipKB(files) {
  let bytes = 0;
  for (const file of files) {
    if (!gzipBytes.has(file)) gzipBytes.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
    bytes += gzipBytes.get(file);
  }
  return Math.round(bytes / 102.4) / 10;
}

const kind = (file, prefix) => basename(file).startsWith(`${prefix}-`);

/** The chunks `entry` can load on demand (through itself or anything it loads), by kind. */
function lazyChunks(entry) {
  const found = new Set();
  const visit = (file) => {
    for (const loaded of closure(file)) {
      for (const chunk of dynamicImports(loaded)) {
        if (found.has(chunk)) continue;
        found.add(chunk);
        visit(chunk);
      }
    }
  };
  visit(entry);
  return [...found];
}

/** The largest download among `pages`, each a set of files; `[kB, label]`. */
function largest(pages) {
  return pages.map(([label, files]) => [gzipKB(files), label]).sort((a, b) => b[0] - a[0])[0] ?? [NaN, 'none'];
}

const union = (...sets) => new Set(sets.flatMap((set) => [...set]));

/** Widget entries of the per-widget build: dist/widgets/<name>.js for each components/<name>/<name>.ts. */
function widgetFiles(dist) {
  const folder = join(dist, 'widgets');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.slice(0, -3))
    .filter((name) => name !== 'platform' && existsSync(join(root, 'components', name, `${name}.ts`)))
    .map((name) => join(folder, `${name}.js`));
}

/**
 * The budgeted figures, each `{ key, kB, detail }`:
 * - entry: dist/onair.js and what it imports statically.
 * - smallest page: the provider, the viewer counter and the demo adapter through dist/widgets/, with
 *   their static imports: the least a real page downloads.
 * - one host page: that, every widget chunk it loads on first use, and one host adapter (the
 *   largest); languages other than English are not counted.
 * - one widget: dist/widgets/platform.js (the provider), one widget entry and one host adapter,
 *   with their static imports; the largest widget and adapter.
 */
export function measure(dist = join(root, 'dist')) {
  const entry = join(dist, 'onair.js');
  const entryFiles = closure(entry);
  const lazy = lazyChunks(entry);
  const widgetChunks = union(...lazy.filter((file) => kind(file, 'widget')).map((file) => closure(file)));
  const hosts = (chunks) => chunks.filter((file) => kind(file, 'host'));
  const pages = hosts(lazy).map((host) => [basename(host).replace(/-[\w-]{8}\.js$/, ''), union(entryFiles, widgetChunks, closure(host))]);
  const [pageKB, pageHost] = largest(pages);

  const provider = join(dist, 'widgets', 'platform.js');
  const widgetPages = [];
  if (existsSync(provider)) {
    const providerFiles = closure(provider);
    const widgetHosts = hosts(lazyChunks(provider));
    for (const widget of widgetFiles(dist)) {
      for (const host of widgetHosts) widgetPages.push([`${basename(widget)} + ${basename(host)}`, union(providerFiles, closure(widget), closure(host))]);
    }
  }
  const [widgetKB, widgetLabel] = largest(widgetPages);
  const smallest = widgetPages.find(([label]) => label.startsWith('viewer-counter.js + host-demo-'));
  return [
    { key: 'entry-gz-kb', kB: gzipKB(entryFiles), detail: `dist/onair.js + ${entryFiles.size - 1} static chunks` },
    {
      key: 'smallest-page-gz-kb',
      kB: smallest ? gzipKB(smallest[1]) : NaN,
      detail: smallest ? `widgets/platform.js + ${smallest[0]}, with static imports: ${[...smallest[1]].map((file) => `${basename(file)} ${gzipKB([file])}`).join(', ')}` : 'no viewer counter or demo adapter in dist/widgets/',
    },
    {
      key: 'one-host-page-gz-kb',
      kB: pageKB,
      detail: `entry + ${widgetChunks.size} widget chunks + ${pageHost}; by host: ${pages.map(([host, files]) => `${host.replace('host-', '')} ${gzipKB(files)}`).join(', ')}`,
    },
    { key: 'one-widget-gz-kb', kB: widgetKB, detail: `widgets/platform.js + ${widgetLabel}, with static imports` },
  ];
}

/**
 * The budget check: `problems` (over the target, or over the ceiling where there is one) fail the
 * build; `misses` are figures still between their target and ceiling.
 */
export function checkBudgets(dist) {
  const problems = [];
  const misses = [];
  for (const { key, kB, detail } of measure(dist)) {
    const { target, ceiling = target } = BUDGETS[key];
    if (!(kB <= ceiling)) problems.push(`size budget ${key}: ${kB} kB > ${ceiling} kB (${detail}; gzip -9)`);
    else if (kB > target) misses.push(`${key} ${kB} kB (target ${target} kB, ceiling ${ceiling} kB)`);
  }
  return { problems, misses };
}
