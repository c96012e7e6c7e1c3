// End to end through the built CLI: `serkit ensemble` joins two models trained on the same split of a
// generated RAVDESS-shaped corpus into one folder whose probabilities are the mean of theirs; it is
// scored on the shared test speakers, classified and evaluated like any model; models trained on
// other data and an occupied output folder are refused with the reason.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, serkit } from './cli-run.js';
import { TINY_TDNN, useTinyCorpus } from './train-fixtures.js';

const SLOW = 240_000;
const tiny = useTinyCorpus({ perEmotion: 2, seconds: 0.3 }, 'ensemble');

const trainArgs = (out: string, split: string, extra: readonly string[]) => [
  ...['train', '--dataset', 'ravdess', '--data', tiny.corpus.dir, ...TINY_TDNN, ...extra],
  ...`--split ${split} --validation-speakers 0 --no-restore-best --augment none --epochs 12 --batch-size 8 --lr 0.01`.split(
    ' ',
  ),
  ...['--backend', 'cpu', '--out', out, '--json'],
];

type Probabilities = { file: string; probs: Record<string, number> }[];
async function probabilities(model: string): Promise<Map<string, Record<string, number>>> {
  const run = await serkit(['classify', tiny.corpus.dir, '--json', '--probs', '--model', model, '--backend', 'cpu']);
  expect(run.code, run.stderr).toBe(0);
  return new Map(json<Probabilities>(run).map((r) => [r.file, r.probs]));
}

describe('serkit ensemble', () => {
  const dirs = { a: '', b: '', other: '' };
  beforeAll(async () => {
    Object.assign(dirs, { a: join(tiny.out, 'a'), b: join(tiny.out, 'b'), other: join(tiny.out, 'other') });
    const runs = await Promise.all([
      serkit(trainArgs(dirs.a, 'actors:6', ['--seed', '3']), {}, SLOW),
      serkit(trainArgs(dirs.b, 'actors:6', ['--seed', '5', '--hyper', 'units=6']), {}, SLOW),
      serkit(trainArgs(dirs.other, 'actors:5', ['--seed', '3']), {}, SLOW),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
  }, SLOW);

  it(
    'averages the members’ probabilities, records its test score, and classifies and evaluates like a model',
    async () => {
      const out = join(tiny.out, 'ensemble');
      const args = [
        'ensemble',
        '-m',
        dirs.a,
        '-m',
        dirs.b,
        '-o',
        out,
        '--dataset',
        'ravdess',
        '--data',
        tiny.corpus.dir,
      ];
      const run = await serkit([...args, '--backend', 'cpu', '--json']);
      expect(run.code, run.stdout).toBe(0);
      const result = json<{ accuracy: number; uar: number; reports: string[] }>(run);
      expect(result.reports.length).toBeGreaterThanOrEqual(4);
      const manifest = JSON.parse(await readFile(join(out, 'serkit.json'), 'utf8'));
      expect(manifest.model).toMatchObject({ id: 'ensemble', hyper: { combine: 'mean probability' } });
      expect(manifest.model.hyper.members).toMatch(
        /^tdnn-logmel@[\d.]+\(units=8,\S+\) seed 3 \+ tdnn-logmel@[\d.]+\(units=6,\S+\) seed 5$/,
      );
      expect(manifest.metrics).toMatchObject({ accuracy: result.accuracy, examples: 6, on: 'test speakers 06' });
      const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'));
      expect(metrics.accuracy).toBe(result.accuracy);
      expect(await readFile(join(out, 'classification-report.txt'), 'utf8')).toMatch(/calm/);

      const [a, b, joined] = await Promise.all([dirs.a, dirs.b, out].map(probabilities));
      expect(joined.size).toBe(tiny.corpus.files);
      let largest = 0;
      let disagreement = 0;
      for (const [file, probs] of joined)
        for (const [label, p] of Object.entries(probs)) {
          const [pa, pb] = [a.get(file)![label], b.get(file)![label]];
          largest = Math.max(largest, Math.abs(p - (pa + pb) / 2));
          disagreement = Math.max(disagreement, Math.abs(pa - pb));
        }
      // The outputs are rounded to 4 decimals; the members differ far more than that.
      expect(largest).toBeLessThan(2e-4);
      expect(disagreement).toBeGreaterThan(0.01);

      const evaluated = await serkit(['evaluate', '--model', out, 'ravdess', tiny.corpus.dir, '--json']);
      expect(evaluated.code, evaluated.stderr).toBe(0);
      expect(json<{ examples: number }>(evaluated).examples).toBe(tiny.corpus.files);

      const again = await serkit(['ensemble', '-m', dirs.a, '-m', dirs.b, '-o', out]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already holds a model/);
    },
    SLOW,
  );

  it('refuses a model trained on other data, naming it', async () => {
    const run = await serkit(['ensemble', '-m', dirs.a, '-m', dirs.other, '-o', join(tiny.out, 'refused')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(dirs.other);
    expect(run.stderr.replace(/\s+/g, ' ')).toMatch(
      /trained on other data or speakers \(.*test 0?5,.*the first: .*test 0?6,/,
    );
    const single = await serkit(['ensemble', '-m', dirs.a, '-o', join(tiny.out, 'refused')]);
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/at least two models/);
  });
});
