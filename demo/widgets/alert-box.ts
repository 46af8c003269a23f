import '../../components/alert-box/alert-box.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { DemoPlatform } from '../../platform/demo/demo-platform.js';
import { element, labelled } from './dom.js';

/**
 * Gallery card for `<onair-alert-box>`: alerts for the demo feed's tips, a "Test alert" button,
 * pause and skip, a minimum amount, and a 1,000-tips-per-second burst to watch the queue fold.
 */
const SNIPPET = `<onair-platform platform="auto">
  <onair-alert-box min-amount="5" duration="4000" animation-in="slide-up" animation-out="fade"></onair-alert-box>
</onair-platform>
<script type="module">
  document.querySelector('onair-alert-box').tiers = [
    { min: 100, image: '/alerts/big.gif', sound: '/alerts/big.mp3', template: '{name} tipped {amount}!' },
  ];
</script>`;

/** A star drawn inline, so the card loads nothing from elsewhere. */
const STAR =
  'data:image/svg+xml,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#facc15" d="M12 2l3 7h7l-5.5 4.5L18.5 21 12 16.8 5.5 21l2-7.5L2 9h7z"/></svg>');

const card = element('section', { className: 'widget-card' });
const box = element('onair-alert-box', { duration: 4000 });
box.tiers = [
  { min: 100, image: STAR, template: '{name} tipped {amount}!!!', duration: 6000 },
  { min: 1, template: '{name} tipped {amount}' },
];
const stage = element('div', { className: 'stage' });
stage.append(box);

const test = element('button', { type: 'button', textContent: 'Test alert' });
test.addEventListener('click', () => box.test());
const skip = element('button', { type: 'button', textContent: 'Skip' });
skip.addEventListener('click', () => box.skip());
const pause = element('input', { type: 'checkbox', name: 'alert-box-paused' });
pause.addEventListener('change', () => (box.paused = pause.checked));
const min = element('input', { type: 'number', min: '0', value: '0', name: 'alert-box-min' });
min.addEventListener('input', () => (box.minAmount = Number(min.value)));

const PRESETS = ['pop', 'fade', 'zoom', 'slide-up', 'slide-down', 'slide-left', 'slide-right', 'none'] as const;
function preset(name: string, set: (value: (typeof PRESETS)[number]) => void): HTMLSelectElement {
  const select = element('select', { name });
  for (const value of PRESETS) select.append(element('option', { value, textContent: value }));
  select.addEventListener('change', () => set(select.value as (typeof PRESETS)[number]));
  return select;
}
const animationIn = preset('alert-box-in', (value) => (box.animationIn = value));
const animationOut = preset('alert-box-out', (value) => (box.animationOut = value));
const tts = element('input', { type: 'checkbox', name: 'alert-box-tts' });
tts.addEventListener('change', () => (box.tts = tts.checked));

const burst = element('button', { type: 'button', textContent: '1,000 tips/s for 3 s' });
burst.addEventListener('click', () => {
  const platform = document.querySelector<OnAirPlatformElement>('#provider')?.current;
  if (platform?.name !== 'demo') return;
  const demo = platform as DemoPlatform;
  const rate = Number(document.querySelector<HTMLInputElement>('input[name="rate"]')?.value ?? 0.5);
  demo.setRate(1000);
  setTimeout(() => demo.setRate(rate), 3000);
});

const log = element('output', { className: 'event-log', textContent: 'Fire a tip or press “Test alert”.' });
box.addEventListener('onair-alert-start', (e) => {
  const { tip, more, test: sample } = e.detail;
  log.textContent = `${sample ? 'Test alert' : 'Alert'}: ${tip.user.name}${more ? ` (+${more} folded in)` : ''}; ${box.queueLength} waiting.`;
});

const controls = element('div', { className: 'widget-controls' });
controls.append(
  test,
  skip,
  labelled('Paused', pause),
  labelled('Minimum', min),
  labelled('In', animationIn),
  labelled('Out', animationOut),
  labelled('Read aloud', tts),
  burst,
);

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

card.append(element('h2', { textContent: 'Alert box' }), stage, controls, log, pre);
document.querySelector('#widgets')!.append(card);
