import { html, render } from 'lit';
import '../../components/viewer-counter/viewer-counter.js';
import type { OnAirViewerCounterElement } from '../../components/viewer-counter/viewer-counter.js';

/** Gallery card: the counter on the shared demo feed, with its own notation, label and milestone controls. */
const SNIPPET = `<onair-viewer-counter appearance="pill" notation="compact" milestones="1000,1500,2000" announce-interval="10">
  <!-- optional label; without one the counter says "viewers" in its locale's language -->
</onair-viewer-counter>`;

const section = document.createElement('section');
section.className = 'widget-card';
document.querySelector('#widgets')!.append(section);

const counter = () => section.querySelector<OnAirViewerCounterElement>('onair-viewer-counter')!;
let lastMilestone = 'none yet';

function draw(): void {
  render(
    html`
      <h2>Viewer counter</h2>
      <div class="stage">
        <onair-viewer-counter milestones="1000,1500,2000" breakdown @onair-milestone=${onMilestone}></onair-viewer-counter>
      </div>
      <fieldset>
        <legend>Counter</legend>
        <label>Notation
          <select @change=${(e: Event) => (counter().notation = (e.target as HTMLSelectElement).value as 'standard' | 'compact')}>
            <option value="standard">standard (12,345)</option>
            <option value="compact">compact (12.3K)</option>
          </select>
        </label>
        <label>Style
          <select @change=${(e: Event) => (counter().appearance = (e.target as HTMLSelectElement).value as 'plain' | 'pill')}>
            <option value="plain">plain (text with a shadow)</option>
            <option value="pill">pill (own background, for busy video)</option>
          </select>
        </label>
        <label>Label <input placeholder="the widget's own, localised" @input=${(e: Event) => (counter().textContent = (e.target as HTMLInputElement).value)} /></label>
        <p>Milestones 1000, 1500, 2000 — last crossed: <output>${lastMilestone}</output></p>
      </fieldset>
      <pre><code>${SNIPPET}</code></pre>
    `,
    section,
  );
}

function onMilestone(event: HTMLElementEventMap['onair-milestone']): void {
  lastMilestone = `${event.detail.milestone} (total ${event.detail.total})`;
  draw();
}

draw();
