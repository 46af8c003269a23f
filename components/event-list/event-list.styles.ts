import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const eventListStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      --_row-gap: var(--onair-event-list-row-gap, calc(0.35rem * var(--_scale)));
    }

    .base {
      display: grid;
      gap: var(--_row-gap);
      text-shadow: var(--_text-shadow);
    }

    .list {
      display: grid;
      gap: var(--_row-gap);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: baseline;
      gap: 0 calc(0.75rem * var(--_scale));
      padding: calc(0.4rem * var(--_scale)) calc(0.75rem * var(--_scale));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--onair-event-list-row-background, var(--_surface));
    }

    .row[data-new] {
      animation: onair-event-in calc(var(--_duration) * 1.5) ease-out both;
    }

    :host([data-reduced-motion]) .row[data-new] {
      animation: none;
    }

    .name {
      overflow: hidden;
      font-weight: 700;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .amount {
      color: var(--onair-event-list-amount-color, var(--_accent));
      font-variant-numeric: tabular-nums;
      font-weight: 700;
      white-space: nowrap;
    }

    .message {
      grid-column: 1 / -1;
      color: var(--_muted);
      font-size: 0.9em;
      overflow-wrap: anywhere;
    }

    .status,
    .total {
      margin: 0;
      color: var(--_muted);
    }

    .total {
      font-variant-numeric: tabular-nums;
    }

    @keyframes onair-event-in {
      from {
        opacity: 0;
        transform: translateY(var(--onair-event-list-enter-distance, calc(-0.75rem * var(--_scale))));
      }
      to {
        opacity: 1;
        transform: none;
      }
    }

    @media (forced-colors: active) {
      .base {
        text-shadow: none;
      }

      .row {
        border-color: CanvasText;
        background: Canvas;
        color: CanvasText;
      }

      .amount,
      .message,
      .status,
      .total {
        color: CanvasText;
      }
    }
  `,
];
