/**
 * The layering rules of ARCHITECTURE.md, checked on the source files themselves (read through the
 * `source-files` server command, test/servers/source-files.mjs):
 * - no widget source names a host or the `no-host` state: display names come from
 *   `platform.label`, "is there a host" from `OnAirElement.hostless` / `hostState`;
 * - `platform/` imports nothing from `components/`;
 * - every adapter class (`platform/<host>/<host>-platform.ts`) is at most 300 lines: its jobs live
 *   in modules beside it;
 * - no import circle among the sources of `components/`, `platform/` and `demo/` except the one
 *   between the English messages and the translations (`setMessages` loads a language lazily, and
 *   each language's table is typed by the English one).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PLATFORM_NAMES } from '../platform/detect.js';
import { PLATFORM_LABELS } from '../platform/model.js';

interface SourceFile {
  path: string;
  text: string;
}

const sourceFiles = (dir: string, ext?: string) => executeServerCommand('source-files', { dir, ext }) as Promise<SourceFile[]>;
const isTest = (path: string) => /\.test\.ts$/.test(path);

/** Folders under components/ that are not widgets: the provider and the StreamNook plugin (an app). */
const NOT_WIDGETS = ['components/platform/', 'components/streamnook-plugin/'];

/**
 * Host names as words: every platform's name and label (so a new host is covered), written with or
 * without separators (`Streamer.bot`, `streamerbot`, `Streamer bot`). The demo is onair's own feed
 * and OBS is where overlays run, not a host: widgets' comments may say why they suit OBS.
 */
const HOST_WORDS = [...new Set(PLATFORM_NAMES.filter((name) => name !== 'demo' && name !== 'no-host').flatMap((name) => [name, PLATFORM_LABELS[name]]).map(squash))];

function squash(text: string): string {
  return text.toLowerCase().replace(/[\s._-]/g, '');
}

/** `path:line: word` for each host name or `no-host` in `text`. */
function hostMentions({ path, text }: SourceFile): string[] {
  return text.split('\n').flatMap((line, i) => {
    const words = HOST_WORDS.filter((word) => squash(line).includes(word));
    if (/no-host/i.test(line)) words.push('no-host');
    return words.map((word) => `${path}:${i + 1}: ${word}`);
  });
}

/** `path: specifier` for each import (static, side-effect, re-export or dynamic) of `text` that lands in components/. */
function componentImports({ path, text }: SourceFile): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g)].map((match) => match[1]);
  return specifiers.filter((specifier) => specifier.startsWith('.') && new URL(specifier, `file:///${path}`).pathname.startsWith('/components/')).map((specifier) => `${path}: ${specifier}`);
}

/** The one allowed circle: the message tables (components/shared/messages.ts and messages/*.ts). */
const ALLOWED_CIRCLE = /^components\/shared\/messages(\.ts$|\/)/;

/** The repository paths `path` imports (static, type-only, re-export or dynamic), `.js` read as `.ts`. */
function localImports({ path, text }: SourceFile, known: ReadonlySet<string>): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g)].map((match) => match[1]).filter((specifier) => specifier.startsWith('.'));
  const targets = specifiers.map((specifier) => new URL(specifier, `file:///${path}`).pathname.slice(1).replace(/\.js$/, '.ts'));
  return [...new Set(targets.filter((target) => known.has(target)))];
}

/** Each import circle (a strongly connected group of two or more files, Tarjan), its paths sorted. */
function importCircles(files: readonly SourceFile[]): string[][] {
  const known = new Set(files.map(({ path }) => path));
  const edges = new Map(files.map((file) => [file.path, localImports(file, known)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) circles.push(group.sort());
  };
  for (const { path } of files) if (!index.has(path)) visit(path);
  return circles;
}

describe('Layers', () => {
  it('no widget source names a host or the no-host state', async () => {
    const files = (await sourceFiles('components')).filter(({ path }) => path.endsWith('.ts') && !isTest(path) && !NOT_WIDGETS.some((dir) => path.startsWith(dir)));
    expect(files.map(({ path }) => path)).to.include.members(['components/status-pill/status-pill.ts', 'components/viewer-counter/viewer-counter.ts', 'components/shared/onair-element.ts']);
    expect(files.flatMap(hostMentions)).to.deep.equal([]);
  });

  it('platform/ imports nothing from components/', async () => {
    const files = (await sourceFiles('platform')).filter(({ path }) => path.endsWith('.ts') && !isTest(path));
    expect(files.map(({ path }) => path)).to.include.members(['platform/model.ts', 'platform/registry.ts', 'platform/streamerbot/streamerbot-platform.ts']);
    expect(files.flatMap(componentImports)).to.deep.equal([]);
  });

  it('keeps every adapter class at most 300 lines', async () => {
    const adapters = (await sourceFiles('platform')).filter(({ path }) => /^platform\/[\w-]+\/[\w-]+-platform\.ts$/.test(path));
    expect(adapters.map(({ path }) => path)).to.include.members(['platform/twitch/twitch-platform.ts', 'platform/stripchat/stripchat-platform.ts', 'platform/streamnook/streamnook-platform.ts']);
    const long = adapters.map(({ path, text }) => ({ path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) })).filter(({ lines }) => lines > 300);
    expect(long).to.deep.equal([]);
  });

  it('no import circle but the message tables', async () => {
    const files = (await Promise.all(['components', 'platform', 'demo'].map((dir) => sourceFiles(dir, '.ts')))).flat().filter(({ path }) => path.endsWith('.ts') && !isTest(path));
    expect(files.map(({ path }) => path)).to.include.members(['platform/registry.ts', 'platform/kit/options.ts', 'components/shared/messages.ts']);
    const circles = importCircles(files);
    expect(circles.filter((circle) => !circle.every((path) => ALLOWED_CIRCLE.test(path)))).to.deep.equal([]);
  });

  it('the checks find what they look for', () => {
    const widget = (text: string) => hostMentions({ path: 'components/x/x.ts', text });
    expect(widget("label = 'Streamer.bot';\n// for streamerbot\nconst a = 'Twitch';")).to.deep.equal(['components/x/x.ts:1: streamerbot', 'components/x/x.ts:2: streamerbot', 'components/x/x.ts:3: twitch']);
    expect(widget("if (state === 'no-host') {}\nstripchat, StreamNook")).to.deep.equal(['components/x/x.ts:1: no-host', 'components/x/x.ts:2: stripchat', 'components/x/x.ts:2: streamnook']);
    expect(widget("msg('noHost'); // keep it translucent for OBS; the demo feed")).to.deep.equal([]);
    expect(widget(" * Twitch: a Bits SKU")).to.deep.equal(['components/x/x.ts:1: twitch']);

    const platform = (text: string) => componentImports({ path: 'platform/kit/x.ts', text });
    expect(platform("import { a } from '../../components/shared/a.js';")).to.deep.equal(['platform/kit/x.ts: ../../components/shared/a.js']);
    expect(platform("import {\n  b,\n} from '../../components/b/b.js';\nexport * from '../../components/c.js';\nimport '../../components/d.js';\nawait import('../../components/e.js');")).to.have.length(4);
    expect(platform("import { of } from 'rxjs';\nimport { text } from '../validate.js';\nimport type { Tip } from '../model.js';")).to.deep.equal([]);

    const file = (path: string, text: string) => ({ path, text });
    const circles = importCircles([
      file('platform/a.ts', "import type { B } from './kit/b.js';"),
      file('platform/kit/b.ts', "export const c = () => import('../c.js');"),
      file('platform/c.ts', "export * from './a.js';\nimport { d } from './d.js';"),
      file('platform/d.ts', "import { of } from 'rxjs';"),
      file('platform/e.ts', "import { f } from './f.js';"),
      file('platform/f.ts', "import { e } from './e.js';"),
    ]);
    expect(circles).to.deep.equal([['platform/a.ts', 'platform/c.ts', 'platform/kit/b.ts'], ['platform/e.ts', 'platform/f.ts']]);
  });
});
