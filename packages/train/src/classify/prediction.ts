import type { Prediction } from './types.js';

/** The prediction for one row of class probabilities (`probs[i]` belongs to `labels[i]`). */
export function toPrediction(probs: ArrayLike<number>, labels: readonly string[]): Prediction {
  let best = 0;
  let second = labels.length > 1 ? 1 : 0;
  if (probs[second] > probs[best]) [best, second] = [second, best];
  for (let i = 2; i < labels.length; i++) {
    if (probs[i] > probs[best]) {
      second = best;
      best = i;
    } else if (probs[i] > probs[second]) {
      second = i;
    }
  }
  const byLabel: Record<string, number> = {};
  labels.forEach((label, i) => {
    byLabel[label] = probs[i];
  });
  return {
    emotion: labels[best],
    confidence: probs[best],
    runnerUp: labels[second],
    runnerUpConfidence: probs[second],
    probs: byLabel,
  };
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
