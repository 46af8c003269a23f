import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const goalBarStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      --_thickness: var(--onair-goal-bar-thickness, calc(1rem * var(--_scale)));
      --_fill: var(--onair-goal-bar-fill, var(--_accent));
    }

    :host([data-orientation='vertical']) {
      display: inline-block;
    }

    .base {
      display: grid;
      gap: calc(0.35rem * var(--_scale));
      text-shadow: var(--_text-shadow);
    }

    .header,
    .figures {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: calc(0.25rem * var(--_scale)) calc(1rem * var(--_scale));
    }

    .title {
      font-weight: 700;
    }

    .stretch,
    .percent {
      color: var(--_muted);
    }

    .amount,
    .percent {
      font-variant-numeric: tabular-nums;
    }

    .track {
      position: relative;
      overflow: hidden;
      height: var(--_thickness);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--onair-goal-bar-track, var(--_surface));
    }

    .fill {
      position: absolute;
      inset: 0;
      background: var(--_fill);
      transform: scaleX(var(--_fraction, 0));
      transform-origin: left center;
      transition: transform calc(var(--_duration) * 2) ease-out, background-color var(--_duration);
    }

    /* A new target's fill (see shownIndex) grows from empty rather than shrinking from the full bar. */
    @starting-style {
      .fill {
        transform: scaleX(0);
      }
    }

    :host(:dir(rtl)) .fill {
      transform-origin: right center;
    }

    :host([data-orientation='vertical']) .base {
      justify-items: center;
      text-align: center;
    }

    :host([data-orientation='vertical']) .header,
    :host([data-orientation='vertical']) .figures {
      flex-direction: column;
      align-items: center;
    }

    :host([data-orientation='vertical']) .track {
      width: var(--_thickness);
      height: var(--onair-goal-bar-length, calc(12rem * var(--_scale)));
    }

    :host([data-orientation='vertical']) .fill {
      transform: scaleY(var(--_fraction, 0));
      transform-origin: center bottom;
    }

    @starting-style {
      :host([data-orientation='vertical']) .fill {
        transform: scaleY(0);
      }
    }

    [data-complete] .fill {
      background: var(--onair-goal-bar-reached-fill, var(--_success));
    }

    [data-celebrating] .track {
      animation: onair-goal-celebrate calc(var(--_duration) * 2) ease-in-out 3;
    }

    :host([data-reduced-motion]) [data-celebrating] .track {
      animation: none;
    }

    .reached {
      margin: 0;
      font-weight: 700;
      color: var(--onair-goal-bar-reached-fill, var(--_success));
    }

    @keyframes onair-goal-celebrate {
      50% {
        transform: scale(1.04);
        box-shadow: 0 0 calc(1rem * var(--_scale)) var(--_fill);
      }
    }

    /* Forced colours would paint the fill like the track: it keeps the system's highlight colour. */
    @media (forced-colors: active) {
      .track {
        border-color: CanvasText;
      }
      .fill,
      [data-complete] .fill {
        forced-color-adjust: none;
        background: Highlight;
      }
    }
  `,
];
