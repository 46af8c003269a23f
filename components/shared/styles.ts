import { css } from 'lit';

/**
 * Tokens every widget shares. Backgrounds stay transparent so OBS composites them over video;
 * each token is a custom property the page can override, per widget or page-wide.
 */
export const baseStyles = css`
  :host {
    --_fg: var(--onair-color, #f4f4f8);
    --_muted: var(--onair-muted-color, #b8b8c8);
    --_surface: var(--onair-surface, rgba(16, 16, 24, 0.72));
    --_border: var(--onair-border-color, rgba(255, 255, 255, 0.14));
    --_accent: var(--onair-accent, #8b5cf6);
    --_accent-fg: var(--onair-accent-color, #ffffff);
    --_danger: var(--onair-danger, #f87171);
    --_success: var(--onair-success, #34d399);
    --_radius: var(--onair-radius, 12px);
    --_font: var(--onair-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_duration: var(--onair-duration, 300ms);
    --_focus: var(--onair-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 60%, transparent));
    /* Keeps text without a surface readable over any video frame. */
    --_text-shadow: var(--onair-text-shadow, 0 1px 3px rgb(0 0 0 / 0.75));
    background: transparent;
    color: var(--_fg);
    font-family: var(--_font);
    /* Every size inside a widget is in em (or derived from --_scale), so this one factor scales it all. */
    --_scale: var(--onair-scale, 1);
    font-size: calc(var(--_scale) * 1em);
    box-sizing: border-box;
  }

  :host([data-theme='light']) {
    --_fg: var(--onair-color, #16161d);
    --_muted: var(--onair-muted-color, #4b4b5c);
    --_surface: var(--onair-surface, rgba(255, 255, 255, 0.86));
    --_border: var(--onair-border-color, rgba(0, 0, 0, 0.14));
    --_accent: var(--onair-accent, #6d28d9);
    --_danger: var(--onair-danger, #b91c1c);
    --_success: var(--onair-success, #047857);
    --_text-shadow: var(--onair-text-shadow, 0 1px 2px rgb(255 255 255 / 0.7));
  }

  :host([hidden]) {
    display: none !important;
  }

  :host([data-reduced-motion]) {
    --_duration: 0ms;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
