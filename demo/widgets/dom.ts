/** Small DOM builders the gallery cards share. */

/** A new `tag` element with `props` assigned. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** `control` inside a label that reads `text` before it. */
export function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = element('label', { textContent: `${text} ` });
  label.append(control);
  return label;
}
