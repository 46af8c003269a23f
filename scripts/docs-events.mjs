/**
 * `npm run docs:events`: the events table of the README, from dist/custom-elements.json (run
 * `npm run build` first), so it lists what the classes' `@fires` tags say. Prints the table;
 * with `--write` replaces the README's text between the `events:start` and `events:end` markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));

const cell = (text = '') => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

const rows = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName))
  .flatMap((declaration) =>
    (declaration.events ?? []).map((event) => `| \`<${declaration.tagName}>\` | \`${event.name}\` | ${cell(event.description)} |`),
  );

const table = [
  '| element | event | when, and `detail` |',
  '|---|---|---|',
  ...(rows.length > 0 ? rows : ['| | | no element declares an event yet |']),
].join('\n');

if (process.argv.includes('--write')) {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const markers = /(<!-- events:start[^>]*-->\n)[\s\S]*?(\n<!-- events:end -->)/;
  if (!markers.test(readme)) throw new Error('README.md has no <!-- events:start --> … <!-- events:end --> markers');
  writeFileSync(readmePath, readme.replace(markers, (_, start, end) => `${start}${table}${end}`));
  console.log(`README.md: events table updated (${rows.length} events)`);
} else {
  console.log(table);
}
