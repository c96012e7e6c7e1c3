import type { ConfiguredExtractor, FeatureMatrix } from '@serkit/core';
import type { Normalisation } from './normalisation.js';

/**
 * The model's input shape for an extractor: `[dims]` for a vector extractor, `[frames, dims]` for a
 * sequence one, where `frames` is the longest training example (shorter ones are zero-padded at the
 * end after normalisation — zero is the training mean — and longer ones cut).
 */
export function modelInputShape(
  extractor: Pick<ConfiguredExtractor, 'output' | 'dims'>,
  train: readonly FeatureMatrix[],
): number[] {
  if (extractor.output === 'vector') return [extractor.dims];
  return [Math.max(1, ...train.map((m) => m.frames)), extractor.dims];
}

/**
 * Packs normalised examples into one row-major Float32Array of shape `[n, ...inputShape]`, ready
 * for `tf.tensor`.
 */
export function packInputs(
  matrices: readonly FeatureMatrix[],
  inputShape: readonly number[],
  norm: Normalisation,
): Float32Array {
  const dims = inputShape[inputShape.length - 1];
  const frames = inputShape.length === 1 ? 1 : inputShape[0];
  const out = new Float32Array(matrices.length * frames * dims);
  matrices.forEach((m, i) => {
    const base = i * frames * dims;
    const n = Math.min(frames, m.frames);
    for (let f = 0; f < n; f++) {
      for (let d = 0; d < dims; d++) {
        out[base + f * dims + d] = (m.data[f * dims + d] - norm.mean[d]) / norm.std[d];
      }
    }
  });
  return out;
}
