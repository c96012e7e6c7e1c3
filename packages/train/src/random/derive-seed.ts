import { createHash } from 'node:crypto';

/**
 * A 31-bit seed derived from `seed` and a purpose, e.g. `deriveSeed(7, 'shuffle', 3)`, so each use
 * of randomness in a run has its own independent, repeatable stream (for @serkit/core's createRng).
 */
export function deriveSeed(seed: number, ...purpose: readonly (string | number)[]): number {
  const digest = createHash('sha256')
    .update(JSON.stringify([seed, ...purpose]))
    .digest();
  return digest.readUInt32LE(0) & 0x7fffffff;
}
