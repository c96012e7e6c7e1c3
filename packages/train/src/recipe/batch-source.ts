import type { FeatureMatrix, Rng } from '@serkit/core';
import { applyNormalisation, type Normalisation } from '../features/normalisation.js';
import type { PackedData } from '../training/types.js';
import { copyCrop } from './crop.js';

/**
 * Where the training loop gets its batches' inputs: `count` examples with labels `y`, each given as
 * a row of `inputShape` by `fill` (which may draw from the batch's `rng`, e.g. to crop).
 */
export interface BatchSource {
  readonly y: Int32Array;
  /** Labels of the second head (e.g. intensity), when the model has one. */
  readonly second?: Int32Array;
  readonly inputShape: readonly number[];
  /**
   * Writes the inputs of examples `rows` into `out` (zeroed, `rows.length` x rowSize); without
   * `rng` the deterministic evaluation form (e.g. the centre crop).
   */
  fill(rows: readonly number[], out: Float32Array, rng?: Rng): void;
}

/** Batches of stored, already packed rows (the engine's original path: no randomness). */
export function packedSource(data: PackedData): BatchSource {
  const rowSize = data.inputShape.reduce((a, b) => a * b, 1);
  return {
    y: data.y,
    ...(data.second ? { second: data.second } : {}),
    inputShape: data.inputShape,
    fill(rows, out) {
      rows.forEach((row, i) => {
        out.set(data.x.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize);
      });
    },
  };
}

/**
 * Batches of random `frames`-long crops of whole (variable-length) clips, z-scored by `norm` once up
 * front; a clip shorter than `frames` lands at a random place between zeros. Without an rng: the
 * centre crop. `second`: labels of a second head, if any.
 */
export function randomCropSource(
  clips: readonly FeatureMatrix[],
  y: Int32Array,
  frames: number,
  norm: Normalisation,
  second?: Int32Array,
): BatchSource {
  const normalised = clips.map((m) => applyNormalisation(m, norm));
  const dims = clips[0]?.dims ?? 0;
  return {
    y,
    ...(second ? { second } : {}),
    inputShape: [frames, dims],
    fill(rows, out, rng) {
      rows.forEach((row, i) => {
        const clip = normalised[row];
        copyCrop(clip.data, clip.frames, dims, frames, out, i * frames * dims, rng);
      });
    },
  };
}

/** Packs every example of `source` in its evaluation form (no rng: centre crops, stored rows). */
export function packAll(source: BatchSource): PackedData {
  const rowSize = source.inputShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(source.y.length * rowSize);
  source.fill(
    Array.from({ length: source.y.length }, (_, i) => i),
    x,
  );
  return { x, y: source.y, ...(source.second ? { second: source.second } : {}), inputShape: source.inputShape };
}
