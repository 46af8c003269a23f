/**
 * Keeps the OBS page's widgets on the page. OBS shows a browser source at the size set in its
 * properties and cuts off whatever lies beyond, without a word; so the page measures its widgets
 * whenever one changes size (a leaderboard gaining rows) or the page does. With `scale=fit` it
 * picks the largest scale at which every widget fits; with a number it says which widgets do not.
 */

/** With `scale=fit`, never larger than the size `scale=2` gives on a 1920 × 1080 canvas. */
const FIT_HEIGHT_AT_SCALE_1 = 540;
const MIN_SCALE = 0.25;
/** Half a pixel of rounding is not a widget falling off the page. */
const SLACK = 0.5;
const STEPS = 12;

export interface FitReport {
  /** The scale applied (the configured one, or the one `fit` chose). */
  scale: number;
  /** What does not fit, in words, or undefined when everything does. */
  problem?: string;
}

/** Widgets that take part in the layout; the alert box overlays the page (obs.css) and sizes to it. */
function measured(layout: HTMLElement): HTMLElement[] {
  return [...layout.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el.localName !== 'onair-alert-box');
}

function outside(layout: HTMLElement): HTMLElement[] {
  const width = layout.ownerDocument.documentElement.clientWidth;
  const height = layout.ownerDocument.documentElement.clientHeight;
  return measured(layout).filter((el) => {
    const box = el.getBoundingClientRect();
    // An empty box (a status pill floating over the page) cannot be cut off.
    const empty = box.width === 0 || box.height === 0;
    return !empty && (box.right > width + SLACK || box.bottom > height + SLACK);
  });
}

function setScale(layout: HTMLElement, scale: number): void {
  if (scale === 1) layout.style.removeProperty('--onair-scale');
  else layout.style.setProperty('--onair-scale', String(scale));
}

/** The largest scale (to 1/1000) at which nothing is outside, found with synchronous layouts. */
function fittingScale(layout: HTMLElement): number {
  const top = Math.max(MIN_SCALE, layout.ownerDocument.documentElement.clientHeight / FIT_HEIGHT_AT_SCALE_1);
  const fits = (scale: number) => {
    setScale(layout, scale);
    return outside(layout).length === 0;
  };
  if (fits(top)) return top;
  let low = MIN_SCALE;
  let high = top;
  for (let step = 0; step < STEPS; step += 1) {
    const middle = (low + high) / 2;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return Math.floor(low * 1000) / 1000;
}

function describe(layout: HTMLElement, scale: number, fit: boolean): string | undefined {
  const off = outside(layout);
  if (off.length === 0) return undefined;
  const doc = layout.ownerDocument.documentElement;
  const names = off.map((el) => el.localName.replace(/^onair-/, '')).join(', ');
  const page = `${doc.clientWidth} × ${doc.clientHeight} px`;
  if (fit) return `The widgets do not fit the page (${page}) even at scale ${MIN_SCALE}: ${names} ${off.length > 1 ? 'are' : 'is'} cut off. Use fewer widgets or layout=row, or make the browser source larger.`;
  return `At scale ${scale}, ${names} ${off.length > 1 ? 'do' : 'does'} not fit the page (${page}) and ${off.length > 1 ? 'are' : 'is'} cut off. Use scale=fit, a smaller scale, layout=row or fewer widgets, or make the browser source larger.`;
}

/**
 * Measures now and after every size change of the page or a widget (in the next frame, so the
 * change is not made inside the observer's callback); `report` hears each new result. Returns a
 * function that stops watching.
 */
export function watchFit(layout: HTMLElement, scale: number | 'fit', report: (result: FitReport) => void): () => void {
  const win = layout.ownerDocument.defaultView!;
  let frame: number | undefined;
  let last = '';
  const measure = () => {
    frame = undefined;
    if (!layout.isConnected) return;
    const applied = scale === 'fit' ? fittingScale(layout) : scale;
    setScale(layout, applied);
    const result: FitReport = { scale: applied, problem: describe(layout, applied, scale === 'fit') };
    const key = `${result.scale}\u0000${result.problem ?? ''}`;
    if (key !== last) {
      last = key;
      report(result);
    }
  };
  const schedule = () => {
    if (frame === undefined) frame = win.requestAnimationFrame(measure);
  };
  const observer = new (win as typeof globalThis).ResizeObserver(schedule);
  for (const el of measured(layout)) observer.observe(el);
  win.addEventListener('resize', schedule);
  schedule();
  return () => {
    observer.disconnect();
    win.removeEventListener('resize', schedule);
    if (frame !== undefined) win.cancelAnimationFrame(frame);
  };
}
