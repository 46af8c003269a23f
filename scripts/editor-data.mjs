/**
 * Run by scripts/build.mjs after `cem analyze`:
 *
 * - completeManifest: fills in what the analyzer leaves out of dist/custom-elements.json, read from
 *   the sources it came from: each CSS custom property's `default` (from the `var(--onair-…, default)` in its styles), each
 *   attribute's `type` and a default named by a constant. `<onair-platform>`'s adapter options come
 *   from its `@attr` lines (generated from the adapters' option schemas); being plain attributes
 *   with no field, they are typed `string`.
 * - writeEditorData: from the completed manifest, VS Code's custom data
 *   (dist/vscode.html-custom-data.json), JetBrains web-types (dist/web-types.json), and JSX
 *   typings (dist/types/jsx.d.ts, framework-neutral, and react.d.ts) so each tag type-checks in TSX.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const declarationsOf = (manifest) => manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => ({ module, declaration })));

/** The text of `var(--name, …)`'s fallback at `index` (just after the comma), parentheses balanced. */
function fallbackAt(css, index) {
  let depth = 0;
  for (let i = index; i < css.length; i += 1) {
    if (css[i] === '(') depth += 1;
    else if (css[i] === ')') {
      if (depth === 0) return css.slice(index, i).trim();
      depth -= 1;
    }
  }
  return undefined;
}

/** `--onair-x` → its default, from every `var(--onair-x, default)` in `css` (first wins). */
function cssDefaults(css) {
  const internal = new Map();
  const defaults = new Map();
  for (const match of css.matchAll(/(--_[\w-]+)\s*:\s*var\((--onair-[\w-]+)\s*[,)]/g)) internal.set(match[1], match[2]);
  for (const match of css.matchAll(/var\((--onair-[\w-]+)\s*,/g)) {
    if (defaults.has(match[1])) continue;
    const fallback = fallbackAt(css, match.index + match[0].length);
    if (fallback === undefined) continue;
    // Internal tokens read as the public property they come from.
    defaults.set(match[1], fallback.replace(/var\((--_[\w-]+)\)/g, (whole, name) => (internal.has(name) ? `var(${internal.get(name)})` : whole)).replace(/\s+/g, ' '));
  }
  return defaults;
}

function read(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * The style sources that apply to a module: its folder's *.styles.ts, then the shared ones
 * (components/shared/*.styles.ts, e.g. a panel title's) and the shared tokens.
 */
function stylesFor(root, modulePath) {
  const stylesIn = (folder) => (existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.styles.ts')).map((file) => read(join(folder, file))) : []);
  const shared = join(root, 'components/shared');
  return [...stylesIn(join(root, dirname(modulePath))), ...stylesIn(shared), read(join(shared, 'styles.ts'))].join('\n');
}

/** A constant's literal value from `source` (`const DEFAULT_KEY = 'onair-leaderboard'`). */
function constantValue(source, name) {
  return new RegExp(`const ${name}\\s*(?::[^=]+)?=\\s*('[^']*'|\\d[\\d_.]*)\\s*;`).exec(source)?.[1]?.replace(/_/g, '');
}

/** `@property({ type: Number, attribute: 'x' })` → 'number' for the field `fieldName`. */
function declaredType(source, fieldName) {
  const options = new RegExp(`@property\\(\\{([^}]*)\\}\\)\\s*(?:override\\s+)?${fieldName}\\b`).exec(source)?.[1] ?? '';
  if (/type:\s*Number/.test(options)) return 'number';
  if (/type:\s*Boolean/.test(options)) return 'boolean';
  return 'string';
}

/** Every .ts source under components/ and platform/, for looking up type aliases. */
function allSources(root) {
  const texts = [];
  const walk = (dir) => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, dirent.name);
      if (dirent.isDirectory()) walk(path);
      else if (dirent.name.endsWith('.ts') && !dirent.name.endsWith('.test.ts')) texts.push(read(path));
    }
  };
  for (const dir of ['components', 'platform']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return texts.join('\n');
}

/**
 * `Notation | undefined` → `'standard' | 'compact' | undefined`: type aliases of string literals
 * (`type X = 'a' | 'b'`, or `(typeof LIST)[number]` of an `as const` list) spelled out, so editors
 * can offer the values.
 */
function expandAliases(type, sources) {
  return type.replace(/\b[A-Z]\w*\b/g, (name) => {
    const alias = new RegExp(`type ${name}\\s*=\\s*([^;]+);`).exec(sources)?.[1]?.trim();
    if (!alias) return name;
    if (/^'[^']*'(\s*\|\s*'[^']*')*$/.test(alias)) return alias;
    const list = /^\(typeof (\w+)\)\[number\]$/.exec(alias)?.[1];
    const items = list && new RegExp(`const ${list}\\s*=\\s*\\[([^\\]]*)\\]\\s*as const`).exec(sources)?.[1];
    return items ? items.split(',').map((item) => item.trim()).filter(Boolean).join(' | ') : name;
  });
}

/** Completes dist/custom-elements.json in place; see the file comment. */
export function completeManifest(file, root) {
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const sources = new Map();
  const sourceOf = (path) => {
    if (!sources.has(path)) sources.set(path, read(join(root, path)));
    return sources.get(path);
  };
  const all = declarationsOf(manifest);
  const everything = allSources(root);
  for (const { module, declaration } of all) {
    const source = sourceOf(module.path);
    const defaults = cssDefaults(stylesFor(root, module.path));
    for (const property of declaration.cssProperties ?? []) {
      if (property.default === undefined && defaults.has(property.name)) property.default = defaults.get(property.name);
    }
    for (const attribute of declaration.attributes ?? []) {
      // Inherited attributes are described where they are declared.
      const from = attribute.inheritedFrom?.module ? sourceOf(attribute.inheritedFrom.module) : source;
      if (attribute.default && /^[A-Z_][A-Z0-9_]*$/.test(attribute.default)) attribute.default = constantValue(from, attribute.default) ?? attribute.default;
      if (!attribute.type) attribute.type = { text: attribute.fieldName ? declaredType(from, attribute.fieldName) : 'string' };
      if (attribute.type) attribute.type.text = expandAliases(attribute.type.text, everything);
    }
  }
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** `'a' | 'b' | undefined` → ['a', 'b'] when every member is a string literal. */
function literalValues(type = '') {
  const parts = type.split('|').map((part) => part.trim()).filter((part) => part && part !== 'undefined');
  return parts.length > 0 && parts.every((part) => /^'[^']*'$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : undefined;
}

const elementsOf = (manifest) =>
  declarationsOf(manifest)
    .filter(({ declaration }) => declaration.customElement && declaration.tagName)
    .map(({ module, declaration }) => ({ module, element: declaration }))
    .sort((a, b) => a.element.tagName.localeCompare(b.element.tagName));

const describe = (element) => [element.summary, element.description].filter(Boolean).join('\n\n');

function vscodeData(manifest) {
  return {
    version: 1.1,
    tags: elementsOf(manifest).map(({ element }) => ({
      name: element.tagName,
      description: describe(element),
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = literalValues(attribute.type?.text);
        const type = attribute.type?.text?.replace(/\s*\|\s*undefined/, '');
        return {
          name: attribute.name,
          description: [attribute.description, type && !values ? `Type: \`${type}\`` : '', attribute.default ? `Default: \`${attribute.default}\`` : ''].filter(Boolean).join('\n\n'),
          ...(values ? { values: values.map((name) => ({ name })) } : type === 'boolean' ? { valueSet: 'v' } : {}),
        };
      }),
    })),
  };
}

function webTypes(manifest, version) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: 'onair',
    version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elementsOf(manifest).map(({ element }) => ({
          name: element.tagName,
          description: describe(element),
          attributes: (element.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            description: attribute.description ?? '',
            ...(attribute.default ? { default: attribute.default } : {}),
            value: { type: attribute.type?.text?.replace(/\s*\|\s*undefined/, '') ?? 'string', required: false },
          })),
          slots: (element.slots ?? []).map((slot) => ({ name: slot.name, description: slot.description ?? '' })),
          events: (element.events ?? []).map((event) => ({ name: event.name, description: event.description ?? '' })),
          js: {
            properties: (element.members ?? [])
              .filter((member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public')
              .map((member) => ({ name: member.name, description: member.description ?? '', ...(member.type ? { type: member.type.text } : {}) })),
            events: (element.events ?? []).map((event) => ({ name: event.name, description: event.description ?? '', ...(event.type ? { type: event.type.text } : {}) })),
          },
          css: {
            properties: (element.cssProperties ?? []).map((property) => ({ name: property.name, description: [property.description, property.default ? `Default: \`${property.default}\`` : ''].filter(Boolean).join(' ') })),
            parts: (element.cssParts ?? []).map((part) => ({ name: part.name, description: part.description ?? '' })),
          },
        })),
      },
    },
  };
}

/**
 * dist/types/jsx.d.ts: `OnAirElementProps`, for each tag its attributes (dashed names, as strings or
 * their own types), its public properties (camelCase) and `on<event>` handlers, framework-neutral;
 * react.d.ts adds them to React's `JSX.IntrinsicElements` (other frameworks map them the same way).
 */
function jsxTypings(manifest) {
  const imports = [];
  const entries = [];
  for (const { module, element } of elementsOf(manifest)) {
    const path = `./${module.path.replace(/\.ts$/, '.js')}`;
    imports.push(`import type { ${element.name} } from '${path}';`);
    const attributes = (element.attributes ?? []).map((attribute) => {
      const type = attribute.type?.text?.replace(/\s*\|\s*undefined/, '') ?? 'string';
      // `boolean | 'auto'` (a flag with a word besides on and off): the flag's forms and the words.
      const words = type.split('|').map((part) => part.trim()).filter((part) => part !== 'boolean').join(' | ');
      const flagWithWords = type !== words && literalValues(words) ? `boolean | '' | ${words}` : undefined;
      const accepted = type === 'boolean' ? 'boolean | \'\'' : (flagWithWords ?? (literalValues(type) ? type : type === 'number' ? 'number | string' : 'string'));
      return `    ${JSON.stringify(attribute.name)}?: ${accepted};`;
    });
    const events = (element.events ?? []).map((event) => `    ${JSON.stringify(`on${event.name}`)}?: (event: OnAirEventMap[${JSON.stringify(event.name)}]) => void;`);
    entries.push(
      `  ${JSON.stringify(element.tagName)}: Partial<Omit<${element.name}, keyof HTMLElement | \`_\${string}\`>> & {\n${[...attributes, ...events].join('\n')}\n  };`,
    );
  }
  return [
    '// Generated by scripts/editor-data.mjs from dist/custom-elements.json.',
    ...imports,
    '',
    '/**',
    ' * Props of every onair tag for JSX: attributes by their HTML names, properties by their',
    " * JS names, and `on<event>` listeners (React 19's way to listen to a custom element's event).",
    ' */',
    'export interface OnAirElementProps {',
    ...entries,
    '}',
    '',
  ].join('\n');
}

const REACT = `// Generated by scripts/editor-data.mjs. Adds every onair tag to React 19's JSX:
// import type {} from 'onair/react'; (or list "onair/react" in tsconfig "types").
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { OnAirElementProps } from './jsx.js';

type ReactTags = {
  [Tag in keyof OnAirElementProps]: DetailedHTMLProps<HTMLAttributes<HTMLElementTagNameMap[Tag]>, HTMLElementTagNameMap[Tag]> & OnAirElementProps[Tag];
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends ReactTags {}
  }
}
`;

/** Writes the editor data and JSX typings next to the manifest in `dist`. */
export function writeEditorData(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8'));
  writeFileSync(join(dist, 'vscode.html-custom-data.json'), `${JSON.stringify(vscodeData(manifest), null, 2)}\n`);
  writeFileSync(join(dist, 'web-types.json'), `${JSON.stringify(webTypes(manifest, version), null, 2)}\n`);
  const types = join(dist, 'types');
  writeFileSync(join(types, 'jsx.d.ts'), jsxTypings(manifest));
  writeFileSync(join(types, 'react.d.ts'), REACT);
  return relative(dist, types);
}
