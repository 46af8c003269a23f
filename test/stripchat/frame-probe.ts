/**
 * Loaded first in the test slot: counts live `message` listeners on the window and every message
 * that does not come from the parent, before any onair code can add its own listener.
 */
export const probe = {
  messageListeners: 0,
  foreignMessages: 0,
  pageErrors: 0,
  /** Posts `message` from this slot to itself: the right origin, but not the parent as source. */
  selfPost: (message: unknown) => window.postMessage(message, '*'),
};

const add = window.addEventListener.bind(window);
const remove = window.removeEventListener.bind(window);
const live = new Set<unknown>();
window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
  if (type === 'message') live.add(listener);
  probe.messageListeners = live.size;
  add(type, listener, options);
}) as typeof window.addEventListener;
window.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) => {
  if (type === 'message') live.delete(listener);
  probe.messageListeners = live.size;
  remove(type, listener, options);
}) as typeof window.removeEventListener;

function countForeign(event: MessageEvent): void {
  if (event.source !== window.parent) probe.foreignMessages += 1;
}
add('message', countForeign);
add('error', () => (probe.pageErrors += 1));
add('unhandledrejection', () => (probe.pageErrors += 1));
