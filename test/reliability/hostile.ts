/**
 * Seeded hostile-payload generation for the reliability suite. Every adapter's table entry builds
 * host-shaped payloads from valid templates and asks this module for the poison: markup that would
 * create a `[data-pwned]` element if anything rendered it as HTML, values that no validator may
 * accept, and junk of every type. Each generated payload says what the adapter must do with it, so
 * the suite can count: `invalid` ones must each be reported on `errors$`, `tip` ones must come out
 * on `tips$` with their hostile text intact, `other` ones (valid non-tips, unknown events, foreign
 * messages) only must not break anything.
 */
import { seededRandom } from '../../platform/demo/random.js';

export type Expect = 'invalid' | 'tip' | 'other';

/** One payload for one host channel, with what the adapter must do with it. */
export interface Hostile<Raw = unknown> {
  /** The adapter entry's own name for where the payload goes (an event name, a callback, a frame). */
  channel: string;
  raw: Raw;
  expect: Expect;
  /** For `tip`: the user name the tip must carry (after the validators' trimming and clipping). */
  name?: string;
}

/** The suite's seed: `?seed=` on the test page URL, else a fixed default, so a failure reproduces. */
export function suiteSeed(search = location.search): number {
  const given = Number(new URLSearchParams(search).get('seed'));
  return Number.isInteger(given) && given > 0 ? given >>> 0 : 20261123;
}

export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Markup that becomes a `[data-pwned]` element (or sets `window.__pwned`) if rendered as HTML. */
export const PWN_MARKUP = [
  '<img data-pwned src=x onerror="window.__pwned=1">',
  '<script data-pwned>window.__pwned=1</script>',
  '<svg data-pwned onload="window.__pwned=1"></svg>',
  '"><iframe data-pwned srcdoc="<b>x</b>"></iframe>',
  "'><div data-pwned style=\"position:fixed;inset:0\">owned</div>",
  '<a data-pwned href="javascript:window.__pwned=1">click</a>',
  '<style data-pwned>*{display:none}</style>',
  '${window.__pwned=1}{{constructor.constructor("window.__pwned=1")()}}',
] as const;

const ODD_TEXT = [
  'Zoë ✨',
  'مرحبا',
  '\u202Egnp.exe',
  'a\u200Bb\u200Dc',
  '👩‍👩‍👧‍👦'.repeat(8),
  '%s%n%x',
  '__proto__',
  'constructor',
  '\\u0000',
  '&lt;b&gt;',
  'null',
] as const;

/**
 * A few shared huge strings, so 10,000 payloads do not allocate 10,000 of them (and a harness that
 * ships payloads elsewhere can send each of them once).
 */
export const HUGE = ['x'.repeat(100_000), `${PWN_MARKUP[0]} `.repeat(5_000), '💥'.repeat(30_000)];

/**
 * A string every text validator accepts (it has visible characters) but that carries markup,
 * bidi overrides, emoji or sheer length.
 */
export function hostileText(rng: Rng): string {
  const roll = rng.int(0, 9);
  if (roll === 0) return rng.pick(HUGE);
  if (roll <= 5) return `${rng.pick(PWN_MARKUP)}${rng.chance(0.5) ? rng.pick(ODD_TEXT) : ''}`;
  if (roll <= 7) return `${rng.pick(ODD_TEXT)} ${rng.pick(PWN_MARKUP)}`;
  return `  \u0007${rng.pick(ODD_TEXT)}\u0000  `;
}

/** Values `validate.amount` rejects: not finite, not positive, too large, or not numbers at all. */
export function badAmount(rng: Rng): unknown {
  return rng.pick<unknown>([
    NaN, Infinity, -Infinity, -1, -0.01, 0, -0, 1e13, Number.MAX_VALUE, -Number.MAX_VALUE,
    'NaN', 'Infinity', '-5', '0', '', '   ', 'abc', '1e400', '<img data-pwned src=x>',
    null, undefined, true, false, {}, [], [5], { valueOf: 5 }, () => 5,
  ]);
}

/** Values `validate.id` rejects. */
export function badId(rng: Rng): unknown {
  return rng.pick<unknown>([NaN, Infinity, -Infinity, '', '   ', '\u0000\u0001', null, undefined, true, {}, [], ['x'], () => 'x']);
}

/** Values `validate.text` rejects. */
export function badText(rng: Rng): unknown {
  return rng.pick<unknown>(['', '    ', '\u0000\u0007\u001f', '\u202e\u202d', 42, NaN, null, undefined, true, {}, [], ['name']]);
}

/** `{ a: { a: … } }` or `[[[…]]]`, `depth` levels deep. */
export function deepNest(depth: number, array = false): unknown {
  let value: unknown = array ? [PWN_MARKUP[0]] : { leaf: PWN_MARKUP[0] };
  for (let i = 0; i < depth; i += 1) value = array ? [value] : { a: value };
  return value;
}

/** Any value at all, for a whole payload or one field of it. */
export function junk(rng: Rng): unknown {
  const roll = rng.int(0, 12);
  switch (roll) {
    case 0:
      return deepNest(rng.int(50, 2_000), rng.chance(0.5));
    case 1:
      return hostileText(rng);
    case 2:
      return badAmount(rng);
    case 3:
      return rng.pick<unknown>([null, undefined, true, false, 0, -1, NaN, Infinity, 1e308]);
    case 4:
      return [hostileText(rng), badAmount(rng), null, {}];
    case 5:
      return { [hostileText(rng).slice(0, 40)]: hostileText(rng), __proto__: { polluted: true } };
    case 6:
      return new Array(rng.int(1_000, 20_000)).fill(0);
    case 7:
      return Object.create(null) as object;
    case 8:
      return rng.pick<unknown>([Symbol('x'), 10n, new Date(NaN), /x/, new Map([[1, 2]])]);
    case 9:
      return cyclic();
    case 10:
      return throwingGetters();
    default:
      return String(badAmount(rng));
  }
}

/** Junk that survives JSON (for payloads that travel as JSON text): text, numbers, nesting, arrays. */
export function jsonJunk(rng: Rng): unknown {
  const roll = rng.int(0, 6);
  if (roll === 0) return deepNest(rng.int(50, 1_000), rng.chance(0.5));
  if (roll === 1) return hostileText(rng);
  if (roll === 2) return rng.pick<unknown>([null, true, false, 0, -1, 1e308, -1e308, 'NaN', '', [], {}]);
  if (roll === 3) return { [hostileText(rng).slice(0, 40)]: hostileText(rng), __proto__: hostileText(rng) };
  if (roll === 4) return [hostileText(rng), rng.int(-1e9, 1e9), null, { nested: [hostileText(rng)] }];
  if (roll === 5) return new Array(rng.int(100, 3_000)).fill(hostileText(rng).slice(0, 20));
  return String(badAmount(rng));
}

/**
 * Junk that is not a plain record (validators must reject it wherever an object is required);
 * `json` keeps to values that survive JSON, for payloads that travel as JSON text.
 */
export function nonRecord(rng: Rng, json = false): unknown {
  const value = json ? jsonJunk(rng) : junk(rng);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value] : value;
}

/** An object that refers to itself: JSON.stringify throws on it. */
function cyclic(): unknown {
  const value: Record<string, unknown> = { name: PWN_MARKUP[1] };
  value.self = value;
  return value;
}

/** An object whose every property read throws, like a revoked proxy from a broken host. */
function throwingGetters(): unknown {
  return new Proxy(
    {},
    {
      get() {
        throw new Error('hostile getter');
      },
      has() {
        throw new Error('hostile has');
      },
      ownKeys() {
        throw new Error('hostile ownKeys');
      },
    },
  );
}

/** Picks an index of `weights`, index `i` with probability proportional to `weights[i]`. */
export function weighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let roll = rng.float() * total;
  for (let i = 0; i < weights.length; i += 1) {
    roll -= weights[i];
    if (roll < 0) return i;
  }
  return weights.length - 1;
}

/** Every element in the document, including inside every open shadow root, recursively. */
export function deepQueryAll(selector: string, root: Document | ShadowRoot | Element = document): Element[] {
  const found: Element[] = [...root.querySelectorAll(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepQueryAll(selector, element.shadowRoot));
  }
  return found;
}

/** Collects uncaught errors and unhandled rejections on `window` until `stop()`. */
export function watchWindow(): { failures: string[]; stop: () => void } {
  const failures: string[] = [];
  const onError = (event: ErrorEvent) => failures.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => failures.push(`unhandledrejection: ${String(event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    failures,
    stop: () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Lets timers, microtasks and rendering run between batches. */
export const macrotask = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));
