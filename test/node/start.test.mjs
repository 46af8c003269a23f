/**
 * `npm start` (vite.config.ts): the gallery at `/`, its scripts and the OBS page served from the
 * sources, and `/` is what the dev server opens and prints.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, loadConfigFromFile } from 'vite';

const root = resolve(import.meta.dirname, '../..');
let server;
let base;

describe('npm start', () => {
  before(async () => {
    server = await createServer({ configFile: resolve(root, 'vite.config.ts'), logLevel: 'silent', server: { port: 0, open: false, host: '127.0.0.1' } });
    await server.listen();
    base = server.resolvedUrls.local[0];
  });

  after(() => server?.close());

  it('prints and serves the gallery at /', async () => {
    assert.equal(new URL(base).pathname, '/');
    const { config } = await loadConfigFromFile({ command: 'serve', mode: 'development' }, resolve(root, 'vite.config.ts'));
    assert.equal(config.server.open, '/');
    const page = await fetch(base);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>onair — widget gallery<\/title>/);
  });

  it('serves the gallery script with the components it imports, the favicon and the OBS page', async () => {
    const script = await (await fetch(new URL('gallery.ts', base))).text();
    const imported = /import\s+"([^"]*components\/index\.ts)"/.exec(script)?.[1];
    assert.ok(imported, 'gallery.ts imports the components');
    assert.equal((await fetch(new URL(imported, base))).status, 200);
    assert.equal((await fetch(new URL('favicon.svg', base))).status, 200);
    assert.match(await (await fetch(new URL('obs/index.html', base))).text(), /obs-root/);
  });
});
