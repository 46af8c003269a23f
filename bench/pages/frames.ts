import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';

/** Counts requestAnimationFrame calls made by anything on the page during the next `ms`. */
export async function countAnimationFrameRequests(ms: number): Promise<number> {
  let requested = 0;
  const original = window.requestAnimationFrame;
  window.requestAnimationFrame = (callback) => {
    requested += 1;
    return original.call(window, callback);
  };
  await new Promise((resolve) => setTimeout(resolve, ms));
  window.requestAnimationFrame = original;
  return requested;
}

/** The next animation frame's time. */
export const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Whether the browser reports long animation frames (over 50 ms) to a PerformanceObserver. */
export function supportsLoaf(): boolean {
  return PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
}

let mounted: OnAirPlatformElement | undefined;

/**
 * A fresh `<onair-platform>` on a demo feed that fires nothing by itself, holding `children`, once
 * its platform exists and `ready()` holds; the previous one is removed and storage cleared, so every
 * run starts alike.
 */
export async function mountOnDemo(children: HTMLElement[], ready = () => true): Promise<{ provider: OnAirPlatformElement; demo: DemoPlatform }> {
  mounted?.remove();
  localStorage.clear();
  const provider = document.createElement('onair-platform');
  mounted = provider;
  for (const [name, value] of Object.entries({ platform: 'demo', rate: '0', 'viewer-interval': '0', 'connect-delay': '0' })) provider.setAttribute(name, value);
  provider.append(...children);
  document.body.append(provider);
  while (!provider.current || !ready()) await frame();
  return { provider, demo: provider.current as DemoPlatform };
}

/** Records the interval between animation frames, calling `each` once per frame, until `stop()`. */
export function frameIntervals(each: () => void = () => {}): { stop(): Promise<number[]> } {
  const intervals: number[] = [];
  let running = true;
  const loop = (async () => {
    let last = await frame();
    while (running) {
      const now = await frame();
      intervals.push(now - last);
      last = now;
      each();
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return intervals;
    },
  };
}
