import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const leaderboardStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      /* Wide enough for a name and an amount, never a bar across a whole video. */
      min-width: min(100%, var(--onair-leaderboard-min-width, 14em));
      max-width: var(--onair-leaderboard-max-width, 28em);
      --_row-bg: var(--onair-leaderboard-row-background, var(--_surface));
      --_highlight: var(--onair-leaderboard-highlight, color-mix(in srgb, var(--_accent) 55%, transparent));
    }

    .list {
      display: grid;
      gap: var(--onair-leaderboard-row-gap, 0.35em);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .row {
      display: grid;
      grid-template-columns: 2.25ch 1fr auto;
      align-items: center;
      gap: 0.75em;
      padding: 0.45em 0.8em;
      border-radius: var(--_radius);
      background: var(--_row-bg);
      position: relative;
      isolation: isolate;
    }

    /* The flash of a row that just entered: animated by opacity alone (see animateMoves). */
    .row::before {
      content: '';
      position: absolute;
      inset: 0;
      z-index: -1;
      border-radius: inherit;
      background: var(--_highlight);
      opacity: 0;
      pointer-events: none;
    }

    .rank {
      color: var(--onair-leaderboard-rank-color, var(--_muted));
      font-variant-numeric: tabular-nums;
      text-align: end;
    }

    .name {
      overflow: hidden;
      font-weight: 600;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .amount {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    /* Out of sight but still read, and still as wide as shown: fitAmounts measures it. */
    .units-hidden .unit {
      position: absolute;
      inset-block-start: 0;
      inset-inline-end: 0;
      clip-path: inset(50%);
      white-space: pre;
      pointer-events: none;
    }

    .status {
      margin: 0;
      color: var(--_muted);
    }

    .header {
      margin-block-end: 0.4em;
    }

    .header[hidden] {
      display: none;
    }

    .header .heading {
      margin: 0;
    }

    .currency,
    .note {
      display: block;
      margin: 0;
      color: var(--_muted);
      font-size: 0.85em;
      text-shadow: var(--_text-shadow);
    }

    .note {
      margin-block-start: 0.4em;
    }

    /* Forced colours drop the rows' surfaces and the entering row's flash: rows get a border, the flash the system's highlight. */
    @media (forced-colors: active) {
      .row {
        border: 1px solid CanvasText;
      }
      .row::before {
        forced-color-adjust: none;
        background: Highlight;
      }
    }
  `,
];
