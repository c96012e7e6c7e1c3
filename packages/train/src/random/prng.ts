import { createHash } from 'node:crypto';

/**
 * A seeded PRNG (mulberry32: 32-bit state, passes the usual small-crush tests, plenty for
 * shuffling and splitting). All randomness in training goes through one of these, so a run is
 * repeatable from its seed.
 */
export class Prng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(values: readonly T[]): T[] {
    const out = [...values];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** A 31-bit seed derived from `seed` and a purpose, e.g. `deriveSeed(7, 'shuffle', 'epoch-3')`. */
export function deriveSeed(seed: number, ...purpose: readonly (string | number)[]): number {
  const digest = createHash('sha256')
    .update(JSON.stringify([seed, ...purpose]))
    .digest();
  return digest.readUInt32LE(0) & 0x7fffffff;
}
