import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
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

const gzipKB = (files) =>
  Math.round([...files].reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0) / 102.4) / 10;

/** Minified + gzipped sizes of the shipped bundle and of each widget entry with its shared chunks. */
export async function run() {
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const dist = join(root, 'dist');
  const rows = [{ figure: 'dist/onair.js min+gzip (everything)', value: gzipKB([join(dist, 'onair.js')]), unit: 'kB', target: '≤ 25 kB' }];
  const widgets = join(dist, 'widgets');
  if (existsSync(widgets)) {
    for (const name of readdirSync(widgets).filter((file) => file.endsWith('.js')).sort()) {
      rows.push({
        figure: `dist/widgets/${name} + shared chunks, min+gzip`,
        value: gzipKB(closure(join(widgets, name))),
        unit: 'kB',
        target: '≤ 12 kB',
      });
    }
  }
  return rows;
}
