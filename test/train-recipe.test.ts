// End to end through the built CLI: `serkit train --recipe prototype` on a generated RAVDESS-shaped
// corpus with frame-sequence features: the recipe is recorded in the model, the model tests and
// classifies on centre crops, a rerun with the same seed gives the same weights, and bad recipe
// options are refused naming the flag.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, serkit } from './cli-run.js';
import { TINY_TDNN as TDNN, TINY_FRAMES, useTinyCorpus } from './train-fixtures.js';

const SLOW = 240_000;
const args = (outDir: string, model: readonly string[] = TDNN, epochs = 12) => [
  'train',
  '--dataset',
  'ravdess',
  '--data',
  tiny.corpus.dir,
  ...model,
  '--split',
  'actors:6',
  '--augment',
  'none',
  '--recipe',
  'prototype',
  '--epochs',
  String(epochs),
  '--batch-size',
  '8',
  '--lr',
  '0.01',
  '--backend',
  'cpu',
  '--seed',
  '3',
  '--out',
  outDir,
  '--json',
];

// 0.6 s clips: ~60 frames of whole clip to draw 16-frame crops from.
const tiny = useTinyCorpus({ seconds: 0.6 }, 'recipe');

describe('serkit train --recipe prototype', () => {
  it(
    'trains on crops, records the recipe, reproduces from the seed, and the model classifies',
    async () => {
      const model = join(tiny.out, 'a');
      const trained = await serkit(args(model), {}, 120_000);
      expect(trained.code, trained.stderr).toBe(0);
      expect(json<{ accuracy: number }>(trained).accuracy).toBeGreaterThan(0.6);
      const manifest = JSON.parse(await readFile(join(model, 'serkit.json'), 'utf8'));
      expect(manifest.model.inputShape).toEqual([TINY_FRAMES, 16]);
      expect(manifest.extractor.config.frames).toBe(TINY_FRAMES);
      expect(manifest.training).toMatchObject({
        optimizer: 'adamw',
        epochs: 12,
        patience: 12,
        recipe: {
          schedule: 'one-cycle',
          weightDecay: 0.01,
          mixupAlpha: 0.2,
          randomCrop: true,
          specAugment: { bandMasks: 2, maxBands: 8, frameMasks: 2, maxFrames: 24 },
        },
      });
      const metrics = JSON.parse(await readFile(join(model, 'metrics.json'), 'utf8'));
      expect(metrics.history).toHaveLength(12);

      const again = join(tiny.out, 'b');
      expect((await serkit(args(again), {}, 120_000)).code).toBe(0);
      const [w1, w2] = await Promise.all([model, again].map((dir) => readFile(join(dir, 'weights.bin'))));
      expect(w2.equals(w1)).toBe(true);

      const classified = await serkit(['classify', tiny.corpus.dir, '--json', '--model', model, '--backend', 'cpu']);
      expect(classified.code, classified.stderr).toBe(0);
      const results = json<{ file: string; emotion?: string }[]>(classified);
      expect(results).toHaveLength(tiny.corpus.files);
      // Classify sees the centre crop, as the test did: most clips get their own emotion back.
      const truth: Record<string, string> = { '02': 'calm', '03': 'happy', '05': 'angry' };
      const right = results.filter((r) => r.emotion === truth[r.file.split('/').pop()!.split('-')[2]]);
      expect(right.length / results.length).toBeGreaterThan(0.6);
    },
    SLOW,
  );

  it(
    '--speaker-norm trains an evaluation model that classify refuses, and needs whole clips',
    async () => {
      const model = join(tiny.out, 'speaker');
      const trained = await serkit([...args(model, TDNN, 3), '--speaker-norm'], {}, 120_000);
      expect(trained.code, trained.stderr).toBe(0);
      const manifest = JSON.parse(await readFile(join(model, 'serkit.json'), 'utf8'));
      expect(manifest.training.speakerNormalisation).toBe(true);
      const refused = await serkit(['classify', tiny.corpus.dir, '--json', '--model', model, '--backend', 'cpu']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr + refused.stdout).toMatch(/per-speaker normalised/);
      const noCrops = await serkit([...args(join(tiny.out, 'speaker2')), '--speaker-norm', '--no-random-crop']);
      expect(noCrops.code).not.toBe(0);
      expect(noCrops.stderr + noCrops.stdout).toMatch(/--speaker-norm.*--random-crop/);
    },
    SLOW,
  );

  it('refuses bad recipe options, naming the flag', async () => {
    const bad = await serkit([...args(join(tiny.out, 'bad')), '--spec-augment', '2,8']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toMatch(/--spec-augment/);
    const noValidation = await serkit([...args(join(tiny.out, 'bad3')), '--validation-speakers', '0']);
    expect(noValidation.code).not.toBe(0);
    expect(noValidation.stderr + noValidation.stdout).toMatch(/--validation-speakers.*--no-restore-best/);
    const vector = await serkit(args(join(tiny.out, 'bad2'), ['--features', 'mfcc-mean', '--model', 'lstm-initial']));
    expect(vector.code).not.toBe(0);
    expect(vector.stderr + vector.stdout).toMatch(/--random-crop|vectors/);
  });
});
