import { createContext } from '@lit/context';
import type { Platform } from './model.js';

/**
 * The context key `<onair-platform>` provides. `Symbol.for` makes two copies of onair on one page
 * (the full bundle and a per-widget entry) share the same key.
 */
export const platformContext = createContext<Platform | undefined>(Symbol.for('onair-platform'));
