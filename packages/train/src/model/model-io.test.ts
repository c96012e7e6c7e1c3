import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeChecksummedJson } from './checksummed-json.js';
import { loadModel } from './load-model.js';
import type { ManifestDraft } from './manifest-schema.js';
import { saveModel } from './save-model.js';
import { sha256Hex } from './sha256.js';

const draft: ManifestDraft = {
  labels: ['low', 'high'],
  extractor: { id: 'bands', config: { bands: 4 }, fingerprint: 'abc123', sampleRate: 16000, output: 'vector', dims: 4 },
  model: { id: 'dense', version: '1.0.0', hyper: { units: 3 }, inputShape: [4] },
  normalisation: { mean: [0, 0, 0, 0], std: [1, 1, 1, 1] },
  training: {
    seed: 1,
    epochs: 2,
    epochsRun: 2,
    bestEpoch: 2,
    batchSize: 4,
    learningRate: 0.001,
    patience: 10,
    augment: [],
    backend: 'cpu',
    optimizer: 'adam',
  },
  split: { protocol: 'seed', leaky: true, description: 'test' },
  dataset: { id: 'tones', files: 8, trainExamples: 6, testExamples: 2 },
  metrics: null,
  licence: null,
};

function tinyModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [4],
      units: 3,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(
    tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
  return model;
}

let root: string;
let dir: string;
const x = tf.tensor2d([[1, 2, 3, 4]]);
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'serkit-model-'));
  dir = join(root, 'model');
  await saveModel(dir, tinyModel(), draft);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function copyModel(name: string): Promise<string> {
  const copy = join(root, name);
  await rm(copy, { recursive: true, force: true });
  const { cp } = await import('node:fs/promises');
  await cp(dir, copy, { recursive: true });
  return copy;
}

describe('saveModel / loadModel', () => {
  it('round-trips weights and serkit.json', async () => {
    const { model, manifest } = await loadModel(dir, { extractorFingerprint: 'abc123', labels: ['high'] });
    const expected = tinyModel().predict(x) as tf.Tensor;
    expect(Array.from((model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(manifest.labels).toEqual(['low', 'high']);
    expect(manifest.files['weights.bin']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a model whose extractor or labels do not match, with the reason', async () => {
    await expect(loadModel(dir, { extractorFingerprint: 'zzz' })).rejects.toMatchObject({
      code: 'MODEL_INCOMPATIBLE',
      reason: expect.stringMatching(/fingerprint abc123.*fingerprint zzz/),
    });
    await expect(loadModel(dir, { labels: ['low', 'angry'] })).rejects.toMatchObject({
      code: 'MODEL_INCOMPATIBLE',
      reason: expect.stringMatching(/angry/),
    });
  });

  it('detects truncated or altered weights', async () => {
    const truncated = await copyModel('truncated');
    await truncate(join(truncated, 'weights.bin'), 10);
    await expect(loadModel(truncated)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      input: join(truncated, 'weights.bin'),
    });
    const flipped = await copyModel('flipped');
    const bytes = await readFile(join(flipped, 'weights.bin'));
    bytes[5] ^= 0x40;
    await writeFile(join(flipped, 'weights.bin'), bytes);
    await expect(loadModel(flipped)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      reason: expect.stringMatching(/checksum/),
    });
  });

  it('detects an edited, truncated or schema-breaking serkit.json', async () => {
    const edited = await copyModel('edited');
    const path = join(edited, 'serkit.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"low"', '"calm"'));
    await expect(loadModel(edited)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      reason: expect.stringMatching(/checksum/),
    });
    await writeFile(path, text.slice(0, text.length / 2));
    await expect(loadModel(edited)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      reason: expect.stringMatching(/JSON/),
    });
    await writeFile(path, JSON.stringify({ ...JSON.parse(text), onLoad: 'require("child_process")' }));
    await expect(loadModel(edited)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      reason: expect.stringMatching(/schema/),
    });
  });

  it('refuses a model.json that points its weights elsewhere', async () => {
    const hostile = await copyModel('hostile');
    const path = join(hostile, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.weightsManifest[0].paths = ['../../etc/passwd'];
    await writeFile(path, JSON.stringify(json));
    // The checksum catches it first; with the checksum bypassed the schema would too.
    await expect(loadModel(hostile)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });

  it('never runs code from a model file: an unknown layer class is refused even with valid checksums', async () => {
    const hostile = await copyModel('hostile-class');
    const topologyPath = join(hostile, 'model.json');
    const json = JSON.parse(await readFile(topologyPath, 'utf8'));
    json.modelTopology.config.layers[0].class_name = 'Function';
    json.modelTopology.config.layers[0].config.body = 'globalThis.pwned = true';
    const text = JSON.stringify(json);
    await writeFile(topologyPath, text);
    // Someone who rewrites the checksums too gets past the integrity check, not past the schema of tfjs.
    const manifestPath = join(hostile, 'serkit.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    manifest.files['model.json'] = sha256Hex(text);
    await writeChecksummedJson(manifestPath, manifest);
    await expect(loadModel(hostile)).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      reason: expect.stringMatching(/Function/),
    });
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('names a missing folder', async () => {
    await expect(loadModel(join(root, 'nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
