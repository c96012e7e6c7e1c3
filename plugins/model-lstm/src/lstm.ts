import {
  CONTRACT_VERSION,
  check,
  type LayersModel,
  type ModelBuildContext,
  type ModelPlugin,
  type Tfjs,
  type TrainingDefaults,
} from '@serkit/core';
import { orthogonalFromGaussian } from './orthogonal.js';
import { PACKAGE_VERSION } from './package-info.js';

export type LstmHyper = {
  /** Units of the first LSTM (returns sequences). lstm-seed: 256; lstm-initial: 128. */
  readonly lstm1: number;
  /** Units of the second LSTM. Default 64. */
  readonly lstm2: number;
  /** Units of the ReLU dense layer. Default 128. */
  readonly dense: number;
  /** Rate of the dropout after each of the three layers above. Default 0.2 (the paper gives no rate). */
  readonly dropout: number;
};

/** The paper's training settings: Adam at 1e-3, batch 32, up to 200 epochs, early stopping after 10. */
export const PAPER_TRAINING: TrainingDefaults = { epochs: 200, batchSize: 32, learningRate: 1e-3, patience: 10 };

/** Throws INVALID_ARGUMENT naming the first hyper-parameter out of range. */
export function checkLstmHyper(hyper: LstmHyper): void {
  for (const key of ['lstm1', 'lstm2', 'dense'] as const) {
    check(
      Number.isInteger(hyper[key]) && hyper[key] >= 1 && hyper[key] <= 4096,
      key,
      `must be an integer in [1, 4096] (got ${hyper[key]})`,
    );
  }
  check(hyper.dropout >= 0 && hyper.dropout < 1, 'dropout', `must be in [0, 1) (got ${hyper.dropout})`);
}

/**
 * LSTM(lstm1, return sequences) → Dropout → LSTM(lstm2) → Dropout → Dense(dense, relu) → Dropout →
 * Dense(classes, softmax). A vector input `[d]` is read as a sequence of d steps of 1 value, as the
 * paper feeds its 13 mean MFCCs with shape (13, 1); a sequence input `[frames, dims]` is used as is.
 * Kernels are Glorot-uniform and recurrent kernels orthogonal (Keras' defaults), all seeded.
 */
export function buildLstm(context: ModelBuildContext<LstmHyper>): LayersModel {
  const { tf, inputShape, classes, hyper, seed } = context;
  check(
    (inputShape.length === 1 || inputShape.length === 2) && inputShape.every((d) => Number.isInteger(d) && d > 0),
    'inputShape',
    `must be [dims] or [frames, dims] of positive integers (got [${inputShape.join(', ')}])`,
  );
  check(classes.length >= 2, 'classes', `need at least 2 classes (got ${classes.length})`);
  checkLstmHyper(hyper);

  const sequenceShape = inputShape.length === 1 ? [inputShape[0], 1] : [...inputShape];
  const glorot = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const model = tf.sequential();
  if (inputShape.length === 1)
    model.add(tf.layers.reshape({ inputShape: [inputShape[0]], targetShape: sequenceShape }));
  // Recurrent kernels start at zero here and are set to orthogonal matrices below (fast).
  model.add(
    tf.layers.lstm({
      units: hyper.lstm1,
      returnSequences: true,
      kernelInitializer: glorot(1),
      recurrentInitializer: 'zeros',
      ...(inputShape.length === 2 ? { inputShape: sequenceShape } : {}),
    }),
  );
  // No dropout seed: tfjs's Dropout with a seed draws the same mask on every step (a frozen pruned
  // network, not dropout), so masks come from tfjs's own generator.
  model.add(tf.layers.dropout({ rate: hyper.dropout }));
  model.add(tf.layers.lstm({ units: hyper.lstm2, kernelInitializer: glorot(3), recurrentInitializer: 'zeros' }));
  model.add(tf.layers.dropout({ rate: hyper.dropout }));
  model.add(tf.layers.dense({ units: hyper.dense, activation: 'relu', kernelInitializer: glorot(5) }));
  model.add(tf.layers.dropout({ rate: hyper.dropout }));
  model.add(tf.layers.dense({ units: classes.length, activation: 'softmax', kernelInitializer: glorot(7) }));
  setOrthogonalRecurrentKernels(tf, model, seed + 8);
  return model;
}

function setOrthogonalRecurrentKernels(tf: Tfjs, model: LayersModel, seed: number): void {
  let offset = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'LSTM') continue;
    const weights = layer.getWeights(); // [kernel, recurrentKernel, bias]
    const [rows, cols] = weights[1].shape;
    const values = tf.tidy(() => {
      const draws = tf.randomNormal([Math.max(rows, cols), Math.min(rows, cols)], 0, 1, 'float32', seed + offset++);
      return orthogonalFromGaussian(rows, cols, draws.dataSync());
    });
    const recurrent = tf.tensor2d(values, [rows, cols]);
    layer.setWeights([weights[0], recurrent, weights[2]]);
    recurrent.dispose();
  }
}

const shared = {
  kind: 'model',
  contractVersion: CONTRACT_VERSION,
  version: PACKAGE_VERSION,
  training: PAPER_TRAINING,
  accepts: ['vector', 'sequence'],
  build: buildLstm,
  validateHyper: checkLstmHyper,
} as const;

/** The paper's final model (355,720 parameters on 13 mean MFCCs and 8 emotions). */
export const lstmSeed: ModelPlugin<LstmHyper> = {
  ...shared,
  id: 'lstm-seed',
  description:
    "The paper's final model: LSTM(256)-LSTM(64)-Dense(128) with dropout (355,720 parameters for 13 inputs, 8 classes)",
  defaults: { lstm1: 256, lstm2: 64, dense: 128, dropout: 0.2 },
};

/** The paper's initial 128-unit model (125,320 parameters on 13 mean MFCCs and 8 emotions). */
export const lstmInitial: ModelPlugin<LstmHyper> = {
  ...shared,
  id: 'lstm-initial',
  description:
    "The paper's initial model: LSTM(128)-LSTM(64)-Dense(128) with dropout (125,320 parameters for 13 inputs, 8 classes)",
  defaults: { lstm1: 128, lstm2: 64, dense: 128, dropout: 0.2 },
};
