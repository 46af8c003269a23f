/**
 * The reliability suite's widget table: every widget mounted under each adapter during the hostile
 * run, with how to tell that it shows the run's final valid payloads. Adding a widget to the suite
 * means adding one entry here.
 */
import { html, type TemplateResult } from 'lit';
import '../../components/alert-box/alert-box.js';
import type { OnAirAlertBoxElement } from '../../components/alert-box/alert-box.js';
import '../../components/event-list/event-list.js';
import type { OnAirEventListElement } from '../../components/event-list/event-list.js';
import '../../components/goal-bar/goal-bar.js';
import type { OnAirGoalBarElement } from '../../components/goal-bar/goal-bar.js';
import '../../components/leaderboard/leaderboard.js';
import type { OnAirLeaderboardElement } from '../../components/leaderboard/leaderboard.js';
import '../../components/status-pill/status-pill.js';
import '../../components/tip-menu/tip-menu.js';
import '../../components/tip-timer/tip-timer.js';
import '../../components/viewer-counter/viewer-counter.js';
import '../../components/wheel-spinner/wheel-spinner.js';
import { FINAL } from './adapters.js';

export interface WidgetEntry {
  tag: string;
  template: () => TemplateResult;
  /** True once the widget shows `FINAL` (the last valid viewers and tip) on a connected host. */
  showsFinal(element: HTMLElement): boolean;
}

/** localStorage keys the widgets below write; the suite removes them afterwards. */
export const STORAGE_KEYS = [
  'onair-reliability-pill',
  'onair-reliability-board',
  'onair-reliability-goal',
  'onair-reliability-events',
  'onair-reliability-timer',
  'onair-reliability-timer:signing',
];

const shadowText = (element: HTMLElement, selector: string) =>
  [...(element.shadowRoot?.querySelectorAll(selector) ?? [])].map((node) => node.textContent?.trim() ?? '');

export const WIDGETS: readonly WidgetEntry[] = [
  {
    tag: 'onair-viewer-counter',
    // `breakdown` renders per-platform names, which hostile payloads fill with markup.
    template: () => html`<onair-viewer-counter breakdown reduced-motion locale="en-US" notation="standard"></onair-viewer-counter>`,
    showsFinal: (element) => shadowText(element, '.count')[0] === FINAL.viewers.toLocaleString('en-US'),
  },
  {
    tag: 'onair-status-pill',
    template: () => html`<onair-status-pill .floating=${false} storage-key="onair-reliability-pill"></onair-status-pill>`,
    showsFinal: (element) => element.shadowRoot?.querySelector('.base')?.getAttribute('data-state') === 'live',
  },
  {
    tag: 'onair-leaderboard',
    // The final tip is the largest of the run, so its tipper tops the board.
    template: () => html`<onair-leaderboard limit="10" reduced-motion storage-key="onair-reliability-board"></onair-leaderboard>`,
    showsFinal: (element) => (element as OnAirLeaderboardElement).entries[0]?.name === FINAL.tipper && shadowText(element, '.name')[0] === FINAL.tipper,
  },
  {
    tag: 'onair-tip-menu',
    template: () => html`<onair-tip-menu></onair-tip-menu>`,
    // Still rendering: its list or its status line is there.
    showsFinal: (element) => Boolean(element.shadowRoot?.querySelector('.list, .status')),
  },
  {
    tag: 'onair-wheel-spinner',
    template: () => html`<onair-wheel-spinner source="tip-menu" reduced-motion></onair-wheel-spinner>`,
    showsFinal: (element) => Boolean(element.shadowRoot?.firstElementChild),
  },
  {
    tag: 'onair-alert-box',
    template: () => html`<onair-alert-box reduced-motion locale="en-US" max-queue="3"></onair-alert-box>`,
    // Skips one alert per check until the last one shows: the final tip, or the alert it was folded into.
    showsFinal: (element) => {
      const box = element as OnAirAlertBoxElement;
      if (box.queueLength > 0) {
        box.skip();
        return false;
      }
      return box.current?.tip.user.name === FINAL.tipper || (box.current?.more ?? 0) > 0;
    },
  },
  {
    tag: 'onair-goal-bar',
    template: () => html`<onair-goal-bar goal="100" stretch="1000,1e9" storage-key="onair-reliability-goal"></onair-goal-bar>`,
    // The adapters' final tips are in different currencies: the bar only has to stay whole.
    showsFinal: (element) => {
      const bar = element as OnAirGoalBarElement;
      const track = bar.shadowRoot?.querySelector('[role=progressbar]');
      return Number.isFinite(bar.total) && track !== null && !track?.getAttribute('aria-valuetext')?.includes('NaN');
    },
  },
  {
    tag: 'onair-event-list',
    template: () => html`<onair-event-list limit="50" storage-key="onair-reliability-events"></onair-event-list>`,
    // The final tip is the newest: the first row, once a frame has drawn it.
    showsFinal: (element) => (element as OnAirEventListElement).rows[0]?.name === FINAL.tipper && shadowText(element, '[part~="name"]')[0] === FINAL.tipper,
  },
  {
    tag: 'onair-tip-timer',
    template: () => html`<onair-tip-timer storage-key="onair-reliability-timer"></onair-tip-timer>`,
    // Idle on the deciding page, waiting elsewhere: the clock only has to stay whole.
    showsFinal: (element) => /^(\d+:\d\d(:\d\d)?|–:––)$/.test(shadowText(element, '[part~="time"]')[0] ?? ''),
  },
];
