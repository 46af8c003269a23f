/**
 * "Copy" buttons for the gallery's code snippets. The async Clipboard API needs a secure context
 * (https or localhost) and may be refused; then the text is selected and copied the old way, and
 * failing that left selected with a hint to press Ctrl+C. Every outcome is announced in `status`
 * (a live region) as well as on the button.
 */

const RESET_MS = 2000;

/** Copies `text`; falls back to selecting `source`'s contents. Resolves to the message to announce. */
export async function copyText(text: string, source?: Element): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied to the clipboard.';
  } catch {
    if (!source) return 'Could not copy: select the text and press Ctrl+C.';
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    // Deprecated, but the only fallback where the Clipboard API is missing (http:// on a LAN address).
    const copied = document.execCommand('copy');
    return copied ? 'Copied to the clipboard.' : 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
  }
}

/** A button that copies what `text()` returns, announcing the result in `status`. */
export function copyButton(label: string, text: () => string, source: () => Element | undefined, status: HTMLElement): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', label);
  let reset: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    const message = await copyText(text(), source());
    status.textContent = message;
    button.textContent = message.startsWith('Copied') ? 'Copied' : 'Copy';
    clearTimeout(reset);
    reset = setTimeout(() => (button.textContent = 'Copy'), RESET_MS);
  });
  return button;
}

function enhance(pre: HTMLPreElement, status: HTMLElement): void {
  if (pre.parentElement?.classList.contains('snippet')) return;
  const title = pre.closest('.widget-card')?.querySelector('h2, h3')?.textContent?.trim();
  const wrapper = document.createElement('div');
  wrapper.className = 'snippet';
  pre.replaceWith(wrapper);
  const label = title ? `Copy the ${title} snippet` : 'Copy this snippet';
  wrapper.append(pre, copyButton(label, () => pre.textContent ?? '', () => pre, status));
}

/**
 * Gives every `.widget-card pre` under `root` a copy button, now and whenever cards are added
 * (demo/widgets/*.ts add theirs). Returns a function that stops watching.
 */
export function enhanceSnippets(root: HTMLElement, status: HTMLElement): () => void {
  const scan = () => root.querySelectorAll<HTMLPreElement>('.widget-card pre').forEach((pre) => enhance(pre, status));
  scan();
  const observer = new MutationObserver(scan);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
