import type { LayersModel } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import type { Predictor, SecondHead } from './ports.js';

/**
 * Inputs the network runs at once, whatever the batch: on the bundled model (tfjs wasm) chunks of 64
 * to 512 cost the same CPU per input (10.1-10.5 ms), while memory peaks grow with the chunk (one
 * process: 290 MiB with 128, 650 with 512; the first convolution's output alone is 590 kB per input).
 */
export const PREDICT_CHUNK = 64;

/**
 * A Predictor over a loaded tfjs model: inputs are reshaped to `[count, ...inputShape]` and run in
 * inference mode (dropout off) PREDICT_CHUNK at a time; the probabilities are copied out and every
 * tensor freed.
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
      const output = tf.tidy(() =>
        model.predict(tf.tensor(inputs, [count, ...inputShape]), { batchSize: Math.min(count, PREDICT_CHUNK) }),
      );
      const probs = Array.isArray(output) ? output[0] : output;
      try {
        return (await probs.data()) as Float32Array;
      } finally {
        tf.dispose(output);
      }
    },
  };
}
