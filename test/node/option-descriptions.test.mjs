/**
 * The adapters' option descriptions (run `npm run build` first): left out of what pages load
 * (scripts/strip-option-descriptions.mjs), kept where people read them (the OBS page's settings).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { descriptionLiterals } from '../../scripts/strip-option-descriptions.mjs';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const read = (file) => readFileSync(join(dist, file), 'utf8');

const schemaFiles = readdirSync(join(root, 'platform'), { withFileTypes: true })
  .filter((dirent) => dirent.isDirectory())
  .map((dirent) => `platform/${dirent.name}/options.ts`)
  .filter((file) => {
    try {
      readFileSync(join(root, file));
      return true;
    } catch {
      return false;
    }
  });
const descriptions = schemaFiles.flatMap((file) => descriptionLiterals(file, readFileSync(join(root, file), 'utf8')).map((literal) => literal.text));
// The JS minifier may rewrite quotes and escapes; the words between them stay.
const words = (text) => text.slice(0, 40);

describe('option descriptions', () => {
  it('are found in every schema, helper arguments included', () => {
    assert.ok(schemaFiles.length >= 5, schemaFiles.join());
    assert.ok(descriptions.length >= 50, `${descriptions.length} descriptions`);
    // Given to a helper of streamerbot/options.ts, not as a `description:` property.
    assert.ok(descriptions.includes('Longest reconnect delay in ms.'));
  });

  it('are not in the entry or the per-widget core', () => {
    const core = readdirSync(join(dist, 'widgets/chunks')).filter((file) => /^core-.*\.js$/.test(file));
    assert.equal(core.length, 1);
    for (const file of ['onair.js', `widgets/chunks/${core[0]}`]) {
      const code = read(file);
      assert.deepEqual(descriptions.filter((text) => code.includes(words(text))), [], file);
    }
  });

  it('stay in the OBS page, which shows them', () => {
    const code = read('obs/obs.js');
    assert.deepEqual(descriptions.filter((text) => !/[`"'\\]/.test(words(text)) && !code.includes(words(text))), []);
  });
});
