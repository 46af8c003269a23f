import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const tipMenuStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }

    .list {
      display: grid;
      gap: var(--onair-tip-menu-gap, 0.5em);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .item {
      display: flex;
      width: 100%;
      align-items: center;
      justify-content: space-between;
      gap: 1em;
      padding: 0.6em 0.9em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--onair-tip-menu-item-background, var(--_surface));
      color: inherit;
      font: inherit;
      text-align: start;
    }

    button.item {
      cursor: pointer;
      transition: border-color var(--_duration), opacity var(--_duration);
    }

    button.item:hover:not([aria-disabled='true']) {
      border-color: var(--_accent);
    }

    button.item:focus-visible,
    .sign-in:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }

    button.item[aria-disabled='true'] {
      cursor: default;
      opacity: 0.6;
    }

    button.item[data-pending] {
      opacity: 1;
      border-color: var(--onair-tip-menu-pending-color, var(--_accent));
      border-style: dashed;
      cursor: progress;
    }

    .label {
      font-weight: 600;
    }

    .price {
      color: var(--onair-tip-menu-price-color, var(--_fg));
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    .status {
      margin: 0.5em 0 0;
      color: var(--_muted);
    }

    .list + .status {
      margin-top: 0.75em;
    }

    .result {
      margin: 0.5em 0 0;
      color: var(--_fg);
      text-shadow: var(--_text-shadow);
    }

    .result:empty {
      margin: 0;
    }

    .result[data-outcome='thanks'],
    .result[data-outcome='charged-late'] {
      color: var(--onair-tip-menu-thanks-color, var(--_success));
    }

    .result[data-outcome='failed'] {
      color: var(--_danger);
    }

    .sign-in {
      margin-inline-start: 0.5em;
      padding: 0.3em 0.8em;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_accent-fg);
      font: inherit;
      cursor: pointer;
    }

    /* Forced colours: an item that cannot be bought now is greyed in the system's way; the sign-in button gets a border. */
    @media (forced-colors: active) {
      button.item[aria-disabled='true'] {
        color: GrayText;
        border-color: GrayText;
      }
      button.item[data-pending] {
        color: CanvasText;
        border-color: Highlight;
      }
      .sign-in {
        border: 1px solid ButtonBorder;
      }
    }
  `,
];
