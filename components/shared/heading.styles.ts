import { css } from 'lit';

/** The look of a panel widget's title (./heading.ts); sizes in em, so `--onair-scale` scales it with the widget. */
export const headingStyles = css`
  .heading {
    margin: 0 0 0.4em;
    font-size: var(--onair-heading-size, 1.1em);
    font-weight: 700;
    line-height: 1.2;
    color: var(--onair-heading-color, var(--_fg));
    text-shadow: var(--_text-shadow);
    overflow-wrap: anywhere;
  }

  .heading[hidden] {
    display: none;
  }
`;
