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
    /**
     * PyTorch's default for Conv2d and Linear weights, kaiming_uniform(a = sqrt 5): U(+-1/sqrt(fan_in)).
     * Under batch norm the weights' scale sets how fast Adam's fixed-size steps turn them.
     */
    torchDefault: () =>
      tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform', seed: next++ }),
  };
}
