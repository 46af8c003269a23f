/**
 * Compiles small consumer projects with `tsc` against the built package (run `npm run build`
 * first): one in plain TypeScript, one in React 19 TSX. They live in a temporary folder whose
 * node_modules links to this package, as an installed `onair` would. `@ts-expect-error` lines
 * prove the types are checked, not `any`: if one stops erroring, tsc fails on it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
let project;

const PLAIN = `
import { createPlatform, detectPlatform, setMessages, type Platform } from 'onair/api';
import 'onair/widgets/leaderboard';
import type { OnAirLeaderboardElement } from 'onair/widgets/leaderboard';
// The entry defines each widget on first use, so it exports widget classes as types only; the
// class itself comes from the widget's own entry.
import type { OnAirTipMenuElement as TipMenuType } from 'onair';
import { OnAirTipMenuElement } from 'onair/widgets/tip-menu';

setMessages('de', { boardEmpty: 'Noch keine Tipps.' });
// @ts-expect-error: not a message id
setMessages('de', { noSuchMessage: 'x' });
const platform: Promise<Platform> = createPlatform(detectPlatform({ search: location.search }));

const board: OnAirLeaderboardElement = document.createElement('onair-leaderboard');
board.limit = 5;
board.window = '7d';
// @ts-expect-error: not a leaderboard window
board.window = '8d';
const menu = document.querySelector('onair-tip-menu');
if (menu instanceof OnAirTipMenuElement) menu.sort = 'price';
const typed: TipMenuType | null = menu;

// Listening on document and window, as the README recommends: detail is typed.
document.addEventListener('onair-tip-success', (event) => console.log(event.detail.item.label.toUpperCase()));
window.addEventListener('onair-rank-change', (event) => console.log(event.detail.to + 1));
board.addEventListener('onair-rank-change', (event) => console.log(event.detail.name));
// @ts-expect-error: no such detail field
document.addEventListener('onair-tip-error', (event) => event.detail.nope);
const milestone: OnAirEventMap['onair-milestone']['detail'] = { milestone: 100, total: 120 };
export { board, milestone, platform, typed };
`;

const REACT = `
import type {} from 'onair/react';
import { useState } from 'react';

export function Overlay() {
  const [rank, setRank] = useState(0);
  return (
    <onair-platform platform="demo" seed="7">
      <onair-viewer-counter notation="compact" milestones="100,500" />
      <onair-leaderboard window="7d" limit={5} ononair-rank-change={(event) => setRank(event.detail.to)} />
      <onair-tip-menu sort="price" ononair-tip-success={(event) => console.log(event.detail.item.label, rank)} />
      <onair-wheel-spinner duration={4000} show-history hide-button />
      <onair-status-pill message="Back at 9" floating={false} className="pill" />
      {/* @ts-expect-error: not a leaderboard window */}
      <onair-leaderboard window="8d" />
      {/* @ts-expect-error: limit is a number */}
      <onair-leaderboard limit={[5]} />
    </onair-platform>
  );
}
`;

function link(target, path) {
  mkdirSync(join(path, '..'), { recursive: true });
  symlinkSync(target, path, 'dir');
}

function tsc(config) {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(config, null, 2));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return `${error.stdout}${error.stderr}`;
  }
}

const compilerOptions = {
  strict: true,
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  noEmit: true,
  types: [],
  skipLibCheck: true,
};

describe('the package types in a consumer project', () => {
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'onair-consumer-'));
    link(root, join(project, 'node_modules/onair'));
    link(join(root, 'node_modules/@types/react'), join(project, 'node_modules/@types/react'));
    link(join(root, 'node_modules/csstype'), join(project, 'node_modules/csstype'));
    writeFileSync(join(project, 'plain.ts'), PLAIN);
    writeFileSync(join(project, 'app.tsx'), REACT);
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  it('type-checks plain TypeScript: entries, the API alone, events on document and window', () => {
    assert.equal(tsc({ compilerOptions, files: ['plain.ts'] }), '');
  });

  it('type-checks React 19 JSX with every tag, attribute and event', () => {
    assert.equal(tsc({ compilerOptions: { ...compilerOptions, jsx: 'react-jsx' }, files: ['app.tsx'] }), '');
  });

  it('compiles our own declarations without skipLibCheck', () => {
    const output = tsc({ compilerOptions: { ...compilerOptions, skipLibCheck: false, jsx: 'react-jsx' }, files: ['plain.ts', 'app.tsx'] });
    // Only our files count: third-party declarations are theirs to fix.
    assert.deepEqual(output.split('\n').filter((line) => line.includes('node_modules/onair/')), []);
  });
});
