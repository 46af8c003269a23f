import { existsSync } from 'node:fs';

/**
 * The Chromium the tests and benchmarks drive: `CHROME_PATH`, else Debian's `/usr/bin/chromium`.
 * Nothing here downloads a browser.
 */
export function chromePath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    console.error(
      'onair: no Chromium found. Install one (Debian: sudo apt-get install chromium) or set CHROME_PATH to a Chrome/Chromium binary.',
    );
    process.exit(1);
  }
  return found;
}

/** Flags for a headless Chromium on a closed network, as root in CI containers. */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
