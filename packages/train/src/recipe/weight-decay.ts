import type { LayersModel } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';

/**
 * Decoupled weight decay (the "W" of AdamW): after an optimiser step, every trainable weight is
 * scaled by 1 - `factor` (factor = learning rate x decay), instead of adding an L2 term to the loss
 * that Adam's per-weight scaling would distort. tfjs has no AdamW, hence this step.
 */
export function applyWeightDecay(model: LayersModel, factor: number): void {
  if (factor === 0) return;
  tf.tidy(() => {
    for (const weight of model.trainableWeights) weight.write(tf.mul(weight.read(), 1 - factor));
  });
}
