import { describe, expect, it } from 'vitest';
import { loadKernelAddon } from '../backends/native-kernels/addon.js';
import { selectBackend } from '../backends/select-backend.js';
import { readManifest } from '../model/load-model.js';
import { compiledWorkerScript } from './compiled-worker.js';
import { loadModelPredictor } from './model-predictor.js';
import { DEFAULT_MODEL_DIR } from './open-classifier.js';
import { parallelPredictor } from './parallel-predictor.js';
import { rowWidth } from './prediction.js';

/** The bundled model on the wasm backend, as `serkit classify` runs it on the main thread. */
async function bundled() {
  const backend = await selectBackend('wasm');
  const manifest = await readManifest(DEFAULT_MODEL_DIR);
  const { predictor: local } = await loadModelPredictor(
    DEFAULT_MODEL_DIR,
    manifest,
    manifest.extractor.fingerprint,
    backend.name,
  );
  const setup = { modelDir: DEFAULT_MODEL_DIR, backend: backend.name, fingerprint: manifest.extractor.fingerprint };
  return { local, setup };
}

/** `count` standardised-looking inputs (seeded). */
function inputs(count: number, size: number, seed: number): Float32Array {
  const out = new Float32Array(count * size);
  let state = seed;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out[i] = (state / 2 ** 31 - 0.5) * 3;
  }
  return out;
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('parallelPredictor', () => {
  const compiled = compiledWorkerScript('inference-worker') !== undefined;

  it.skipIf(!compiled)(
    'runs batches on inference workers, two at once, with the answers of this thread',
    async () => {
      const { local: model, setup } = await bundled();
      // Counts the inputs this thread runs: the workers should take them all.
      let here = 0;
      const local = {
        ...model,
        predict: (x: Float32Array, count: number) => {
          here += count;
          return model.predict(x, count);
        },
      };
      const parallel = parallelPredictor(local, setup, 2);
      try {
        expect(parallel.parallelism).toBe(2);
        // Small batches before the workers start run here.
        const early = inputs(5, local.inputSize, 4);
        expect(maxDifference(await parallel.predict(early, 5), await model.predict(early, 5))).toBe(0);
        expect(here).toBe(5);
        expect(parallel.threads).toBe(0);
        expect(await parallel.ready()).toBe(2);
        here = 0;
        const [a, b] = [inputs(70, local.inputSize, 1), inputs(9, local.inputSize, 2)];
        const [gotA, gotB] = await Promise.all([parallel.predict(a, 70), parallel.predict(b, 9)]);
        expect(here).toBe(0);
        expect(gotA).toHaveLength(70 * rowWidth(local));
        expect(maxDifference(gotA, await model.predict(a, 70))).toBeLessThan(1e-6);
        expect(maxDifference(gotB, await model.predict(b, 9))).toBeLessThan(1e-6);
        // The caller's array is left as it was (the worker got a copy).
        expect(maxDifference(a, inputs(70, local.inputSize, 1))).toBe(0);
      } finally {
        await parallel.close();
      }
    },
    120_000,
  );

  it.skipIf(!compiled || loadKernelAddon() === null)(
    'native-backend workers (one GEMM thread each) answer as the wasm backend does',
    async () => {
      const { local, setup } = await bundled();
      const parallel = parallelPredictor(local, { ...setup, backend: 'native' }, 2);
      try {
        expect(await parallel.ready()).toBe(2);
        // 40 inputs: more than one native chunk of 16, with a partial one.
        const x = inputs(40, local.inputSize, 5);
        const [native, wasm] = [await parallel.predict(x, 40), await local.predict(x, 40)];
        expect(native).toHaveLength(wasm.length);
        expect(maxDifference(native, wasm)).toBeLessThan(1e-5);
      } finally {
        await parallel.close();
      }
    },
    120_000,
  );

  it('runs on this thread when no worker can load the model, or with one thread', async () => {
    const { local, setup } = await bundled();
    for (const parallel of [
      parallelPredictor(local, { ...setup, modelDir: '/nonexistent/model' }, 2),
      parallelPredictor(local, setup, 1),
    ]) {
      expect(await parallel.ready()).toBe(0);
      const x = inputs(20, local.inputSize, 3);
      expect(maxDifference(await parallel.predict(x, 20), await local.predict(x, 20))).toBe(0);
      await parallel.close();
    }
  }, 120_000);
});
