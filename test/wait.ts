/** How tests wait: for a condition, or (only where no barrier exists) to show that nothing happens. */

/**
 * Waits `ms` to show that something does NOT happen. Use it only where no barrier exists (no event,
 * promise, updateComplete or message echo that marks "it would have happened by now"); `why` names
 * what the wait covers, so the test reads as the negative it proves. Under load the wait only gets
 * longer, which can hide a late event but never fails a correct build.
 */
export function nothingWithin(ms: number, why: string): Promise<void> {
  return new Promise((resolve) => setTimeout(() => resolve(void why), ms));
}

/**
 * Like `waitUntil` from @open-wc/testing, but clears its own timers when it settles (so timer
 * counts taken with `trackTimers` see only the code under test) and gives a loaded machine more
 * time: 5 s by default instead of 1 s.
 */
export function until(predicate: () => unknown, message: string, { interval = 20, timeout = 5000 } = {}): Promise<void> {
  const { stack } = new Error();
  return new Promise((resolve, reject) => {
    let poll: ReturnType<typeof setTimeout> | undefined;
    const deadline = setTimeout(() => {
      clearTimeout(poll);
      const error = new Error(`Timeout: ${message}`);
      error.stack = stack;
      reject(error);
    }, timeout);
    const check = async () => {
      try {
        if (await predicate()) {
          clearTimeout(deadline);
          resolve();
        } else {
          poll = setTimeout(check, interval);
        }
      } catch (error) {
        clearTimeout(deadline);
        reject(error);
      }
    };
    void check();
  });
}

/**
 * Resolves once every `onair-*` element under `root` (the provider included) is defined, so its
 * lazy chunk has loaded, and has rendered: layout and computed style read after this see the
 * widgets as they are, not as empty hosts outside the provider's `<slot>`.
 */
export async function rendered(root: ParentNode): Promise<void> {
  const registry = ((root as Node).ownerDocument ?? (root as Document)).defaultView!.customElements;
  for (const el of root.querySelectorAll('*')) {
    if (!el.localName.startsWith('onair-')) continue;
    await registry.whenDefined(el.localName);
    await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  }
}
