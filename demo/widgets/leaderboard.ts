import '../../components/leaderboard/leaderboard.js';
import type { LeaderboardWindow } from '../../platform/model.js';
import { element, labelled } from './dom.js';

/**
 * Gallery card for `<onair-leaderboard>`: the board on the demo feed, with its window, row limit
 * and notation, a reset button, and the latest rank change it reported.
 */
const SNIPPET = `<onair-platform platform="auto">
  <onair-leaderboard heading="Top supporters" window="session" limit="5" notation="compact"
    currency="USD" rates="EUR=1.08, tokens=0.05"></onair-leaderboard>
</onair-platform>`;

function choice(name: string, options: [value: string, text: string][]): HTMLSelectElement {
  const select = element('select', { name });
  for (const [value, text] of options) select.append(element('option', { value, textContent: text }));
  return select;
}

const card = element('section', { className: 'widget-card' });
const board = element('onair-leaderboard', { window: 'session', limit: 5, storageKey: 'onair-gallery-leaderboard', heading: 'Top supporters' });
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

const heading = element('input', { name: 'leaderboard-heading', value: 'Top supporters' });
heading.addEventListener('input', () => (board.heading = heading.value));

const currency = choice('leaderboard-currency', [
  ['', 'automatic'],
  ['tokens', 'tokens'],
  ['USD', 'USD'],
  ['EUR', 'EUR'],
  ['bits', 'Bits'],
]);
currency.addEventListener('change', () => (board.currency = currency.value || undefined));

const rates = element('input', { name: 'leaderboard-rates', placeholder: 'EUR=1.08, tokens=0.05 (empty: one currency)' });
rates.addEventListener('input', () => (board.rates = rates.value.trim() === '' ? undefined : rates.value));

const reset = element('button', { type: 'button', textContent: 'Reset board' });
reset.addEventListener('click', () => board.reset());

const log = element('output', { className: 'event-log', textContent: 'Fire tips to fill the board.' });
board.addEventListener('onair-rank-change', (e) => {
  const { name, from, to } = e.detail;
  log.textContent = from === null ? `${name} entered at #${to}.` : `${name} moved from #${from} to #${to}.`;
});

const controls = element('div', { className: 'widget-controls' });
controls.append(
  labelled('Title', heading),
  labelled('Window', windowSelect),
  labelled('Rows', limit),
  labelled('Amounts', notation),
  labelled('Currency', currency),
  labelled('Rates', rates),
  reset,
);

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

card.append(element('h2', { textContent: 'Leaderboard' }), stage, controls, log, pre);
document.querySelector('#widgets')!.append(card);
