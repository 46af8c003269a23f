import { css, html, nothing } from 'lit';

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

/** The heading's look; sizes in em, so `--onair-scale` scales it with the widget. */
export const headingStyles = css`
  .heading {
    margin: 0 0 0.4em;
    font-size: var(--onair-heading-size, 1.1em);
    font-weight: 700;
    line-height: 1.2;
    color: var(--onair-heading-color, var(--_fg));
    text-shadow: var(--_text-shadow);
    overflow-wrap: anywhere;
  }

  .heading[hidden] {
    display: none;
  }
`;
