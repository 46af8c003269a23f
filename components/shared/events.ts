/** Dispatches a typed `onair-*` event that bubbles out of shadow roots. */
export function emit<K extends keyof OnAirEventMap>(
  target: EventTarget,
  type: K,
  detail: OnAirEventMap[K] extends CustomEvent<infer D> ? D : never,
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, ...options }));
}
