import { html, render } from 'lit';
import '../../components/status-pill/status-pill.js';
import type { OnAirStatusPillElement } from '../../components/status-pill/status-pill.js';

/**
 * Gallery card: the pill inline (`floating="false"`) so it sits in the card; a checkbox lets it
 * float over the page to try dragging, arrow keys and edge snapping.
 */
const SNIPPET = `<onair-status-pill message="Back at 9" storage-key="my-overlay-pill"></onair-status-pill>`;

const section = document.createElement('section');
section.className = 'widget-card';
document.querySelector('#widgets')!.append(section);

const pill = () => section.querySelector<OnAirStatusPillElement>('onair-status-pill')!;
let lastEvent = 'none yet';

function log(event: Event): void {
  lastEvent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
  draw();
}

function draw(): void {
  render(
    html`
      <h2>Status pill</h2>
      <div class="stage">
        <onair-status-pill
          floating="false"
          storage-key="onair-gallery-pill"
          message="Back at 9"
          @onair-move=${log}
          @onair-toggle=${log}
          @onair-reconnect=${log}
        ></onair-status-pill>
      </div>
      <fieldset>
        <legend>Pill</legend>
        <label>Message <input value="Back at 9" @input=${(e: Event) => (pill().message = (e.target as HTMLInputElement).value)} /></label>
        <label><input type="checkbox" @change=${(e: Event) => (pill().floating = (e.target as HTMLInputElement).checked)} /> Float over the page (drag it, or focus the handle and use arrow keys)</label>
        <label><input type="checkbox" @change=${(e: Event) => (pill().opaque = (e.target as HTMLInputElement).checked)} /> Opaque background</label>
        <p>Use “Drop connection” in the demo feed controls to see the reconnect button. Last event: <output>${lastEvent}</output></p>
      </fieldset>
      <pre><code>${SNIPPET}</code></pre>
    `,
    section,
  );
}

draw();
