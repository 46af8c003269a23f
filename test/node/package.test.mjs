/**
 * What `npm pack` would publish (run `npm run build` first): everything the README tells people to
 * use, every `exports` target, and nothing of the sources or tests.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
let files;

/** Export targets as paths, `*` patterns as prefixes. */
function exportTargets(exports) {
  return Object.values(exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
}

describe('npm pack file list', () => {
  before(() => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const [report] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    files = report.files.map((file) => file.path);
  });

  it('ships the bundles, the OBS page, the StreamNook plugin, types and editor data', () => {
    const expected = [
      'dist/onair.js',
      'dist/onair.iife.js',
      'dist/streamnook-plugin.js',
      'dist/widgets/api.js',
      'dist/widgets/platform.js',
      'dist/obs/index.html',
      'dist/obs/obs.js',
      'dist/obs/obs.css',
      'dist/obs/settings.js',
      'dist/types/components/index.d.ts',
      'dist/types/components/api.d.ts',
      'dist/types/jsx.d.ts',
      'dist/custom-elements.json',
      'dist/vscode.html-custom-data.json',
      'dist/web-types.json',
      'README.md',
      'package.json',
    ];
    assert.deepEqual(expected.filter((file) => !files.includes(file)), []);
  });

  it('ships one entry and its typings per widget', () => {
    const widgets = files.filter((file) => /^dist\/widgets\/[\w-]+\.js$/.test(file)).map((file) => file.slice('dist/widgets/'.length, -3));
    assert.ok(widgets.length >= 7, `widget entries: ${widgets}`);
    for (const name of widgets) assert.ok(files.includes(`dist/widgets/${name}.d.ts`), `dist/widgets/${name}.d.ts`);
  });

  it('has a file behind every exports target and package field', () => {
    const targets = [...exportTargets(pkg.exports), pkg.module, pkg.types, pkg.customElements, pkg['web-types']].map((target) => target.replace(/^\.\//, ''));
    for (const target of targets) {
      const found = target.includes('*') ? files.some((file) => file.startsWith(target.slice(0, target.indexOf('*')))) : files.includes(target);
      assert.ok(found, `${target} is not in the tarball`);
    }
  });

  it('ships every dist/ file the README names (except the repository-only gallery build)', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    const named = [...new Set(readme.match(/dist\/[\w./<>*-]+/g))]
      .map((path) => path.replace(/[.)]+$/, ''))
      .filter((path) => !path.startsWith('dist/demo'));
    for (const path of named) {
      const prefix = path.split(/[<*]/)[0];
      assert.ok(files.some((file) => file === path || file.startsWith(prefix.endsWith('/') ? prefix : `${prefix}`)), `README names ${path}`);
    }
  });

  it('leaves out sources, tests and the gallery', () => {
    assert.deepEqual(files.filter((file) => /^(components|platform|test|demo|bench|scripts)\//.test(file) || file.startsWith('dist/demo/')), []);
  });
});
