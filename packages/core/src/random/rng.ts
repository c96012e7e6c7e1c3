import { check } from '../errors.js';

/**
 * A seeded pseudo-random generator: every random draw in serkit goes through one of these, created
 * from an explicit seed, so a run is reproducible bit for bit on every platform.
 *
 * The stream is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand; 128-bit
 * state, passes BigCrush) seeded through splitmix32, so nearby seeds (0, 1, 2, …) give unrelated
 * streams. Normal draws use the Box-Muller transform (both values of a pair are used).
 */
export interface Rng {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1), with 32 bits of randomness. */
  random(): number;
  /** Uniform in [low, high). */
  uniform(low?: number, high?: number): number;
  /** Uniform integer in [0, n) (unbiased, by rejection). */
  int(n: number): number;
  /** Standard normal (mean 0, variance 1). */
  normal(): number;
  /** Fills `out` with draws of `normal()` and returns it. */
  fillNormal(out: Float64Array | Float32Array): Float64Array | Float32Array;
  /** A Fisher-Yates shuffle of `items`, in place; returns `items`. */
  shuffle<T>(items: T[]): T[];
}

const TWO_POW_32 = 4294967296;

/** splitmix32: one step of a 32-bit mixing function, used only to expand the seed into state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A generator seeded by `seed`, an integer (safe-integer range; negative allowed). The same seed gives
 * the same stream everywhere.
 */
export function createRng(seed: number): Rng {
  check(Number.isSafeInteger(seed), 'seed', `must be a safe integer, got ${seed}`);
  // Fold the high bits in so seeds beyond 2^32 still differ.
  const high = Math.floor(seed / TWO_POW_32) | 0;
  const mix = { s: (seed | 0) ^ Math.imul(high, 0x27d4eb2d) };
  let a = splitmix32(mix);
  let b = splitmix32(mix);
  let c = splitmix32(mix);
  let d = splitmix32(mix);
  let spareNormal: number | null = null;

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up: the first outputs of sfc32 still show the seed's structure.
  for (let i = 0; i < 12; i++) nextUint32();

  const random = (): number => nextUint32() / TWO_POW_32;

  const normal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    // 1 - u is in (0, 1], so the log is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  const int = (n: number): number => {
    check(Number.isInteger(n) && n >= 1 && n <= TWO_POW_32, 'n', `must be an integer in [1, 2^32], got ${n}`);
    // Reject the top partial block so every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const value = nextUint32();
      if (value < limit) return value % n;
    }
  };

  return {
    nextUint32,
    random,
    uniform: (low = 0, high = 1) => low + (high - low) * random(),
    int,
    normal,
    fillNormal(out) {
      for (let i = 0; i < out.length; i++) out[i] = normal();
      return out;
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = items[i]!;
        items[i] = items[j]!;
        items[j] = tmp;
      }
      return items;
    },
  };
}
