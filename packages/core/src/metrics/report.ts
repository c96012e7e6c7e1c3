import { type ConfusionMatrix, confusionMatrix } from './confusion.js';

/** Precision, recall and F1 of one class (or an average), with its support (true examples). */
export interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/**
 * sklearn's `classification_report` as data: per-class scores, accuracy, macro and
 * support-weighted averages, and the unweighted average recall (UAR = macro recall, the usual
 * headline of speech emotion recognition). A score whose denominator is 0 is 0 (sklearn's
 * `zero_division=0`).
 */
export interface ClassificationReport {
  readonly labels: readonly string[];
  readonly perClass: readonly (ClassScores & { readonly label: string })[];
  readonly accuracy: number;
  readonly macro: ClassScores;
  readonly weighted: ClassScores;
  /** Unweighted average recall: the mean of per-class recalls. */
  readonly uar: number;
  readonly confusion: ConfusionMatrix;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Builds the report from class indices into `labels`. */
export function classificationReport(
  yTrue: readonly number[],
  yPred: readonly number[],
  labels: readonly string[],
): ClassificationReport {
  const confusion = confusionMatrix(yTrue, yPred, labels);
  const n = labels.length;
  const { counts } = confusion;
  const perClass = labels.map((label, k) => {
    const tp = counts[k][k];
    const support = counts[k].reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let t = 0; t < n; t++) predicted += counts[t][k];
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const total = yTrue.length;
  let correct = 0;
  for (let k = 0; k < n; k++) correct += counts[k][k];
  const average = (weight: (c: ClassScores) => number): ClassScores => {
    const weights = perClass.map(weight);
    const sum = weights.reduce((a, b) => a + b, 0);
    const mean = (key: 'precision' | 'recall' | 'f1'): number =>
      ratio(
        perClass.reduce((acc, c, i) => acc + c[key] * weights[i], 0),
        sum,
      );
    return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1'), support: total };
  };
  const macro = average(() => 1);
  return {
    labels: [...labels],
    perClass,
    accuracy: ratio(correct, total),
    macro,
    weighted: average((c) => c.support),
    uar: macro.recall,
    confusion,
  };
}
