import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { html } from 'lit';
import '../components/platform/platform.js';
import { liveSubscriptionCount } from '../platform/controllers.js';
import { DemoPlatform, type DemoOptions } from '../platform/demo/demo-platform.js';
import type { Platform } from '../platform/model.js';

/** A quiet, instantly connected demo platform: no automatic tips or viewer walk unless asked. */
export function quietDemo(options: DemoOptions = {}): DemoPlatform {
  return new DemoPlatform({ rate: 0, connectDelay: 0, viewerInterval: 0, spendDelay: 20, ...options });
}

/**
 * Mounts `content` inside an `<onair-platform>` given `platform`, and returns the first element
 * matching `selector` once it has rendered.
 */
export async function mountWith<T extends HTMLElement>(
  platform: Platform,
  content: TemplateResult,
  selector: string,
): Promise<{ el: T; provider: HTMLElement }> {
  const provider = await fixture<HTMLElement>(html`<onair-platform .adapter=${platform}>${content}</onair-platform>`);
  const el = provider.querySelector<T>(selector);
  if (!el) throw new Error(`mountWith: nothing matches ${selector}`);
  // Awaiting the element itself (no polling) leaves no timer behind for teardown checks.
  await customElements.whenDefined(el.localName);
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return { el, provider };
}

/** Returns a function telling how many controller subscriptions opened since are still open. */
export function subscriptionsBefore(): () => number {
  const before = liveSubscriptionCount();
  return () => liveSubscriptionCount() - before;
}

/** Counts timers and animation frames started and not yet run or cleared, until `restore()`. */
export function trackTimers(): { pending: () => number; restore: () => void } {
  const live = new Set<unknown>();
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci, requestAnimationFrame: raf, cancelAnimationFrame: caf } = window;
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = st(
      (...a: unknown[]) => {
        live.delete(id);
        if (typeof fn === 'function') fn(...a);
      },
      ms,
      ...args,
    );
    live.add(id);
    return id;
  }) as typeof setTimeout;
  window.clearTimeout = ((id?: number) => {
    live.delete(id);
    ct(id);
  }) as typeof clearTimeout;
  window.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = si(fn, ms, ...args);
    live.add(`i${id}`);
    return id;
  }) as typeof setInterval;
  window.clearInterval = ((id?: number) => {
    live.delete(`i${id}`);
    ci(id);
  }) as typeof clearInterval;
  window.requestAnimationFrame = (cb: FrameRequestCallback) => {
    const id = raf((t) => {
      live.delete(`r${id}`);
      cb(t);
    });
    live.add(`r${id}`);
    return id;
  };
  window.cancelAnimationFrame = (id: number) => {
    live.delete(`r${id}`);
    caf(id);
  };
  return {
    pending: () => live.size,
    restore: () => Object.assign(window, { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci, requestAnimationFrame: raf, cancelAnimationFrame: caf }),
  };
}

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
