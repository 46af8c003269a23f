/**
 * Lets browser tests read the repository's own source files, for the layering checks in
 * test/layers.test.ts (which folder imports what, which words a widget's source contains).
 *
 * Command (payload in parentheses):
 * - `source-files` ({ dir, ext? }) → [{ path, text }]: every file under `dir` (relative to the
 *   repository root, which it may not leave) whose name ends with `ext` (any, without it),
 *   recursively, with its path from the root, sorted by path
 */
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function sourceFiles(dir, ext = '') {
  const base = resolve(ROOT, String(dir));
  const inside = relative(ROOT, base);
  if (inside.startsWith('..') || isAbsolute(inside)) throw new Error(`${dir} is outside the repository`);
  const entries = await readdir(base, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile() && entry.name.endsWith(String(ext))).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  const files = await Promise.all(paths.map(async (path) => ({ path: relative(ROOT, path).split(sep).join('/'), text: await readFile(path, 'utf8') })));
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export function sourceFilesPlugin() {
  return {
    name: 'source-files',
    async executeCommand({ command, payload }) {
      return command === 'source-files' ? sourceFiles(payload?.dir, payload?.ext) : undefined;
    },
  };
}
