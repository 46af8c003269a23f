import type { Role } from '../model.js';
import { custom, integer, LOOK_OPTIONS, number, oneOf } from '../kit/options.js';
import { currency } from '../validate.js';

export type SpendOutcome = 'success' | 'cancel' | 'fail';

export const MAX_RATE = 5000;
const SPEND_OUTCOMES: readonly SpendOutcome[] = ['success', 'cancel', 'fail'];
const ROLES: readonly Role[] = ['broadcaster', 'moderator', 'viewer', 'guest'];

/** The demo feed's options (`platform="demo"`). */
export const DEMO_OPTIONS = {
  seed: integer({ min: 0, max: 2 ** 32, default: 1, description: 'Seed of the simulated stream; the same seed gives the same names, amounts and viewer walk.' }),
  rate: number({ min: 0, max: MAX_RATE, default: 0.5, description: 'Tips per second; 0 stops automatic tips.' }),
  viewers: integer({ min: 0, max: 1e9, default: 1280, description: 'Starting viewer count.' }),
  spend: oneOf(SPEND_OUTCOMES, { default: 'success', description: 'What a spend ends in: `success`, `cancel` or `fail`.' }),
  spendDelay: integer({ min: 0, max: 60_000, default: 800, description: 'Milliseconds before a spend resolves.' }),
  connectDelay: integer({ min: 0, max: 60_000, default: 250, description: 'Milliseconds from creation to `connected`.' }),
  viewerInterval: integer({ min: 0, max: 3_600_000, default: 2500, description: 'Milliseconds between viewer-count steps; 0 keeps the count still.' }),
  currency: custom('string', currency, { default: 'tokens', description: 'Currency of tips and the menu: `tokens`, `bits` or an ISO 4217 code.' }),
  role: oneOf(ROLES, { default: 'broadcaster', description: 'The simulated viewer\'s role.' }),
  ...LOOK_OPTIONS,
};
