import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '@serkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, serkit } from './cli-run.js';

interface FeaturesJson {
  extractor: { id: string; fingerprint: string; dims: number; output: string };
  inputs: number;
  computed: number;
  cacheHits: number;
  failures: { path: string; code: string; reason: string }[];
  out?: string;
  plot?: string;
}

let root: string;
let corpus: string;
let cacheDir: string;
const tone = (hz: number, seconds = 0.3, rate = 16000) =>
  writeWav({
    sampleRate: rate,
    channels: [
      Float32Array.from(
        { length: Math.round(seconds * rate) },
        (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate),
      ),
    ],
  });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'serkit-cli-features-'));
  corpus = join(root, 'corpus', 'Actor_01');
  cacheDir = join(root, 'cache');
  await mkdir(corpus, { recursive: true });
  await writeFile(join(corpus, '03-01-01-01-01-01-01.wav'), tone(220));
  await writeFile(join(corpus, '03-01-05-02-01-01-01.wav'), tone(440));
  await writeFile(join(corpus, '03-01-04-01-01-01-01.wav'), tone(330, 0.5));
  await writeFile(join(corpus, '03-01-03-01-01-01-01.wav'), 'RIFF garbage, not audio');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('serkit features', () => {
  it('extracts mfcc-mean for a dataset, reports the broken file and exits 1, then reuses the cache', async () => {
    const out = join(root, 'mfcc.json');
    const args = ['features', 'ravdess', join(root, 'corpus'), '--extractor', 'mfcc-mean', '--cache-dir', cacheDir];
    const plot = join(root, 'means.svg');
    const first = await serkit([...args, '--out', out, '--plot', plot, '--json']);
    expect(first.code).toBe(1);
    const summary = json<FeaturesJson>(first);
    expect(summary).toMatchObject({
      inputs: 4,
      computed: 3,
      cacheHits: 0,
      extractor: { id: 'mfcc-mean', dims: 13, output: 'vector' },
    });
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0].path).toContain('03-01-03-01-01-01-01.wav');

    const written = JSON.parse(await readFile(out, 'utf8')) as {
      extractor: { fingerprint: string };
      items: { label: string; frames: number; dims: number; data: number[] }[];
    };
    expect(written.extractor.fingerprint).toBe(summary.extractor.fingerprint);
    expect(written.items.map((i) => i.label).sort()).toEqual(['angry', 'neutral', 'sad']);
    for (const item of written.items) {
      expect([item.frames, item.dims, item.data.length]).toEqual([1, 13, 13]);
      expect(item.data.every(Number.isFinite)).toBe(true);
    }
    // Different tones give different features.
    expect(written.items[0].data).not.toEqual(written.items[1].data);
    const svg = await readFile(plot, 'utf8');
    expect(svg).toContain('mfcc-mean of 3 files');
    expect(svg).toContain('file (grouped by label)');

    const second = await serkit([...args, '--json']);
    expect(json<FeaturesJson>(second)).toMatchObject({ computed: 3, cacheHits: 3 });
  });

  it('extracts sequences of files, writes CSV and a heat map', async () => {
    const csv = join(root, 'seq.csv');
    const plot = join(root, 'seq.svg');
    const file = join(corpus, '03-01-04-01-01-01-01.wav');
    const result = await serkit([
      'features',
      file,
      '--extractor',
      'mfcc-seq',
      '--config',
      'deltas=1',
      '--no-cache',
      '--out',
      csv,
      '--plot',
      plot,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(json<FeaturesJson>(result)).toMatchObject({ computed: 1, extractor: { dims: 26, output: 'sequence' } });
    const lines = (await readFile(csv, 'utf8')).trimEnd().split('\n');
    expect(lines[0].split(',')).toHaveLength(4 + 26);
    // 0.5 s at 22050 Hz with hop 512, centred: 1 + floor(11025 / 512) = 22 frames.
    expect(lines).toHaveLength(1 + 22);
    const svg = await readFile(plot, 'utf8');
    expect(svg).toContain('mfcc-seq: 03-01-04-01-01-01-01.wav');
    expect(svg).toContain('time (s)');
  });

  it('plots the file chosen with --plot-file, by base name', async () => {
    const plot = join(root, 'chosen.svg');
    const files = ['03-01-01-01-01-01-01.wav', '03-01-05-02-01-01-01.wav'].map((name) => join(corpus, name));
    const args = ['features', ...files, '--extractor', 'mfcc-seq', '--no-cache', '--plot', plot, '--json'];
    const result = await serkit([...args, '--plot-file', '03-01-05-02-01-01-01.wav']);
    expect(result.code).toBe(0);
    expect(await readFile(plot, 'utf8')).toContain('mfcc-seq: 03-01-05-02-01-01-01.wav');
    const missing = await serkit([...args, '--plot-file', 'other.wav']);
    expect(missing.code).toBe(2);
    expect(json<{ error: { input: string } }>(missing).error.input).toBe('--plot-file other.wav');
  });

  it('reports a missing file by name and goes on with the others', async () => {
    const missing = join(root, 'no such file.wav');
    const result = await serkit([
      'features',
      missing,
      join(corpus, '03-01-01-01-01-01-01.wav'),
      '--extractor',
      'mfcc-mean',
      '--no-cache',
      '--json',
    ]);
    expect(result.code).toBe(1);
    const summary = json<FeaturesJson>(result);
    expect(summary.computed).toBe(1);
    expect(summary.failures).toEqual([expect.objectContaining({ path: missing, code: 'NOT_FOUND' })]);
  });

  it('handles hostile file names with no shell anywhere', async () => {
    const dir = join(root, 'hostile $(touch pwned)');
    await mkdir(dir);
    const names = [
      '-leading-dash.wav',
      'sp ace.wav',
      `q"uo'te.wav`,
      'new\nline.wav',
      'ünïcödé.wav',
      '$(touch pwned).wav',
    ];
    for (const name of names) await writeFile(join(dir, name), tone(300));
    const out = join(dir, 'features "out".csv');
    // `--` ends the flags, so a file name may start with a dash.
    const result = await serkit([
      'features',
      '--extractor',
      'mfcc-mean',
      '--no-cache',
      '--out',
      out,
      '--json',
      '--',
      ...names.map((n) => join(dir, n)),
    ]);
    expect(result.code).toBe(0);
    expect(json<FeaturesJson>(result)).toMatchObject({ inputs: names.length, computed: names.length, failures: [] });
    const csv = await readFile(out, 'utf8');
    expect(csv).toContain(`"${join(dir, 'new\nline.wav')}"`);
    expect(csv).toContain(`"${join(dir, 'q""uo\'te.wav')}"`);
    expect(await readdir(root)).not.toContain('pwned');
    expect(await readdir(dir)).not.toContain('pwned');
  });

  it.each([
    [['--extractor', 'nosuch'], 'NOT_FOUND', 'nosuch'],
    [['--extractor', 'mfcc-mean', '--config', 'nMfcc=0'], 'INVALID_ARGUMENT', 'nMfcc'],
    [['--extractor', 'mfcc-mean', '--config', 'nMfc=13'], 'INVALID_ARGUMENT', 'nMfc'],
    [['--extractor', 'mfcc-mean', '--out', 'x.txt'], 'INVALID_ARGUMENT', '--out x.txt'],
  ])('exits 2 for bad flags %j', async (flags, code, input) => {
    const result = await serkit(['features', join(corpus, '03-01-01-01-01-01-01.wav'), ...flags, '--json']);
    expect(result.code).toBe(2);
    expect(json<{ error: { code: string; input: string } }>(result).error).toMatchObject({ code, input });
  });
});
