import type { Predictor, SecondHead } from './ports.js';
import type { Prediction, SecondPrediction } from './types.js';

/** Floats per row of a predictor's output: its labels, then its second head's. */
export function rowWidth(predictor: Pick<Predictor, 'labels' | 'second'>): number {
  return predictor.labels.length + (predictor.second?.labels.length ?? 0);
}

/**
 * The prediction for one row of class probabilities (`probs[i]` belongs to `labels[i]`); with
 * `second`, the row goes on with the second head's probabilities.
 */
export function toPrediction(probs: ArrayLike<number>, labels: readonly string[], second?: SecondHead): Prediction {
  let best = 0;
  let runnerUp = labels.length > 1 ? 1 : 0;
  if (probs[runnerUp] > probs[best]) [best, runnerUp] = [runnerUp, best];
  for (let i = 2; i < labels.length; i++) {
    if (probs[i] > probs[best]) {
      runnerUp = best;
      best = i;
    } else if (probs[i] > probs[runnerUp]) {
      runnerUp = i;
    }
  }
  const byLabel: Record<string, number> = {};
  labels.forEach((label, i) => {
    byLabel[label] = probs[i];
  });
  return {
    emotion: labels[best],
    confidence: probs[best],
    runnerUp: labels[runnerUp],
    runnerUpConfidence: probs[runnerUp],
    probs: byLabel,
    ...(second ? { second: secondPrediction(probs, labels.length, second) } : {}),
  };
}

function secondPrediction(probs: ArrayLike<number>, offset: number, head: SecondHead): SecondPrediction {
  let best = 0;
  const byLabel: Record<string, number> = {};
  head.labels.forEach((label, i) => {
    byLabel[label] = probs[offset + i];
    if (probs[offset + i] > probs[offset + best]) best = i;
  });
  return { name: head.name, label: head.labels[best], confidence: probs[offset + best], probs: byLabel };
}

/** Running mean of probability rows: the whole-file summary of a `--segment` timeline. */
export class MeanProbabilities {
  readonly #sum: Float64Array;
  #count = 0;

  constructor(classes: number) {
    this.#sum = new Float64Array(classes);
  }

  add(row: ArrayLike<number>): void {
    for (let i = 0; i < this.#sum.length; i++) this.#sum[i] += row[i];
    this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  mean(): Float64Array {
    return this.#sum.map((s) => s / Math.max(1, this.#count));
  }
}
