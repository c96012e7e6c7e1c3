import type { Tfjs } from '@serkit/core';

/**
 * Batch normalisation whose moving statistics follow the batches 10x faster than Keras' default
 * (momentum 0.9 = PyTorch's 0.1, the setting the recipe was found with). With Keras' 0.99 a short
 * CPU run (a few hundred steps) tests with moving statistics still near their initial 0 / 1, and the
 * model predicts one class (measured: 12.9 % after one epoch while training accuracy was 25 %).
 * `epsilon`: Keras' 1e-3 by default; PyTorch's is 1e-5.
 */
export function batchNorm(tf: Tfjs, name: string, epsilon = 1e-3) {
  return tf.layers.batchNormalization({ momentum: 0.9, epsilon, name });
}
