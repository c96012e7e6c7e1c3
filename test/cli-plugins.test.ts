// Third-party plugins end to end: `serkit plugins link` into a throw-away oclif data directory, then
// list and inspect; broken, mismatched and crashing plugins are reported by name while the CLI works.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, repoRoot, serkit } from './cli-run.js';

interface ListJson {
  datasets: { id: string; source: string; version: string }[];
  failures: { plugin: string; code: string; reason: string }[];
}

let root: string;
let env: NodeJS.ProcessEnv;

/** A minimal plugin package in plain JavaScript whose hook runs `body`. */
async function fakePlugin(name: string, body: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const pkg = { name, version: '0.0.1', type: 'module', oclif: { hooks: { 'serkit:register': './register.js' } } };
  await writeFile(join(dir, 'package.json'), JSON.stringify(pkg));
  await writeFile(join(dir, 'register.js'), `export default async function register({ registry }) {\n${body}\n}\n`);
  return dir;
}

const datasetSource = (id: string, contractVersion: number, scan: string) =>
  `registry.add({ kind: 'dataset', contractVersion: ${contractVersion}, id: '${id}', version: '0.0.1', description: 'test', labels: [], async scan(dir) { ${scan} } }, 'PKG');`;

/** A features plugin whose extract() has a bug. */
const crashyExtractor = `
registry.add({
  kind: 'features', contractVersion: 1, id: 'crashy-features', version: '0.0.1', description: 'test', defaults: {},
  configure: () => ({ id: 'crashy-features', config: {}, sampleRate: 16000, output: 'vector', dims: 2, fingerprint: 'x',
    extract() { throw new TypeError('Cannot read properties of undefined'); } }),
}, 'serkit-plugin-crashy');`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'serkit-cli-plugins-'));
  // oclif keeps linked/installed plugins under its data dir: point every oclif dir into `root`.
  env = {
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
    SERKIT_DATA_DIR: join(root, 'oclif-data'),
    SERKIT_PLUGIN_TIMEOUT_MS: '3000',
  };
  const link = async (dir: string) => {
    const result = await serkit(['plugins', 'link', dir, '--no-install'], env);
    expect(result.code, result.stderr).toBe(0);
  };
  await link(join(repoRoot, 'examples/plugin-dataset-folders'));
  await link(await fakePlugin('serkit-plugin-broken', "throw new Error('boom: the plugin cannot start');"));
  await link(
    await fakePlugin(
      'serkit-plugin-future',
      datasetSource('future', 99, 'return { items: [], problems: [] };').replace('PKG', 'serkit-plugin-future'),
    ),
  );
  await link(await fakePlugin('serkit-plugin-hangs', 'await new Promise(() => {});'));
  await link(
    await fakePlugin(
      'serkit-plugin-crashy',
      datasetSource('crashy', 1, "throw new TypeError('undefined is not a function');").replace(
        'PKG',
        'serkit-plugin-crashy',
      ) + crashyExtractor,
    ),
  );
}, 180_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('third-party plugins', () => {
  it('lists a linked plugin beside the built-in ones and reports the failed ones by name', async () => {
    const result = await serkit(['list', '--json'], env);
    expect(result.code).toBe(0);
    const list = json<ListJson>(result);
    expect(list.datasets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'folders', source: 'serkit-plugin-dataset-folders', version: '1.0.0' }),
        expect.objectContaining({ id: 'ravdess', source: '@serkit/plugin-dataset-ravdess' }),
        expect.objectContaining({ id: 'crashy', source: 'serkit-plugin-crashy' }),
      ]),
    );
    expect(list.datasets.map((d) => d.id)).not.toContain('future');
    const byPlugin = Object.fromEntries(list.failures.map((f) => [f.plugin, f]));
    expect(byPlugin['serkit-plugin-broken']).toMatchObject({
      code: 'PLUGIN_LOAD',
      reason: 'boom: the plugin cannot start',
    });
    expect(byPlugin['serkit-plugin-future'].code).toBe('CONTRACT_VERSION');
    expect(byPlugin['serkit-plugin-future'].reason).toMatch(
      /built for serkit plugin contract v99, but this serkit speaks v1/,
    );
    expect(result.stderr).toContain('plugin serkit-plugin-broken failed to load (PLUGIN_LOAD): boom');
    // A hook that never returns is cut off and named, not waited for.
    expect(byPlugin['serkit-plugin-hangs']).toMatchObject({ code: 'PLUGIN_LOAD', reason: 'Timed out after 3000 ms.' });
  });

  it('inspects a folder-per-label dataset through the linked plugin', async () => {
    const data = join(root, 'clips');
    for (const [label, speaker, file] of [
      ['happy', 'spk1', 'a.wav'],
      ['happy', 'spk2', 'b.flac'],
      ['sad', 'spk1', 'c.wav'],
    ]) {
      await mkdir(join(data, label, speaker), { recursive: true });
      await writeFile(join(data, label, speaker, file), '');
    }
    await writeFile(join(data, 'sad', 'notes.txt'), 'not audio');
    const result = await serkit(['dataset', 'inspect', 'folders', data, '--json'], env);
    expect(result.code).toBe(0);
    const inspection = json<{
      total: number;
      counts: Record<string, Record<string, number>>;
      problems: { kind: string }[];
    }>(result);
    expect(inspection.total).toBe(3);
    expect(inspection.counts.label).toEqual({ happy: 2, sad: 1 });
    expect(inspection.counts.speaker).toEqual({ spk1: 2, spk2: 1 });
    expect(inspection.problems.map((p) => p.kind)).toEqual(['small-class']);
  });

  it('reads a CSV manifest with quoted paths and reports missing files', async () => {
    const data = join(root, 'manifest');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'x, "quoted".wav'), '');
    await writeFile(join(data, 'y.wav'), '');
    await writeFile(
      join(data, 'manifest.csv'),
      'path,label,speaker\n"x, ""quoted"".wav",angry,s1\ny.wav,calm,s2\ngone.wav,calm,s2\n',
    );
    const result = await serkit(['dataset', 'inspect', 'folders', data, '--json'], env);
    expect(result.code).toBe(0);
    const inspection = json<{
      total: number;
      counts: Record<string, Record<string, number>>;
      problems: { kind: string; path: string }[];
    }>(result);
    expect(inspection.counts.label).toEqual({ angry: 1, calm: 1 });
    expect(inspection.problems.filter((p) => p.kind === 'missing-file').map((p) => p.path)).toEqual([
      join(data, 'gone.wav'),
    ]);
  });

  it('names a plugin that crashes while running and exits 1; other commands keep working', async () => {
    const result = await serkit(['dataset', 'inspect', 'crashy', root, '--json'], env);
    expect(result.code).toBe(1);
    const { error } = json<{ error: { code: string; input: string; reason: string } }>(result);
    expect(error).toMatchObject({ code: 'PLUGIN_FAILED', input: 'serkit-plugin-crashy' });
    expect(error.reason).toContain("dataset plugin 'crashy' failed while scanning");
    expect(error.reason).toContain('undefined is not a function');
    const still = await serkit(['dataset', 'inspect', 'folders', join(root, 'clips'), '--json'], env);
    expect(still.code).toBe(0);
  });

  it('names an extractor that crashes on each file; the batch reports every file and exits 1', async () => {
    const { writeWav } = await import('@serkit/core');
    const clip = join(root, 'clip.wav');
    await writeFile(clip, writeWav({ sampleRate: 16000, channels: [new Float32Array(1600).fill(0.25)] }));
    const result = await serkit(['features', clip, '--extractor', 'crashy-features', '--no-cache', '--json'], env);
    expect(result.code).toBe(1);
    const summary = json<{ computed: number; failures: { path: string; code: string; reason: string }[] }>(result);
    expect(summary.computed).toBe(0);
    expect(summary.failures).toEqual([
      {
        path: clip,
        code: 'PLUGIN_FAILED',
        reason:
          "features plugin 'crashy-features' failed while extracting features: Cannot read properties of undefined",
      },
    ]);
  });

  it('does not touch the real oclif data directory: without the temp dirs the linked plugin is absent', async () => {
    const result = await serkit(['list', '--json'], {
      XDG_DATA_HOME: join(root, 'other-data'),
      SERKIT_DATA_DIR: join(root, 'other'),
    });
    expect(json<ListJson>(result).datasets.map((d) => d.id)).not.toContain('folders');
  });
});
