import type { Rng } from '@serkit/core';
import type { BatchSource } from './batch-source.js';
import { mixup } from './mixup.js';
import { specAugment } from './spec-augment.js';
import type { TrainRecipe } from './types.js';

/** One training batch as plain arrays: inputs `[count, ...inputShape]` and (soft) one-hot targets. */
export interface BatchArrays {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly count: number;
}

/**
 * Assembles the training batch of examples `rows`: inputs from `source` (stored rows or random
 * crops), then SpecAugment masking (sequence inputs only) and mixup as the recipe asks, all drawn
 * from `rng` — which the loop derives from the seed, the epoch and the batch number, so a batch is
 * the same on every run and after a resume.
 */
export function trainBatch(
  source: BatchSource,
  rows: readonly number[],
  classes: number,
  recipe: TrainRecipe,
  rng: Rng,
): BatchArrays {
  const rowSize = source.inputShape.reduce((a, b) => a * b, 1);
  const count = rows.length;
  const x = new Float32Array(count * rowSize);
  const y = new Float32Array(count * classes);
  source.fill(rows, x, rng);
  rows.forEach((row, i) => {
    y[i * classes + source.y[row]] = 1;
  });
  if (recipe.specAugment !== null && source.inputShape.length === 2) {
    const [frames, dims] = source.inputShape;
    specAugment(x, count, frames, dims, rng, recipe.specAugment);
  }
  if (recipe.mixupAlpha > 0) mixup(x, y, count, rowSize, classes, rng, recipe.mixupAlpha);
  return { x, y, count };
}
