import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR } from './open-classifier.js';
import { recurrentLayers } from './recurrent-layers.js';

describe('recurrentLayers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'serkit-recurrent-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const withTopology = async (name: string, modelTopology: unknown) => {
    const folder = join(dir, name);
    await mkdir(folder);
    await writeFile(join(folder, 'model.json'), JSON.stringify({ modelTopology }));
    return folder;
  };

  it('finds recurrent layers anywhere in the topology, wrapped ones included', async () => {
    const folder = await withTopology('bilstm', {
      class_name: 'Model',
      config: {
        layers: [
          { class_name: 'InputLayer', config: {} },
          { class_name: 'Bidirectional', config: { layer: { class_name: 'LSTM', config: {} } } },
          { class_name: 'Sequential', config: { layers: [{ class_name: 'GRU', config: {} }] } },
          { class_name: 'Dense', config: {} },
        ],
      },
    });
    expect(await recurrentLayers(folder)).toEqual(['Bidirectional', 'LSTM', 'GRU']);
  });

  it('finds none in the bundled convolutional model, nor in a folder without model.json', async () => {
    expect(await recurrentLayers(DEFAULT_MODEL_DIR)).toEqual([]);
    expect(await recurrentLayers(join(dir, 'missing'))).toEqual([]);
  });
});
