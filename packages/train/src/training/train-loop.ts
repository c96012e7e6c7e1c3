import type { LayersModel } from '@serkit/core';
import { createRng } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random/derive-seed.js';
import { type BatchSource, packedSource } from '../recipe/batch-source.js';
import { learningRateAt } from '../recipe/lr-schedule.js';
import { trainBatch } from '../recipe/train-batch.js';
import { NO_RECIPE, type TrainRecipe } from '../recipe/types.js';
import { applyWeightDecay } from '../recipe/weight-decay.js';
import { type Checkpoint, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { firstHead, firstHeadAccuracy, type Heads, twoHeadLoss } from './heads.js';
import type { EpochRecord, PackedData, TrainEvent, TrainOutcome, TrainSettings } from './types.js';
import { bytesToWeights, type StoredWeights, weightsToBytes } from './weight-bytes.js';

export interface TrainLoopOptions {
  /** A freshly built (uncompiled) model. */
  readonly model: LayersModel;
  readonly classes: number;
  /** Classes of a second head (model/second-head.ts) trained beside the first; default 0 (none). */
  readonly secondClasses?: number;
  readonly settings: TrainSettings;
  /** Packed examples, or a source that builds each batch (e.g. random crops of whole clips). */
  readonly train: PackedData | BatchSource;
  readonly validation: PackedData;
  /** Masking, mixup, learning-rate schedule, weight decay. Default NO_RECIPE (plain Adam). */
  readonly recipe?: TrainRecipe;
  /** Checkpoints of this run go here (one per epoch, and one when interrupted). */
  readonly checkpointDir: string;
  /** Fingerprint of the configuration; a checkpoint of another configuration is refused. */
  readonly runKey: string;
  /** Continue from the latest checkpoint in `checkpointDir` (if there is none, start afresh). */
  readonly resume: boolean;
  /** Aborting (Ctrl-C) stops after the current batch, saves a checkpoint and returns `interrupted`. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: TrainEvent) => void;
}

const VALIDATION_BATCH = 256;

function sliceBatch(data: PackedData, indices: readonly number[], classes: number): { x: tf.Tensor; y: tf.Tensor } {
  const rowSize = data.inputShape.reduce((a, b) => a * b, 1);
  const xs = new Float32Array(indices.length * rowSize);
  const ys = new Int32Array(indices.length);
  indices.forEach((row, i) => {
    xs.set(data.x.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize);
    ys[i] = data.y[row];
  });
  return tf.tidy(() => ({
    x: tf.tensor(xs, [indices.length, ...data.inputShape]),
    y: tf.oneHot(tf.tensor1d(ys, 'int32'), classes),
  }));
}

/**
 * Mean loss and accuracy of `model` over `data` (no training), of the first head only when the
 * model has two (`secondClasses` > 0): early stopping and the best epoch follow the main task.
 */
export async function evaluateLoss(
  model: LayersModel,
  data: PackedData,
  classes: number,
  secondClasses = 0,
): Promise<{ loss: number; accuracy: number }> {
  const heads: Heads = { first: classes, second: secondClasses };
  let lossSum = 0;
  let accSum = 0;
  const n = data.y.length;
  for (let start = 0; start < n; start += VALIDATION_BATCH) {
    const indices = Array.from({ length: Math.min(VALIDATION_BATCH, n - start) }, (_, i) => start + i);
    const { x, y } = sliceBatch(data, indices, classes);
    const [loss, acc] = tf.tidy(() => {
      const p = firstHead(model.predict(x) as tf.Tensor, heads);
      const l = tf.metrics.categoricalCrossentropy(y, p).sum();
      const a = tf.metrics.categoricalAccuracy(y, p).sum();
      return [l, a];
    });
    lossSum += (await loss.data())[0];
    accSum += (await acc.data())[0];
    tf.dispose([x, y, loss, acc]);
  }
  return { loss: lossSum / Math.max(1, n), accuracy: accSum / Math.max(1, n) };
}

function snapshot(model: LayersModel): StoredWeights {
  return weightsToBytes(model.getWeights());
}

/** tfjs's Adam reads its (protected) rate on every step, so a schedule can move it between steps. */
function setLearningRate(optimizer: tf.AdamOptimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}

function restore(model: LayersModel, stored: StoredWeights): void {
  const tensors = bytesToWeights(stored);
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Adam's decay rates and epsilon: PyTorch's defaults (tfjs's epsilon would be 1e-7), which the recipe was found with. */
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/**
 * Trains with Adam on shuffled mini-batches (order from the seed and the epoch number, so a resumed
 * run sees the same batches), evaluates on the validation data after each epoch, stops early when
 * the validation loss has not fallen for `patience` epochs and restores the best weights.
 * A checkpoint (weights, best weights, Adam moments, curves) is written after every epoch and on
 * interruption; `resume` continues from it, mid-epoch included.
 */
export async function trainLoop(options: TrainLoopOptions): Promise<TrainOutcome> {
  const { model, settings, validation, classes, onEvent } = options;
  const recipe = options.recipe ?? NO_RECIPE;
  const source = 'fill' in options.train ? options.train : packedSource(options.train);
  const heads: Heads = { first: classes, second: options.secondClasses ?? 0 };
  const optimizer = tf.train.adam(settings.learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  if (heads.second > 0) model.compile({ optimizer, loss: twoHeadLoss(heads), metrics: [firstHeadAccuracy(heads)] });
  else model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  let epoch = 0;
  let batch = 0;
  let partial = { lossSum: 0, accuracySum: 0, seen: 0 };
  const history: EpochRecord[] = [];
  let best: { valLoss: number | null; epoch: number; wait: number } = { valLoss: null, epoch: 0, wait: 0 };
  let bestWeights: StoredWeights | null = null;

  const checkpoint = options.resume ? await loadCheckpoint(options.checkpointDir, options.runKey) : undefined;
  if (checkpoint !== undefined) {
    restore(model, checkpoint.weights);
    const moments = bytesToWeights(checkpoint.optimizer);
    await optimizer.setWeights(moments.map((tensor, i) => ({ name: checkpoint.optimizer.names[i], tensor })));
    ({ epoch, batch, partial } = checkpoint.state);
    history.push(...checkpoint.state.history);
    best = { ...checkpoint.state.best };
    bestWeights = checkpoint.bestWeights;
    onEvent?.({ type: 'resume', epoch, batch });
  }

  const save = async (): Promise<string> => {
    const moments = await optimizer.getWeights();
    const stored = weightsToBytes(moments.map((m) => m.tensor));
    const state: Checkpoint['state'] = {
      format: 'serkit-checkpoint',
      formatVersion: 1,
      runKey: options.runKey,
      epoch,
      batch,
      partial,
      history,
      best,
    };
    return saveCheckpoint(options.checkpointDir, {
      state,
      weights: snapshot(model),
      bestWeights,
      optimizer: { ...stored, names: moments.map((m) => m.name) },
    });
  };

  const n = source.y.length;
  const batches = Math.ceil(n / settings.batchSize);
  const started = performance.now();
  let batchesTimed = 0;
  // Keras semantics: stop when `patience` epochs in a row brought no improvement (wait counts them).
  let stoppedEarly = best.wait > 0 && best.wait >= settings.patience;
  while (epoch < settings.epochs && !stoppedEarly) {
    const epochStart = performance.now();
    const order = createRng(deriveSeed(settings.seed, 'shuffle', epoch)).shuffle(
      Array.from({ length: n }, (_, i) => i),
    );
    for (; batch < batches; batch++) {
      // tfjs's CPU-side backends resolve everything as microtasks, which never let the event loop
      // run its signal handlers: yield once per batch so Ctrl-C is seen within one batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) {
        const where = await save();
        onEvent?.({ type: 'interrupted', epoch: epoch + 1, batch, checkpoint: where });
        return { history, bestEpoch: best.epoch, epochsRun: epoch, stoppedEarly: false, interrupted: true };
      }
      const indices = order.slice(batch * settings.batchSize, (batch + 1) * settings.batchSize);
      const arrays = trainBatch(
        source,
        indices,
        heads,
        recipe,
        createRng(deriveSeed(settings.seed, 'batch', epoch, batch)),
      );
      const x = tf.tensor(arrays.x, [arrays.count, ...source.inputShape]);
      const y = tf.tensor2d(arrays.y, [arrays.count, heads.first + heads.second]);
      // The schedule runs over every step of the maximum epochs (a function of the step: resume-safe).
      const rate = learningRateAt(
        recipe.schedule,
        settings.learningRate,
        epoch * batches + batch,
        settings.epochs * batches,
      );
      setLearningRate(optimizer, rate);
      const [loss, accuracy] = (await model.trainOnBatch(x, y)) as number[];
      applyWeightDecay(model, rate * recipe.weightDecay);
      tf.dispose([x, y]);
      partial = {
        lossSum: partial.lossSum + loss * indices.length,
        accuracySum: partial.accuracySum + accuracy * indices.length,
        seen: partial.seen + indices.length,
      };
      batchesTimed++;
      const perBatch = (performance.now() - started) / 1000 / batchesTimed;
      const remaining = batches - batch - 1 + (settings.epochs - epoch - 1) * batches;
      onEvent?.({
        type: 'batch',
        epoch: epoch + 1,
        batch: batch + 1,
        batches,
        loss: partial.lossSum / partial.seen,
        accuracy: partial.accuracySum / partial.seen,
        etaSeconds: perBatch * remaining,
      });
    }
    const val = await evaluateLoss(model, validation, classes, heads.second);
    epoch++;
    const record: EpochRecord = {
      epoch,
      loss: partial.lossSum / Math.max(1, partial.seen),
      accuracy: partial.accuracySum / Math.max(1, partial.seen),
      valLoss: val.loss,
      valAccuracy: val.accuracy,
      seconds: (performance.now() - epochStart) / 1000,
    };
    history.push(record);
    const improved = best.valLoss === null || val.loss < best.valLoss;
    if (improved) {
      best = { valLoss: val.loss, epoch, wait: 0 };
      bestWeights = snapshot(model);
    } else {
      best = { ...best, wait: best.wait + 1 };
    }
    batch = 0;
    partial = { lossSum: 0, accuracySum: 0, seen: 0 };
    onEvent?.({ type: 'epoch', ...record, improved, epochs: settings.epochs });
    stoppedEarly = !improved && best.wait >= settings.patience;
    await save();
    if (stoppedEarly) onEvent?.({ type: 'early-stop', epoch, bestEpoch: best.epoch });
  }
  const restoreBest = settings.restoreBest !== false;
  if (bestWeights !== null && restoreBest) restore(model, bestWeights);
  return { history, bestEpoch: restoreBest ? best.epoch : epoch, epochsRun: epoch, stoppedEarly, interrupted: false };
}
