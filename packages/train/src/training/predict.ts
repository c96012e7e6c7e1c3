import type { LayersModel } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import type { PackedData } from './types.js';

const PREDICT_BATCH = 256;

/** Class probabilities of every row of `data.x`, `[n][classes]`, computed in batches. */
export async function predictProbabilities(
  model: LayersModel,
  data: Pick<PackedData, 'x' | 'inputShape'>,
): Promise<Float32Array[]> {
  const rowSize = data.inputShape.reduce((a, b) => a * b, 1);
  const n = data.x.length / rowSize;
  const out: Float32Array[] = [];
  for (let start = 0; start < n; start += PREDICT_BATCH) {
    const count = Math.min(PREDICT_BATCH, n - start);
    const x = tf.tensor(data.x.subarray(start * rowSize, (start + count) * rowSize), [count, ...data.inputShape]);
    const p = model.predict(x) as tf.Tensor;
    const values = (await p.data()) as Float32Array;
    tf.dispose([x, p]);
    const classes = values.length / count;
    for (let i = 0; i < count; i++) out.push(values.slice(i * classes, (i + 1) * classes));
  }
  return out;
}

/** Index of the largest value (the predicted class). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
