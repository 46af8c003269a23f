import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const wheelSpinnerStyles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
      --_pointer: var(--onair-wheel-pointer-color, var(--_fg));
      --_rim: var(--onair-wheel-border-color, var(--_border));
      --_hub: var(--onair-wheel-hub-color, var(--_surface));
      --_winner: var(--onair-wheel-winner-color, var(--_accent));
      --_fade: var(--onair-wheel-fade-duration, 200ms);
    }

    /* rem, so the wheel follows the page's root font size like the other widgets' text; --_scale
       (from the shared base, set by --onair-scale) scales it with the rest of the widget. */
    .base {
      --_size: calc(var(--onair-wheel-size, 17.5rem) * var(--_scale));
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 0.75em;
      max-width: 100%;
    }

    /* The wheel shrinks to its container (a 240 px slot shows all of it) and never grows past --_size. */
    :host {
      max-width: 100%;
    }

    .stage {
      position: relative;
      width: var(--_size);
      max-width: 100%;
      aspect-ratio: 1;
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

    .segment.winner path {
      stroke: var(--_winner);
      stroke-width: 3;
    }

    .wheel.has-winner .segment:not(.winner) {
      opacity: 0.65;
    }

    /* The winner's banner: large and centred, shown only once the wheel stopped, so it never hides
       wedges that still turn. */
    .winner-label {
      position: absolute;
      left: 50%;
      top: 50%;
      transform: translate(-50%, -50%);
      margin: 0;
      max-width: 86%;
      padding: 0.35em 0.9em;
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_fg);
      border: 3px solid var(--_winner);
      box-shadow: 0 0.3em 1.2em rgb(0 0 0 / 0.35);
      font-size: calc(var(--_size) * 0.085);
      font-weight: 800;
      line-height: 1.15;
      text-align: center;
      overflow-wrap: anywhere;
      pointer-events: none;
    }

    .result.unverified {
      color: var(--_muted, inherit);
      font-style: italic;
    }

    .proof-values {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.1em 0.5em;
      margin: 0.25em 0;
    }

    .proof-values dd {
      margin: 0;
    }

    .stage.celebrating .winner-label {
      animation: pop 400ms ease-out 1;
    }

    .burst {
      position: absolute;
      inset: -4%;
      border-radius: 50%;
      border: 4px solid var(--_winner);
      opacity: 0;
      pointer-events: none;
      animation: burst 900ms ease-out 2;
    }

    @keyframes burst {
      from {
        transform: scale(0.85);
        opacity: 0.9;
      }
      to {
        transform: scale(1.08);
        opacity: 0;
      }
    }

    @keyframes pop {
      from {
        transform: translate(-50%, -50%) scale(0.6);
      }
      to {
        transform: translate(-50%, -50%) scale(1);
      }
    }

    .pointer {
      position: absolute;
      top: -0.375em;
      left: 50%;
      width: 1.5em;
      height: 1.75em;
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

    :host([hide-button]) [part='spin-button'] {
      display: none;
    }

    .commitment {
      margin: 0;
      font-size: 0.8em;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
      font-family: ui-monospace, monospace;
      text-align: center;
    }

    .commitment span {
      white-space: nowrap;
    }

    .proofs {
      max-width: var(--_size);
      font-size: 0.8em;
      color: var(--_fg);
    }

    .proofs summary {
      cursor: pointer;
    }

    .proofs summary:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }

    .proofs ol {
      margin: 0.25em 0 0;
      padding-inline-start: 1.5em;
    }

    .proofs li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.5em;
      align-items: baseline;
    }

    .proofs code {
      overflow-wrap: anywhere;
    }

    .proofs .check {
      padding: 0.125em 0.75em;
      min-height: 24px;
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
