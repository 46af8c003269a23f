/**
 * Stands for an extension's own code next to onair, doing what most Twitch extensions do with the
 * helper: keep the token for calls to its backend, follow the theme, and thank a viewer for Bits.
 * Twitch's helper keeps only the last callback of each kind; onair hears the helper without taking
 * these callbacks away, whether this file runs before onair (the panel) or after it (the overlay).
 */
const ext = (window as { Twitch?: { ext?: typeof Twitch.ext } }).Twitch?.ext;
const thanks = document.querySelector<HTMLElement>('[data-page="thanks"]');

/** The extension's backend would receive this token; it never goes into the page. */
let backendToken: string | undefined;

ext?.onAuthorized((auth) => {
  backendToken = auth.token;
  document.documentElement.dataset.authorized = backendToken ? 'yes' : 'no';
});

ext?.onContext((context) => {
  if (context.theme) document.documentElement.dataset.twitchTheme = context.theme;
});

ext?.bits.onTransactionComplete((transaction) => {
  if (!thanks) return;
  const name = typeof transaction.displayName === 'string' && transaction.displayName ? transaction.displayName : 'you';
  thanks.textContent = `Thanks, ${name}!`;
  thanks.hidden = false;
});
