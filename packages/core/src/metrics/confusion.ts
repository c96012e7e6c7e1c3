import { check } from '../errors.js';

/**
 * A confusion matrix: `counts[t][p]` is how many examples of true class `t` were predicted as `p`;
 * `normalised` divides each row by its total (sklearn's `normalize='true'`; an empty row stays 0).
 */
export interface ConfusionMatrix {
  readonly labels: readonly string[];
  readonly counts: readonly (readonly number[])[];
  readonly normalised: readonly (readonly number[])[];
}

/** Checks that `yTrue`/`yPred` are equally long class indices into `labels`. */
export function checkPredictions(yTrue: readonly number[], yPred: readonly number[], labels: readonly string[]): void {
  check(labels.length > 0, 'labels', 'at least one label is needed');
  check(yTrue.length === yPred.length, 'yPred', `has ${yPred.length} entries but yTrue has ${yTrue.length}`);
  for (const [name, ys] of [
    ['yTrue', yTrue],
    ['yPred', yPred],
  ] as const) {
    for (const y of ys) {
      check(
        Number.isInteger(y) && y >= 0 && y < labels.length,
        name,
        `class index ${y} is not in [0, ${labels.length})`,
      );
    }
  }
}

/** Counts (true, predicted) pairs of class indices into `labels`. */
export function confusionMatrix(
  yTrue: readonly number[],
  yPred: readonly number[],
  labels: readonly string[],
): ConfusionMatrix {
  checkPredictions(yTrue, yPred, labels);
  const n = labels.length;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i]][yPred[i]] += 1;
  const normalised = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (total === 0 ? 0 : c / total));
  });
  return { labels: [...labels], counts, normalised };
}
