/**
 * The model's settings page: loads saved settings into the form and saves them when Stripchat's
 * Save button is pressed. Talks to the host with onair's postMessage client, like the slots do.
 */
import { PostMessageExt, resolveHostOrigin } from '../../platform/stripchat/ext.js';
import { isRecord, num, text } from '../../platform/validate.js';

interface WheelSettings {
  title: string;
  spinPrice: number;
}

const DEFAULTS: WheelSettings = { title: 'Spin the wheel', spinPrice: 25 };
const form = document.getElementById('settings') as HTMLFormElement;
const problem = document.getElementById('problem') as HTMLElement;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;

function toSettings(value: unknown): WheelSettings {
  const input = isRecord(value) ? value : {};
  return { title: text(input.title) ?? DEFAULTS.title, spinPrice: num(input.spinPrice, 1, 100_000) ?? DEFAULTS.spinPrice };
}

function readForm(): { settings: WheelSettings; error?: string } {
  const title = text(field('title').value);
  const spinPrice = num(field('spinPrice').value, 1, 100_000);
  const settings = { title: title ?? '', spinPrice: spinPrice ?? 0 };
  if (!title) return { settings, error: 'Give the wheel a title.' };
  if (spinPrice === undefined || !Number.isInteger(spinPrice)) return { settings, error: 'The spin price is a whole number of tokens from 1 to 100000.' };
  return { settings };
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  document.documentElement.dataset.theme = params.get('theme') === 'light' ? 'light' : 'dark';
  const hostOrigin = resolveHostOrigin(params.get('origin') ?? undefined);
  if (!hostOrigin || window.parent === window) {
    problem.textContent = 'Open this page from the Stripchat extension settings.';
    return;
  }
  const ext = new PostMessageExt({ hostOrigin, peer: window.parent });
  const saved = await ext.makeRequest('v1.model.ext.settings.get', null).then(
    (result) => toSettings(isRecord(result) ? result.settings : undefined),
    () => DEFAULTS,
  );
  field('title').value = saved.title;
  field('spinPrice').value = String(saved.spinPrice);
  ext.subscribe('v1.model.ext.settings.set.requested', () => {
    const { settings, error } = readForm();
    problem.textContent = error ?? '';
    // With isError, Stripchat keeps the dialog open so the model can fix the field.
    // Keyed by widget too, so every slot's wheel charges this price (`settings['wheel-spinner']`).
    const saved = { ...settings, 'wheel-spinner': { price: settings.spinPrice } };
    void ext.makeRequest('v1.model.ext.settings.set', { settings: saved, isError: error !== undefined }).catch(() => {
      problem.textContent = 'Saving failed; try again.';
    });
  });
  window.addEventListener('pagehide', () => ext.close(), { once: true });
}

void start();
