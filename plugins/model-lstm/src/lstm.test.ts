import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { lstmInitial, lstmSeed } from './lstm.js';
import { orthogonalFromGaussian } from './orthogonal.js';

const EMOTIONS = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'];

describe('orthogonalFromGaussian', () => {
  const gram = (q: Float32Array, rows: number, cols: number, byRows: boolean) => {
    const n = byRows ? rows : cols;
    const out: number[][] = [];
    for (let a = 0; a < n; a++) {
      out.push([]);
      for (let b = 0; b < n; b++) {
        let dot = 0;
        const len = byRows ? cols : rows;
        for (let k = 0; k < len; k++)
          dot += byRows ? q[a * cols + k] * q[b * cols + k] : q[k * cols + a] * q[k * cols + b];
        out[a].push(dot);
      }
    }
    return out;
  };
  const draws = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => Math.sin(i * 12.9898 + 1) * 43758.5453 - Math.floor(Math.sin(i * 12.9898 + 1) * 43758.5453) - 0.5,
    );

  it.each([
    [6, 4, false],
    [4, 6, true],
    [5, 5, true],
  ])('makes a %i x %i matrix with orthonormal %s', (rows, cols, byRows) => {
    const q = orthogonalFromGaussian(rows, cols, draws(rows * cols));
    const g = gram(q, rows, cols, byRows);
    g.forEach((row, a) => {
      row.forEach((value, b) => {
        expect(value).toBeCloseTo(a === b ? 1 : 0, 5);
      });
    });
  });

  it('refuses the wrong number of draws', () => {
    expect(() => orthogonalFromGaussian(3, 2, [1, 2])).toThrow(RangeError);
  });
});

describe('LSTM models', () => {
  it("lstm-seed has exactly the paper's 355,720 parameters and outputs 8 probabilities", () => {
    const model = lstmSeed.build({ tf, inputShape: [13], classes: EMOTIONS, hyper: lstmSeed.defaults, seed: 42 });
    expect(model.countParams()).toBe(355_720);
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'Reshape',
      'LSTM',
      'Dropout',
      'LSTM',
      'Dropout',
      'Dense',
      'Dropout',
      'Dense',
    ]);
    const output = tf.tidy(() => {
      const y = model.predict(tf.randomNormal([3, 13], 0, 1, 'float32', 1)) as tf.Tensor;
      return { shape: y.shape, sums: y.sum(1).arraySync() as number[] };
    });
    expect(output.shape).toEqual([3, 8]);
    for (const sum of output.sums) expect(sum).toBeCloseTo(1, 5);
    // The recurrent kernel of LSTM(256) is 256 x 1024 with orthonormal rows.
    const recurrent = model.layers[1].getWeights()[1];
    expect(recurrent.shape).toEqual([256, 1024]);
    const gram = tf.tidy(() => tf.matMul(recurrent, recurrent, false, true).sub(tf.eye(256)).abs().max().dataSync()[0]);
    expect(gram).toBeLessThan(1e-4);
    model.dispose();
  });

  it("lstm-initial has the paper's 125,320 parameters", () => {
    const model = lstmInitial.build({ tf, inputShape: [13], classes: EMOTIONS, hyper: lstmInitial.defaults, seed: 1 });
    expect(model.countParams()).toBe(125_320);
    model.dispose();
  });

  it('accepts [frames, dims] sequences and any number of classes', () => {
    const hyper = { ...lstmSeed.defaults, lstm1: 8, lstm2: 4, dense: 4 };
    const model = lstmSeed.build({ tf, inputShape: [20, 39], classes: ['a', 'b', 'c'], hyper, seed: 3 });
    expect(model.inputs[0].shape).toEqual([null, 20, 39]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    model.dispose();
  });

  it('is reproducible for a seed', () => {
    const hyper = { ...lstmSeed.defaults, lstm1: 8, lstm2: 4, dense: 4 };
    const weights = (seed: number) => {
      const model = lstmSeed.build({ tf, inputShape: [13], classes: EMOTIONS, hyper, seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });

  it('draws a new dropout mask on every training step', () => {
    const hyper = { ...lstmSeed.defaults, lstm1: 8, lstm2: 4, dense: 4, dropout: 0.5 };
    const model = lstmSeed.build({ tf, inputShape: [13], classes: EMOTIONS, hyper, seed: 1 });
    const dropout = model.layers.find((layer) => layer.getClassName() === 'Dropout');
    expect(dropout).toBeDefined();
    const x = tf.ones([4, 64]);
    const mask = () => Array.from((dropout!.apply(x, { training: true }) as tf.Tensor).dataSync());
    // A seeded tfjs Dropout would return the same mask twice: a frozen pruned network, not dropout.
    expect(mask()).not.toEqual(mask());
    x.dispose();
    model.dispose();
  });

  it('rejects bad shapes and hyper-parameters by name', () => {
    const build = (over: object) => () =>
      lstmSeed.build({ tf, inputShape: [13], classes: EMOTIONS, hyper: lstmSeed.defaults, seed: 1, ...over });
    expect(build({ inputShape: [] })).toThrow(/inputShape: must be \[dims\]/);
    expect(build({ classes: ['one'] })).toThrow(/classes: need at least 2/);
    expect(build({ hyper: { ...lstmSeed.defaults, lstm1: 0 } })).toThrow(/lstm1: must be an integer/);
    expect(build({ hyper: { ...lstmSeed.defaults, dropout: 1 } })).toThrow(/dropout: must be in \[0, 1\)/);
  });

  it("declares the paper's training settings", () => {
    expect(lstmSeed.training).toEqual({ epochs: 200, batchSize: 32, learningRate: 1e-3, patience: 10 });
  });
});
