import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const tipTimerStyles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
      --_time-size: var(--onair-tip-timer-font-size, calc(3rem * var(--_scale)));
      --_ended: var(--onair-tip-timer-ended-color, var(--_danger));
    }

    .base {
      display: grid;
      justify-items: center;
      gap: calc(0.35rem * var(--_scale));
      padding: calc(0.5rem * var(--_scale)) calc(1rem * var(--_scale));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--onair-tip-timer-background, var(--_surface));
      text-align: center;
      text-shadow: var(--_text-shadow);
    }

    .label {
      color: var(--_muted);
      font-weight: 700;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      font-size: 0.85em;
    }

    .time {
      color: var(--onair-tip-timer-color, var(--_fg));
      font-size: var(--_time-size);
      font-variant-numeric: tabular-nums;
      font-weight: 800;
      line-height: 1.1;
      white-space: nowrap;
    }

    [data-status='paused'] .time,
    [data-waiting] .time {
      opacity: 0.6;
    }

    [data-status='ended'] .time {
      color: var(--_ended);
      animation: onair-timer-ended calc(var(--_duration) * 2) ease-in-out 3;
    }

    :host([data-reduced-motion]) [data-status='ended'] .time {
      animation: none;
    }

    .state {
      margin: 0;
      color: var(--_muted);
    }

    [data-status='ended'] .state {
      color: var(--_ended);
      font-weight: 700;
    }

    .controls {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: calc(0.35rem * var(--_scale));
    }

    .button {
      min-height: calc(2rem * var(--_scale));
      padding: calc(0.25rem * var(--_scale)) calc(0.75rem * var(--_scale));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: transparent;
      color: inherit;
      font: inherit;
      cursor: pointer;
      text-shadow: none;
    }

    .button[data-action='start'],
    .button[data-action='resume'] {
      border-color: transparent;
      background: var(--_accent);
      color: var(--_accent-fg);
    }

    .button:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }

    @keyframes onair-timer-ended {
      50% {
        transform: scale(1.08);
      }
    }

    @media (forced-colors: active) {
      .base {
        border-color: CanvasText;
        background: Canvas;
        color: CanvasText;
        text-shadow: none;
      }

      .label,
      .time,
      .state,
      [data-status='ended'] .time,
      [data-status='ended'] .state {
        color: CanvasText;
      }

      .button,
      .button[data-action] {
        border-color: ButtonText;
        background: ButtonFace;
        color: ButtonText;
      }

      .button:focus-visible {
        outline: 2px solid Highlight;
        outline-offset: 2px;
      }
    }
  `,
];
