import type { HyperParameters, LayersModel, ModelPlugin } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bilstmAttn } from './bilstm-attn.js';
import { cnnLogMel } from './cnn-logmel.js';
import { tdnnLogMel } from './tdnn-logmel.js';

const classes = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'];

function build<H extends HyperParameters>(
  plugin: ModelPlugin<H>,
  inputShape: number[],
  hyper: Partial<H> = {},
  seed = 7,
): LayersModel {
  return plugin.build({ tf, inputShape, classes, hyper: { ...plugin.defaults, ...hyper }, seed });
}

/** The model's predictions after a save to memory and a reload with stock tf.loadLayersModel. */
async function reloadedPredictions(model: LayersModel, x: tf.Tensor): Promise<Float32Array> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
  return (reloaded.predict(x) as tf.Tensor).dataSync() as Float32Array;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

describe('cnn-logmel', () => {
  it('has the hand-counted parameters: 3x3 convs 1-16-32-64-64 + 4 batch-norm weights per channel + dense', () => {
    const model = build(cnnLogMel, [192, 64]);
    const convs = [
      [1, 16],
      [16, 32],
      [32, 64],
      [64, 64],
    ];
    const expected = convs.reduce((n, [cin, cout]) => n + 9 * cin * cout + 4 * cout, 0) + (64 * 8 + 8);
    expect(model.countParams()).toBe(expected);
    expect(expected).toBe(61272);
    expect(model.countParams()).toBeLessThan(2_000_000);
  });

  it('maps a batch of frame sequences to class probabilities, and survives save/load', async () => {
    const model = build(cnnLogMel, [64, 32], { blocks: 3 });
    const x = tf.randomNormal([3, 64, 32], 0, 1, 'float32', 1);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([3, 8]);
    const rows = (await y.array()) as number[][];
    for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Array.from(await reloadedPredictions(model, x))).toEqual(Array.from(y.dataSync()));
  });

  it('builds the same weights from the same seed and different ones from another', () => {
    const weights = (seed: number) => build(cnnLogMel, [32, 32], { blocks: 2 }, seed).getWeights()[0].dataSync();
    expect(Array.from(weights(3))).toEqual(Array.from(weights(3)));
    expect(Array.from(weights(3))).not.toEqual(Array.from(weights(4)));
  });

  it('refuses vector input and inputs too small for its pooling', () => {
    expect(() => build(cnnLogMel, [13])).toThrow(/sequence features/);
    expect(() => build(cnnLogMel, [20, 64])).toThrow(/too small/);
  });
});

describe('bilstm-attn', () => {
  it('has the hand-counted parameters', () => {
    const model = build(bilstmAttn, [192, 64]);
    const conv = 5 * 64 * 96 + 96 + 4 * 96;
    const lstm = 2 * 4 * (96 * 96 + 96 * 96 + 96);
    const attention = 192 * 64 + 64 + 64;
    const dense = 192 * 8 + 8;
    expect(model.countParams()).toBe(conv + lstm + attention + dense);
    expect(model.countParams()).toBeLessThan(2_000_000);
  });

  it('pools attention over time to class probabilities, and survives save/load', async () => {
    const model = build(bilstmAttn, [12, 10], { units: 8, attentionUnits: 4 });
    const x = tf.randomNormal([2, 12, 10], 0, 1, 'float32', 2);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 8]);
    const weights = model.getLayer('attention_weights').output as tf.SymbolicTensor;
    expect(weights.shape).toEqual([null, 6]);
    expect(Array.from(await reloadedPredictions(model, x))).toEqual(Array.from(y.dataSync()));
  });

  it('attention weights sum to one over the frames', () => {
    const model = build(bilstmAttn, [12, 10], { units: 8, attentionUnits: 4 });
    const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer('attention_weights').output });
    const w = probe.predict(tf.randomNormal([2, 12, 10], 0, 1, 'float32', 3)) as tf.Tensor;
    for (const row of w.arraySync() as number[][]) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe('batch normalisation', () => {
  it('every model tracks batch statistics with momentum 0.9 (PyTorch 0.1), not Keras 0.99', () => {
    for (const [plugin, shape] of [
      [cnnLogMel, [32, 32]],
      [tdnnLogMel, [16, 8]],
      [bilstmAttn, [8, 4]],
    ] as const) {
      const model = build(plugin as ModelPlugin, [...shape], plugin === cnnLogMel ? { blocks: 2 } : {});
      const norms = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
      expect(norms.length).toBeGreaterThan(0);
      for (const layer of norms) expect(layer.getConfig().momentum).toBe(0.9);
    }
  });
});

describe('tdnn-logmel', () => {
  it('has the hand-counted parameters: dense 128<-2x64, 128<-2x128 twice, batch norms, classifier', () => {
    const model = build(tdnnLogMel, [192, 64]);
    const expected = 128 * 128 + 2 * (256 * 128) + 3 * (4 * 128) + (128 * 8 + 8);
    expect(model.countParams()).toBe(expected);
  });

  it('joins neighbouring frames: the first layer sees frames 2t and 2t+1 side by side', () => {
    const model = build(tdnnLogMel, [8, 3], { layers: 3 });
    expect((model.getLayer('stack1').output as tf.SymbolicTensor).shape).toEqual([null, 4, 6]);
    expect((model.getLayer('stack3').output as tf.SymbolicTensor).shape).toEqual([null, 1, 256]);
    const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer('stack1').output });
    const x = tf.tensor3d([Array.from({ length: 8 }, (_, t) => [t, 10 + t, 20 + t])]);
    const joined = (probe.predict(x) as tf.Tensor).arraySync() as number[][][];
    expect(joined[0][1]).toEqual([2, 12, 22, 3, 13, 23]);
  });

  it('gives class probabilities, survives save/load, and refuses a frame count it cannot stack', async () => {
    const model = build(tdnnLogMel, [16, 4], { units: 8 });
    const x = tf.randomNormal([2, 16, 4], 0, 1, 'float32', 5);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 8]);
    expect(Array.from(await reloadedPredictions(model, x))).toEqual(Array.from(y.dataSync()));
    expect(() => build(tdnnLogMel, [20, 4])).toThrow(/divisible by 8/);
  });

  it("starts from PyTorch's Linear weights with init 'torch': U(+-1/sqrt(fan_in)) in every dense layer", () => {
    const model = build(tdnnLogMel, [192, 64], { init: 'torch' });
    for (const [name, fanIn] of [
      ['dense1', 128],
      ['dense2', 256],
      ['dense3', 256],
      ['emotion', 128],
    ] as const) {
      const w = model.getLayer(name).getWeights()[0].dataSync();
      const largest = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      // Uniform on +-1/sqrt(fan_in): the largest of thousands of draws lies just below the bound.
      expect(largest, name).toBeLessThanOrEqual(1 / Math.sqrt(fanIn));
      expect(largest, name).toBeGreaterThan(0.95 / Math.sqrt(fanIn));
    }
    // The default ('he') is He-normal: draws beyond 1/sqrt(fan_in) are common.
    const he = build(tdnnLogMel, [192, 64]).getLayer('dense2').getWeights()[0].dataSync();
    expect(he.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(2 / Math.sqrt(256));
    expect(() => tdnnLogMel.validateHyper?.({ ...tdnnLogMel.defaults, init: 'xavier' as 'he' })).toThrow(
      /^init: must be one of he, torch \(got xavier\)/,
    );
  });
});

describe('validateHyper (checked by the host before features are computed)', () => {
  const cases: [string, ModelPlugin<HyperParameters>, string][] = [
    ['cnn-logmel', cnnLogMel as unknown as ModelPlugin<HyperParameters>, 'width'],
    ['bilstm-attn', bilstmAttn as unknown as ModelPlugin<HyperParameters>, 'units'],
    ['tdnn-logmel', tdnnLogMel as unknown as ModelPlugin<HyperParameters>, 'units'],
  ];
  it.each(cases)('%s accepts its defaults and names the bad parameter', (_id, plugin, sizeName) => {
    expect(() => plugin.validateHyper?.(plugin.defaults)).not.toThrow();
    expect(() => plugin.validateHyper?.({ ...plugin.defaults, [sizeName]: 0 })).toThrow(
      new RegExp(`^${sizeName}: must be a positive integer \\(got 0\\)`),
    );
    expect(() => plugin.validateHyper?.({ ...plugin.defaults, dropout: 1.5 })).toThrow(
      /^dropout: must lie in \[0, 1\)/,
    );
    expect(() => build(plugin, [64, 64], { [sizeName]: 2.5 })).toThrow(/must be a positive integer/);
  });
});
