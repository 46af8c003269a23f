import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { html } from 'lit';
import '../components/platform/platform.js';
import { liveSubscriptionCount } from '../platform/controllers.js';
import { DemoPlatform, type DemoOptions } from '../platform/demo/demo-platform.js';
import type { Platform } from '../platform/model.js';

// Waiting helpers live in a module without side effects, for tests that mount no element.
export { nothingWithin, until } from './wait.js';

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
 * Takes a copy of localStorage; the returned function puts it back (keys added since removed,
 * changed ones restored). For tests that open pages whose widgets keep state under their default
 * keys, so no test sees what an earlier one (in this file or another) left behind.
 */
export function storageSnapshot(): () => void {
  const before = new Map(Object.entries(localStorage));
  return () => {
    for (const key of Object.keys(localStorage)) if (!before.has(key)) localStorage.removeItem(key);
    for (const [key, value] of before) if (localStorage.getItem(key) !== value) localStorage.setItem(key, value);
  };
}

/** Counts the element's renders from now on; read the count with the returned function. */
export function countRenders(el: { render(): unknown }): () => number {
  let renders = 0;
  const render = el.render.bind(el);
  el.render = () => {
    renders += 1;
    return render();
  };
  return () => renders;
}

/** Counts the animation frames the page sees until `stop()`, with a frame loop of the test's own. */
export function countFrames(): { stop(): number } {
  let frames = 0;
  let counting = true;
  const count = () => {
    frames += 1;
    if (counting) requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  return {
    stop() {
      counting = false;
      return frames;
    },
  };
}

/** A 1,000 tips/s flood for a second: `fire(n)` for n = 0 … 999, ten every 10 ms. */
export function flood(fire: (n: number) => void): Promise<void> {
  return new Promise((done) => {
    let sent = 0;
    const timer = setInterval(() => {
      for (let i = 0; i < 10; i += 1) fire(sent + i);
      sent += 10;
      if (sent >= 1000) {
        clearInterval(timer);
        done();
      }
    }, 10);
  });
}
