// End to end through the built CLI (`npm test` builds first): train on a generated RAVDESS-shaped
// corpus, reload and evaluate, interrupt and resume, and refuse damaged or mismatched models.
import { spawn } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, repoRoot, serkit, serkitBin } from './cli-run.js';
import { TINY_LSTM, useTinyCorpus } from './train-fixtures.js';

// lstm-initial shrunk to 8 units: seconds per run on the cpu backend.
// Generous: CI machines and this shared one can be busy; nothing here asserts speed.
const SLOW = 240_000;
const base = (outDir: string) => [
  'train',
  '--dataset',
  'ravdess',
  '--data',
  tiny.corpus.dir,
  '--features',
  'mfcc-mean',
  '--model',
  'lstm-initial',
  ...TINY_LSTM,
  '--out',
  outDir,
  '--batch-size',
  '8',
  '--lr',
  '0.01',
  '--backend',
  'cpu',
  '--json',
];

interface Metrics {
  accuracy: number;
  leaky: boolean;
  history: { epoch: number; loss: number; valLoss: number }[];
  bestEpoch: number;
  confusion: { counts: number[][] };
}

const tiny = useTinyCorpus({}, 'out');

describe('serkit train / evaluate', () => {
  it(
    'trains a separable task past 90%, saves, reloads and evaluates',
    async () => {
      const model = join(tiny.out, 'seed');
      const trained = await serkit(
        [...base(model), '--epochs', '15', '--patience', '15', '--augment', 'none'],
        {},
        120_000,
      );
      expect(trained.code, trained.stderr).toBe(0);
      expect(json(trained)).toMatchObject({ finished: true, leaky: true, backend: 'cpu' });
      const files = await readdir(model);
      for (const f of [
        'model.json',
        'weights.bin',
        'serkit.json',
        'metrics.json',
        'classification-report.txt',
        'confusion-matrix.svg',
        'curves-loss.svg',
        'curves-accuracy.svg',
        'report.html',
      ]) {
        expect(files).toContain(f);
      }
      const metrics = JSON.parse(await readFile(join(model, 'metrics.json'), 'utf8')) as Metrics;
      expect(metrics.history.at(-1)!.loss).toBeLessThan(metrics.history[0].loss / 2);
      expect(metrics.accuracy).toBeGreaterThan(0.9);
      expect(await readFile(join(model, 'classification-report.txt'), 'utf8')).toMatch(/LEAKY/);
      const manifest = JSON.parse(await readFile(join(model, 'serkit.json'), 'utf8'));
      expect(manifest).toMatchObject({
        labels: tiny.corpus.labels,
        extractor: { id: 'mfcc-mean' },
        dataset: { id: 'ravdess', files: tiny.corpus.files },
      });
      expect(manifest.licence).toMatch(/CC BY-NC-SA 4\.0/);

      const evaluated = await serkit([
        'evaluate',
        '--model',
        model,
        'ravdess',
        tiny.corpus.dir,
        '--backend',
        'cpu',
        '--json',
      ]);
      expect(evaluated.code, evaluated.stderr).toBe(0);
      expect(json<{ accuracy: number; examples: number }>(evaluated)).toMatchObject({ examples: tiny.corpus.files });
      expect(json<{ accuracy: number }>(evaluated).accuracy).toBeGreaterThan(0.9);
    },
    SLOW,
  );

  it(
    'trains speaker-independently with augmentation on the training side only',
    async () => {
      const model = join(tiny.out, 'actors');
      const trained = await serkit(
        [...base(model), '--epochs', '8', '--split', 'actors:1', '--augment', 'noise,pitch,stretch'],
        {},
        120_000,
      );
      expect(trained.code, trained.stderr).toBe(0);
      const metrics = JSON.parse(await readFile(join(model, 'metrics.json'), 'utf8')) as Metrics & {
        split: { testSpeakers: string[] };
      };
      expect(metrics.leaky).toBe(false);
      expect(metrics.split.testSpeakers).toEqual(['01']);
      // Actor 01's 6 originals are the whole test set.
      expect(metrics.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(6);
      const manifest = JSON.parse(await readFile(join(model, 'serkit.json'), 'utf8'));
      // 6 actors: 1 tested, 2 held out for validation, 3 trained on x4 variants of 6 files.
      expect(manifest.dataset.trainExamples).toBe(3 * 6 * 4);
    },
    SLOW,
  );

  it(
    'Ctrl-C saves a checkpoint; --resume continues from it and finishes',
    async () => {
      const model = join(tiny.out, 'interrupted');
      const args = [...base(model), '--epochs', '10', '--patience', '10', '--augment', 'none'];
      const first = await runUntil(args, (line) => line.type === 'epoch' && line.epoch === 2, 'SIGINT');
      expect(first.code).toBe(130);
      const interrupted = first.events.find((e) => e.type === 'interrupted');
      expect(interrupted).toBeDefined();
      const resumed = await serkit([...args, '--resume'], {}, SLOW);
      expect(resumed.code, resumed.stderr).toBe(0);
      const resumeEvent = resumed.stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .find((e) => e.type === 'resume');
      expect(resumeEvent.epoch).toBeGreaterThanOrEqual(2);
      const metrics = JSON.parse(await readFile(join(model, 'metrics.json'), 'utf8')) as Metrics;
      expect(metrics.history.map((h) => h.epoch)).toEqual(
        Array.from({ length: metrics.history.length }, (_, i) => i + 1),
      );
    },
    SLOW,
  );

  it(
    'survives kill -9 at random points: --resume finishes from the last complete checkpoint',
    async () => {
      const model = join(tiny.out, 'killed');
      const args = [...base(model), '--epochs', '12', '--patience', '12', '--augment', 'none', '--resume'];
      // Five kills: during start-up, right after a checkpoint, and at fixed offsets into later epochs
      // (mid-batch or mid-checkpoint-write, wherever they land).
      const plan = [
        { after: 'epoch', delayMs: 0 },
        { after: 'scan', delayMs: 0 },
        { after: 'epoch', delayMs: 150 },
        { after: 'epoch', delayMs: 40 },
        { after: 'partition', delayMs: 0 },
      ];
      for (const { after, delayMs } of plan) {
        const run = await runUntil(args, (e) => e.type === after, 'SIGKILL', delayMs);
        expect(run.code).toBeNull();
      }
      const finished = await serkit(args, {}, SLOW);
      expect(finished.code, finished.stderr).toBe(0);
      expect(json(finished)).toMatchObject({ finished: true });
      const metrics = JSON.parse(await readFile(join(model, 'metrics.json'), 'utf8')) as Metrics;
      expect(metrics.history.map((h) => h.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      // Nothing half-written is left behind.
      expect((await readdir(model)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect((await readdir(join(model, 'checkpoints', 'main'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    2 * SLOW,
  );

  it(
    'refuses a damaged model or checkpoint with CORRUPT_FILE, and a model whose labels do not match',
    async () => {
      const model = join(tiny.out, 'seed');
      const damaged = join(tiny.out, 'damaged');
      await cp(model, damaged, { recursive: true });
      const weights = await readFile(join(damaged, 'weights.bin'));
      weights[weights.length - 3] ^= 0xff;
      await writeFile(join(damaged, 'weights.bin'), weights);
      const result = await serkit([
        'evaluate',
        '--model',
        damaged,
        'ravdess',
        tiny.corpus.dir,
        '--backend',
        'cpu',
        '--json',
      ]);
      expect(result.code).toBe(1);
      expect(json<{ error: { code: string; input: string } }>(result).error).toMatchObject({
        code: 'CORRUPT_FILE',
        input: join(damaged, 'weights.bin'),
      });

      const checkpoints = join(tiny.out, 'interrupted', 'checkpoints', 'main');
      const pointer = JSON.parse(await readFile(join(checkpoints, 'latest.json'), 'utf8'));
      const state = join(checkpoints, pointer.checkpoint, 'state.json');
      await writeFile(state, (await readFile(state, 'utf8')).slice(0, 100));
      const resumed = await serkit([
        ...base(join(tiny.out, 'interrupted')),
        '--epochs',
        '40',
        '--patience',
        '40',
        '--augment',
        'none',
        '--resume',
      ]);
      expect(resumed.code).toBe(1);
      expect(json<{ error: { code: string; input: string } }>(resumed).error).toMatchObject({
        code: 'CORRUPT_FILE',
        input: state,
      });

      // A corpus with an emotion the model never saw.
      const other = join(tiny.out, 'other-corpus');
      await cp(tiny.corpus.dir, other, { recursive: true });
      const sad = join(other, 'Actor_01', '03-01-04-01-01-01-01.wav');
      await cp(join(tiny.corpus.dir, 'Actor_01', '03-01-02-01-01-01-01.wav'), sad);
      const mismatch = await serkit(['evaluate', '--model', model, 'ravdess', other, '--backend', 'cpu', '--json']);
      expect(mismatch.code).toBe(1);
      expect(json<{ error: { code: string; reason: string } }>(mismatch).error).toMatchObject({
        code: 'MODEL_INCOMPATIBLE',
        reason: expect.stringMatching(/sad/),
      });
    },
    SLOW,
  );
});

type Event = Record<string, unknown> & { type: string };

/** Runs serkit, watching the JSON-lines events on stderr; sends `signal` `delayMs` after `when` first holds. */
function runUntil(
  args: readonly string[],
  when: (event: Event) => boolean,
  signal: NodeJS.Signals,
  delayMs = 0,
): Promise<{ code: number | null; events: Event[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serkitBin, ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    const events: Event[] = [];
    let buffer = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line) as Event;
        events.push(event);
        if (!sent && when(event)) {
          sent = true;
          setTimeout(() => child.kill(signal), delayMs);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, events }));
  });
}
