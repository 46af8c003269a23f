import '../../components/goal-bar/goal-bar.js';
import type { GoalOrientation } from '../../components/goal-bar/goal-bar.js';
import { element, labelled } from './dom.js';

/**
 * Gallery card for `<onair-goal-bar>`: a goal with stretch targets on the demo feed, its
 * orientation, a reset button, and the targets it reported reached.
 */
const SNIPPET = `<onair-platform platform="auto">
  <onair-goal-bar title="New microphone" goal="500" currency="tokens" stretch="1000,2000"></onair-goal-bar>
</onair-platform>`;

const card = element('section', { className: 'widget-card' });
const bar = element('onair-goal-bar', { title: 'New microphone', goal: 500, currency: 'tokens', stretch: '1000,2000', storageKey: 'onair-gallery-goal' });
const stage = element('div', { className: 'stage' });
stage.append(bar);

const orientation = element('select', { name: 'goal-bar-orientation' });
orientation.append(element('option', { value: 'horizontal', textContent: 'horizontal' }), element('option', { value: 'vertical', textContent: 'vertical' }));
orientation.addEventListener('change', () => (bar.orientation = orientation.value as GoalOrientation));

const goal = element('input', { type: 'number', min: '1', value: '500', name: 'goal-bar-goal' });
goal.addEventListener('input', () => (bar.goal = Number(goal.value)));

const reset = element('button', { type: 'button', textContent: 'Reset goal' });
reset.addEventListener('click', () => bar.reset());

const log = element('output', { className: 'event-log', textContent: 'Fire tips to fill the bar.' });
bar.addEventListener('onair-goal-reached', (e) => {
  log.textContent = e.detail.final ? `Every target reached (${e.detail.target}).` : `Target ${e.detail.target} reached; on to the next.`;
});

const controls = element('div', { className: 'widget-controls' });
controls.append(labelled('Goal', goal), labelled('Orientation', orientation), reset);

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

card.append(element('h2', { textContent: 'Goal bar' }), stage, controls, log, pre);
document.querySelector('#widgets')!.append(card);
