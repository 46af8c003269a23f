/**
 * Reads the small subset of TOML that demo/streamnook/plugin.toml uses (top-level keys, `[table]`
 * headers, strings, string arrays over several lines, `#` comments), so the tests check the real
 * manifest instead of a copy of it.
 */
import { readFileSync } from 'node:fs';

export function readManifest(path) {
  const root = {};
  let table = root;
  let pending = '';
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = stripComment(raw).trim();
    if (!pending && !line) continue;
    const header = !pending && /^\[([\w.-]+)\]$/.exec(line);
    if (header) {
      table = root[header[1]] ??= {};
      continue;
    }
    pending += ` ${line}`;
    const eq = pending.indexOf('=');
    if (eq < 0) throw new Error(`unreadable manifest line: ${raw}`);
    const value = pending.slice(eq + 1).trim();
    if (value.startsWith('[') && !value.endsWith(']')) continue;
    table[pending.slice(0, eq).trim()] = JSON.parse(value.replace(/,\s*]$/, ']'));
    pending = '';
  }
  return root;
}

/** Drops a `#` comment that is not inside a string. */
function stripComment(line) {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
    if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}
