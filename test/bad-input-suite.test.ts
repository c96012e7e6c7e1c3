// Issue 10's bad-input suite, end to end through the built CLI: every kind of bad input below goes
// through each command it applies to (`classify`, `features`, `dataset inspect`, `train`). Each must
// give an error naming the input and the reason, let the rest of the batch go on, exit with the
// right status (0 ok, 1 some inputs failed, 2 usage), finish within the spawn timeout (nothing
// hangs), and leave nothing half-written. All inputs are generated here; nothing is committed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, serkit } from './cli-run.js';
import { type BadInput, hasFfmpeg, makeBadInputs } from './support/audio-fixtures.js';
import { makeTinyCorpus, TINY_LSTM, type TinyCorpus } from './train-fixtures.js';

/** What one command should make of one input: a result (maybe with a warning), or an error. */
type Outcome = { ok: true; warning?: RegExp } | { codes: readonly string[]; reason?: RegExp };

interface FileCase {
  kind: string;
  path: string;
  classify: Outcome;
  /** Omitted: the case says nothing new about `features` (e.g. the 1-hour file, a classify memory case). */
  features?: Outcome;
  skip?: string;
}

const SLOW = 300_000;

let work: string;
let fileCases: FileCase[];
let corpus: TinyCorpus;

function ffmpeg(args: readonly string[]): void {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${run.stderr}`);
}

/** A sine through ffmpeg's lavfi source: `seconds` long at `volume` (above 1 it clips). */
function sine(path: string, seconds: number, volume: number, codec: string[] = ['-c:a', 'pcm_s16le']): string {
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=330:sample_rate=16000:duration=${seconds},volume=${volume}`,
    ...codec,
    path,
  ]);
  return path;
}

/** The decoder-level bad inputs of issues 4/10 (each fails classify and features alike), plus signal-level ones. */
async function makeFileCases(dir: string): Promise<FileCase[]> {
  const decoderCases: FileCase[] = (await makeBadInputs(dir)).map((bad: BadInput) => ({
    kind: bad.kind,
    path: bad.path,
    classify: { codes: bad.codes },
    features: { codes: bad.codes },
    skip: bad.skip,
  }));
  const at = (name: string) => join(dir, name);
  // 3 GiB of zeros named .wav, sparse on disk: no header, so it must be refused without reading it into memory.
  await writeFile(at('huge.wav'), new Uint8Array(0));
  await truncate(at('huge.wav'), 3 * 2 ** 30);
  ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '2', '-c:a', 'pcm_s16le', at('silence.wav')]);
  return [
    ...decoderCases,
    { kind: 'huge file (3 GiB, no header)', path: at('huge.wav'), classify: { codes: ['MALFORMED_FILE'] } },
    {
      kind: 'digital silence',
      path: at('silence.wav'),
      classify: { codes: ['INVALID_AUDIO'], reason: /silent \(digital silence/ },
      features: { ok: true },
    },
    {
      kind: 'a 0.01 s clip',
      path: sine(at('tiny.wav'), 0.01, 0.5),
      classify: { codes: ['INVALID_AUDIO'], reason: /too short to classify: 0\.010 s/ },
      features: { ok: true },
    },
    {
      kind: 'clipping (a sine driven 40x past full scale)',
      path: sine(at('clipped.wav'), 2, 40),
      classify: { ok: true, warning: /^clipped: \d+\.\d % of samples at full scale/ },
      features: { ok: true },
    },
    {
      kind: 'wrong extension: an MP3 named .wav',
      path: sine(at('mp3-inside.wav'), 2, 0.5, ['-c:a', 'libmp3lame', '-f', 'mp3']),
      classify: { ok: true },
      features: { ok: true },
    },
    {
      kind: 'wrong extension: a FLAC named .ogg',
      path: sine(at('flac-inside.ogg'), 2, 0.5, ['-c:a', 'flac', '-f', 'flac']),
      classify: { ok: true },
      features: { ok: true },
    },
    // Classified window by window (bounded memory); its RSS figure is in BENCHMARKS.md.
    {
      kind: 'a 1-hour recording',
      path: sine(at('one-hour.flac'), 3600, 0.5, ['-c:a', 'flac']),
      classify: { ok: true },
    },
  ];
}

interface Result {
  file?: string;
  path?: string;
  emotion?: string;
  warnings?: string[];
  error?: string;
  reason?: string;
  code?: string;
  duration?: number;
}

function expectOutcome(kind: string, outcome: Outcome, result: Result | undefined): void {
  expect(result, `${kind}: has a result`).toBeDefined();
  if ('ok' in outcome) {
    expect(result?.error ?? result?.reason, `${kind}: no error`).toBeUndefined();
    if (outcome.warning) expect(result?.warnings?.[0], `${kind}: warning`).toMatch(outcome.warning);
    else if (result?.emotion !== undefined) expect(result.warnings, `${kind}: no warning`).toBeUndefined();
    return;
  }
  expect(outcome.codes, `${kind}: ${result?.code} ${result?.error ?? result?.reason}`).toContain(result?.code);
  const reason = result?.error ?? result?.reason;
  expect(reason, `${kind}: a reason in words`).toMatch(/\w{3,}/);
  if (outcome.reason) expect(reason, kind).toMatch(outcome.reason);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'serkit-bad-input-'));
  corpus = await makeTinyCorpus({ actors: 4 });
  if (!hasFfmpeg) return;
  const dir = join(work, 'files');
  await mkdir(dir);
  fileCases = await makeFileCases(dir);
}, SLOW);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
  if (corpus !== undefined) await rm(corpus.dir, { recursive: true, force: true });
});

describe.skipIf(!hasFfmpeg)('bad files through classify and features (needs ffmpeg to generate them)', () => {
  const testable = () => fileCases.filter((c) => c.skip === undefined);

  it(
    'classify: every bad file is reported by name with its reason, the good ones are labelled, exit 1',
    async () => {
      const good = sine(join(work, 'good.wav'), 2, 0.5);
      const cases = testable();
      const run = await serkit(['classify', good, ...cases.map((c) => c.path), '--json'], {}, SLOW);
      expect(run.code, run.stderr).toBe(1);
      const results = JSON.parse(run.stdout) as Result[];
      expect(results.map((r) => r.file)).toEqual([good, ...cases.map((c) => c.path)]);
      expectOutcome('good file', { ok: true }, results[0]);
      for (const [i, c] of cases.entries()) expectOutcome(c.kind, c.classify, results[i + 1]);
      const hour = results.find((r) => r.file?.endsWith('one-hour.flac'));
      expect(hour?.duration).toBeCloseTo(3600, 0);
      const failed = cases.filter((c) => !('ok' in c.classify)).length;
      expect(run.stderr).toContain(`${results.length - failed} classified, ${failed} failed`);
      // The human table names each failed file on its row, with the reason, and shows warnings.
      const shown = cases.filter((c) => !('ok' in c.classify) || c.classify.warning);
      const table = await serkit(['classify', good, ...shown.map((c) => c.path)], {}, SLOW);
      expect(table.code).toBe(1);
      for (const c of shown.filter((x) => !('ok' in x.classify))) {
        expect(table.stdout, c.kind).toMatch(new RegExp(`${literal(c.path)}\\s+error: \\S`));
      }
      expect(table.stdout).toMatch(/clipped\.wav .*\n\s+warning: clipped:/);
    },
    SLOW,
  );

  it(
    'features: every bad file is listed with its code and reason, the others computed, nothing half-written',
    async () => {
      const cases = testable().filter((c) => c.features !== undefined);
      const out = join(work, 'features.json');
      const run = await serkit(
        ['features', ...cases.map((c) => c.path), '-e', 'mfcc-mean', '--no-cache', '--json', '-o', out],
        {},
        SLOW,
      );
      expect(run.code, run.stderr).toBe(1);
      const summary = json<{ computed: number; failures: Result[] }>(run);
      const failures = new Map(summary.failures.map((f) => [f.path, f]));
      for (const c of cases) {
        const outcome = c.features as Outcome;
        expectOutcome(c.kind, outcome, 'ok' in outcome ? { path: c.path } : failures.get(c.path));
      }
      expect(summary.computed).toBe(cases.filter((c) => c.features && 'ok' in c.features).length);
      expect(existsSync(out)).toBe(true);
      // A failed run leaves no output file behind and no temporary one beside it.
      const dir = join(work, 'no-such-dir');
      const refused = await serkit(['features', cases[0].path, '-e', 'mfcc-mean', '--json', '-o', join(dir, 'f.json')]);
      expect(refused.code).toBe(2);
      expect(json<{ error: { input: string } }>(refused).error.input).toBe(`--out ${join(dir, 'f.json')}`);
      expect(existsSync(dir)).toBe(false);
      expect((await readdir(work)).filter((f) => f.includes('.tmp'))).toEqual([]);
    },
    SLOW,
  );
});

/** RegExp source matching `text` literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('bad datasets through dataset inspect and train', () => {
  const trainArgs = (data: string, out: string) => [
    'train',
    '--dataset',
    'ravdess',
    '--data',
    data,
    '--model',
    'lstm-initial',
    ...TINY_LSTM,
    '--epochs',
    '1',
    '--augment',
    'none',
    '--split',
    'actors:04',
    '--backend',
    'cpu',
    '-o',
    out,
  ];

  it('an empty dataset: inspect exits 1 with the problem, train refuses it and writes nothing', async () => {
    const empty = join(work, 'empty-dataset');
    await mkdir(empty, { recursive: true });
    const inspect = await serkit(['dataset', 'inspect', 'ravdess', empty, '--json']);
    expect(inspect.code).toBe(1);
    expect(json<{ problems: Result[] }>(inspect).problems).toEqual([
      expect.objectContaining({ kind: 'empty', path: empty, message: expect.stringMatching(/no RAVDESS/) }),
    ]);
    const out = join(work, 'out-empty');
    const train = await serkit([...trainArgs(empty, out), '--json']);
    expect(train.code).toBe(1);
    expect(json<{ error: Result & { input: string } }>(train).error).toMatchObject({ code: 'DATASET', input: empty });
    expect(existsSync(out)).toBe(false);
  });

  it('a dataset with one class: train refuses it with the reason', async () => {
    const one = join(work, 'one-class');
    await mkdir(join(one, 'Actor_01'), { recursive: true });
    for (const name of await readdir(join(corpus.dir, 'Actor_01'))) {
      if (name.split('-')[2] === '05') await copyFile(join(corpus.dir, 'Actor_01', name), join(one, 'Actor_01', name));
    }
    const out = join(work, 'out-one-class');
    const train = await serkit([...trainArgs(one, out), '--json']);
    expect(train.code).toBe(1);
    const { error } = json<{ error: Result & { input: string } }>(train);
    expect(error).toMatchObject({ code: 'DATASET', input: one });
    expect(error.reason).toMatch(/only one class \(angry\)/);
    expect(existsSync(join(out, 'model.json'))).toBe(false);
  });

  it('not a directory, or missing: inspect and train exit 2 naming the path', async () => {
    const file = join(work, 'dataset-file');
    await writeFile(file, 'not a directory');
    const missing = join(work, 'no-dataset-here');
    for (const [path, code] of [
      [file, 'INVALID_ARGUMENT'],
      [missing, 'NOT_FOUND'],
    ] as const) {
      const inspect = await serkit(['dataset', 'inspect', 'ravdess', path, '--json']);
      expect(inspect.code, path).toBe(2);
      expect(json<{ error: Result & { input: string } }>(inspect).error).toMatchObject({ code, input: path });
      const train = await serkit([...trainArgs(path, join(work, 'out-x')), '--json']);
      expect(train.code, path).toBe(2);
      expect(json<{ error: Result & { input: string } }>(train).error).toMatchObject({ code, input: path });
    }
    expect(existsSync(join(work, 'out-x'))).toBe(false);
  });

  it.skipIf(!hasFfmpeg)(
    'malformed names and broken or NaN files among good ones: listed by name; train goes on without them',
    async () => {
      const data = join(work, 'mixed-dataset');
      await cp(corpus.dir, data, { recursive: true });
      const actor = join(data, 'Actor_01');
      const byKind = (kind: string) => fileCases.find((c) => c.kind === kind)?.path as string;
      const nan = join(actor, '03-01-02-02-01-01-01.wav');
      const garbage = join(actor, '03-01-03-02-01-01-01.wav');
      const truncated = join(actor, '03-01-05-02-01-01-01.wav');
      await copyFile(byKind('float WAV holding NaN and Infinity'), nan);
      await copyFile(byKind('text file named .wav'), garbage);
      await copyFile(byKind('truncated WAV header'), truncated);
      const malformed = [
        join(actor, 'hello.wav'),
        join(actor, '03-01-99-01-01-01-01.wav'),
        join(actor, '03-01-05.wav'),
      ];
      for (const path of malformed) await copyFile(join(corpus.dir, 'Actor_01', '03-01-05-01-01-01-01.wav'), path);

      const inspect = await serkit(['dataset', 'inspect', 'ravdess', data, '--json']);
      expect(inspect.code).toBe(0);
      const problems = json<{ problems: { kind: string; path: string; message: string }[] }>(inspect).problems;
      for (const path of malformed) {
        expect(problems).toContainEqual(expect.objectContaining({ kind: 'malformed-name', path }));
      }
      expect((await serkit(['dataset', 'inspect', 'ravdess', data, '--strict'])).code).toBe(1);

      const out = join(work, 'out-mixed');
      const train = await serkit(trainArgs(data, out), {}, SLOW);
      expect(train.code, train.stderr).toBe(0);
      for (const path of malformed) expect(train.stderr).toContain(`  ${path}: `);
      expect(train.stderr).toMatch(/3 files left out:/);
      expect(train.stderr).toMatch(new RegExp(`${literal(nan)}: .*NaN or infinite.*\\(INVALID_AUDIO\\)`));
      expect(train.stderr).toMatch(new RegExp(`${literal(garbage)}: .*\\((MALFORMED_FILE|NO_FFMPEG)\\)`));
      expect(train.stderr).toMatch(new RegExp(`${literal(truncated)}: .*\\(MALFORMED_FILE\\)`));
      expect(existsSync(join(out, 'model.json'))).toBe(true);
      const again = await serkit([...trainArgs(data, join(work, 'out-mixed-json')), '--json'], {}, SLOW);
      const leftOut = json<{ leftOut: Result[] }>(again).leftOut;
      expect(leftOut.map((p) => p.path).sort()).toEqual([nan, garbage, truncated].sort());
    },
    SLOW,
  );
});

describe('bad flag values: exit 2, the flag named, nothing written', () => {
  const data = () => corpus.dir;
  const cases: [string, () => string[], string][] = [
    ['train --epochs 0', () => ['train', '--dataset', 'ravdess', '--data', data(), '--epochs', '0'], '--epochs'],
    ['train --epochs abc', () => ['train', '--dataset', 'ravdess', '--data', data(), '--epochs', 'abc'], '--epochs'],
    ['train --lr NaN', () => ['train', '--dataset', 'ravdess', '--data', data(), '--lr', 'NaN'], '--lr'],
    [
      'train --batch-size 0',
      () => ['train', '--dataset', 'ravdess', '--data', data(), '--batch-size', '0'],
      '--batch-size',
    ],
    [
      'train --split nonsense',
      () => ['train', '--dataset', 'ravdess', '--data', data(), '--split', 'nonsense'],
      '--split',
    ],
    [
      'train --augment wobble',
      () => ['train', '--dataset', 'ravdess', '--data', data(), '--augment', 'wobble'],
      '--augment',
    ],
    [
      'train --hyper lstm1=-3',
      () => ['train', '--dataset', 'ravdess', '--data', data(), '--model', 'lstm-initial', '--hyper', 'lstm1=-3'],
      'lstm1',
    ],
    [
      'train --config nMfcc=0',
      () => ['train', '--dataset', 'ravdess', '--data', data(), '--config', 'nMfcc=0'],
      'nMfcc',
    ],
    ['train --model nope', () => ['train', '--dataset', 'ravdess', '--data', data(), '--model', 'nope'], 'nope'],
    ['classify --segment 0', () => ['classify', 'examples/audio', '--segment', '0'], '--segment'],
    ['classify --concurrency 0', () => ['classify', 'examples/audio', '--concurrency', '0'], '--concurrency'],
    ['features --extractor nope', () => ['features', 'examples/audio/kids-calm.wav', '-e', 'nope'], 'nope'],
    [
      'dataset inspect --filter actor=xx',
      () => ['dataset', 'inspect', 'ravdess', data(), '--filter', 'actor=xx'],
      '--filter actor=xx',
    ],
  ];

  it.each(cases)('%s', async (_name, args, input) => {
    const out = join(work, `out-flags-${_name.replace(/\W+/g, '-')}`);
    const withOut = args()[0] === 'train' ? [...args(), '-o', out] : args();
    const run = await serkit([...withOut, '--json']);
    expect(run.code, run.stdout).toBe(2);
    const { error } = json<{ error: { input: string; reason: string } }>(run);
    expect(error.input).toBe(input);
    expect(error.reason).toMatch(/\w{3,}/);
    expect(existsSync(out)).toBe(false);
  });
});
