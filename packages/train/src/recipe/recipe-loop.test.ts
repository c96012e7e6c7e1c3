import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, type FeatureMatrix } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainLoop } from '../training/train-loop.js';
import type { PackedData, TrainEvent } from '../training/types.js';
import { packedSource, randomCropSource } from './batch-source.js';
import { trainBatch } from './train-batch.js';
import { NO_RECIPE, PROTOTYPE_RECIPE } from './types.js';
import { applyWeightDecay } from './weight-decay.js';

const FRAMES = 8;
const DIMS = 4;

// Variable-length clips (6..14 frames); class 1 is loud in dim 0 on every frame, class 0 in dim 1.
function clips(n: number, seed: number): { matrices: FeatureMatrix[]; y: Int32Array } {
  const rng = createRng(seed);
  const y = new Int32Array(n);
  const matrices = Array.from({ length: n }, (_, i) => {
    y[i] = i % 2;
    const frames = 6 + rng.int(9);
    const data = new Float32Array(frames * DIMS);
    for (let f = 0; f < frames; f++) {
      for (let d = 0; d < DIMS; d++) data[f * DIMS + d] = rng.random() - 0.5;
      data[f * DIMS + (y[i] === 1 ? 0 : 1)] += 2;
    }
    return { data, frames, dims: DIMS };
  });
  return { matrices, y };
}
const identity = { mean: [0, 0, 0, 0], std: [1, 1, 1, 1] };
const trainClips = clips(64, 1);
const validationClips = clips(16, 2);
const validation: PackedData = {
  x: (() => {
    const x = new Float32Array(16 * FRAMES * DIMS);
    randomCropSource(validationClips.matrices, validationClips.y, FRAMES, identity).fill(
      [...Array(16).keys()],
      x,
      createRng(0),
    );
    return x;
  })(),
  y: validationClips.y,
  inputShape: [FRAMES, DIMS],
};
const settings = { epochs: 6, batchSize: 8, learningRate: 0.02, patience: 6, seed: 5 };

function build(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.globalAveragePooling1d({ inputShape: [FRAMES, DIMS] }));
  model.add(
    tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
  return model;
}
const weightsOf = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'serkit-recipe-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('random crops', () => {
  it('normalise once and give frames-long windows of the clip, different across draws', () => {
    const clip = { data: Float32Array.from({ length: 12 }, (_, i) => i), frames: 12, dims: 1 };
    const source = randomCropSource([clip], Int32Array.of(0), 4, { mean: [1], std: [2] });
    expect(source.inputShape).toEqual([4, 1]);
    const rng = createRng(3);
    const starts = new Set<number>();
    for (let k = 0; k < 30; k++) {
      const out = new Float32Array(4);
      source.fill([0], out, rng);
      const start = out[0] * 2 + 1;
      expect(Array.from(out)).toEqual([0, 1, 2, 3].map((i) => (start + i - 1) / 2));
      starts.add(start);
    }
    expect(starts.size).toBeGreaterThan(3);
  });

  it('the original recipe builds batches from stored rows, unchanged', () => {
    const data: PackedData = { x: Float32Array.from([1, 2, 3, 4]), y: Int32Array.of(0, 1), inputShape: [2] };
    const batch = trainBatch(packedSource(data), [1, 0], { first: 2, second: 0 }, NO_RECIPE, createRng(1));
    expect(Array.from(batch.x)).toEqual([3, 4, 1, 2]);
    expect(Array.from(batch.y)).toEqual([0, 1, 1, 0]);
  });
});

describe('trainLoop with the prototype recipe', () => {
  const run = (dir: string, extra: Partial<Parameters<typeof trainLoop>[0]> = {}) =>
    trainLoop({
      model: build(),
      classes: 2,
      settings,
      train: randomCropSource(trainClips.matrices, trainClips.y, FRAMES, identity),
      validation,
      recipe: PROTOTYPE_RECIPE,
      checkpointDir: join(root, dir),
      runKey: 'k',
      resume: false,
      ...extra,
    });

  it('learns, is reproducible from the seed, and resumes onto the same weights', async () => {
    const a = build();
    const outcome = await run('a', { model: a });
    expect(outcome.history.at(-1)!.valAccuracy).toBeGreaterThan(0.9);
    const b = build();
    await run('b', { model: b });
    expect(weightsOf(b)).toEqual(weightsOf(a));

    const controller = new AbortController();
    const first = await run('c', {
      signal: controller.signal,
      onEvent: (e: TrainEvent) => {
        if (e.type === 'batch' && e.epoch === 4 && e.batch === 3) setImmediate(() => controller.abort());
      },
    });
    expect(first.interrupted).toBe(true);
    const resumed = build();
    await run('c', { model: resumed, resume: true });
    const want = weightsOf(a);
    for (const [i, v] of weightsOf(resumed).entries()) expect(v).toBeCloseTo(want[i], 5);
  });

  it('differs from the plain recipe on the same data and seed (the recipe is applied)', async () => {
    const plain = build();
    await run('plain', { model: plain, recipe: NO_RECIPE });
    const recipe = build();
    await run('recipe', { model: recipe });
    expect(weightsOf(plain)).not.toEqual(weightsOf(recipe));
  });
});

describe('applyWeightDecay', () => {
  it('scales every trainable weight by 1 - factor and leaves the rest', () => {
    const model = build();
    const before = weightsOf(model);
    applyWeightDecay(model, 0.1);
    const after = weightsOf(model);
    for (const [i, v] of after.entries()) expect(v).toBeCloseTo(before[i] * 0.9, 6);
    applyWeightDecay(model, 0);
    expect(weightsOf(model)).toEqual(after);
  });
});
