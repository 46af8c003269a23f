/**
 * `@open-wc/testing` as test files get it (web-test-runner.config.mjs resolves the package here):
 * the same API, but `waitUntil` allows 5 s by default instead of 1 s. A condition that holds a
 * moment later on a loaded machine is still the same condition; a real failure only takes longer
 * to report. A test that passes its own `timeout` keeps it.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export * from '@open-wc/testing';

export const DEFAULT_WAIT_TIMEOUT = 5000;

export function waitUntil(...[predicate, message, options = {}]: Parameters<typeof openWcWaitUntil>): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: DEFAULT_WAIT_TIMEOUT, ...options });
}
