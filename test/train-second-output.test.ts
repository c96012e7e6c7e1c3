// End to end through the built CLI: `serkit train --second-output intensity` adds an intensity head
// beside the emotion head on a generated RAVDESS-shaped corpus whose 'strong' takes are brighter. The
// model records the head, reports its accuracy; classify and evaluate print and score it; labels the
// dataset does not have are refused naming the flag.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, serkit } from './cli-run.js';
import { TINY_TDNN, useTinyCorpus } from './train-fixtures.js';

const SLOW = 240_000;

const SETTINGS = '--split actors:6 --augment none --epochs 25 --patience 25 --batch-size 8 --lr 0.01 --seed 3';
const train = (outDir: string, secondOutput: string) => [
  ...['train', '--dataset', 'ravdess', '--data', tiny.corpus.dir, ...TINY_TDNN, '--second-output', secondOutput],
  ...SETTINGS.split(' '),
  ...['--backend', 'cpu', '--out', outDir, '--json'],
];

/** RAVDESS name field 4: 01 normal, 02 strong. */
const intensityOf = (file: string) => (file.split('/').pop()!.split('-')[3] === '02' ? 'strong' : 'normal');

const tiny = useTinyCorpus({ perEmotion: 4, seconds: 0.4, intensities: true }, 'second');

describe('serkit train --second-output intensity', () => {
  it(
    'trains both heads, records and reports the second, and classify/evaluate use it',
    async () => {
      const model = join(tiny.out, 'model');
      const trained = await serkit(train(model, 'intensity'), {}, 180_000);
      expect(trained.code, trained.stderr).toBe(0);
      expect(json<{ accuracy: number }>(trained).accuracy).toBeGreaterThan(0.6);
      const manifest = JSON.parse(await readFile(join(model, 'serkit.json'), 'utf8'));
      expect(manifest.secondOutput).toMatchObject({ name: 'intensity', labels: ['normal', 'strong'] });
      expect(manifest.secondOutput.metrics.accuracy).toBeGreaterThan(0.75);
      const metrics = JSON.parse(await readFile(join(model, 'metrics.json'), 'utf8'));
      expect(metrics.second.name).toBe('intensity');
      expect(metrics.second.accuracy).toBe(manifest.secondOutput.metrics.accuracy);
      expect(metrics.second.confusion.labels).toEqual(['normal', 'strong']);
      // The emotion figures are the first head's alone.
      expect(metrics.perClass.map((c: { label: string }) => c.label)).toEqual(['calm', 'happy', 'angry']);
      expect(metrics.facts['intensity (second output)']).toMatch(/^accuracy \d+\.\d %, UAR/);

      const classified = await serkit(['classify', tiny.corpus.dir, '--json', '--model', model, '--backend', 'cpu']);
      expect(classified.code, classified.stdout.slice(0, 600)).toBe(0);
      const results =
        json<{ file: string; emotion: string; intensity: string; intensityConfidence: number }[]>(classified);
      expect(results).toHaveLength(tiny.corpus.files);
      for (const r of results) {
        expect(['normal', 'strong']).toContain(r.intensity);
        expect(r.intensityConfidence).toBeGreaterThanOrEqual(0.5);
        expect(r.intensityConfidence).toBeLessThanOrEqual(1);
      }
      const right = results.filter((r) => r.intensity === intensityOf(r.file));
      expect(right.length / results.length).toBeGreaterThan(0.75);

      const csv = await serkit(['classify', tiny.corpus.dir, '--csv', '--model', model, '--backend', 'cpu']);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout.split('\n')[0]).toMatch(/runner_up_confidence,intensity,intensity_confidence,duration/);

      const evaluation = join(tiny.out, 'evaluation');
      const evaluated = await serkit(['evaluate', '--model', model, 'ravdess', tiny.corpus.dir, '--out', evaluation]);
      expect(evaluated.code, evaluated.stderr).toBe(0);
      const scored = JSON.parse(await readFile(join(evaluation, 'metrics.json'), 'utf8'));
      expect(scored.second.name).toBe('intensity');
      expect(scored.second.examples).toBe(tiny.corpus.files);
    },
    SLOW,
  );

  it('refuses a label the dataset lacks or one with a single class, naming the flag', async () => {
    const unknown = await serkit(train(join(tiny.out, 'bad1'), 'colour'));
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr + unknown.stdout).toMatch(/--second-output.*'colour' is not a label.*intensity/s);
    const single = await serkit(train(join(tiny.out, 'bad2'), 'modality'));
    expect(single.code).not.toBe(0);
    expect(single.stderr + single.stdout).toMatch(/--second-output.*two classes/s);
  });
});
