import { describe, expect, it } from 'vitest';
import { json, serkit } from './cli-run.js';

interface Summary {
  id: string;
  version: string;
  source: string;
}
interface ListJson {
  datasets: Summary[];
  extractors: Summary[];
  models: Summary[];
  failures: unknown[];
}

describe('serkit list', () => {
  it('lists the built-in plugins with versions and source packages', async () => {
    const result = await serkit(['list', '--json']);
    expect(result.code).toBe(0);
    const list = json<ListJson>(result);
    expect(list.datasets.find((d) => d.id === 'ravdess')?.source).toBe('@serkit/plugin-dataset-ravdess');
    expect(list.extractors.map((e) => e.id)).toEqual(expect.arrayContaining(['mfcc-mean', 'mfcc-seq']));
    expect(list.models.find((m) => m.id === 'lstm-seed')).toMatchObject({
      source: '@serkit/plugin-model-lstm',
      version: '0.1.0',
    });
    expect(list.failures).toEqual([]);
  });

  it('prints tables for humans', async () => {
    const result = await serkit(['list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Datasets\nid +version +package/);
    expect(result.stdout).toMatch(/lstm-initial +0\.1\.0 +@serkit\/plugin-model-lstm/);
  });
});

describe('usage errors', () => {
  it('exits 2 with a JSON error naming the unknown flag', async () => {
    const result = await serkit(['list', '--colour', '--json']);
    expect(result.code).toBe(2);
    const { error } = json<{ error: { code: string; input?: string; message: string } }>(result);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.input).toBe('--colour');
  });

  it('exits 2 and explains on stderr without --json', async () => {
    const result = await serkit(['list', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--colour');
  });
});

describe('help', () => {
  it('shows examples for each command', async () => {
    for (const command of ['list', 'doctor']) {
      const result = await serkit([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('EXAMPLES');
      expect(result.stdout).toContain(`$ serkit ${command}`);
    }
  });
});

describe('serkit doctor', () => {
  it('reports node, ffmpeg, DSP and tfjs backends', async () => {
    const result = await serkit(['doctor', '--json']);
    expect(result.code).toBe(0);
    const report = json<{ checks: { name: string; status: string; detail: string }[]; node: { version: string } }>(
      result,
    );
    expect(report.node.version).toBe(process.version);
    const names = report.checks.map((c) => c.name);
    expect(names.slice(0, 3)).toEqual(['node', 'ffmpeg', 'dsp']);
    expect(report.checks.find((c) => c.name === 'node')?.status).toBe('ok');
    // Every check says something: a version, a path or why it is unavailable.
    for (const check of report.checks) expect(check.detail.length).toBeGreaterThan(0);
    expect(report.checks.find((c) => c.name === 'dsp')?.detail).toMatch(/^(native C\+\+ addon|TypeScript fallback)/);
    expect(names).toEqual(expect.arrayContaining(['tfjs cpu', 'tfjs wasm']));
  });

  it('says when the TypeScript DSP is forced', async () => {
    const result = await serkit(['doctor', '--json'], { SERKIT_DSP: 'ts' });
    const report = json<{ checks: { name: string; status: string; detail: string }[] }>(result);
    expect(report.checks.find((c) => c.name === 'dsp')).toMatchObject({
      status: 'missing',
      detail: expect.stringContaining('TypeScript fallback'),
    });
  });
});
