import type { Tfjs } from '@serkit/core';

/**
 * Hands out weight initialisers with distinct seeds derived from the model seed, so the same seed
 * builds the same weights and no two layers share a random stream.
 */
export function seededInitialisers(tf: Tfjs, seed: number) {
  let next = seed * 1000;
  return {
    glorot: () => tf.initializers.glorotUniform({ seed: next++ }),
    heNormal: () => tf.initializers.heNormal({ seed: next++ }),
  };
}
