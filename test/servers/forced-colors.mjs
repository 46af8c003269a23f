/**
 * Windows high-contrast mode for browser tests: Chromium's forced-colors emulation (the DevTools
 * protocol's `Emulation.setEmulatedMedia`, as DevTools' "Emulate CSS media feature forced-colors"),
 * which also forces the system colours onto the page, as Windows does. @web/test-runner's own
 * `emulateMedia` passes `forcedColors` to Playwright only.
 *
 * Command (payload in parentheses):
 * - `forced-colors` ({ active }) → true: turns the emulation on (`active: true`) or off for the
 *   page running the test
 */
export function forcedColorsPlugin() {
  /** One protocol session per page, kept open: an emulation ends when its session detaches. */
  const sessions = new WeakMap();
  return {
    name: 'forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`forced-colors needs Chromium through puppeteer, not ${session.browser.type}`);
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      // puppeteer's emulateMediaFeatures refuses `forced-colors`; the protocol takes it.
      await sessions.get(page).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }] });
      return true;
    },
  };
}
