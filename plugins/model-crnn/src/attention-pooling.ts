import type { Tfjs } from '@serkit/core';
import type { SymbolicTensor } from '@tensorflow/tfjs';
import { seededInitialisers } from './seeded.js';

/**
 * Attention pooling over frames (Bahdanau-style scoring, as in attentive emotion models):
 * score_t = v . tanh(W h_t), a = softmax_t(score), pooled = sum_t a_t h_t.
 * Built only from stock tfjs layers (dense, reshape, softmax, dot) so a saved model.json loads with
 * tf.loadLayersModel and no custom class registration.
 *
 * @param sequence `[batch, frames, units]`
 * @returns `[batch, units]`
 */
export function attentionPooling(
  tf: Tfjs,
  sequence: SymbolicTensor,
  { units, seed, name }: { units: number; seed: number; name: string },
): SymbolicTensor {
  const init = seededInitialisers(tf, seed);
  const [, frames, features] = sequence.shape;
  if (frames === null || features === null) throw new Error('attentionPooling needs a fixed frame count');
  const hidden = tf.layers
    .dense({ units, activation: 'tanh', kernelInitializer: init.glorot(), name: `${name}_proj` })
    .apply(sequence) as SymbolicTensor;
  const scores = tf.layers
    .dense({ units: 1, useBias: false, kernelInitializer: init.glorot(), name: `${name}_score` })
    .apply(hidden) as SymbolicTensor;
  const flat = tf.layers.reshape({ targetShape: [frames], name: `${name}_flat` }).apply(scores) as SymbolicTensor;
  const weights = tf.layers.softmax({ axis: -1, name: `${name}_weights` }).apply(flat) as SymbolicTensor;
  const column = tf.layers
    .reshape({ targetShape: [frames, 1], name: `${name}_column` })
    .apply(weights) as SymbolicTensor;
  // [batch, frames, 1] . [batch, frames, features] over the frame axis -> [batch, 1, features]
  const pooled = tf.layers.dot({ axes: 1, name: `${name}_sum` }).apply([column, sequence]) as SymbolicTensor;
  return tf.layers.flatten({ name: `${name}_out` }).apply(pooled) as SymbolicTensor;
}
