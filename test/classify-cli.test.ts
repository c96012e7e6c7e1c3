// End to end through the built CLI: `serkit classify` over a mixed folder of good files in every
// format and the bad inputs of issues 4/10, hostile file names (arguments and a NUL list on stdin),
// the output formats, --segment, usage errors, and the README's first command on the bundled model.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '@serkit/core';
import { mfccMean } from '@serkit/plugin-features-mfcc';
import { lstmInitial } from '@serkit/plugin-model-lstm';
import { saveModel, selectBackend } from '@serkit/train';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, serkit } from './cli-run.js';
import {
  type BadInput,
  type FixtureSet,
  hasFfmpeg,
  makeAudioFixtures,
  makeBadInputs,
  makeHostileNames,
} from './support/audio-fixtures.js';

const LABELS = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'];

interface FileResult {
  file: string;
  emotion?: string;
  confidence?: number;
  runnerUp?: string;
  probs?: Record<string, number>;
  segments?: { start: number; end: number; emotion: string }[];
  error?: string;
  code?: string;
}

/** An untrained model folder (random weights) on 16 kHz mean MFCCs: these tests check the pipeline, not accuracy. */
async function makeModel(dir: string): Promise<void> {
  await selectBackend('cpu');
  const extractor = mfccMean.configure({ sampleRate: 16000 });
  const hyper = { ...lstmInitial.defaults, lstm1: 8, lstm2: 8, dense: 8 };
  const model = lstmInitial.build({ tf, inputShape: [13], classes: LABELS, hyper, seed: 7 });
  await saveModel(dir, model, {
    labels: LABELS,
    extractor: {
      id: extractor.id,
      config: extractor.config,
      fingerprint: extractor.fingerprint,
      sampleRate: extractor.sampleRate,
      output: extractor.output,
      dims: extractor.dims,
    },
    model: { id: lstmInitial.id, version: lstmInitial.version, hyper, inputShape: [13] },
    normalisation: { mean: new Array(13).fill(0), std: new Array(13).fill(30) },
    training: {
      seed: 7,
      epochs: 1,
      epochsRun: 0,
      bestEpoch: 0,
      batchSize: 32,
      learningRate: 0.001,
      patience: 1,
      augment: [],
      backend: 'cpu',
      optimizer: 'adam',
    },
    split: { protocol: 'actors', leaky: false, description: 'untrained test model' },
    dataset: { id: 'none', files: 0, trainExamples: 0, testExamples: 0 },
    metrics: null,
    licence: null,
  });
  model.dispose();
}

function expectClassified(result: FileResult | undefined, file: string): void {
  expect(result, `${file} is in the output`).toBeDefined();
  expect(result?.error, `${file}: ${result?.error}`).toBeUndefined();
  expect(LABELS).toContain(result?.emotion);
  expect(result?.confidence).toBeGreaterThan(0);
  expect(result?.confidence).toBeLessThanOrEqual(1);
}

let work: string;
let modelDir: string;
let fixtures: FixtureSet;
let badDir: string;
let bad: BadInput[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'serkit-classify-'));
  modelDir = join(work, 'model');
  await mkdir(modelDir);
  await makeModel(modelDir);
  if (!hasFfmpeg) return;
  fixtures = await makeAudioFixtures();
  badDir = join(work, 'bad');
  await mkdir(badDir);
  bad = await makeBadInputs(badDir);
});

afterAll(async () => {
  await fixtures?.cleanup();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('serkit classify', () => {
  it("the README's first command: a table for the bundled examples with the bundled model", async () => {
    const run = await serkit(['classify', 'examples/audio'], {}, 120_000);
    expect(run.stderr).toMatch(/5 classified, 0 failed \(5 files/);
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    // The bundled model has an intensity head: its column follows the runner-up.
    expect(rows[0]).toMatch(/^FILE\s+EMOTION\s+CONFIDENCE\s+RUNNER-UP\s+INTENSITY$/);
    const files = (await readdir(join(repoRoot, 'examples/audio'))).filter((f) => !f.endsWith('.md')).sort();
    expect(rows.slice(1).map((row) => row.split(/\s+/)[0])).toEqual(files.map((f) => `examples/audio/${f}`));
    for (const row of rows.slice(1)) {
      expect(LABELS).toContain(row.split(/\s+/)[1]);
      expect(row).toMatch(/\s(normal|strong) \(\d+\.\d%\)$/);
    }
  });

  it.skipIf(!hasFfmpeg)(
    'a mixed folder: every good file of every format classified, every bad input reported, exit 1',
    async () => {
      const testable = bad.filter((b) => b.skip === undefined);
      const run = await serkit(
        ['classify', fixtures.dir, ...testable.map((b) => b.path), '--json', '--model', modelDir],
        {},
        180_000,
      );
      expect(run.code, run.stderr).toBe(1);
      const results = JSON.parse(run.stdout) as FileResult[];
      const byFile = new Map(results.map((r) => [r.file, r]));
      for (const fixture of fixtures.fixtures) expectClassified(byFile.get(fixture.path), fixture.name);
      for (const input of testable) {
        const result = byFile.get(input.path);
        expect(result?.error, `${input.kind} is reported`).toEqual(expect.any(String));
        expect(input.codes, `${input.kind}: ${result?.code} ${result?.error}`).toContain(result?.code);
      }
      // The walk also finds the master WAVs the fixtures were encoded from: classified like the rest.
      const good = new Set(fixtures.fixtures.flatMap((f) => [f.path, f.masterPath]));
      for (const result of results.filter((r) => !testable.some((b) => b.path === r.file))) {
        expect(good.has(result.file), `${result.file} is a fixture`).toBe(true);
        expectClassified(result, result.file);
      }
      expect(run.stderr).toContain(`${results.length - testable.length} classified, ${testable.length} failed`);
    },
  );

  it.skipIf(!hasFfmpeg)('hostile file names work as arguments and as a NUL-separated list on stdin', async () => {
    const dir = join(work, 'hostile');
    await mkdir(dir);
    const paths = await makeHostileNames(dir, fixtures.byName('s16-16k-mono.wav').path, '.wav');
    // Bare names, run inside the folder: '-x.wav' and '--.wav' reach the CLI as they would from a user.
    const names = paths.map((p) => p.slice(dir.length + 1));
    const asArgs = await serkit(['classify', '--model', modelDir, '--jsonl', '--', ...names], {}, 60_000, { cwd: dir });
    expect(asArgs.code, asArgs.stderr).toBe(0);
    const fromArgs = asArgs.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as FileResult);
    expect(fromArgs.map((r) => r.file).sort()).toEqual([...names].sort());
    for (const r of fromArgs) expectClassified(r, r.file);

    const fromStdin = await serkit(['classify', '-', '--null', '--json', '--model', modelDir], {}, 60_000, {
      input: `${paths.join('\0')}\0`,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect((JSON.parse(fromStdin.stdout) as FileResult[]).map((r) => r.file)).toEqual(paths);
    // Nothing was run by a shell: the `$(rm -rf x)` name stayed a name (and no file 'x' appeared).
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it.skipIf(!hasFfmpeg)('--csv --probs: a row per file with every class probability summing to 1', async () => {
    const files = ['speech-16k.mp3', 'speech-16k.opus', 'speech-16k-video.mp4'].map((n) => fixtures.byName(n).path);
    const run = await serkit(['classify', ...files, '--csv', '--probs', '--model', modelDir]);
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    const columns = header.split(',');
    expect(columns.slice(-LABELS.length)).toEqual(LABELS.map((l) => `prob_${l}`));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const cells = row.split(',');
      const probs = cells.slice(-LABELS.length).map(Number);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
      expect(cells[columns.indexOf('emotion')]).toBe(LABELS[probs.indexOf(Math.max(...probs))]);
    }
  });

  it.skipIf(!hasFfmpeg)('--segment/--hop: a timeline per file and a whole-file summary', async () => {
    const file = fixtures.byName('s16-44k-stereo.wav').path; // 1.5 s
    const run = await serkit(['classify', file, '--segment', '0.5', '--hop', '0.25', '--json', '--model', modelDir]);
    expect(run.code, run.stderr).toBe(0);
    const [result] = JSON.parse(run.stdout) as FileResult[];
    expectClassified(result, file);
    expect(result.segments?.map((s) => s.start)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    for (const s of result.segments ?? []) expect(LABELS).toContain(s.emotion);
  });

  it('--segment: a pause gets no label and stays out of the summary, with a warning', async () => {
    const sampleRate = 16000;
    // 1 s of tone, 2 s of digital silence, 1 s of tone: windows of 1 s every 1 s.
    const samples = new Float32Array(4 * sampleRate);
    for (const from of [0, 3 * sampleRate])
      for (let i = 0; i < sampleRate; i++) samples[from + i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / sampleRate);
    const file = join(work, 'pause.wav');
    await writeFile(file, writeWav({ sampleRate, channels: [samples] }));
    const run = await serkit(['classify', file, '--segment', '1', '--hop', '1', '--json', '--model', modelDir]);
    expect(run.code, run.stderr).toBe(0);
    const [result] = JSON.parse(run.stdout) as (FileResult & { warnings?: string[] })[];
    expect(result.segments?.map((s) => s.start)).toEqual([0, 3]);
    expect(result.warnings).toEqual(['2 silent windows left out (peak below -60 dBFS)']);
  });

  it('usage errors exit 2 and name the input', async () => {
    const none = await serkit(['classify', '--model', modelDir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give at least one file/);
    const segment = await serkit(['classify', 'examples/audio', '--segment', 'abc', '--model', modelDir]);
    expect(segment.code).toBe(2);
    expect(segment.stderr).toMatch(/--segment: must be a number of seconds > 0/);
    const model = await serkit(['classify', 'examples/audio', '--model', join(work, 'no-model')]);
    expect(model.code).toBe(2);
    expect(model.stderr).toMatch(/no-model: model folder does not exist/);
  });
});
