import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, serkit } from './cli-run.js';

interface Inspection {
  total: number;
  counts: Record<string, Record<string, number>>;
  problems: { kind: string; path?: string; message: string }[];
  plot?: string;
}
interface ErrorJson {
  error: { code: string; input?: string; reason: string; message: string };
}

let root: string;
let corpus: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'serkit-cli-dataset-'));
  corpus = join(root, 'corpus');
  // Two actors (01 male, 02 female), neutral and angry, both statements; files need not hold audio to be counted.
  for (const actor of ['01', '02']) {
    await mkdir(join(corpus, `Actor_${actor}`), { recursive: true });
    for (const [emotion, intensity] of [
      ['01', '01'],
      ['05', '01'],
      ['05', '02'],
    ]) {
      for (const statement of ['01', '02']) {
        await writeFile(
          join(corpus, `Actor_${actor}`, `03-01-${emotion}-${intensity}-${statement}-01-${actor}.wav`),
          '',
        );
      }
    }
  }
  await writeFile(join(corpus, 'Actor_02', 'bad-name.wav'), '');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('serkit dataset inspect', () => {
  it('counts per emotion, actor, intensity and gender and lists problems', async () => {
    const result = await serkit(['dataset', 'inspect', 'ravdess', corpus, '--json']);
    expect(result.code).toBe(0);
    const inspection = json<Inspection>(result);
    expect(inspection.total).toBe(12);
    expect(inspection.counts.emotion).toMatchObject({ neutral: 4, angry: 8, calm: 0 });
    expect(inspection.counts.actor).toEqual({ '01': 6, '02': 6 });
    expect(inspection.counts.gender).toEqual({ male: 6, female: 6 });
    expect(inspection.counts.intensity).toEqual({ normal: 8, strong: 4 });
    const kinds = inspection.problems.map((p) => p.kind);
    expect(kinds).toContain('malformed-name');
    expect(kinds).toContain('missing-speaker');
    expect(kinds).toContain('missing-file');
  });

  it('prints tables for humans and exits 1 under --strict when there are problems', async () => {
    const result = await serkit(['dataset', 'inspect', 'ravdess', corpus, '--strict']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ravdess \(@serkit\/plugin-dataset-ravdess\): 12 files in/);
    expect(result.stdout).toMatch(/angry +8 +66\.7%/);
    expect(result.stdout).toMatch(/malformed-name: .*bad-name\.wav/);
  });

  it('applies filters and draws the bar chart grouped by gender', async () => {
    const plot = join(root, 'angry by gender.svg');
    const result = await serkit([
      'dataset',
      'inspect',
      'ravdess',
      corpus,
      '--filter',
      'emotion=angry',
      '--plot',
      plot,
      '--plot-by',
      'gender',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const inspection = json<Inspection>(result);
    expect(inspection.total).toBe(8);
    expect(inspection.plot).toBe(plot);
    const svg = await readFile(plot, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<title>angry / male: 4</title>');
    expect(svg).toContain('<title>angry / female: 4</title>');
  });

  it.each([
    [['dataset', 'inspect', 'nosuch', '.'], 'NOT_FOUND', 'nosuch', /installed: .*ravdess/],
    [['dataset', 'inspect', 'ravdess'], 'INVALID_ARGUMENT', 'dir', /missing required argument: dir/],
    [['dataset', 'inspect', 'ravdess', 'CORPUS', '--plot-by', 'gender'], 'INVALID_ARGUMENT', '--plot-by', /--plot/],
    [['dataset', 'inspect', 'ravdess', '/nonexistent/serkit'], 'NOT_FOUND', '/nonexistent/serkit', /cannot read/],
    [
      ['dataset', 'inspect', 'ravdess', 'CORPUS', '--filter', 'colour=red'],
      'INVALID_ARGUMENT',
      '--filter colour',
      /known keys/,
    ],
    [
      ['dataset', 'inspect', 'ravdess', 'CORPUS', '--filter', 'channel'],
      'INVALID_ARGUMENT',
      '--filter channel',
      /KEY=VALUE|key=value/,
    ],
    [
      ['dataset', 'inspect', 'ravdess', 'CORPUS', '--plot', 'x.svg', '--plot-by', 'colour'],
      'INVALID_ARGUMENT',
      '--plot-by colour',
      /choose one of/,
    ],
  ])('exits 2 for %j with a JSON error naming the input', async (args, code, input, reason) => {
    const result = await serkit([...args.map((a) => (a === 'CORPUS' ? corpus : a)), '--json']);
    expect(result.code).toBe(2);
    const { error } = json<ErrorJson>(result);
    expect(error.code).toBe(code);
    expect(error.input).toBe(input);
    expect(error.reason).toMatch(reason);
  });

  it('renders the bar chart as PNG when the path asks for it', async () => {
    const plot = join(root, 'emotions.png');
    const result = await serkit(['dataset', 'inspect', 'ravdess', corpus, '--plot', plot, '--json']);
    expect(result.code).toBe(0);
    const png = await readFile(plot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: the 720 x 420 SVG rendered at twice its size.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1440, 840]);
    const other = await serkit(['dataset', 'inspect', 'ravdess', corpus, '--plot', join(root, 'x.jpg'), '--json']);
    expect(other.code).toBe(2);
    expect(json<ErrorJson>(other).error).toMatchObject({
      input: `--plot ${join(root, 'x.jpg')}`,
      reason: 'must end in .svg or .png',
    });
  });

  it('refuses a plot path in a missing directory and leaves nothing behind', async () => {
    const plot = join(root, 'missing-dir', 'plot.svg');
    const result = await serkit(['dataset', 'inspect', 'ravdess', corpus, '--plot', plot, '--json']);
    expect(result.code).toBe(2);
    expect(json<ErrorJson>(result).error.input).toBe(`--plot ${plot}`);
    expect(existsSync(join(root, 'missing-dir'))).toBe(false);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 1 for a directory without any dataset file', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    const result = await serkit(['dataset', 'inspect', 'ravdess', empty, '--json']);
    expect(result.code).toBe(1);
    expect(json<Inspection>(result).problems.map((p) => p.kind)).toEqual(['empty']);
  });
});
