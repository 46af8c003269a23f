/**
 * Defines a widget from its own chunk once the document holds such an element, so a page downloads
 * a heavy widget only when it shows one. Elements in the page's HTML and those added to the document
 * later are found; one inside another component's shadow root is not, so such pages call the
 * returned loader (or `loadAllWidgets()` of the entry) themselves.
 */
export function defineWhenUsed(tag: string, load: () => Promise<unknown>): () => Promise<unknown> {
  let loading: Promise<unknown> | undefined;
  const start = () => (loading ??= load());
  if (customElements.get(tag)) return start;
  const found = document.getElementsByTagName(tag);
  if (found.length > 0) void start();
  else watch(found, start);
  return start;
}

/** Live collections of tags not seen yet, each with what to do once one appears. */
const watched = new Map<HTMLCollection, () => unknown>();
let observer: MutationObserver | undefined;

/**
 * One observer for every watched tag; a live collection answers "is there one now?" without
 * walking the added nodes, and the observer stops once every tag has turned up.
 */
function watch(found: HTMLCollection, start: () => unknown): void {
  watched.set(found, start);
  observer ??= new MutationObserver(() => {
    for (const [collection, begin] of watched) {
      if (collection.length === 0) continue;
      watched.delete(collection);
      begin();
    }
    if (watched.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}
