/**
 * A frame of another origin in the same page as the extension slot. On the parent's word it posts
 * forged host messages to a sibling frame (or to the parent), then tells the parent how many.
 */
interface Forge {
  forge: unknown[];
  /** Index into `parent.frames`, or `parent`. */
  target: number | 'parent';
}

window.addEventListener('message', (event: MessageEvent<Forge>) => {
  if (event.source !== window.parent || !Array.isArray(event.data?.forge)) return;
  const { forge, target } = event.data;
  const to = target === 'parent' ? window.parent : window.parent.frames[target];
  for (const message of forge) to.postMessage(message, '*');
  window.parent.postMessage({ forged: forge.length }, '*');
});
window.parent.postMessage({ hostileReady: true }, '*');
