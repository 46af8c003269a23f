// Benchmark page: <onair-wheel-spinner> against the spin-wheel package on the same 12-segment wheel,
// same size (280 px), same duration, turns and easing. Hooks for bench/suites/wheel.mjs.
import '../../components/index.js';
import { Wheel } from 'spin-wheel';
import type { OnAirWheelSpinnerElement } from '../../components/wheel-spinner/wheel-spinner.js';
import { countAnimationFrameRequests } from './frames.js';

export const SEGMENTS = 12;
export const DURATION_MS = 5000;
export const TURNS = 5;
const SIZE = 280;
const COLORS = ['#8b5cf6', '#f59e0b', '#10b981', '#ef4444', '#3b82f6', '#ec4899', '#14b8a6', '#f97316', '#6366f1', '#84cc16', '#06b6d4', '#e11d48'];
const items = Array.from({ length: SEGMENTS }, (_, i) => ({ label: `Prize number ${i + 1}`, color: COLORS[i] }));
/** onair's easing (wheel-model easeOut), handed to spin-wheel so both follow the same curve. */
const easeOutCubic = (t: number) => 1 - (1 - t) ** 3;

type Kind = 'onair' | 'spin-wheel';
interface Stage {
  spin(index: number): Promise<unknown>;
  remove(): void;
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
let stage: Stage | undefined;

async function mountOnair(): Promise<Stage> {
  const provider = document.createElement('onair-platform');
  for (const [name, value] of Object.entries({ platform: 'demo', rate: '0', 'viewer-interval': '0', 'connect-delay': '0' })) {
    provider.setAttribute(name, value);
  }
  const wheel = document.createElement('onair-wheel-spinner') as OnAirWheelSpinnerElement;
  wheel.style.setProperty('--onair-wheel-size', `${SIZE}px`);
  wheel.duration = DURATION_MS;
  wheel.turns = TURNS;
  wheel.items = items;
  provider.append(wheel);
  document.body.append(provider);
  await wheel.updateComplete;
  // The demo page is the wheel's authority, so spin() spins at once; the winner is drawn, not chosen.
  return { spin: () => wheel.spin(), remove: () => provider.remove() };
}

function mountSpinWheel(): Stage {
  const container = document.createElement('div');
  container.style.cssText = `width:${SIZE}px;height:${SIZE}px`;
  document.body.append(container);
  const wheel = new Wheel(container, {
    items: items.map(({ label }) => ({ label })),
    itemBackgroundColors: COLORS,
    itemLabelColors: ['#fff'],
  });
  return {
    spin: (index) =>
      new Promise<void>((resolve) => {
        wheel.onRest = () => resolve();
        wheel.spinToItem(index, DURATION_MS, false, TURNS, 1, easeOutCubic);
      }),
    remove: () => {
      wheel.remove();
      container.remove();
    },
  };
}

/** Puts one wheel on the page (replacing the previous one) and lets it settle for two frames. */
async function prepare(kind: Kind): Promise<void> {
  stage?.remove();
  stage = kind === 'onair' ? await mountOnair() : mountSpinWheel();
  await frame();
  await frame();
}

/**
 * The rAF timestamp recorder both runs share: one callback per frame that stores the frame's
 * timestamp. Its own cost is measured alone (`recordOnly`) and subtracted by the suite.
 */
function recordFrames(): () => number[] {
  const stamps: number[] = [];
  let on = true;
  const tick = (now: number) => {
    stamps.push(now);
    if (on) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => {
    on = false;
    return stamps;
  };
}

/** One spin of the prepared wheel to `index`, returning the frame timestamps recorded during it. */
async function spin(index: number): Promise<number[]> {
  const stop = recordFrames();
  await stage!.spin(index);
  return stop();
}

/** The recorder alone for `ms`: its per-frame cost is the baseline both spins carry. */
async function recordOnly(ms: number): Promise<number[]> {
  const stop = recordFrames();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return stop();
}

/** requestAnimationFrame calls over `ms` after a spin, with the wheel still on the page. */
async function idleFrames(ms: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return countAnimationFrameRequests(ms);
}

Object.assign(window, { bench: { prepare, spin, recordOnly, idleFrames, segments: SEGMENTS } });
Object.assign(window, { benchReady: true });
