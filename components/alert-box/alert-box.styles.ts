import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const alertBoxStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      --_alert-size: var(--onair-alert-box-font-size, calc(1.5rem * var(--_scale)));
      --_alert-gap: var(--onair-alert-box-gap, calc(0.5rem * var(--_scale)));
    }

    .base {
      display: grid;
      justify-items: center;
    }

    .alert {
      display: grid;
      justify-items: center;
      gap: var(--_alert-gap);
      max-width: 100%;
      padding: calc(1rem * var(--_scale)) calc(1.5rem * var(--_scale));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--onair-alert-box-background, var(--_surface));
      text-align: center;
      text-shadow: var(--_text-shadow);
      animation: onair-alert-in calc(var(--_duration) * 2) cubic-bezier(0.2, 0.9, 0.3, 1.2) both;
    }

    .alert[data-leaving] {
      animation: onair-alert-out var(--_duration) ease-in both;
    }

    :host([data-reduced-motion]) .alert {
      animation: none;
    }

    .image {
      display: block;
      max-width: var(--onair-alert-box-image-size, calc(8rem * var(--_scale)));
      max-height: var(--onair-alert-box-image-size, calc(8rem * var(--_scale)));
      object-fit: contain;
    }

    .headline {
      margin: 0;
      font-size: var(--_alert-size);
      font-weight: 700;
      overflow-wrap: anywhere;
    }

    .amount {
      color: var(--onair-alert-box-amount-color, var(--_accent));
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    .message {
      margin: 0;
      font-size: calc(var(--_alert-size) * 0.7);
      overflow-wrap: anywhere;
    }

    .more {
      margin: 0;
      color: var(--_muted);
      font-size: calc(var(--_alert-size) * 0.55);
    }

    @keyframes onair-alert-in {
      from {
        opacity: 0;
        transform: translateY(calc(1.5rem * var(--_scale))) scale(0.9);
      }
      to {
        opacity: 1;
        transform: none;
      }
    }

    @keyframes onair-alert-out {
      from {
        opacity: 1;
        transform: none;
      }
      to {
        opacity: 0;
        transform: translateY(calc(-1rem * var(--_scale))) scale(0.96);
      }
    }

    /* Forced colours: the amount, stressed by colour, keeps a stress of its own. */
    @media (forced-colors: active) {
      .amount {
        text-decoration: underline;
      }
    }
  `,
];
