import type { Tip } from '../../platform/model.js';

/**
 * The key a widget remembers a counted tip by: its id and its time. A host that sends a tip again
 * sends both unchanged, so the copy is recognised; a feed that reuses ids for new tips (a restarted
 * simulation numbering from 1) still counts them, because new tips carry new times. `undefined`
 * for a tip without an id or a valid time.
 */
export function tipKey(tip: Tip): string | undefined {
  const at = tip?.at instanceof Date ? tip.at.getTime() : NaN;
  return typeof tip?.id === 'string' && tip.id !== '' && Number.isFinite(at) ? `${tip.id}@${at}` : undefined;
}
