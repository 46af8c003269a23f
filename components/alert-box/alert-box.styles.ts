import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const alertBoxStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      --_alert-size: var(--onair-alert-box-font-size, calc(1.5rem * var(--_scale)));
      --_alert-gap: var(--onair-alert-box-gap, calc(0.5rem * var(--_scale)));
      --_distance: var(--onair-alert-box-distance, calc(2rem * var(--_scale)));
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
      /* Each preset sets where the alert comes from (--_in-from) and goes to (--_out-to). */
      --_in-from: translateY(calc(var(--_distance) * 0.75)) scale(0.9);
      --_out-to: translateY(calc(var(--_distance) * -0.5)) scale(0.96);
      animation: onair-alert-in calc(var(--_duration) * 2) var(--_in-easing, cubic-bezier(0.2, 0.9, 0.3, 1.2)) both;
    }

    .alert[data-leaving] {
      animation: onair-alert-out var(--_duration) ease-in both;
    }

    .alert[data-in='fade'],
    .alert[data-in='zoom'],
    .alert[data-in^='slide-'] {
      --_in-easing: ease-out;
    }

    .alert[data-in='fade'] {
      --_in-from: none;
    }
    .alert[data-out='fade'] {
      --_out-to: none;
    }
    .alert[data-in='zoom'] {
      --_in-from: scale(0.5);
    }
    .alert[data-out='zoom'] {
      --_out-to: scale(0.5);
    }
    .alert[data-in='slide-up'] {
      --_in-from: translateY(var(--_distance));
    }
    .alert[data-out='slide-up'] {
      --_out-to: translateY(calc(var(--_distance) * -1));
    }
    .alert[data-in='slide-down'] {
      --_in-from: translateY(calc(var(--_distance) * -1));
    }
    .alert[data-out='slide-down'] {
      --_out-to: translateY(var(--_distance));
    }
    .alert[data-in='slide-left'] {
      --_in-from: translateX(calc(var(--_distance) * 1.5));
    }
    .alert[data-out='slide-left'] {
      --_out-to: translateX(calc(var(--_distance) * -1.5));
    }
    .alert[data-in='slide-right'] {
      --_in-from: translateX(calc(var(--_distance) * -1.5));
    }
    .alert[data-out='slide-right'] {
      --_out-to: translateX(calc(var(--_distance) * 1.5));
    }

    .alert[data-in='none']:not([data-leaving]),
    .alert[data-out='none'][data-leaving] {
      animation: none;
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
        transform: var(--_in-from);
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
        transform: var(--_out-to);
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
