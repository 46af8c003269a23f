import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const wheelSpinnerStyles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
      --_size: calc(var(--onair-wheel-size, 280px) * var(--_scale));
      --_pointer: var(--onair-wheel-pointer-color, var(--_fg));
      --_rim: var(--onair-wheel-border-color, var(--_border));
      --_hub: var(--onair-wheel-hub-color, var(--_surface));
      --_fade: var(--onair-wheel-fade-duration, 200ms);
    }

    .base {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 0.75rem;
    }

    .stage {
      position: relative;
      width: var(--_size);
      height: var(--_size);
    }

    .wheel {
      display: block;
      width: 100%;
      height: 100%;
      transform-origin: 50% 50%;
      transition: opacity var(--_fade) ease-in-out;
    }

    .wheel.spinning {
      will-change: transform;
    }

    .wheel.fading {
      opacity: 0;
    }

    .rim {
      fill: none;
      stroke: var(--_rim);
      stroke-width: 2;
    }

    .segment path {
      stroke: var(--_rim);
      stroke-width: 0.5;
    }

    .label {
      font-weight: 600;
      font-family: inherit;
      pointer-events: none;
    }

    .hub {
      fill: var(--_hub);
      stroke: var(--_rim);
      stroke-width: 2;
    }

    .pointer {
      position: absolute;
      top: -6px;
      left: 50%;
      width: 24px;
      height: 28px;
      transform: translateX(-50%);
      fill: var(--_pointer);
      stroke: var(--_hub);
      stroke-width: 2;
      filter: drop-shadow(0 1px 2px rgba(0, 0, 0, 0.5));
    }

    button {
      font: inherit;
      font-weight: 600;
      padding: 0.5rem 1.5rem;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_accent-fg);
      cursor: pointer;
    }

    button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }

    button:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }

    :host([hide-button]) button {
      display: none;
    }

    .result {
      margin: 0;
      min-height: 1.4em;
      font-weight: 600;
      text-align: center;
    }

    .history {
      margin: 0;
      padding: 0.5rem 0.75rem 0.5rem 2rem;
      background: var(--_surface);
      border-radius: var(--_radius);
      font-size: 0.85rem;
      color: var(--_fg);
    }

    .history time {
      color: var(--_muted);
      margin-inline-start: 0.5em;
    }

    .empty {
      margin: 0;
      padding: 1rem;
      max-width: var(--_size);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: var(--_muted);
      text-align: center;
    }
  `,
];
