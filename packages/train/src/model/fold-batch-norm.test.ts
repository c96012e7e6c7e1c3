import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldBatchNorm } from './fold-batch-norm.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Gives every batch norm non-trivial statistics and affine weights (a fresh one is the identity). */
function randomiseBatchNorms(model: tf.LayersModel, seed: number): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const weights = layer.getWeights().map((w, i) => {
      const name = layer.weights[i].originalName;
      const r = tf.randomUniform(w.shape, 0, 1, 'float32', seed++);
      // variance and gamma positive, mean and beta either sign
      return name.endsWith('moving_variance') || name.endsWith('gamma') ? r.add(0.2) : r.sub(0.5).mul(3);
    });
    layer.setWeights(weights);
  }
}

/** conv - bn - relu - pool, twice, then a dense - bn head and a second head on the same embedding. */
function cnn(useBias: boolean): tf.LayersModel {
  const input = tf.input({ shape: [12, 8, 1], name: 'features' });
  let x = input;
  for (const b of [1, 2]) {
    x = tf.layers
      .conv2d({ filters: 3 * b, kernelSize: 3, padding: 'same', useBias, name: `conv${b}` })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ epsilon: 1e-3, name: `bn${b}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.activation({ activation: 'relu', name: `relu${b}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.maxPooling2d({ poolSize: 2, name: `pool${b}` }).apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.flatten({ name: 'flat' }).apply(x) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 5, name: 'dense' }).apply(x) as tf.SymbolicTensor;
  const normed = tf.layers.batchNormalization({ name: 'dense_bn' }).apply(dense) as tf.SymbolicTensor;
  const first = tf.layers.dense({ units: 4, activation: 'softmax', name: 'first' }).apply(normed) as tf.SymbolicTensor;
  const second = tf.layers
    .dense({ units: 2, activation: 'softmax', name: 'second' })
    .apply(normed) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [first, second] });
}

async function outputs(model: tf.LayersModel, x: tf.Tensor): Promise<number[][][]> {
  const out = model.predict(x) as tf.Tensor[];
  const values = await Promise.all(out.map((t) => t.array() as Promise<number[][]>));
  tf.dispose(out);
  return values;
}

describe('foldBatchNorm', () => {
  it.each([false, true])(
    'removes every batch norm and fused activation, same predictions (conv bias %s)',
    async (useBias) => {
      const model = cnn(useBias);
      randomiseBatchNorms(model, 3);
      const folded = await foldBatchNorm(model);
      const names = folded.layers.map((l) => l.name);
      expect(names.filter((n) => n.includes('bn') || n.includes('relu'))).toEqual([]);
      expect(names).toEqual(['features', 'conv1', 'pool1', 'conv2', 'pool2', 'flat', 'dense', 'first', 'second']);
      expect(folded.getLayer('conv1').getConfig()).toMatchObject({ activation: 'relu', useBias: true });
      // The dense layer's batch norm feeds two heads (no activation layer): folded, activation kept linear.
      expect(folded.getLayer('dense').getConfig()).toMatchObject({ activation: 'linear', useBias: true });
      const x = tf.randomNormal([6, 12, 8, 1], 0, 1, 'float32', 11);
      const [want, got] = [await outputs(model, x), await outputs(folded, x)];
      expect(got.map((o) => o.length)).toEqual([6, 6]);
      let largest = 0;
      for (const [h, head] of want.entries())
        for (const [i, row] of head.entries())
          for (const [k, p] of row.entries()) largest = Math.max(largest, Math.abs(got[h][i][k] - p));
      expect(largest).toBeLessThan(1e-5);
      // The predictions are not trivially equal (the batch norms changed them).
      const plain = await foldBatchNorm(cnn(useBias));
      expect((await outputs(plain, x))[0][0][0]).not.toBeCloseTo(want[0][0][0], 3);
    },
  );

  it('leaves a batch norm whose input also feeds another layer, and a batch norm on a non-linear layer', async () => {
    const input = tf.input({ shape: [6] });
    const dense = tf.layers.dense({ units: 4, name: 'dense' }).apply(input) as tf.SymbolicTensor;
    const bn = tf.layers.batchNormalization({ name: 'bn' }).apply(dense) as tf.SymbolicTensor;
    const skip = tf.layers.add({ name: 'skip' }).apply([bn, dense]) as tf.SymbolicTensor;
    const relu = tf.layers.activation({ activation: 'relu', name: 'relu' }).apply(skip) as tf.SymbolicTensor;
    const bn2 = tf.layers.batchNormalization({ name: 'bn2' }).apply(relu) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: bn2 });
    expect(await foldBatchNorm(model)).toBe(model);
  });

  it('returns Sequential models as they are', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [3], units: 2 }), tf.layers.batchNormalization()],
    });
    expect(await foldBatchNorm(model)).toBe(model);
  });
});
