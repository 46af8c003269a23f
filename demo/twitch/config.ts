import { parseSettings } from '../../platform/twitch/settings.js';

/**
 * The broadcaster's configuration page: shows the stored broadcaster segment, checks edits with the
 * same rules the adapter reads them by, and saves through the helper's configuration service.
 */
const form = document.querySelector<HTMLFormElement>('#settings')!;
const field = form.querySelector<HTMLTextAreaElement>('#json')!;
const save = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
const message = form.querySelector<HTMLOutputElement>('#message')!;

const SETTINGS_VERSION = '1';

function say(text: string): void {
  message.textContent = text;
}

function helper(): typeof Twitch.ext | undefined {
  return (window as { Twitch?: { ext?: typeof Twitch.ext } }).Twitch?.ext;
}

function showStored(ext: typeof Twitch.ext): void {
  const stored = ext.configuration.broadcaster?.content;
  if (stored && parseSettings(stored).ok) field.value = JSON.stringify(JSON.parse(stored), null, 2);
}

function check(): string | undefined {
  const result = parseSettings(field.value);
  if (!result.ok) {
    say(result.error);
    return undefined;
  }
  if (result.ignored.length > 0) {
    say(`These entries are not widget settings objects: ${result.ignored.map((entry) => entry.name).join(', ')}`);
    return undefined;
  }
  say('');
  return JSON.stringify(result.settings);
}

const ext = helper();
if (!ext) {
  say('The Twitch extension helper did not load; open this page from the extension dashboard.');
} else {
  ext.onAuthorized(() => {
    save.disabled = false;
  });
  ext.configuration.onChanged(() => showStored(ext));
  field.addEventListener('input', () => void check());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const json = check();
    if (json === undefined) return;
    ext.configuration.set('broadcaster', SETTINGS_VERSION, json);
    say('Saved.');
  });
}
