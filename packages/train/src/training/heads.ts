import * as tf from '@tensorflow/tfjs';

/**
 * Widths of a model's output row: the main (emotion) head, then an optional second head (e.g.
 * intensity; 0 when the model has none). See model/second-head.ts.
 */
export interface Heads {
  readonly first: number;
  readonly second: number;
}

/** How much the second head's cross-entropy counts against the first's: an auxiliary task. */
export const SECOND_HEAD_WEIGHT = 0.5;

function splitHeads(t: tf.Tensor, heads: Heads): [tf.Tensor, tf.Tensor] {
  const [a, b] = tf.split(t, [heads.first, heads.second], -1);
  return [a, b];
}

/**
 * Per-example loss of a two-head row: cross-entropy of the first head plus SECOND_HEAD_WEIGHT x
 * that of the second (each head is its own softmax, so each is scored on its own slice).
 */
export function twoHeadLoss(heads: Heads): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  return function loss(yTrue, yPred) {
    return tf.tidy(() => {
      const [t1, t2] = splitHeads(yTrue, heads);
      const [p1, p2] = splitHeads(yPred, heads);
      const first = tf.metrics.categoricalCrossentropy(t1, p1);
      return first.add(tf.metrics.categoricalCrossentropy(t2, p2).mul(SECOND_HEAD_WEIGHT));
    });
  };
}

/** Accuracy of the first head alone (what the training curves show as accuracy). */
export function firstHeadAccuracy(heads: Heads): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  return function accuracy(yTrue, yPred) {
    return tf.tidy(() => tf.metrics.categoricalAccuracy(firstHead(yTrue, heads), firstHead(yPred, heads)));
  };
}

/** The first head's columns of a `[n, first + second]` prediction (the whole tensor when there is no second). */
export function firstHead(p: tf.Tensor, heads: Heads): tf.Tensor {
  return heads.second === 0 ? p : p.slice([0, 0], [-1, heads.first]);
}
