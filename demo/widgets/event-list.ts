import '../../components/event-list/event-list.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { element, labelled } from './dom.js';

/**
 * Gallery card for `<onair-event-list>`: the demo feed's latest tips, how many rows, a minimum
 * amount, messages on or off, a reset, and a 1,000-tips-per-second burst that the list counts in
 * full while drawing it once per frame.
 */
const SNIPPET = `<onair-platform platform="auto">
  <onair-event-list limit="5" min-amount="5" show-total></onair-event-list>
</onair-platform>`;

const card = element('section', { className: 'widget-card' });
const list = element('onair-event-list', { limit: 5, showTotal: true, storageKey: 'onair-gallery-events' });
const stage = element('div', { className: 'stage' });
stage.append(list);

const limit = element('input', { type: 'number', min: '1', max: '50', value: '5', name: 'event-list-limit' });
limit.addEventListener('input', () => (list.limit = Number(limit.value)));
const min = element('input', { type: 'number', min: '0', value: '0', name: 'event-list-min' });
min.addEventListener('input', () => (list.minAmount = Number(min.value)));
const messages = element('input', { type: 'checkbox', checked: true, name: 'event-list-messages' });
messages.addEventListener('change', () => (list.hideMessages = !messages.checked));
const reset = element('button', { type: 'button', textContent: 'Clear list' });
reset.addEventListener('click', () => list.reset());

const burst = element('button', { type: 'button', textContent: '1,000 tips/s for 3 s' });
burst.addEventListener('click', () => {
  const platform = document.querySelector<OnAirPlatformElement>('#provider')?.current;
  if (platform?.name !== 'demo') return;
  const demo = platform as DemoPlatform;
  const rate = Number(document.querySelector<HTMLInputElement>('input[name="rate"]')?.value ?? 0.5);
  demo.setRate(1000);
  setTimeout(() => demo.setRate(rate), 3000);
});

const log = element('output', { className: 'event-log', textContent: 'Fire tips to fill the list.' });
let frames = 0;
list.addEventListener('onair-events-shown', (e) => {
  frames += 1;
  log.textContent = `${e.detail.count} tip(s) drawn in this frame; ${e.detail.total} counted in ${frames} frame(s).`;
});

const controls = element('div', { className: 'widget-controls' });
controls.append(labelled('Rows', limit), labelled('Minimum', min), labelled('Messages', messages), reset, burst);

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

card.append(element('h2', { textContent: 'Event list' }), stage, controls, log, pre);
document.querySelector('#widgets')!.append(card);
