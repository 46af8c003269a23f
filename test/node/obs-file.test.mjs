/**
 * The built OBS page (dist/obs/) opened from file://, as OBS's "Local file" and a pasted file://
 * URL open it: browsers block module scripts there, so this proves the page is classic-script only.
 * Needs `npm run build`; drives Chromium through puppeteer-core (scripts/chrome-path.mjs).
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome-path.mjs';

const root = resolve(import.meta.dirname, '../..');
let browser;
let folder;

/** Opens `url`, waits for the widgets, and returns what the page shows plus anything it logged. */
async function open(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('.obs-layout > *').length > 0 && [...document.querySelectorAll('.obs-layout > *')].every((el) => el.shadowRoot?.childElementCount), { timeout: 15_000 });
  const shown = await page.evaluate(() => ({
    protocol: location.protocol,
    widgets: [...document.querySelectorAll('.obs-layout > *')].map((el) => el.localName),
    platform: document.querySelector('onair-platform')?.current?.name,
    problems: document.querySelector('.obs-problems')?.textContent ?? '',
    modules: document.querySelectorAll('script[type="module"]').length,
  }));
  await page.close();
  return { ...shown, errors };
}

describe('OBS page from file://', () => {
  before(async () => {
    browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
    // A copy, as a streamer would unpack it somewhere (and to write its settings.js).
    folder = mkdtempSync(join(tmpdir(), 'onair-obs-'));
    cpSync(join(root, 'dist/obs'), folder, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('renders the widgets from a file:// URL with a query string', async () => {
    const url = `${pathToFileURL(join(folder, 'index.html')).href}?platform=demo&widgets=viewer-counter,leaderboard&theme=dark`;
    const shown = await open(url);
    assert.equal(shown.protocol, 'file:');
    assert.equal(shown.modules, 0);
    assert.deepEqual(shown.widgets, ['onair-viewer-counter', 'onair-leaderboard']);
    assert.equal(shown.platform, 'demo');
    assert.equal(shown.problems, '');
    assert.deepEqual(shown.errors, []);
  });

  it('dist/onair.iife.js runs a plain page from file:// too', async () => {
    copyFileSync(join(root, 'dist/onair.iife.js'), join(folder, 'onair.iife.js'));
    writeFileSync(
      join(folder, 'plain.html'),
      '<!doctype html><script src="onair.iife.js"></script><onair-platform platform="demo"><div class="obs-layout"><onair-viewer-counter></onair-viewer-counter></div></onair-platform>',
    );
    const shown = await open(pathToFileURL(join(folder, 'plain.html')).href);
    assert.deepEqual(shown.widgets, ['onair-viewer-counter']);
    assert.equal(shown.platform, 'demo');
    assert.deepEqual(shown.errors, []);
  });

  it('reads settings.js when opened without a query string (OBS "Local file")', async () => {
    writeFileSync(join(folder, 'settings.js'), "window.onairObsSettings = 'platform=demo&widgets=tip-menu,status-pill&rate=fast';\n");
    const shown = await open(pathToFileURL(join(folder, 'index.html')).href);
    assert.deepEqual(shown.widgets, ['onair-tip-menu', 'onair-status-pill']);
    assert.equal(shown.platform, 'demo');
    assert.match(shown.problems, /Invalid rate "fast" ignored: use a number from 0 to 5000/);
  });
});
