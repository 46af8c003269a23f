import type { WheelItem } from '../../components/wheel-spinner/wheel-spinner.js';
import '../../components/wheel-spinner/wheel-spinner.js';
import { element } from './dom.js';

/** Gallery card for `<onair-wheel-spinner>`: the wheel, its own controls, and a copyable snippet. */
const ITEMS: WheelItem[] = [
  { label: 'Hydrate' },
  { label: '10 squats', weight: 2 },
  { label: 'Song request' },
  { label: 'Shout-out', weight: 0.5 },
  { label: 'Emote-only minute' },
  { label: 'Viewer picks the game', weight: 0.5 },
  { label: 'Nothing!', weight: 2 },
  { label: 'Double tips next hour', weight: 0.25 },
];

const SNIPPET = `<onair-platform platform="auto">
  <onair-wheel-spinner duration="5000" turns="5" history-size="10" show-history></onair-wheel-spinner>
</onair-platform>
<script type="module" src="wheel-items.js"></script>

// wheel-items.js (a file, not an inline script, so the page passes a strict CSP such as Twitch's)
document.querySelector('onair-wheel-spinner').items = [
  { label: 'Hydrate' }, { label: '10 squats', weight: 2 }, { label: 'Shout-out', color: '#ffeb3b' },
];`;

function checkbox(label: string, onChange: (checked: boolean) => void): HTMLLabelElement {
  const input = element('input', { type: 'checkbox' });
  input.addEventListener('change', () => onChange(input.checked));
  const wrapper = element('label');
  wrapper.append(input, ` ${label}`);
  return wrapper;
}

const wheel = element('onair-wheel-spinner');
wheel.items = ITEMS;
wheel.showHistory = true;
wheel.historySize = 5;

const spin = element('button', { type: 'button', textContent: 'spin() from code' });
spin.addEventListener('click', () => void wheel.spin());

const reset = element('button', { type: 'button', textContent: 'reset()' });
reset.addEventListener('click', () => wheel.reset());

const source = element('select', { name: 'wheel-source' });
source.append(element('option', { value: 'items', textContent: 'items property' }), element('option', { value: 'tip-menu', textContent: 'tip menu (by price)' }));
source.addEventListener('change', () => {
  wheel.source = source.value === 'tip-menu' ? 'tip-menu' : 'items';
  wheel.weightBy = source.value === 'tip-menu' ? 'price' : undefined;
});
const sourceLabel = element('label');
sourceLabel.append('Segments from ', source);

const log = element('output', { className: 'event-log' });
const show = (text: string) => (log.textContent = text);
wheel.addEventListener('onair-spin-start', (e) => show(`spin-start → ${e.detail.item.label}${e.detail.remote ? ' (from another viewer)' : ''}`));
wheel.addEventListener('onair-spin-end', (e) => show(`spin-end: ${e.detail.item.label}${e.detail.removed ? ' (removed)' : ''}${e.detail.verified ? '' : ` (unverified: ${e.detail.reason})`}`));

const controls = element('div', { className: 'widget-controls' });
controls.append(
  spin,
  reset,
  sourceLabel,
  checkbox('remove-winner', (on) => (wheel.removeWinner = on)),
  checkbox('hide-button', (on) => (wheel.hideButton = on)),
  checkbox('sounds', (on) => (wheel.sounds = on)),
  checkbox('show-proof', (on) => (wheel.showProof = on)),
  log,
);

const stage = element('div', { className: 'stage' });
stage.append(wheel);

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

const section = element('section', { className: 'widget-card' });
section.append(element('h2', { textContent: 'Wheel spinner' }), stage, controls, pre);
document.querySelector('#widgets')!.append(section);
