/**
 * The built OBS page (dist/obs/) opened from file://, as OBS's "Local file" and a pasted file://
 * URL open it: browsers block module scripts there, so this proves the page is classic-script only.
 * Also the other two ways OBS shows it: over http, and as current OBS serves a "Local file"
 * (obs-browser maps the file to `http://absolute/<path>` and answers with the file's bytes and a
 * MIME type from its extension; played here by request interception, since no such host exists).
 * Needs `npm run build`; drives Chromium through puppeteer-core (scripts/chrome-path.mjs).
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome-path.mjs';

const root = resolve(import.meta.dirname, '../..');
let browser;
let folder;
let server;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.wav': 'audio/wav' };
const typeOf = (path) => TYPES[extname(path)] ?? 'application/octet-stream';

/** A tenth of a second of silence: a WAV file any browser decodes. */
function wav() {
  const samples = 800;
  const data = Buffer.alloc(44 + samples * 2);
  data.write('RIFF', 0);
  data.writeUInt32LE(36 + samples * 2, 4);
  data.write('WAVEfmt ', 8);
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20);
  data.writeUInt16LE(1, 22);
  data.writeUInt32LE(8000, 24);
  data.writeUInt32LE(16000, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write('data', 36);
  data.writeUInt32LE(samples * 2, 40);
  return data;
}

const STAR = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><path d="M32 4l8 20h20l-16 12 6 20-18-12-18 12 6-20L4 24h20z" fill="gold"/></svg>';
const MEDIA_SETTINGS = `platform=demo&rate=0&connect-delay=0&widgets=alert-box,wheel-spinner&alert-box.sound&alert-box.tiers=${encodeURIComponent('[{"min":1,"image":"star.svg","sound":"ding.wav"}]')}`;

/**
 * Opens `url` at 1920 × 1080, shows a test alert, and reports whether its image and sound loaded
 * (the sound through the Audio objects the page made), plus the problems the page lists.
 */
async function alertMedia(url, { absolute = false } = {}) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewport({ width: 1920, height: 1080 });
  if (absolute) {
    // What obs-browser's scheme handler does for http://absolute/<path>: the file, typed by its extension.
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.hostname !== 'absolute') return request.continue();
      const path = decodeURIComponent(url.pathname);
      if (!existsSync(path)) return request.abort('namenotresolved');
      return request.respond({ status: 200, contentType: typeOf(path), body: readFileSync(path) });
    });
  }
  await page.evaluateOnNewDocument(() => {
    const Native = window.Audio;
    window.onairTestAudio = [];
    window.Audio = function Audio(src) {
      const audio = new Native(src);
      window.onairTestAudio.push(audio);
      return audio;
    };
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('onair-alert-box')?.shadowRoot?.childElementCount && document.querySelector('onair-platform')?.current, { timeout: 15_000 });
  await page.evaluate(() => document.querySelector('onair-alert-box').test());
  const loaded = await page.waitForFunction(
    () => {
      const image = document.querySelector('onair-alert-box').shadowRoot.querySelector('[part=image]');
      const audio = window.onairTestAudio[0];
      const imageDone = image && image.complete;
      const audioDone = audio && (audio.readyState >= 1 || audio.error);
      return imageDone && audioDone && { image: image.src, imageLoaded: image.naturalWidth > 0, sound: audio.src, soundLoaded: audio.readyState >= 1 };
    },
    { timeout: 15_000 },
  );
  const shown = await loaded.jsonValue();
  const problems = await page.evaluate(() => document.querySelector('.obs-problems')?.textContent ?? '');
  await page.close();
  return { ...shown, problems, errors };
}

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
    // A copy, as a streamer would unpack it somewhere (and to write its settings.js), with an
    // alert's image and sound beside index.html.
    folder = mkdtempSync(join(tmpdir(), 'onair-obs-'));
    cpSync(join(root, 'dist/obs'), folder, { recursive: true });
    writeFileSync(join(folder, 'star.svg'), STAR);
    writeFileSync(join(folder, 'ding.wav'), wav());
    // The same folder over http, as a static server would host it (127.0.0.1 only).
    server = createServer((request, response) => {
      const path = join(folder, decodeURIComponent(new URL(request.url, 'http://x').pathname));
      if (!path.startsWith(folder) || !existsSync(path)) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': typeOf(path) }).end(readFileSync(path));
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
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

  it('loads alert images and sounds named as files next to index.html, from file://', async () => {
    const shown = await alertMedia(`${pathToFileURL(join(folder, 'index.html')).href}?${MEDIA_SETTINGS}`);
    assert.match(shown.image, /^file:\/\/.*\/star\.svg$/);
    assert.match(shown.sound, /^file:\/\/.*\/ding\.wav$/);
    assert.equal(shown.imageLoaded, true);
    assert.equal(shown.soundLoaded, true);
    assert.equal(shown.problems, '');
    assert.deepEqual(shown.errors, []);
  });

  it('loads them over http', async () => {
    const shown = await alertMedia(`http://127.0.0.1:${server.address().port}/index.html?${MEDIA_SETTINGS}`);
    assert.equal(shown.imageLoaded, true);
    assert.equal(shown.soundLoaded, true);
    assert.equal(shown.problems, '', 'the wheel hashes on 127.0.0.1, a secure context');
  });

  it('loads them as current OBS serves a Local file (http://absolute/<path>, settings.js), and says what such a page cannot do', async () => {
    writeFileSync(join(folder, 'settings.js'), `window.onairObsSettings = '${MEDIA_SETTINGS}';\n`);
    const shown = await alertMedia(`http://absolute${pathToFileURL(join(folder, 'index.html')).pathname}`, { absolute: true });
    assert.match(shown.image, /^http:\/\/absolute\/.*\/star\.svg$/);
    assert.equal(shown.imageLoaded, true);
    assert.equal(shown.soundLoaded, true);
    // Not a secure context: no WebCrypto for the wheel's draw. The page says so and how to fix it.
    assert.match(shown.problems, /The wheel needs WebCrypto.*Local file.*host "absolute".*file:\/\/\/ URL/);
  });

  it('from file:// at 1920 × 1080, an alert moves no other widget', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1920, height: 1080 });
    const all = 'viewer-counter,tip-menu,wheel-spinner,status-pill,leaderboard,alert-box,goal-bar';
    await page.goto(`${pathToFileURL(join(folder, 'index.html')).href}?platform=demo&rate=0&connect-delay=0&widgets=${all}&goal-bar.goal=1000`, { waitUntil: 'load' });
    await page.waitForFunction(() => [...document.querySelectorAll('.obs-layout > *')].every((el) => el.shadowRoot?.childElementCount) && document.querySelector('onair-tip-menu').shadowRoot.querySelector('button'), { timeout: 15_000 });
    const boxes = () =>
      page.evaluate(() => [...document.querySelectorAll('.obs-layout > :not(onair-alert-box)')].map((el) => [el.localName, ...Object.values(el.getBoundingClientRect().toJSON())]));
    const before = await boxes();
    await page.evaluate(() => document.querySelector('onair-alert-box').test());
    await page.waitForFunction(() => document.querySelector('onair-alert-box').shadowRoot.querySelector('[part=alert]')?.getBoundingClientRect().height > 0);
    assert.deepEqual(await boxes(), before);
    assert.equal(await page.evaluate(() => document.querySelector('.obs-problems')?.textContent ?? ''), '');
    await page.close();
  });
});
