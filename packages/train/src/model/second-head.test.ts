import { createRng, SerkitError } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { packedSource } from '../recipe/batch-source.js';
import { trainBatch } from '../recipe/train-batch.js';
import { NO_RECIPE } from '../recipe/types.js';
import { SECOND_HEAD_WEIGHT, twoHeadLoss } from '../training/heads.js';
import { attachSecondHead, HEADS_LAYER } from './second-head.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function plugInModel(lastActivation: 'softmax' | 'linear' = 'softmax'): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const hidden = tf.layers.dense({ units: 6, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, activation: lastActivation, name: 'emotion' }).apply(hidden);
  return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
}

describe('attachSecondHead', () => {
  it('joins a second softmax on the same embedding: one row [first | second], each summing to 1', async () => {
    const base = plugInModel();
    const model = attachSecondHead(tf, base, 2, 7);
    expect(model.outputs[0].shape).toEqual([null, 5]);
    expect(model.getLayer(HEADS_LAYER)).toBeDefined();
    // The plugin's layers are shared, not copied: 2 more weights (the head's kernel and bias).
    expect(model.getWeights()).toHaveLength(base.getWeights().length + 2);
    const x = tf.randomNormal([3, 4], 0, 1, 'float32', 1);
    const rows = (await (model.predict(x) as tf.Tensor).array()) as number[][];
    const firstOnly = (await (base.predict(x) as tf.Tensor).array()) as number[][];
    for (const [i, row] of rows.entries()) {
      expect(row.slice(0, 3).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(row.slice(3).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      row.slice(0, 3).forEach((p, k) => {
        expect(p).toBeCloseTo(firstOnly[i][k], 6);
      });
    }
  });

  it('refuses a model that does not end in a softmax Dense layer, naming the flag', () => {
    expect(() => attachSecondHead(tf, plugInModel('linear'), 2, 7)).toThrow(SerkitError);
    expect(() => attachSecondHead(tf, plugInModel('linear'), 2, 7)).toThrow(/--second-output|softmax Dense/);
  });
});

describe('twoHeadLoss', () => {
  it('is the first head cross-entropy plus the weighted second, per example', async () => {
    const heads = { first: 3, second: 2 };
    const yTrue = tf.tensor2d([
      [0, 1, 0, 1, 0],
      [1, 0, 0, 0, 1],
    ]);
    const yPred = tf.tensor2d([
      [0.2, 0.5, 0.3, 0.6, 0.4],
      [0.7, 0.2, 0.1, 0.1, 0.9],
    ]);
    const loss = (await twoHeadLoss(heads)(yTrue, yPred).array()) as number[];
    const expected = [
      -Math.log(0.5) - SECOND_HEAD_WEIGHT * Math.log(0.6),
      -Math.log(0.7) - SECOND_HEAD_WEIGHT * Math.log(0.9),
    ];
    loss.forEach((l, i) => {
      expect(l).toBeCloseTo(expected[i], 5);
    });
  });
});

describe('trainBatch with a second head', () => {
  it('lays each row out as [first one-hot | second one-hot]; mixup keeps both heads summing to 1', () => {
    const data = {
      x: Float32Array.from({ length: 8 }, (_, i) => i),
      y: Int32Array.of(0, 2, 1, 2),
      second: Int32Array.of(1, 0, 0, 1),
      inputShape: [2],
    };
    const heads = { first: 3, second: 2 };
    const plain = trainBatch(packedSource(data), [0, 1, 2, 3], heads, NO_RECIPE, createRng(1));
    expect(Array.from(plain.y)).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1]);
    const mixed = trainBatch(packedSource(data), [0, 1, 2, 3], heads, { ...NO_RECIPE, mixupAlpha: 0.4 }, createRng(2));
    for (let i = 0; i < 4; i++) {
      const row = Array.from(mixed.y.subarray(i * 5, (i + 1) * 5));
      expect(row.slice(0, 3).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
      expect(row.slice(3).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    }
  });
});
