/**
 * The text of a message a host may have sent with HTML in it: tags dropped, entities decoded,
 * whitespace collapsed, so markup such as `<b>bold</b>` is shown and read as "bold". Parsed into an
 * inert document (no scripts run, nothing loads); only its text is kept.
 */
export function plainText(message: string): string {
  const text = /[<&]/.test(message) ? (new DOMParser().parseFromString(message, 'text/html').body.textContent ?? '') : message;
  return text.replace(/\s+/g, ' ').trim();
}
