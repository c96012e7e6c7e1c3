import type { Rng } from '@serkit/core';
import type { Heads } from '../training/heads.js';
import type { BatchSource } from './batch-source.js';
import { mixup } from './mixup.js';
import { specAugment } from './spec-augment.js';
import type { TrainRecipe } from './types.js';

/**
 * One training batch as plain arrays: inputs `[count, ...inputShape]` and (soft) one-hot targets,
 * `[count, first + second]` (the second head's one-hot after the first's when the model has one).
 */
export interface BatchArrays {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly count: number;
}

/**
 * Assembles the training batch of examples `rows`: inputs from `source` (stored rows or random
 * crops), then SpecAugment masking (sequence inputs only) and mixup as the recipe asks, all drawn
 * from `rng` — which the loop derives from the seed, the epoch and the batch number, so a batch is
 * the same on every run and after a resume. Mixup mixes the whole target row, so both heads'
 * targets get the same pairing and lambda.
 */
export function trainBatch(
  source: BatchSource,
  rows: readonly number[],
  heads: Heads,
  recipe: TrainRecipe,
  rng: Rng,
): BatchArrays {
  const rowSize = source.inputShape.reduce((a, b) => a * b, 1);
  const count = rows.length;
  const x = new Float32Array(count * rowSize);
  const width = heads.first + heads.second;
  const y = new Float32Array(count * width);
  source.fill(rows, x, rng);
  rows.forEach((row, i) => {
    y[i * width + source.y[row]] = 1;
    if (heads.second > 0 && source.second !== undefined) y[i * width + heads.first + source.second[row]] = 1;
  });
  if (recipe.specAugment !== null && source.inputShape.length === 2) {
    const [frames, dims] = source.inputShape;
    specAugment(x, count, frames, dims, rng, recipe.specAugment);
  }
  if (recipe.mixupAlpha > 0) mixup(x, y, count, rowSize, width, rng, recipe.mixupAlpha);
  return { x, y, count };
}
