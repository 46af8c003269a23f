import { execFileSync } from 'node:child_process';
import { BUDGETS, measure } from '../../scripts/sizes.mjs';
import { root } from '../harness.mjs';

export const pages = [];

/**
 * What a page downloads, gzip -9 of the built files (scripts/sizes.mjs, the same figures
 * `npm run check-dist` holds to its budgets): the entry, the smallest real page, a page with one host
 * and every widget, and one host with the largest widget through the per-widget entries.
 */
export async function run() {
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const figures = {
    'entry-gz-kb': 'the entry a page loads first (dist/onair.js + static imports)',
    'smallest-page-gz-kb': 'the smallest real page: the provider, the viewer counter and the demo adapter through dist/widgets/ entries',
    'one-host-page-gz-kb': 'a page with one host and all widgets: everything it downloads',
    'one-widget-gz-kb': 'one host + the largest widget through dist/widgets/ entries',
  };
  return measure().map(({ key, kB, detail }) => ({ key, figure: `${figures[key]} (${detail})`, value: kB, unit: 'kB', target: `≤ ${BUDGETS[key].target} kB` }));
}
