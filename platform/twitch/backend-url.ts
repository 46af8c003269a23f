// Apart from the backend client, so the option schema (which every page loads with the entry) can
// validate the attribute without pulling the client and its envelope code into the entry.

/**
 * A backend origin the frames may call: `https://…`, or `http://localhost…` while developing.
 * Returns the URL without a trailing slash, or `undefined` for anything else.
 */
export function backendUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return url.href.replace(/\/+$/, '');
}
