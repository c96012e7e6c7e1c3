import { CONTRACT_VERSION, check, type LayersModel, type ModelBuildContext, type ModelPlugin } from '@serkit/core';
import type { SymbolicTensor } from '@tensorflow/tfjs';
import { batchNorm } from './batch-norm.js';
import { checkHyper } from './hyper-checks.js';
import { sequenceShape } from './input.js';
import { seededInitialisers } from './seeded.js';

export type CnnLogMelHyper = {
  /** Channels of the first block; block i has width * 2^min(i, 2) (16 -> 16, 32, 64, 64). */
  readonly width: number;
  /** Conv blocks (conv 3x3 -> batch norm -> ReLU -> max-pool 2x2), each halving frames and bands. */
  readonly blocks: number;
  /** Average-pool the frame axis by this factor before the first conv (2: 10 ms frames -> 20 ms). */
  readonly timePool: number;
  /** Dropout before the classifier. */
  readonly dropout: number;
};

const checkCnnHyper = (hyper: CnnLogMelHyper) => checkHyper(hyper, ['width', 'blocks', 'timePool']);

/**
 * `cnn-logmel`: a small VGG-style CNN over a log-mel "image" (frames x bands x 1): conv blocks,
 * global average pooling over time and frequency, dropout, softmax. Stock tfjs layers only.
 * Weights start as PyTorch's do (kaiming_uniform, a = sqrt 5) and batch norm uses PyTorch's epsilon
 * 1e-5, as in the prototype the recipe comes from: with He-normal weights and Keras' 1e-3 the same
 * recipe scored 4 points less on the folds of actors 1-4 and 21-24 (ACCURACY.md).
 */
export const cnnLogMel: ModelPlugin<CnnLogMelHyper> = {
  kind: 'model',
  contractVersion: CONTRACT_VERSION,
  id: 'cnn-logmel',
  version: '0.2.0',
  description: 'small CNN on log-mel frames: 4 conv blocks (16-32-64-64), global average pooling (~65 k params)',
  defaults: { width: 16, blocks: 4, timePool: 2, dropout: 0.3 },
  training: { epochs: 40, batchSize: 32, learningRate: 2e-3, patience: 10 },
  accepts: ['sequence'],
  validateHyper: (hyper) => checkCnnHyper(hyper),
  build({ tf, inputShape, classes, hyper, seed }: ModelBuildContext<CnnLogMelHyper>): LayersModel {
    const [frames, dims] = sequenceShape('cnn-logmel', inputShape);
    checkCnnHyper(hyper);
    const minSide = Math.min(Math.floor(frames / hyper.timePool), dims);
    check(
      minSide >= 2 ** hyper.blocks,
      'blocks',
      `${hyper.blocks} blocks halve the input ${hyper.blocks} times; [${frames / hyper.timePool}, ${dims}] is too small`,
    );
    const init = seededInitialisers(tf, seed);
    const input = tf.input({ shape: [frames, dims], name: 'features' });
    let x = tf.layers.reshape({ targetShape: [frames, dims, 1], name: 'image' }).apply(input) as SymbolicTensor;
    if (hyper.timePool > 1) {
      x = tf.layers
        .averagePooling2d({ poolSize: [hyper.timePool, 1], strides: [hyper.timePool, 1], name: 'time_pool' })
        .apply(x) as SymbolicTensor;
    }
    for (let b = 0; b < hyper.blocks; b++) {
      const filters = hyper.width * 2 ** Math.min(b, 2);
      x = tf.layers
        .conv2d({
          filters,
          kernelSize: 3,
          padding: 'same',
          useBias: false,
          kernelInitializer: init.torchDefault(),
          name: `block${b + 1}_conv`,
        })
        .apply(x) as SymbolicTensor;
      x = batchNorm(tf, `block${b + 1}_bn`, 1e-5).apply(x) as SymbolicTensor;
      x = tf.layers.activation({ activation: 'relu', name: `block${b + 1}_relu` }).apply(x) as SymbolicTensor;
      x = tf.layers.maxPooling2d({ poolSize: 2, name: `block${b + 1}_pool` }).apply(x) as SymbolicTensor;
    }
    x = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(x) as SymbolicTensor;
    x = tf.layers.dropout({ rate: hyper.dropout, seed, name: 'dropout' }).apply(x) as SymbolicTensor;
    const output = tf.layers
      .dense({ units: classes.length, activation: 'softmax', kernelInitializer: init.torchDefault(), name: 'emotion' })
      .apply(x) as SymbolicTensor;
    return tf.model({ inputs: input, outputs: output, name: 'cnn_logmel' });
  },
};
