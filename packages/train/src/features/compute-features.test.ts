import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConfiguredExtractor, type DatasetItem, tsDsp, writeWav } from '@serkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWithSerkitAudio } from '../service/runtime.js';
import type { Example } from '../split/types.js';
import { computeFeatures, exampleKey } from './compute-features.js';
import { FeatureCache } from './feature-cache.js';

// RMS and peak of the clip: enough to see augmentation and caching at work.
const extractor: ConfiguredExtractor = {
  id: 'rms-peak',
  config: {},
  sampleRate: 16000,
  output: 'vector',
  dims: 2,
  fingerprint: 'rms-peak-test-1',
  extract(samples) {
    let sum = 0;
    let peak = 0;
    for (const s of samples) {
      sum += s * s;
      peak = Math.max(peak, Math.abs(s));
    }
    return { data: Float32Array.of(Math.sqrt(sum / samples.length), peak), frames: 1, dims: 2 };
  },
};

let dir: string;
let examples: Example[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serkit-features-'));
  const items: DatasetItem[] = [];
  for (const [i, f] of [220, 440, 880].entries()) {
    const samples = Float32Array.from({ length: 8000 }, (_, n) => 0.5 * Math.sin((2 * Math.PI * f * n) / 16000));
    const path = join(dir, `tone-${i}.wav`);
    await writeFile(path, writeWav({ sampleRate: 16000, channels: [samples] }));
    items.push({ path, label: 'x', speaker: '1', extra: {} });
  }
  const garbage = join(dir, 'garbage.wav');
  await writeFile(garbage, 'RIFF this is not audio');
  items.push({ path: garbage, label: 'x', speaker: '1', extra: {} });
  examples = items.flatMap((item) => (['original', 'noise', 'stretch'] as const).map((variant) => ({ item, variant })));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (cacheDir: string, seed = 1) => ({
  extractor,
  dsp: tsDsp,
  decode: decodeWithSerkitAudio,
  cache: new FeatureCache(cacheDir),
  seed,
});

describe('computeFeatures', () => {
  it('augments, reports a bad file without stopping, and serves repeats from the cache', async () => {
    const cacheDir = join(dir, 'cache');
    const first = await computeFeatures(examples, options(cacheDir));
    expect(first.problems).toHaveLength(1);
    expect(first.problems[0].path).toMatch(/garbage\.wav$/);
    expect(first.features.size).toBe(9);
    expect(first.cacheHits).toBe(0);
    const original = first.features.get(exampleKey(examples[0]))!;
    const noisy = first.features.get(exampleKey(examples[1]))!;
    const stretched = first.features.get(exampleKey(examples[2]))!;
    expect(noisy.data[1]).not.toBe(original.data[1]);
    expect(stretched.data[0]).toBeCloseTo(original.data[0], 1);

    const second = await computeFeatures(examples, options(cacheDir));
    expect(second.cacheHits).toBe(9);
    for (const [key, value] of first.features)
      expect(Array.from(second.features.get(key)!.data)).toEqual(Array.from(value.data));

    // Another seed draws other noise (a cache miss), the deterministic variants still hit.
    const reseeded = await computeFeatures(examples, options(cacheDir, 2));
    expect(reseeded.cacheHits).toBe(6);
    expect(reseeded.features.get(exampleKey(examples[1]))!.data[1]).not.toBe(noisy.data[1]);
  });

  it('recomputes a damaged cache entry instead of trusting it', async () => {
    const cacheDir = join(dir, 'cache-damaged');
    const subset = examples.slice(0, 1);
    const first = await computeFeatures(subset, options(cacheDir));
    const [shard] = await readdir(cacheDir);
    const [entry] = await readdir(join(cacheDir, shard));
    const path = join(cacheDir, shard, entry);
    const bytes = await readFile(path);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(path, bytes);
    const again = await computeFeatures(subset, options(cacheDir));
    expect(again.cacheHits).toBe(0);
    expect(Array.from(again.features.get(exampleKey(subset[0]))!.data)).toEqual(
      Array.from(first.features.get(exampleKey(subset[0]))!.data),
    );
  });
});
