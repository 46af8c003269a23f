import '../../components/tip-menu/tip-menu.js';
import { element } from './dom.js';

/**
 * Gallery card for `<onair-tip-menu>`: the menu on the demo feed, a sort switch, and a log of the
 * spend events it fires (the gallery's "Spends" and "Role" controls change their outcome).
 */
const SNIPPET = `<onair-platform platform="auto">
  <onair-tip-menu heading="Tip the streamer" sort="price"></onair-tip-menu>
</onair-platform>`;

const card = element('section', { className: 'widget-card' });
const menu = element('onair-tip-menu', { heading: 'Tip the streamer' });
const stage = element('div', { className: 'stage' });
stage.append(menu);

const sort = element('select', { name: 'tip-menu-sort' });
sort.append(element('option', { value: 'price', textContent: 'by price' }), element('option', { value: 'none', textContent: 'host order' }));
sort.addEventListener('change', () => (menu.sort = sort.value as 'price' | 'none'));
const sortLabel = element('label', { textContent: 'Sort ' });
sortLabel.append(sort);

const log = element('output', { className: 'event-log', textContent: 'Pick an item to tip.' });
menu.addEventListener('onair-tip-request', (e) => (log.textContent = `Requested “${e.detail.item.label}”…`));
menu.addEventListener('onair-tip-success', (e) => (log.textContent = `Tipped for “${e.detail.item.label}”.`));
menu.addEventListener('onair-tip-cancel', (e) => (log.textContent = `Cancelled “${e.detail.item.label}”.`));
menu.addEventListener('onair-tip-error', (e) => (log.textContent = `Failed: ${e.detail.result.error}`));

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

const heading = element('input', { name: 'tip-menu-heading', value: 'Tip the streamer' });
heading.addEventListener('input', () => (menu.heading = heading.value));
const headingLabel = element('label', { textContent: 'Title ' });
headingLabel.append(heading);

card.append(element('h2', { textContent: 'Tip menu' }), stage, sortLabel, headingLabel, log, pre);
document.querySelector('#widgets')!.append(card);
