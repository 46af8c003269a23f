/**
 * What the wheel draws, as lit templates from plain data: the wedges and pointer, the winner's
 * banner, the live result line, and (on request) the proof of each spin with every value labelled.
 */
import { html, nothing, svg } from 'lit';
import { verifySpin, type SpinProof, type VerifiedProof } from './fairness.js';
import type { RefusalReason, Request } from './wheel-room.js';
import { GEOMETRY, labelPlacement, wedgePath, type Segment, type WheelItem } from './wheel-model.js';
import { addEnglish } from '../shared/messages.js';
import { wheelSpinnerEnglish } from './wheel-spinner.messages.js';

// The view says every word the wheel shows, so loading it brings the wheel's English words along.
addEnglish(wheelSpinnerEnglish);

export interface SpinResult {
  /** Index of the winner in the segments the spin was drawn on. */
  index: number;
  item: WheelItem;
  /** The payment id that bought the spin (`free-…` for one the streamer started). */
  spinId: string;
}

export interface SpinEventDetail extends SpinResult {
  /** True when the room's authority spun elsewhere and this wheel follows it. */
  remote: boolean;
  /** True when this wheel checked the spin against what it saw before the payment (README "Fairness"). */
  verified: boolean;
  /** Why it is not verified. */
  reason?: string;
}

export interface SpinEndDetail extends SpinEventDetail {
  /** True when `remove-winner` took the winner off the wheel. */
  removed: boolean;
  /** What anyone needs to re-check a verified spin with `verifySpin(proof, items, { commitment })`. */
  proof?: VerifiedProof;
  /** The segments as they were when the wheel spun, for `verifySpin`. */
  items: WheelItem[];
}

/** A segment with its label fitted to the wedge. */
export interface DrawnSegment extends Segment {
  shown: string;
  size: number;
}

export interface HistoryEntry {
  index: number;
  label: string;
  spinId: string;
  at: Date;
  /** False when the spin could not be verified here. */
  verified: boolean;
}

/** One verified spin as the wheel keeps it for the verify view. */
export interface ProofEntry {
  proof: VerifiedProof;
  items: WheelItem[];
  label: string;
  at: Date;
}

export interface WheelView {
  msg(id: string, values?: Record<string, string | number>): string;
  segments: readonly DrawnSegment[];
  spinning: boolean;
  reduced: boolean;
  fading: boolean;
  winner?: DrawnSegment;
  celebrating: boolean;
  /** The segments' list for assistive tech, with their shares. */
  percent: Intl.NumberFormat;
  label: string;
}

export function renderWheel(view: WheelView) {
  const { center: c, radius, hub } = GEOMETRY;
  const { segments, winner } = view;
  const classes = `wheel ${view.spinning && !view.reduced ? 'spinning' : ''} ${view.fading ? 'fading' : ''} ${winner ? 'has-winner' : ''}`;
  return html`
    <div part="stage" class="stage ${view.celebrating ? 'celebrating' : ''}">
      <svg part="wheel" class=${classes} viewBox="0 0 200 200" aria-hidden="true">
        ${segments.map((segment) => renderSegment(segment, segments.length, segment === winner))}
        <circle class="rim" cx=${c} cy=${c} r=${radius}></circle>
        <circle part="hub" class="hub" cx=${c} cy=${c} r=${hub}></circle>
      </svg>
      <svg part="pointer" class="pointer" viewBox="0 0 24 28" aria-hidden="true"><path d="M2 2 H22 L12 26 Z"></path></svg>
      ${winner && !view.spinning
        ? html`<p part="winner-label" class="winner-label banner" aria-hidden="true"><span class="banner-text">${labelText(winner)}</span></p>`
        : nothing}
      ${view.celebrating ? html`<span class="burst" aria-hidden="true"></span>` : nothing}
    </div>
    <ul class="visually-hidden" aria-label=${view.msg('wheelSegments', { label: view.label })}>
      ${segments.map((segment) => html`<li>${segment.label} (${view.percent.format((segment.end - segment.start) / 360)})</li>`)}
    </ul>
  `;
}

function renderSegment(segment: DrawnSegment, count: number, isWinner: boolean) {
  const { center: c } = GEOMETRY;
  const place = labelPlacement(segment.start, segment.end);
  const middle = ((segment.start + segment.end) / 2) * (Math.PI / 180);
  const imageAt = { x: c + 74 * Math.sin(middle) - 7, y: c - 74 * Math.cos(middle) - 7 };
  return svg`<g part=${isWinner ? 'segment winner' : 'segment'} class="segment ${isWinner ? 'winner' : ''}">
    <path d=${count === 1 ? circlePath() : wedgePath(segment.start, segment.end)} fill=${segment.color}></path>
    ${segment.item.image ? svg`<image class="segment-image" href=${segment.item.image} x=${imageAt.x.toFixed(2)} y=${imageAt.y.toFixed(2)} width="14" height="14"></image>` : nothing}
    <text part="label" class="label" x=${place.x} y=${c} text-anchor=${place.anchor} dominant-baseline="central"
      font-size=${segment.size.toFixed(2)} fill=${segment.textColor}
      transform="rotate(${place.rotate.toFixed(3)} ${c} ${c})"><title>${segment.label}</title>${segment.shown}</text>
  </g>`;
}

/**
 * The commitment line, shown only with `show-proof`: one labelled value, never the same hash twice
 * (a revealed seed is also the next commitment, so after a spin only the seed is shown).
 */
export function renderCommitment(msg: WheelView['msg'], head: string | undefined, last: ProofEntry | undefined, spinning: boolean) {
  if (last && !spinning) return html`<p part="commitment" class="commitment"><span title=${msg('wheelProofSeed')}>${msg('wheelRevealed', { seed: short(last.proof.seed) })}</span></p>`;
  if (!head) return nothing;
  return html`<p part="commitment" class="commitment"><span>${msg('wheelCommitment', { commitment: short(head) })}</span></p>`;
}

/** The verify view: recent spins with each value labelled, and a check that re-runs `verifySpin`. */
export function renderProofs(msg: WheelView['msg'], proofs: readonly ProofEntry[], checks: Record<string, string>, check: (entry: ProofEntry) => void) {
  return html`<details part="proofs" class="proofs">
    <summary>${msg('wheelVerify')}</summary>
    <ol aria-label=${msg('wheelProofs')}>
      ${proofs.map(
        (entry) => html`<li>
          <span class="proof-label">${entry.label}</span>
          <dl class="proof-values">
            <dt>${msg('wheelProofPayment')}</dt><dd><code>${entry.proof.paymentId}</code></dd>
            <dt>${msg('wheelProofCommitment')}</dt><dd><code>${short(entry.proof.commitment)}</code></dd>
            <dt>${msg('wheelProofSeed')}</dt><dd><code>${short(entry.proof.seed)}</code></dd>
          </dl>
          <button type="button" class="check" @click=${() => check(entry)}>${msg('wheelCheck')}</button>
          <span class="verdict" role="status">${checks[entry.proof.paymentId] ?? ''}</span>
        </li>`,
      )}
    </ol>
  </details>`;
}

/** Re-checks a kept proof against the commitment it was verified with, in words. */
export async function checkProof(msg: WheelView['msg'], entry: ProofEntry): Promise<string> {
  const verdict = await verifySpin(entry.proof as SpinProof, entry.items, { commitment: entry.proof.commitment });
  return verdict.ok ? msg('wheelCheckOk') : msg('wheelCheckFailed', { reason: verdict.reason });
}

export function renderHistory(msg: WheelView['msg'], locale: string, entries: readonly HistoryEntry[]) {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  return html`<ol part="history" class="history" aria-label=${msg('wheelHistory')}>
    ${entries.map((entry) => html`<li>${entry.label}<time datetime=${entry.at.toISOString()}>${time.format(entry.at)}</time></li>`)}
  </ol>`;
}

const REFUSALS: Record<RefusalReason, string> = {
  'not-authority': 'wheelOnlyStreamer',
  'outcome-chosen': 'wheelOnlyStreamer',
  'not-paid': 'wheelNotPaid',
  'price-too-low': 'wheelPriceTooLow',
  'no-item': 'wheelNoItem',
  'no-authority': 'wheelNoAuthority',
  'no-answer': 'wheelNoAnswer',
  'queue-full': 'wheelQueueFull',
  'not-saved': 'wheelNotSaved',
};

export interface Announcement {
  id: 'wheelSpinning' | 'wheelResult';
  label: string;
  verified: boolean;
  reason?: string;
}

/** The live line: a viewer's request state first, then the spin's, saying "unverified" and why when it is. */
export function statusLine(msg: WheelView['msg'], state: { request?: Request; spinning: boolean; yielded: boolean; price: string; announcement?: Announcement }): string {
  const { request, announcement } = state;
  if (request?.state === 'paying') return msg('wheelPaying');
  if (request?.state === 'pending') return msg('wheelPending');
  if (request?.state === 'refused' && !state.spinning) return msg(REFUSALS[request.reason], { price: state.price, detail: request.detail ?? '' });
  if (state.yielded) return msg('wheelYielded');
  if (!announcement) return '';
  const line = msg(announcement.id, { label: announcement.label });
  return announcement.verified ? line : `${line} ${msg('wheelUnverified', { reason: announcement.reason ?? '' })}`;
}

/** The text drawn for a segment: its emoji, if any, before its label. */
export function labelText(segment: Pick<Segment, 'label' | 'item'>): string {
  return segment.item.emoji ? `${segment.item.emoji} ${segment.label}` : segment.label;
}

/** The first eight hex digits: enough to compare by eye on stream. */
export function short(hex: string): string {
  return hex.slice(0, 8);
}

function circlePath(): string {
  const { center: c, radius: r } = GEOMETRY;
  return `M ${c - r} ${c} A ${r} ${r} 0 1 1 ${c + r} ${c} A ${r} ${r} 0 1 1 ${c - r} ${c} Z`;
}
