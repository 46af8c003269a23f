import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, chromePath } from './scripts/chrome-path.mjs';
import { sourceFilesPlugin } from './test/servers/source-files.mjs';
import { streamerbotServerPlugin } from './test/servers/streamerbot-server.mjs';
import { ebsServerPlugin } from './test/servers/ebs-server.mjs';
import { streamNookHostPlugin } from './test/servers/streamnook-host.mjs';
import { forcedColorsPlugin } from './test/servers/forced-colors.mjs';

/**
 * The policy test/csp/ pages are served with: as strict as Twitch's extension CSP for scripts
 * (files from our own origin only: no inline code, no eval), styles as Twitch allows them.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** Adds STRICT_CSP to the static pages that load the build: test/csp/ and the built gallery. */
async function strictCspMiddleware(context, next) {
  await next();
  if (/^\/(test\/csp|dist\/demo)\//.test(context.path)) context.set('Content-Security-Policy', STRICT_CSP);
}

/**
 * Test files import `@open-wc/testing` and get test/testing.ts: the same API, with a `waitUntil`
 * that allows 5 s by default (1 s fails under load for conditions that do hold).
 */
const testingDefaults = {
  name: 'onair-testing-defaults',
  resolveImport({ source, context }) {
    if (source === '@open-wc/testing' && context.path !== '/test/testing.ts') return '/test/testing.ts';
  },
};

/** Test plugins (e.g. fake host servers) register here; each folder under test/servers exports one. */
const serverPlugins = [streamerbotServerPlugin(), streamNookHostPlugin(), sourceFilesPlugin(), ebsServerPlugin(), forcedColorsPlugin()];

export default {
  files: ['components/**/*.test.ts', 'platform/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: '.',
  middleware: [strictCspMiddleware],
  // One page at a time: background pages get no animation frames, and focus and keyboard tests
  // need the page in front.
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testsFinishTimeout: 10 * 60_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromePath(), headless: true, args: chromeArgs },
    }),
  ],
  plugins: [testingDefaults, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), ...serverPlugins],
};
