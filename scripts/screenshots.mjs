/**
 * `npm run screenshots` (after `npm run build`): every widget card of the built gallery
 * (dist/demo/), in the dark and the light theme, as docs/screenshots/<widget>-<theme>.png on the
 * same seeded feed each time, and the table of them in docs/screenshots/README.md. A new widget's
 * gallery card is found by itself. Serves dist/ on 127.0.0.1 and drives Chromium through puppeteer-core.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const out = join(root, 'docs/screenshots');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const THEMES = ['dark', 'light'];
const TIPPERS = ['PixelPirate', 'Ada Lovelace', 'GraceHopperFan', 'Linus', 'Margaret Hamilton-Smith', 'Bob', 'Xx_Sniper_xX', 'Carol'];

if (!existsSync(join(dist, 'demo/index.html'))) {
  console.error('screenshots: run npm run build first (dist/demo/ is missing).');
  process.exit(1);
}

const server = createServer((request, response) => {
  const path = join(dist, decodeURIComponent(new URL(request.url, 'http://x').pathname));
  if (!path.startsWith(dist) || !existsSync(path)) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
mkdirSync(out, { recursive: true });

const tags = [];
try {
  for (const theme of THEMES) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000, deviceScaleFactor: 1 });
    await page.goto(`http://127.0.0.1:${server.address().port}/demo/index.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('#provider')?.current?.name === 'demo', { timeout: 20_000 });
    await page.evaluate(
      async (theme, tippers) => {
        const set = (name, value) => {
          const input = document.querySelector(`.controls [name="${name}"]`);
          if (input.type === 'checkbox') input.checked = value;
          else input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        set('rate', '0');
        set('theme', theme);
        set('reduced-motion', true);
        const demo = document.querySelector('#provider').current;
        tippers.forEach((name, i) => demo.fireTip({ amount: 120 - i * 12, currency: 'tokens', user: { id: `shot-${i}`, name }, message: i === 0 ? 'Love the stream!' : undefined }));
      },
      theme,
      TIPPERS,
    );
    // Everything on the page has rendered what the feed sent: rows, the wheel, the first alert.
    await page.waitForFunction(
      () =>
        document.querySelector('onair-leaderboard')?.shadowRoot?.querySelectorAll('.row').length >= 5 &&
        document.querySelector('onair-wheel-spinner')?.shadowRoot?.querySelector('[part=wheel]') &&
        document.querySelector('onair-alert-box')?.current,
      { timeout: 20_000 },
    );
    for (const stage of await page.$$('.widget-card .stage')) {
      const tag = await stage.evaluate((el) => [...el.querySelectorAll('*')].find((child) => child.localName.startsWith('onair-'))?.localName);
      if (!tag) continue;
      if (!tags.includes(tag)) tags.push(tag);
      const name = tag.replace(/^onair-/, '');
      await stage.screenshot({ path: join(out, `${name}-${theme}.png`) });
      console.log(`docs/screenshots/${name}-${theme}.png`);
    }
    await page.close();
  }
  writeFileSync(join(out, 'README.md'), readme(tags));
} finally {
  await browser.close();
  server.close();
}

function readme(tags) {
  const rows = tags.map((tag) => {
    const name = tag.replace(/^onair-/, '');
    const words = name.replace(/-/g, ' ');
    return `| \`<${tag}>\` | ${THEMES.map((theme) => `![${words}, ${theme}](${name}-${theme}.png)`).join(' | ')} |`;
  });
  return `# Screenshots

Every widget of the gallery (\`npm start\`) in both themes, on the seeded demo feed with reduced
motion. Regenerate them after a change to how a widget looks: \`npm run build && npm run screenshots\`
(\`scripts/screenshots.mjs\` writes this folder, this table included).

| widget | ${THEMES.join(' | ')} |
|---|${THEMES.map(() => '---|').join('')}
${rows.join('\n')}
`;
}
