import '../components/index.js';
import type { OnAirPlatformElement } from '../components/platform/platform.js';
import type { DemoPlatform, SpendOutcome } from '../platform/demo/demo-platform.js';
import type { HostContext } from '../platform/model.js';
import './widgets/viewer-counter.js';
import './widgets/tip-menu.js';
import './widgets/wheel-spinner.js';
import './widgets/status-pill.js';
import './widgets/leaderboard.js';
import './widgets/alert-box.js';
import './widgets/goal-bar.js';
import './widgets/event-list.js';
import './widgets/tip-timer.js';
import { enhanceSnippets } from './copy.js';
import { setupObsBuilder } from './obs-builder.js';

/**
 * The gallery's control panel: every control drives the demo platform provided to the widgets,
 * or a presentation attribute on all of them (locale, reduced motion).
 */
const provider = document.querySelector<OnAirPlatformElement>('#provider')!;
const controls = document.querySelector<HTMLElement>('.controls')!;

function demo(): DemoPlatform | undefined {
  const platform = provider.current;
  return platform?.name === 'demo' ? (platform as DemoPlatform) : undefined;
}

function widgets(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#widgets *')).filter((el) => el.localName.startsWith('onair-'));
}

const actions: Record<string, (platform: DemoPlatform) => void> = {
  tip: (p) => p.fireTip(),
  'tip-burst': (p) => {
    for (let i = 0; i < 100; i += 1) p.fireTip();
  },
  // From the count on screen, which the feed walks meanwhile (after "Unavailable": the last one shown).
  'viewers-up': (p) => p.setViewerCount(p.lastViewerCount + 250),
  'viewers-down': (p) => p.setViewerCount(Math.max(0, p.lastViewerCount - 250)),
  'viewers-none': (p) => p.setViewerCount(null),
  drop: (p) => p.drop(),
  restore: (p) => p.reconnect(),
};

controls.addEventListener('click', (event) => {
  const action = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
  const platform = demo();
  if (action && platform) actions[action]?.(platform);
});

controls.addEventListener('input', (event) => {
  const input = event.target as HTMLInputElement | HTMLSelectElement;
  const platform = demo();
  switch (input.name) {
    case 'rate':
      platform?.setRate(Number(input.value));
      controls.querySelector('output[name="rate-out"]')!.textContent = input.value;
      break;
    case 'spend':
      platform?.setSpendOutcome(input.value as SpendOutcome);
      break;
    case 'role':
      platform?.updateContext({ role: input.value as HostContext['role'] });
      break;
    case 'theme':
      document.documentElement.dataset.theme = input.value;
      platform?.updateContext({ theme: input.value as HostContext['theme'] });
      break;
    case 'locale':
      widgets().forEach((el) => el.setAttribute('locale', input.value));
      break;
    case 'reduced-motion':
      widgets().forEach((el) => el.toggleAttribute('reduced-motion', (input as HTMLInputElement).checked));
      break;
  }
});

const status = document.querySelector<HTMLElement>('#gallery-status')!;
enhanceSnippets(document.querySelector<HTMLElement>('#widgets')!, status);
setupObsBuilder(document.querySelector<HTMLElement>('#obs-builder')!, status);
