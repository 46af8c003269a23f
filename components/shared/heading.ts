import { html, nothing } from 'lit';

/**
 * The visible title a panel widget may carry: an `h2` with the `heading` attribute's text, which a
 * `heading` slot replaces. Rendered hidden while there is neither, so an empty heading never
 * reaches the accessibility tree; the slot stays in the DOM, so slotting a title later shows it.
 * `onSlotted` hears whether anything is slotted.
 */
export function renderHeading(text: string | undefined, slotted: boolean, onSlotted: (slotted: boolean) => void) {
  const title = (text ?? '').trim();
  const changed = (event: Event) => onSlotted((event.target as HTMLSlotElement).assignedNodes({ flatten: false }).some(hasContent));
  return html`<h2 part="heading" class="heading" ?hidden=${!slotted && title === ''}>
    <slot name="heading" @slotchange=${changed}>${title || nothing}</slot>
  </h2>`;
}

function hasContent(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE || (node.textContent ?? '').trim() !== '';
}
