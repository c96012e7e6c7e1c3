import type { Rng } from '@serkit/core';
import { sampleBeta } from './beta.js';

/**
 * Mixup of one batch, in place: with lambda ~ Beta(alpha, alpha) and a random pairing `j` of the
 * batch, row i becomes lambda * row i + (1 - lambda) * row j, for the inputs `x` (rows of
 * `rowSize`) and the one-hot targets `y` (rows of `classes`) alike. Returns lambda.
 */
export function mixup(
  x: Float32Array,
  y: Float32Array,
  count: number,
  rowSize: number,
  classes: number,
  rng: Rng,
  alpha: number,
): number {
  const lambda = sampleBeta(rng, alpha, alpha);
  const partner = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const x0 = x.slice(0, count * rowSize);
  const y0 = y.slice(0, count * classes);
  const mix = (out: Float32Array, src: Float32Array, size: number) => {
    for (let i = 0; i < count; i++) {
      const j = partner[i];
      for (let k = 0; k < size; k++) out[i * size + k] = lambda * src[i * size + k] + (1 - lambda) * src[j * size + k];
    }
  };
  mix(x, x0, rowSize);
  mix(y, y0, classes);
  return lambda;
}
