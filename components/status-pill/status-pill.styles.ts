import { css } from 'lit';
import { baseStyles } from '../shared/styles.js';

export const statusPillStyles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
      --_inset: var(--onair-pill-inset, 12px);
      --_pill-surface: var(--onair-pill-surface, var(--_surface));
      --_live: var(--onair-pill-live-color, var(--_success));
      --_pending: var(--onair-pill-pending-color, #f59e0b);
      --_offline: var(--onair-pill-offline-color, var(--_danger));
      --_idle: var(--onair-pill-idle-color, var(--_muted));
      --_solid: #15151f;
      /* WCAG 2.5.8: pointer targets at least 24 by 24 CSS pixels, whatever the font size. */
      --_target: max(24px, 1.7em);
    }

    :host([data-theme='light']) {
      --_pending: var(--onair-pill-pending-color, #b45309);
      --_solid: #ffffff;
    }

    :host([opaque]) {
      --_pill-surface: var(--onair-pill-surface, var(--_solid));
    }

    .base {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35em 0.5em;
      padding: 0.3em 0.6em;
      max-width: min(32em, calc(100vw - 2 * var(--_inset)));
      border-radius: calc(var(--_radius) * 2);
      border: 1px solid var(--_border);
      background: var(--_pill-surface);
      font-size: var(--onair-pill-font-size, 0.875em);
      line-height: 1.3;
    }

    .base.floating {
      position: fixed;
      /* Its size must not depend on where it sits, or clamping it would resize it again. */
      width: max-content;
      top: var(--_inset);
      right: var(--_inset);
      z-index: var(--onair-pill-z-index, 2147483000);
    }

    :host([corner$='left']) .base.floating {
      right: auto;
      left: var(--_inset);
    }

    :host([corner^='bottom']) .base.floating {
      top: auto;
      bottom: var(--_inset);
    }

    :host .base.floating.placed {
      right: auto;
      bottom: auto;
    }

    .base.collapsed {
      padding: 0.25em;
      gap: 0.15em;
    }

    .base[data-state='live'] {
      --_dot: var(--_live);
    }
    .base[data-state='connecting'],
    .base[data-state='reconnecting'] {
      --_dot: var(--_pending);
    }
    .base[data-state='offline'] {
      --_dot: var(--_offline);
    }
    .base[data-state='hostless'] {
      --_dot: var(--_idle);
    }

    button {
      font: inherit;
      color: inherit;
      border-radius: calc(var(--_radius) * 2);
    }

    button:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }

    .handle {
      cursor: grab;
      touch-action: none;
      user-select: none;
      background: none;
      border: 0;
      display: inline-grid;
      place-items: center;
      min-width: var(--_target);
      min-height: var(--_target);
      padding: 0.1em 0.2em;
      color: var(--_muted);
      line-height: 1;
    }

    .handle:active {
      cursor: grabbing;
    }

    .toggle {
      display: inline-grid;
      place-items: center;
      min-width: var(--_target);
      min-height: var(--_target);
      padding: 0.2em;
      background: none;
      border: 0;
      cursor: pointer;
    }

    .dot {
      display: block;
      width: 0.7em;
      height: 0.7em;
      border-radius: 50%;
      background: var(--_dot);
    }

    .state {
      font-weight: 600;
    }

    .detail {
      flex-basis: 100%;
      color: var(--_muted);
      font-size: 0.85em;
    }

    .reconnect {
      min-height: var(--_target);
      padding: 0.15em 0.6em;
      border: 1px solid var(--_border);
      background: var(--_accent);
      color: var(--_accent-fg);
      cursor: pointer;
    }

    /* Forced colours erase the dot's colour: each state gets its own shape in the system's colours. */
    @media (forced-colors: active) {
      .dot {
        forced-color-adjust: none;
        border: 0.12em solid CanvasText;
        background: Canvas;
      }
      .base[data-state='live'] .dot {
        background: CanvasText;
      }
      .base[data-state='connecting'] .dot,
      .base[data-state='reconnecting'] .dot {
        border-style: dashed;
      }
      .base[data-state='offline'] .dot {
        border-radius: 0;
      }
      .base[data-state='hostless'] .dot {
        border-style: dotted;
        border-color: GrayText;
      }
    }
  `,
];
