import type { Tip, TipMenu } from '../model.js';
import { pick, seededRandom } from './random.js';

const NAMES = [
  'PixelPirate', 'luna_loops', 'Marek', 'Sakura22', 'BitBard', 'Ottilie', 'zeroCool', 'Amaru', 'NightOwl',
  'Kwame', 'frostbyte', 'Ingrid', 'CaptainCozy', 'Rafaela', 'tinytoast', 'Dmitri', 'SunnySide', 'Yuki',
  'GlitchGoblin', 'Beatriz', 'Håkon', 'Zoë', 'Łukasz', 'chloé_m', 'Aiyana', 'DriftKing', 'Nnamdi', 'pogchamp99',
];
const MESSAGES = ['', '', '', 'gg!', 'Love the stream', 'hydrate!', 'one more round', 'hi from Brazil', 'LET’S GO'];
const AMOUNTS = [1, 1, 2, 5, 5, 10, 10, 10, 20, 25, 50, 100, 250, 500];

export const DEMO_TIP_MENU: TipMenu = {
  enabled: true,
  items: [
    { id: 'hi', label: 'Say hi', price: 5, currency: 'tokens' },
    { id: 'hydrate', label: 'Hydrate', price: 15, currency: 'tokens' },
    { id: 'spin', label: 'Spin the wheel', price: 25, currency: 'tokens' },
    { id: 'song', label: 'Song request', price: 50, currency: 'tokens' },
    { id: 'dance', label: 'Dance', price: 100, currency: 'tokens' },
    { id: 'shoutout', label: 'Shout-out', price: 200, currency: 'tokens' },
  ],
};

/**
 * The simulated stream's content, separate from its timing: the n-th tip and the n-th viewer
 * step depend only on the seed, so tests and screenshots are reproducible.
 */
export class DemoFeed {
  private readonly tipRandom: () => number;
  private readonly viewerRandom: () => number;
  private tipCount = 0;
  /**
   * Differs per page load, so tip ids never repeat across loads: a board that persists the ids it
   * has seen would otherwise drop a fresh load's tips as replays. Names and amounts stay seeded.
   */
  private readonly run = loadNonce();

  constructor(
    private readonly seed: number,
    private readonly currency: string,
  ) {
    this.tipRandom = seededRandom(seed);
    this.viewerRandom = seededRandom(seed ^ 0x9e3779b9);
  }

  nextTip(at = new Date()): Tip {
    const random = this.tipRandom;
    const name = pick(random, NAMES);
    const message = pick(random, MESSAGES);
    this.tipCount += 1;
    return {
      id: `demo-${this.seed}-${this.run}-${this.tipCount}`,
      user: { id: `demo-user-${name.toLowerCase()}`, name },
      amount: pick(random, AMOUNTS),
      currency: this.currency,
      ...(message ? { message } : {}),
      at,
      source: 'demo',
    };
  }

  /** A random walk of a few percent, with a floor so a quiet demo never reaches zero. */
  nextViewers(current: number): number {
    const drift = (this.viewerRandom() - 0.48) * 0.06;
    return Math.max(3, Math.round(current * (1 + drift) + (this.viewerRandom() - 0.5) * 4));
  }
}

/** A short random tag for this load (not seeded: it must differ between loads). */
function loadNonce(): string {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return bytes[0].toString(36);
}
