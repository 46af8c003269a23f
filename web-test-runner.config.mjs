import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, chromePath } from './scripts/chrome-path.mjs';
import { streamerbotServerPlugin } from './test/servers/streamerbot-server.mjs';

/** Test plugins (e.g. fake host servers) register here; each folder under test/servers exports one. */
const serverPlugins = [streamerbotServerPlugin()];

export default {
  files: ['components/**/*.test.ts', 'platform/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: '.',
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
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), ...serverPlugins],
};
