/**
 * Stands for an extension's own code next to onair: it makes the slot's helper object, subscribes
 * to what it needs itself (here, thanking the tipper), and hands the same object to onair. With the
 * official helper bundled, `createExtHelper()` from `@stripchatdev/ext-helper` takes the place of
 * onair's `createStripchatHelper()`; onair never unsubscribes from a helper it was handed, so these
 * subscriptions keep working whatever onair does.
 */
import { createStripchatHelper } from '../../platform/stripchat/ext.js';

const ext = createStripchatHelper();
const provider = document.querySelector<HTMLElement & { ext?: unknown }>('onair-platform');
const thanks = document.querySelector<HTMLElement>('[data-page="thanks"]');

if (ext && provider) {
  ext.subscribe('v1.tokens.spent', (data) => {
    const tip = (data as { tipData?: { isAnonymous?: boolean; user?: { username?: unknown } | null } } | null)?.tipData;
    const name = !tip?.isAnonymous && typeof tip?.user?.username === 'string' ? tip.user.username : 'you';
    if (!thanks) return;
    thanks.textContent = `Thanks, ${name}!`;
    thanks.hidden = false;
  });
  provider.ext = ext;
}
