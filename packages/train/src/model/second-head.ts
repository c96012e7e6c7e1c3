import { type LayersModel, SerkitError, type Tfjs } from '@serkit/core';
import type { SymbolicTensor } from '@tensorflow/tfjs';

/** Name of the layer that joins the two heads (model.json shows it; classify splits its rows). */
export const HEADS_LAYER = 'heads';

/**
 * Adds a second classification head (e.g. intensity) beside a model plugin's own, without the plugin
 * knowing: a softmax Dense of `units` reads the same embedding as the plugin's final Dense layer,
 * and both heads' probabilities are concatenated into one output row `[first | second]`. One output
 * tensor keeps every consumer (training, evaluation, classify, the native backend) on one path;
 * they split the row by the first head's width.
 */
export function attachSecondHead(tf: Tfjs, base: LayersModel, units: number, seed: number): LayersModel {
  const last = base.layers[base.layers.length - 1];
  const config = last.getConfig();
  if (last.getClassName() !== 'Dense' || config.activation !== 'softmax' || base.outputs.length !== 1)
    throw new SerkitError(
      'INVALID_ARGUMENT',
      `a second output needs a model that ends in one softmax Dense layer; '${base.name}' ends in ${last.getClassName()}`,
      { input: '--second-output' },
    );
  const embedding = last.input as SymbolicTensor;
  const second = tf.layers
    .dense({
      units,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      name: 'second_output',
    })
    .apply(embedding) as SymbolicTensor;
  const joined = tf.layers.concatenate({ axis: -1, name: HEADS_LAYER }).apply([base.outputs[0], second]);
  return tf.model({ inputs: base.inputs, outputs: joined as SymbolicTensor, name: `${base.name}_2heads` });
}
