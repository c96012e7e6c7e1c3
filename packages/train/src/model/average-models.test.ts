import { SerkitError } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { averageModels, ENSEMBLE_MEAN } from './average-models.js';
import { foldBatchNorm } from './fold-batch-norm.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small classifier with its own layer names (members usually share names: 'features', 'emotion'). */
function member(seed: number, kind: 'dense' | 'conv'): tf.LayersModel {
  const input = tf.input({ shape: [6, 4], name: 'features' });
  let x: tf.SymbolicTensor;
  if (kind === 'conv') {
    x = tf.layers
      .conv1d({ filters: 5, kernelSize: 3, useBias: false, kernelInitializer: tf.initializers.glorotNormal({ seed }) })
      .apply(input) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: 'bn' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.activation({ activation: 'relu', name: 'relu' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalAveragePooling1d({ name: 'pool' }).apply(x) as tf.SymbolicTensor;
  } else {
    x = tf.layers.flatten({ name: 'flat' }).apply(input) as tf.SymbolicTensor;
  }
  const out = tf.layers
    .dense({
      units: 3,
      activation: 'softmax',
      name: 'emotion',
      kernelInitializer: tf.initializers.glorotNormal({ seed: seed + 1 }),
    })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

async function predict(model: tf.LayersModel, x: tf.Tensor): Promise<number[][]> {
  const out = model.predict(x) as tf.Tensor;
  const rows = (await out.array()) as number[][];
  out.dispose();
  return rows;
}

function largestDifference(a: number[][], b: number[][]): number {
  let largest = 0;
  for (const [i, row] of a.entries())
    for (const [k, v] of row.entries()) largest = Math.max(largest, Math.abs(v - b[i][k]));
  return largest;
}

describe('averageModels', () => {
  const x = tf.randomNormal([5, 6, 4], 0, 1, 'float32', 4);

  it('outputs the mean of the members’ probabilities, and survives a save/load round trip and folding', async () => {
    const members = [member(1, 'conv'), member(7, 'dense'), member(9, 'conv')];
    const ensemble = await averageModels(members);
    expect(ensemble.outputs[0].shape).toEqual([null, 3]);
    expect(ensemble.layers.map((l) => l.name)).toContain('m3_bn');
    const each = await Promise.all(members.map((m) => predict(m, x)));
    const mean = each[0].map((row, i) => row.map((_, k) => (each[0][i][k] + each[1][i][k] + each[2][i][k]) / 3));
    const got = await predict(ensemble, x);
    expect(largestDifference(got, mean)).toBeLessThan(1e-6);
    // The members disagree, so the mean is not any one of them.
    expect(largestDifference(each[0], each[1])).toBeGreaterThan(0.01);

    let saved: tf.io.ModelArtifacts | undefined;
    await ensemble.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    expect(largestDifference(await predict(loaded, x), mean)).toBeLessThan(1e-6);
    const folded = await foldBatchNorm(loaded);
    expect(folded.layers.some((l) => l.getClassName() === 'BatchNormalization')).toBe(false);
    expect(largestDifference(await predict(folded, x), mean)).toBeLessThan(1e-5);
    expect(folded.getLayer(ENSEMBLE_MEAN).getClassName()).toBe('Average');
  });

  it('maps the shared input to each member’s own standardisation when given one', async () => {
    const members = [member(1, 'conv'), member(7, 'dense')];
    const scale = [0.5, 2, 1, 1.5];
    const offset = [0.1, -0.3, 0, 0.7];
    const ensemble = await averageModels(members, 'members', [undefined, { scale, offset }]);
    const mapped = tf.tidy(() => x.mul(tf.tensor1d(scale)).add(tf.tensor1d(offset)));
    const first = await predict(members[0], x);
    const second = await predict(members[1], mapped);
    const mean = first.map((row, i) => row.map((v, k) => (v + second[i][k]) / 2));
    expect(largestDifference(await predict(ensemble, x), mean)).toBeLessThan(1e-5);
    // Without the map the second member would see other numbers: the map is not a no-op here.
    expect(largestDifference(await predict(members[1], x), second)).toBeGreaterThan(0.01);
    mapped.dispose();
    const wrong = averageModels(members, 'members', [undefined, { scale: [1], offset: [0] }]);
    await expect(wrong).rejects.toThrow(/model 2's input map has not 4 dimensions/);
  });

  it('refuses fewer than two members and members of different shapes, saying which', async () => {
    await expect(averageModels([member(1, 'dense')])).rejects.toThrow(/at least two models/);
    const wider = tf.input({ shape: [6, 5] });
    const other = tf.model({ inputs: wider, outputs: tf.layers.dense({ units: 3 }).apply(wider) as tf.SymbolicTensor });
    const error = await averageModels([member(1, 'dense'), other]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerkitError);
    expect((error as Error).message).toMatch(/model 2 has input\/output shapes/);
  });
});
