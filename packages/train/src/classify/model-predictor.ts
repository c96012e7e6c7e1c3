import type { LayersModel } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../backends/types.js';
import { foldBatchNorm } from '../model/fold-batch-norm.js';
import { loadModel } from '../model/load-model.js';
import type { SerkitManifest } from '../model/manifest-schema.js';
import type { Predictor, SecondHead } from './ports.js';

/**
 * Inputs the network runs at once, whatever the batch: on the bundled model (tfjs wasm) chunks of 64
 * to 512 cost the same CPU per input (10.1-10.5 ms), while memory peaks grow with the chunk (one
 * process: 290 MiB with 128, 650 with 512; the first convolution's output alone is 590 kB per input).
 */
export const PREDICT_CHUNK = 64;

/**
 * The chunk on the native backend: its kernels allocate each output with malloc, which maps blocks
 * above 32 MB afresh every time (page faults and zero fill: 64 inputs put the first convolution's
 * output at 38 MB); 16 keep every tensor of the bundled model in the reused heap (3.9 against 6.6
 * CPU ms per input, measured with 64).
 */
export const NATIVE_PREDICT_CHUNK = 16;

/** The chunk for a backend. */
export const predictChunk = (backend: BackendName): number =>
  backend === 'native' ? NATIVE_PREDICT_CHUNK : PREDICT_CHUNK;

/**
 * A Predictor over a loaded tfjs model: inputs are reshaped to `[count, ...inputShape]` and run in
 * inference mode (dropout off) `chunk` at a time; the probabilities are copied out and every
 * tensor freed.
 */
export function modelPredictor(
  model: LayersModel,
  labels: readonly string[],
  inputShape: readonly number[],
  second?: SecondHead,
  chunk = PREDICT_CHUNK,
): Predictor {
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  return {
    labels,
    ...(second ? { second } : {}),
    inputSize,
    async predict(inputs, count) {
      const output = tf.tidy(() =>
        model.predict(tf.tensor(inputs, [count, ...inputShape]), { batchSize: Math.min(count, chunk) }),
      );
      const probs = Array.isArray(output) ? output[0] : output;
      try {
        return (await probs.data()) as Float32Array;
      } finally {
        tf.dispose(output);
      }
    },
  };
}

/**
 * Loads the network of a model folder for inference on `backend` (the main thread and each
 * inference worker do the same): verifies it against the extractor `fingerprint`, folds its batch
 * norms into the layers before them (one fused kernel per block instead of three) and wraps it in a
 * Predictor.
 */
export async function loadModelPredictor(
  modelDir: string,
  manifest: SerkitManifest,
  fingerprint: string,
  backend: BackendName,
): Promise<{ model: LayersModel; predictor: Predictor }> {
  const loaded = await loadModel(modelDir, { extractorFingerprint: fingerprint });
  const model = await foldBatchNorm(loaded.model);
  if (model !== loaded.model) loaded.model.dispose();
  const predictor = modelPredictor(
    model,
    manifest.labels,
    manifest.model.inputShape,
    manifest.secondOutput,
    predictChunk(backend),
  );
  return { model, predictor };
}
