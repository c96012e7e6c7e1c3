import type { LayersModel } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import type { Predictor, SecondHead } from './ports.js';

/**
 * A Predictor over a loaded tfjs model: inputs are reshaped to `[count, ...inputShape]` and run in
 * inference mode (dropout off); the probabilities are copied out and every tensor freed.
 */
export function modelPredictor(
  model: LayersModel,
  labels: readonly string[],
  inputShape: readonly number[],
  second?: SecondHead,
): Predictor {
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  return {
    labels,
    ...(second ? { second } : {}),
    inputSize,
    async predict(inputs, count) {
      const output = tf.tidy(() => model.predict(tf.tensor(inputs, [count, ...inputShape]), { batchSize: count }));
      const probs = Array.isArray(output) ? output[0] : output;
      try {
        return (await probs.data()) as Float32Array;
      } finally {
        tf.dispose(output);
      }
    },
  };
}
