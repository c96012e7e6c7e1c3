import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { explainTfjsNodeLoadError } from './explain-load-error.js';
import { backendInfo, parseBackendChoice, selectBackend } from './select-backend.js';

describe('explainTfjsNodeLoadError', () => {
  it('names the missing CUDA library and the CUDA/cuDNN versions tfjs-node-gpu needs', () => {
    const error = new Error(
      'libcudart.so.11.0: cannot open shared object file: No such file or directory\n  at Module._extensions..node',
    );
    const reason = explainTfjsNodeLoadError('@tensorflow/tfjs-node-gpu', error);
    expect(reason).toMatch(/^libcudart\.so\.11\.0 missing/);
    expect(reason).toMatch(/CUDA 11\.2 and cuDNN 8\.1/);
  });

  it('says when the optional package is not installed, and when its install script did not run', () => {
    const missing = Object.assign(new Error("Cannot find package '@tensorflow/tfjs-node' imported from x"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(explainTfjsNodeLoadError('@tensorflow/tfjs-node', missing)).toMatch(/not installed/);
    const binding = new Error("Cannot find module '/x/lib/napi-v8/tfjs_binding.node'");
    expect(explainTfjsNodeLoadError('@tensorflow/tfjs-node', binding)).toMatch(/allowScripts/);
  });
});

describe('selectBackend', () => {
  it('activates an explicit backend', async () => {
    const selected = await selectBackend('cpu');
    expect(selected).toMatchObject({ name: 'cpu', tfjsBackend: 'cpu', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('auto falls back past what cannot load and says why', async () => {
    const infos = await backendInfo();
    expect(infos.map((i) => i.name)).toEqual(['gpu', 'node', 'native', 'wasm', 'cpu']);
    const firstAvailable = infos.find((i) => i.available);
    const selected = await selectBackend('auto');
    expect(selected.name).toBe(firstAvailable?.name);
    expect(selected.skipped.map((s) => s.name)).toEqual(
      infos.slice(0, infos.indexOf(firstAvailable!)).map((i) => i.name),
    );
    for (const s of selected.skipped) expect(s.reason.length).toBeGreaterThan(10);
  });

  it('auto passes over the backends excluded for the job, saying why; an explicit choice does not', async () => {
    const exclude = [
      { name: 'native', reason: 'unsuited to this model' },
      { name: 'wasm', reason: 'unsuited too' },
    ] as const;
    const infos = await backendInfo();
    const expected = infos.find((i) => i.available && i.name !== 'native' && i.name !== 'wasm');
    const selected = await selectBackend('auto', exclude);
    expect(selected.name).toBe(expected?.name);
    expect(selected.skipped.filter((s) => s.name === 'native' || s.name === 'wasm')).toEqual([
      { name: 'native', available: false, reason: 'unsuited to this model' },
      { name: 'wasm', available: false, reason: 'unsuited too' },
    ]);
    expect((await selectBackend('wasm', exclude)).name).toBe('wasm');
    await selectBackend('cpu');
  });

  it('refuses an unknown backend name', () => {
    expect(() => parseBackendChoice('tpu')).toThrow(/unknown backend 'tpu'/);
  });
});
