import { CONTRACT_VERSION, type LayersModel, type ModelBuildContext, type ModelPlugin } from '@serkit/core';
import type { SymbolicTensor } from '@tensorflow/tfjs';
import { attentionPooling } from './attention-pooling.js';
import { batchNorm } from './batch-norm.js';
import { checkHyper } from './hyper-checks.js';
import { sequenceShape } from './input.js';
import { seededInitialisers } from './seeded.js';

export type BiLstmAttnHyper = {
  /** Units of the frame projection and of each LSTM direction. */
  readonly units: number;
  /** Stride of the 5-frame conv projection over time (2: 10 ms frames -> 20 ms steps, half the LSTM steps). */
  readonly stride: number;
  /** Hidden units of the attention scorer. */
  readonly attentionUnits: number;
  /** Dropout before the classifier. */
  readonly dropout: number;
};

const checkBiLstmHyper = (hyper: BiLstmAttnHyper) => checkHyper(hyper, ['units', 'stride', 'attentionUnits']);

/**
 * `bilstm-attn`: conv1d frame projection (kernel 5) -> batch norm -> ReLU -> bidirectional LSTM
 * over all steps -> attention pooling over time -> dropout -> softmax. Stock tfjs layers only.
 * Recurrent weights start Glorot-uniform rather than Keras' orthogonal: tfjs's orthogonal
 * initialiser runs a QR on the CPU at build time and the prototype trained well without it.
 */
export const bilstmAttn: ModelPlugin<BiLstmAttnHyper> = {
  kind: 'model',
  contractVersion: CONTRACT_VERSION,
  id: 'bilstm-attn',
  version: '0.1.0',
  description: 'conv1d projection + BiLSTM(96) with attention pooling over frames (~190 k params)',
  defaults: { units: 96, stride: 2, attentionUnits: 64, dropout: 0.3 },
  training: { epochs: 40, batchSize: 32, learningRate: 2e-3, patience: 10 },
  accepts: ['sequence'],
  validateHyper: (hyper) => checkBiLstmHyper(hyper),
  build({ tf, inputShape, classes, hyper, seed }: ModelBuildContext<BiLstmAttnHyper>): LayersModel {
    const [frames, dims] = sequenceShape('bilstm-attn', inputShape);
    checkBiLstmHyper(hyper);
    const init = seededInitialisers(tf, seed);
    const input = tf.input({ shape: [frames, dims], name: 'features' });
    let x = tf.layers
      .conv1d({
        filters: hyper.units,
        kernelSize: 5,
        strides: hyper.stride,
        padding: 'same',
        kernelInitializer: init.heNormal(),
        name: 'projection',
      })
      .apply(input) as SymbolicTensor;
    x = batchNorm(tf, 'projection_bn').apply(x) as SymbolicTensor;
    x = tf.layers.activation({ activation: 'relu', name: 'projection_relu' }).apply(x) as SymbolicTensor;
    x = tf.layers
      .bidirectional({
        layer: tf.layers.lstm({
          units: hyper.units,
          returnSequences: true,
          kernelInitializer: init.glorot(),
          recurrentInitializer: init.glorot(),
        }),
        mergeMode: 'concat',
        name: 'bilstm',
      })
      .apply(x) as SymbolicTensor;
    x = attentionPooling(tf, x, { units: hyper.attentionUnits, seed: seed + 1, name: 'attention' });
    x = tf.layers.dropout({ rate: hyper.dropout, seed, name: 'dropout' }).apply(x) as SymbolicTensor;
    const output = tf.layers
      .dense({ units: classes.length, activation: 'softmax', kernelInitializer: init.glorot(), name: 'emotion' })
      .apply(x) as SymbolicTensor;
    return tf.model({ inputs: input, outputs: output, name: 'bilstm_attn' });
  },
};
