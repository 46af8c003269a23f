/** What sizing needs of a Stripchat client: its request method (the client calls this with itself). */
export interface SizeNotifier {
  makeRequest(method: string, params: unknown): Promise<unknown>;
}

/** Attributes whose change may resize the body, as the official helper watches them. */
const SIZE_ATTRIBUTES = ['style', 'class', 'hidden', 'open'];

/**
 * Tells the host the body's size now and whenever it changes (`v1.system.resize.notify`), as the
 * official helper does, so Stripchat can size panel and tab slots to the content. Watches the body
 * with a ResizeObserver, and with a MutationObserver for changes that move content without resizing
 * the body box itself; sends only when the size differs from the last one sent. Returns the stop.
 */
export function notifySize(ext: SizeNotifier, doc: Document, onError: (error: unknown) => void): () => void {
  const body = doc.body;
  if (!body) return () => undefined;
  let last = '';
  const send = () => {
    const height = Math.max(body.offsetHeight, body.scrollHeight);
    const width = Math.max(body.offsetWidth, body.scrollWidth);
    const size = `${width}x${height}`;
    if (size === last) return;
    last = size;
    try {
      void Promise.resolve(ext.makeRequest('v1.system.resize.notify', { height, width })).catch(onError);
    } catch (error) {
      onError(error);
    }
  };
  send();
  const resize = new ResizeObserver(send);
  resize.observe(body);
  const mutations = new MutationObserver(send);
  mutations.observe(body, { childList: true, subtree: true, attributes: true, attributeFilter: SIZE_ATTRIBUTES });
  return () => {
    resize.disconnect();
    mutations.disconnect();
  };
}
