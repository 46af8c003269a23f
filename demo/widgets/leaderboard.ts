import '../../components/leaderboard/leaderboard.js';
import type { LeaderboardWindow } from '../../platform/model.js';

/**
 * Gallery card for `<onair-leaderboard>`: the board on the demo feed, with its window, row limit
 * and notation, a reset button, and the latest rank change it reported.
 */
const SNIPPET = `<onair-platform platform="auto">
  <onair-leaderboard window="session" limit="5" notation="compact"></onair-leaderboard>
</onair-platform>`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = element('label', { textContent: `${text} ` });
  label.append(control);
  return label;
}

function choice(name: string, options: [value: string, text: string][]): HTMLSelectElement {
  const select = element('select', { name });
  for (const [value, text] of options) select.append(element('option', { value, textContent: text }));
  return select;
}

const card = element('section', { className: 'widget-card' });
const board = element('onair-leaderboard', { window: 'session', limit: 5, storageKey: 'onair-gallery-leaderboard' });
const stage = element('div', { className: 'stage' });
stage.append(board);

const windowSelect = choice('leaderboard-window', [
  ['session', 'this session'],
  ['1d', 'last 24 hours'],
  ['7d', 'last 7 days'],
  ['30d', 'last 30 days'],
  ['all', 'all time'],
]);
windowSelect.addEventListener('change', () => (board.window = windowSelect.value as LeaderboardWindow));

const limit = element('input', { type: 'number', min: '1', max: '100', value: '5', name: 'leaderboard-limit' });
limit.addEventListener('input', () => (board.limit = Number(limit.value)));

const notation = choice('leaderboard-notation', [
  ['compact', 'compact'],
  ['standard', 'standard'],
]);
notation.addEventListener('change', () => (board.notation = notation.value as 'compact' | 'standard'));

const reset = element('button', { type: 'button', textContent: 'Reset board' });
reset.addEventListener('click', () => board.reset());

const log = element('output', { className: 'event-log', textContent: 'Fire tips to fill the board.' });
board.addEventListener('onair-rank-change', (e) => {
  const { name, from, to } = e.detail;
  log.textContent = from === null ? `${name} entered at #${to}.` : `${name} moved from #${from} to #${to}.`;
});

const controls = element('div', { className: 'widget-controls' });
controls.append(labelled('Window', windowSelect), labelled('Rows', limit), labelled('Amounts', notation), reset);

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

card.append(element('h2', { textContent: 'Leaderboard' }), stage, controls, log, pre);
document.querySelector('#widgets')!.append(card);
