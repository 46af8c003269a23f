/**
 * The reliability suite's widget table: every widget mounted under each adapter during the hostile
 * run, with how to tell that it shows the run's final valid payloads. Adding a widget to the suite
 * means adding one entry here.
 */
import { html, type TemplateResult } from 'lit';
import '../../components/status-pill/status-pill.js';
import '../../components/viewer-counter/viewer-counter.js';
import { FINAL } from './adapters.js';

export interface WidgetEntry {
  tag: string;
  template: () => TemplateResult;
  /** True once the widget shows `FINAL` (the last valid viewers and tip) on a connected host. */
  showsFinal(element: HTMLElement): boolean;
}

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
];
