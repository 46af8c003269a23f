import { detectPlatformWhenReady } from './detect.js';
import type { Platform } from './model.js';
import { createPlatform, optionsFromSearch } from './registry.js';

let shared: Promise<Platform> | undefined;

/**
 * The one platform shared by widgets outside any `<onair-platform>`: detected once from the page
 * URL and globals, with URL query parameters as its options. A bare `<onair-viewer-counter>` works.
 */
export function pagePlatform(): Promise<Platform> {
  shared ??= (async () => {
    const search = location.search;
    const name = await detectPlatformWhenReady({ search, win: window });
    return createPlatform(name, optionsFromSearch(search));
  })();
  return shared;
}

/** Replaces the page-level platform (tests, or pages that build their own). */
export function setPagePlatform(platform: Platform | undefined): void {
  shared = platform ? Promise.resolve(platform) : undefined;
}
