import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { root } from '../harness.mjs';

export const pages = [];

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g;

/** A module plus every chunk it statically imports (what a page downloads before it runs). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, specifier] of source.matchAll(STATIC_IMPORT)) {
    if (specifier.startsWith('.')) closure(resolve(dirname(file), specifier), seen);
  }
  return seen;
}

/**
 * Sum over the files of minified, gzipped (level 9) bytes, in kB. Each file goes through esbuild's
 * minifier first: the vite build does not minify library output, and minifying already minified
 * code changes next to nothing, so the figure means "min+gzip" whichever way dist was built.
 */
async function minGzipKB(files) {
  let bytes = 0;
  for (const file of files) {
    const { code } = await transform(readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: 'es2022', loader: 'js' });
    bytes += gzipSync(code, { level: 9 }).length;
  }
  return Math.round(bytes / 102.4) / 10;
}

/** As shipped (no extra minification), gzipped, in kB: to show what the build itself produces. */
const shippedGzipKB = (files) =>
  Math.round([...files].reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0) / 102.4) / 10;

/**
 * Minified + gzipped sizes of the bundle (with the chunks it imports statically; adapters loaded on
 * demand are not counted) and of each widget entry with its shared chunks.
 */
export async function run() {
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const dist = join(root, 'dist');
  const all = closure(join(dist, 'onair.js'));
  const rows = [
    { figure: `dist/onair.js + ${all.size - 1} static chunks, min+gzip (everything)`, value: await minGzipKB(all), unit: 'kB', target: '≤ 25 kB' },
    { figure: 'same files as built (no extra minification), gzip', value: shippedGzipKB(all), unit: 'kB', target: '' },
  ];
  const widgets = join(dist, 'widgets');
  if (existsSync(widgets)) {
    for (const name of readdirSync(widgets).filter((file) => file.endsWith('.js')).sort()) {
      rows.push({
        figure: `dist/widgets/${name} + shared chunks, min+gzip`,
        value: await minGzipKB(closure(join(widgets, name))),
        unit: 'kB',
        target: '≤ 12 kB',
      });
    }
  } else {
    rows.push({ figure: 'one widget alone (dist/widgets/*.js)', value: 'not built yet', unit: '', target: '≤ 12 kB' });
  }
  return rows;
}
