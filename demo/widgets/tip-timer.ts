import '../../components/tip-timer/tip-timer.js';
import '../../components/platform/platform.js';
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import { TIMER_MESSAGE } from '../../components/tip-timer/tip-timer.js';
import { DemoPlatform } from '../../platform/demo/demo-platform.js';
import type { Subscription } from 'rxjs';
import type { Platform } from '../../platform/model.js';
import { element, labelled } from './dom.js';

/**
 * Gallery card for `<onair-tip-timer>`: the streamer's timer on the demo feed, with its buttons
 * and rules, and beside it a viewer's page that only follows the streamer's announcements (the
 * demo's room messages are forwarded to a second, viewer-role demo platform).
 */
const SNIPPET = `<onair-platform platform="auto">
  <onair-tip-timer duration="3600" rates="USD:60, tokens:5" max-per-tip="600"></onair-tip-timer>
</onair-platform>`;

const card = element('section', { className: 'widget-card' });
const timer = element('onair-tip-timer', { duration: 300, rates: 'USD:60, tokens:2', maxPerTip: 600, storageKey: 'onair-gallery-timer', label: 'Streamer' });

// A viewer's page in the same room: its own demo platform in the viewer role, fed the streamer's room messages.
const viewerHost = new DemoPlatform({ role: 'viewer', rate: 0, connectDelay: 0, viewerInterval: 0 });
viewerHost.updateContext({ theme: 'dark' });
const viewerProvider = element('onair-platform');
viewerProvider.adapter = viewerHost;
const viewer = element('onair-tip-timer', { label: 'A viewer sees' });
viewerProvider.append(viewer);

let forwarded: Platform | undefined;
let forwarding: Subscription | undefined;
/** Follows the gallery's current platform (it changes with the host picker) on each change of the timer. */
function forwardRoom(): void {
  const platform = document.querySelector<OnAirPlatformElement>('#provider')?.current;
  if (!platform || platform === forwarded) return;
  forwarded = platform;
  forwarding?.unsubscribe();
  // room$ replays the latest message, so the state announced just before this still arrives.
  forwarding = platform.room$.subscribe((message) => {
    if (message.type === TIMER_MESSAGE) viewerHost.receiveRoomMessage({ type: message.type, payload: message.payload, sentAt: message.sentAt, from: message.from });
  });
}
timer.addEventListener('onair-timer-change', forwardRoom);
forwardRoom();

const stage = element('div', { className: 'stage' });
stage.append(timer, viewerProvider);

const minutes = element('input', { type: 'number', min: '1', max: '600', value: '5', name: 'tip-timer-minutes' });
minutes.addEventListener('input', () => (timer.duration = Number(minutes.value) * 60));
const rate = element('input', { type: 'number', min: '0', step: '0.5', value: '2', name: 'tip-timer-rate' });
rate.addEventListener('input', () => (timer.rates = `USD:60, tokens:${Number(rate.value)}`));
const cap = element('input', { type: 'number', min: '0', value: '600', name: 'tip-timer-cap' });
cap.addEventListener('input', () => (timer.maxPerTip = Number(cap.value)));

const log = element('output', { className: 'event-log', textContent: 'Press Start, then fire tips to add time.' });
timer.addEventListener('onair-timer-change', (e) => {
  const { cause, tips, addedMs } = e.detail;
  log.textContent = `${cause}${tips ? ` (${tips} tip${tips === 1 ? '' : 's'})` : ''}: tips added ${Math.round(addedMs / 1000)} s so far.`;
});
timer.addEventListener('onair-timer-end', () => (log.textContent = 'Time’s up!'));

const controls = element('div', { className: 'widget-controls' });
controls.append(labelled('Minutes', minutes), labelled('Seconds per token', rate), labelled('Most seconds per tip', cap));

const code = element('code', { textContent: SNIPPET });
const pre = element('pre');
pre.append(code);

card.append(element('h2', { textContent: 'Tip timer' }), stage, controls, log, pre);
document.querySelector('#widgets')!.append(card);
