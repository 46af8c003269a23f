/**
 * `npm run build`: every distributable, in passes that share one output folder.
 *
 *   dist/onair.js            the entry: the provider and the stream layer; dist/chunks/ holds what it
 *                            loads on demand (each widget on first use, host adapters, languages)
 *   dist/onair.iife.js       everything in one classic script (global `onair`): the single-file build,
 *                            also for pages opened from file://
 *   dist/streamnook-plugin.js  one file: the StreamNook UI-plugin entry (activate/deactivate)
 *   dist/widgets/<name>.js   one entry per widget plus the provider and `api` (no widgets); shared code in dist/widgets/chunks/
 *   dist/obs/                the OBS browser-source page: one classic script, works from file:// and hosted
 *   dist/types/              declarations (tsconfig.build.json), with dist/widgets/<name>.d.ts re-exports
 *                            and framework JSX typings generated from the manifest (scripts/editor-data.mjs)
 *   dist/custom-elements.json  the manifest (custom-elements-manifest.config.mjs), completed by scripts/editor-data.mjs
 *   dist/vscode.html-custom-data.json, dist/web-types.json  editor completion data, from the manifest
 *   dist/demo/               the gallery and example host pages, relative URLs, for static hosting
 *
 * Widgets are found by folder (components/<name>/<name>.ts), so new ones need no change here.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { minifyTemplates } from './minify-templates.mjs';
import { stripOptionDescriptions } from './strip-option-descriptions.mjs';
import { completeManifest, writeEditorData } from './editor-data.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');

/** Folders under components/ that are not widgets. */
const NOT_WIDGETS = new Set(['shared', 'platform']);

/** `components/<name>/<name>.ts` for every widget folder, as `{ name: path }`. */
export function widgetEntries() {
  const components = join(root, 'components');
  const entries = {};
  for (const dirent of readdirSync(components, { withFileTypes: true })) {
    const file = join(components, dirent.name, `${dirent.name}.ts`);
    if (dirent.isDirectory() && !NOT_WIDGETS.has(dirent.name) && existsSync(file)) entries[dirent.name] = file;
  }
  return entries;
}

/** The OBS page is built as a classic script by obsPass, not as a module page. */
const CLASSIC_PAGES = new Set(['obs/index']);

/** Every HTML page under demo/, as `{ relative/path/without/.html: absolute path }`. */
function demoPages(dir = join(root, 'demo'), pages = {}) {
  for (const dirent of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, dirent.name);
    const name = relative(join(root, 'demo'), path).replace(/\.html$/, '');
    if (dirent.isDirectory()) demoPages(path, pages);
    else if (dirent.name.endsWith('.html') && !CLASSIC_PAGES.has(name)) pages[name] = path;
  }
  return pages;
}

/** Options every JS pass shares: production Lit, modern target, readable source maps. */
const shared = {
  root,
  configFile: false,
  logLevel: 'warn',
  mode: 'production',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  // rxjs's `es2015` build uses native classes instead of ES5 functions plus tslib helpers:
  // same code, about 2 kB less after gzip.
  resolve: { conditions: ['es2015', 'module', 'browser', 'production'] },
  // The static text of css/html/svg templates, which the JS minifier keeps as written.
  plugins: [minifyTemplates()],
};

/**
 * Vite's library mode only mangles ES output (no whitespace removal) so a consumer's bundler can
 * re-minify; these files are also served as is, so they get the full minifier. Licence comments stay.
 */
const minifiedOutput = { minify: true, comments: { legal: true, annotation: false, jsdoc: false } };

/**
 * The entry and the per-widget builds, which pages load: the option schemas' descriptions are for
 * the manifest and the OBS page's settings, not for run time (scripts/strip-option-descriptions.mjs).
 */
const pagePlugins = [...shared.plugins, stripOptionDescriptions()];

const jsBuild = {
  target: 'es2022',
  sourcemap: true,
  minify: true,
  emptyOutDir: false,
  copyPublicDir: false,
  reportCompressedSize: false,
};

/**
 * One self-contained file (dist/<name>.js): adapters are dynamic imports in platform/registry.ts,
 * inlined here. Used for the StreamNook plugin, which a host loads as one module.
 */
function singleFilePass(name, entry) {
  return build({
    ...shared,
    build: {
      ...jsBuild,
      outDir: dist,
      lib: { entry: { [name]: join(root, entry) }, formats: ['es'], fileName: (_, file) => `${file}.js` },
      rolldownOptions: { output: { ...minifiedOutput, codeSplitting: false } },
    },
  });
}

/**
 * One classic script (IIFE, no imports of any kind: adapters and languages inlined): browsers
 * refuse module scripts on file:// pages, and OBS's "Local file" opens pages that way.
 */
function classicPass(entry, outDir, fileName, globalName) {
  return build({
    ...shared,
    build: {
      ...jsBuild,
      outDir,
      lib: { entry: join(root, entry), formats: ['iife'], name: globalName, fileName: () => fileName },
      rolldownOptions: { output: { ...minifiedOutput, codeSplitting: false } },
    },
  });
}

/**
 * dist/obs/ (for the package) and dist/demo/obs/ (beside the gallery whose URL builder points at
 * it): the OBS page with its script as a classic, deferred script, a `settings.js` for OBS's
 * "Local file" (which takes no query string), and the stylesheet.
 */
async function obsPass() {
  const page = readFileSync(join(root, 'demo/obs/index.html'), 'utf8')
    .replace('<script type="module" src="./obs.ts"></script>', '<script defer src="./obs.js"></script>')
    .replace(/<link rel="icon"[^>]*>/, '<link rel="icon" href="data:," />');
  if (!page.includes('src="./obs.js"')) throw new Error('demo/obs/index.html: its module script tag changed; update obsPass');
  for (const outDir of [join(dist, 'obs'), join(dist, 'demo/obs')]) {
    await classicPass('demo/obs/obs.ts', outDir, 'obs.js', 'onairObs');
    writeFileSync(join(outDir, 'index.html'), page);
    copyFileSync(join(root, 'demo/obs/obs.css'), join(outDir, 'obs.css'));
    copyFileSync(join(root, 'demo/obs/settings.js'), join(outDir, 'settings.js'));
  }
}

/** Lit's directive modules (`repeat`, `styleMap`, `keyed` and what they share). */
const LIT_DIRECTIVES = /[\\/]lit-html[\\/](?:directives[\\/]|directive\.js$|directive-helpers\.js$)/;

/**
 * Several widgets use Lit's directives, the viewer counter and the wheel none: a chunk of their own
 * keeps them out of the core every widget entry loads (dist/widgets/), and makes one chunk of five
 * small ones (dist/chunks/).
 */
const LIT_DIRECTIVES_GROUP = { name: 'lit-directives', test: LIT_DIRECTIVES, priority: 1, includeDependenciesRecursively: false };

/**
 * Those modules only define functions and classes (no global effect), which the bundler cannot see
 * without `lit-html` saying so: otherwise it keeps their evaluation order by making the core import
 * their chunk, and every page downloads it anyway.
 */
const litDirectivesArePure = (id) => (LIT_DIRECTIVES.test(id) ? false : undefined);

/**
 * In the entry build, `kit`: the widgets' shared helpers (base element, styles, formatting, heading, …)
 * in one chunk rather than one small chunk each, which compress worse and cost a request each:
 * what the entry itself uses stays in it (the `onair` group comes first).
 */
const WIDGET_KIT_GROUP = { name: 'kit', test: /components[\\/]shared[\\/](?!messages[\\/])|platform[\\/]authority\.ts$/, priority: 2, includeDependenciesRecursively: false };

/**
 * dist/onair.js, the entry a page loads with one script tag, and beside it dist/chunks/: what only
 * some pages need (each host adapter, each language but English) loads from there on demand,
 * relative to the entry, so copying dist/ keeps the drop-in story and `script-src 'self'` holds.
 */
function entryPass() {
  return build({
    ...shared,
    plugins: pagePlugins,
    build: {
      ...jsBuild,
      outDir: dist,
      lib: { entry: { onair: join(root, 'components/onair.ts') }, formats: ['es'], fileName: (_, file) => `${file}.js` },
      rolldownOptions: { preserveEntrySignatures: 'allow-extension', treeshake: { moduleSideEffects: litDirectivesArePure }, output: { ...minifiedOutput, chunkFileNames: chunkFileName, codeSplitting: { groups: [{ name: 'onair', tags: ['$initial'], priority: 3 }, WIDGET_KIT_GROUP, LIT_DIRECTIVES_GROUP] } } },
    },
  });
}

/**
 * Chunk file names say what loads them, for people and for the size budgets (scripts/sizes.mjs):
 * `host-<adapter folder>`, `lang-<language>`, `widget-<name>`, else the bundler's own name (shared code).
 */
export function chunkFileName(chunk) {
  const facade = (chunk.facadeModuleId ?? '').replaceAll('\\', '/');
  const inRoot = facade.startsWith(`${root.replaceAll('\\', '/')}/`) ? facade.slice(root.length + 1) : '';
  // Only what is loaded on demand gets a kind; shared chunks keep the bundler's name.
  const lazy = chunk.isDynamicEntry;
  // platform/stripchat/ext.ts loads on demand too (stripchat/helper.ts) but is no adapter.
  const host = lazy && inRoot !== 'platform/stripchat/ext.ts' && /^platform\/([\w-]+)\/[^/]+$/.exec(inRoot);
  const lang = lazy && /^components\/shared\/messages\/([\w-]+)\.ts$/.exec(inRoot);
  const widget = lazy && /^components\/([\w-]+)\/\1\.ts$/.exec(inRoot);
  const name = host ? `host-${host[1]}` : lang ? `lang-${lang[1]}` : widget ? `widget-${widget[1]}` : chunk.name;
  return `chunks/${name}-[hash].js`;
}

/**
 * onair's drop-in Stripchat client is exported by `api.js` and used by the Stripchat adapter, so
 * the bundler would put it in the core every widget entry loads; its own chunk (without the
 * stream-layer modules it imports, which stay in the core) keeps it out of every other page.
 */
const STRIPCHAT_CLIENT_GROUP = { name: 'stripchat-client', test: /platform[\\/]stripchat[\\/](ext|resize)\.ts$/, priority: 1, includeDependenciesRecursively: false };

/**
 * Helpers several widgets share but the provider, the base element and the viewer counter do not
 * use: a chunk of their own keeps them out of the core, so the smallest page does not download them.
 */
const WIDGET_HELPERS_GROUP = { name: 'helpers', test: /components[\\/]shared[\\/](heading|heading\.styles|stored|tip-key)\.ts$|platform[\\/]authority\.ts$/, priority: 1, includeDependenciesRecursively: false };

/** dist/widgets/*.js: one entry per widget, the provider and the API; adapters stay lazy chunks. */
function widgetsPass() {
  const entries = { ...widgetEntries(), platform: join(root, 'components/platform/platform.ts'), api: join(root, 'components/api.ts') };
  return build({
    ...shared,
    plugins: pagePlugins,
    build: {
      ...jsBuild,
      outDir: join(dist, 'widgets'),
      lib: { entry: entries, formats: ['es'], fileName: (_, name) => `${name}.js` },
      rolldownOptions: { preserveEntrySignatures: 'allow-extension', treeshake: { moduleSideEffects: litDirectivesArePure }, output: { ...minifiedOutput, chunkFileNames: chunkFileName, codeSplitting: { groups: [STRIPCHAT_CLIENT_GROUP, LIT_DIRECTIVES_GROUP, WIDGET_HELPERS_GROUP, { name: 'core', tags: ['$initial'], minShareCount: 2 }] } } },
    },
  });
}

/**
 * dist/demo/: every page under demo/, with relative asset URLs so the folder can live anywhere.
 * Pages must name their scripts by relative URL (`../components/index.ts`): demo/ is the root here.
 * No modulepreload polyfill: the browsers we target have modulepreload, and the polyfill would be
 * one more script without a source map.
 */
function demoPass() {
  return build({
    ...shared,
    root: join(root, 'demo'),
    base: './',
    build: {
      ...jsBuild,
      outDir: join(dist, 'demo'),
      modulePreload: { polyfill: false },
      rolldownOptions: { input: demoPages() },
    },
  });
}

/** Declarations, plus dist/widgets/<name>.d.ts so `onair/widgets/<name>` is typed. */
function typesPass() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  const entries = { ...widgetEntries(), platform: null };
  for (const name of Object.keys(entries)) {
    writeFileSync(join(dist, 'widgets', `${name}.d.ts`), `export * from '../types/components/${name}/${name}.js';\n`);
  }
  writeFileSync(join(dist, 'widgets', 'api.d.ts'), `export * from '../types/components/api.js';\n`);
}

function manifestPass() {
  execFileSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze'], {
    cwd: root,
    stdio: 'inherit',
  });
}

function sizes(code) {
  const bytes = Buffer.byteLength(code);
  return { bytes, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

/** Each entry's own size and its size with every chunk it imports statically (what a page downloads first). */
function report(label, output) {
  const chunks = new Map(output.output.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const closure = (fileName, seen = new Set()) => {
    if (seen.has(fileName)) return seen;
    seen.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) closure(imported, seen);
    return seen;
  };
  const rows = [];
  for (const chunk of chunks.values()) {
    if (!chunk.isEntry) continue;
    const own = sizes(chunk.code);
    const withShared = sizes([...closure(chunk.fileName)].map((name) => chunks.get(name).code).join('\n'));
    rows.push({ file: `${label}${chunk.fileName}`, min: kb(own.bytes), gzip: kb(own.gzip), 'with shared chunks (min+gzip)': `${kb(withShared.bytes)} / ${kb(withShared.gzip)}` });
  }
  return rows;
}

const single = (result) => (Array.isArray(result) ? result[0] : result);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
const bundle = single(await entryPass());
const plugin = single(await singleFilePass('streamnook-plugin', 'components/streamnook-plugin/plugin.ts'));
await classicPass('components/index.ts', dist, 'onair.iife.js', 'onair');
const widgets = single(await widgetsPass());
await demoPass();
await obsPass();
typesPass();
manifestPass();
completeManifest(join(dist, 'custom-elements.json'), root);
writeEditorData(dist);

console.log('\nonair build: sizes (minified; gzip -9)');
console.table([...report('dist/', bundle), ...report('dist/', plugin), ...report('dist/widgets/', widgets)]);
const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8'));
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName);
console.log(`custom-elements.json: ${tags.length} tags (${tags.sort().join(', ')})`);
