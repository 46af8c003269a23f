import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const viewerCounterStyles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
      --_size: var(--onair-counter-size, 2em);
      --_count-color: var(--onair-counter-color, var(--_fg));
      --_label-color: var(--onair-counter-label-color, var(--_muted));
      --_gap: var(--onair-counter-gap, 0.4em);
      /* Denser than the shared surface: over a white frame the muted label still meets 4.5:1. */
      --_pill-surface: rgb(16 16 24 / 0.9);
    }

    :host([data-theme='light']) {
      --_pill-surface: rgb(255 255 255 / 0.92);
    }

    .base {
      display: inline-flex;
      flex-direction: column;
      gap: 0.25em;
      line-height: 1.1;
      text-shadow: var(--_text-shadow);
    }

    /* The pill: its own surface, so the count reads over any frame of video. */
    :host([data-appearance='pill']) .base {
      padding: var(--onair-counter-padding, 0.3em 0.8em);
      border: 1px solid var(--_border);
      border-radius: var(--onair-counter-radius, 1.4em);
      background: var(--onair-counter-background, var(--_pill-surface));
      text-shadow: none;
    }

    .total {
      display: inline-flex;
      align-items: baseline;
      gap: var(--_gap);
    }

    .count {
      font-size: var(--_size);
      font-weight: 700;
      color: var(--_count-color);
      font-variant-numeric: tabular-nums;
    }

    .label {
      font-size: calc(var(--_size) * 0.45);
      color: var(--_label-color);
    }

    .message {
      font-size: calc(var(--_size) * 0.45);
      color: var(--_label-color);
    }

    .breakdown {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      font-size: calc(var(--_size) * 0.4);
      color: var(--_label-color);
    }

    .breakdown-count {
      color: var(--_count-color);
      font-variant-numeric: tabular-nums;
      margin-inline-start: 0.3em;
    }

    /* Forced colours: the count and its parts are text in the system's colours; the breakdown's counts stay apart from their names. */
    @media (forced-colors: active) {
      .breakdown-count {
        font-weight: 700;
      }
    }
  `,
];
