/** Returns uniformly distributed integers in [0, 2^32). */
export type Uint32Source = () => number;

const UINT32_RANGE = 2 ** 32;
/** Decimal places a weight may carry and still be scaled to an exact integer. */
const MAX_DECIMALS = 6;
const CRYPTO_BATCH = 64;

/** `crypto.getRandomValues`, fetched in small batches so a spin costs one call, not several. */
export function cryptoUint32(): Uint32Source {
  const buffer = new Uint32Array(CRYPTO_BATCH);
  let next = CRYPTO_BATCH;
  return () => {
    if (next === CRYPTO_BATCH) {
      crypto.getRandomValues(buffer);
      next = 0;
    }
    return buffer[next++];
  };
}

/** Number of decimal places `value` needs, up to `MAX_DECIMALS + 1` (meaning "more than we scale"). */
function decimals(value: number): number {
  for (let places = 0; places <= MAX_DECIMALS; places += 1) {
    const scale = 10 ** places;
    if (Math.round(value * scale) / scale === value) return places;
  }
  return MAX_DECIMALS + 1;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Integer units proportional to `weights`. Weights with up to six decimals are scaled by a power of
 * ten and reduced by their common divisor, so 0.5 : 1.5 becomes 1 : 3 exactly. Only when that
 * still exceeds 2^32 units (or a weight has more decimals) are they quantised to a 2^32 total by
 * largest remainder, each positive weight keeping at least one unit.
 */
export function integerUnits(weights: readonly number[]): number[] {
  const places = Math.max(0, ...weights.map(decimals));
  if (places <= MAX_DECIMALS) {
    const scaled = weights.map((w) => Math.round(w * 10 ** places));
    const divisor = scaled.reduce(gcd, 0) || 1;
    const units = scaled.map((u) => u / divisor);
    if (units.reduce((a, b) => a + b, 0) <= UINT32_RANGE) return units;
  }
  return quantise(weights, UINT32_RANGE - weights.length);
}

function quantise(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const units = exact.map((x, i) => (weights[i] > 0 ? Math.max(1, Math.floor(x)) : 0));
  let left = total - units.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    if (weights[i] <= 0) continue;
    units[i] += 1;
    left -= 1;
  }
  return units;
}

/**
 * Picks an index with probability proportional to its weight, from a 32-bit random source
 * (crypto by default). Uniform integers come from rejection sampling, so there is no modulo bias:
 * with integer units u_i summing to T, index i wins with probability exactly u_i / T.
 */
export class WeightedPicker {
  private readonly source: Uint32Source;

  constructor(source: Uint32Source = cryptoUint32()) {
    this.source = source;
  }

  /** A uniform integer in [0, range), 1 ≤ range ≤ 2^32. */
  uniform(range: number): number {
    if (!(range >= 1 && range <= UINT32_RANGE && Number.isInteger(range))) throw new RangeError(`bad range ${range}`);
    // Largest multiple of `range` that fits in 2^32: draws at or above it would favour small values.
    const limit = UINT32_RANGE - (UINT32_RANGE % range);
    for (;;) {
      const draw = this.source() >>> 0;
      if (draw < limit) return draw % range;
    }
  }

  /** A float in [0, 1) with 32 bits of resolution (landing offsets, not fairness). */
  fraction(): number {
    return (this.source() >>> 0) / UINT32_RANGE;
  }

  /** The winning index; `weights` must hold at least one positive finite number. */
  pick(weights: readonly number[]): number {
    const units = integerUnits(weights);
    let draw = this.uniform(units.reduce((a, b) => a + b, 0));
    for (let i = 0; i < units.length; i += 1) {
      if (draw < units[i]) return i;
      draw -= units[i];
    }
    return units.length - 1;
  }
}
