import { type ClassificationReport, classificationReport } from '@serkit/core';
import { argmax } from '../training/predict.js';

/** Truth for a second head: its name, classes and each example's class index. */
export interface SecondTruth {
  readonly name: string;
  readonly labels: readonly string[];
  readonly truth: readonly number[];
}

export interface Scores {
  readonly report: ClassificationReport;
  readonly second?: { readonly name: string; readonly report: ClassificationReport };
}

/**
 * Reports of predicted rows `[first head | second head]` against the truth: the first `labels.length`
 * columns are the emotion head's, any further ones the second head's.
 */
export function scorePredictions(
  rows: readonly Float32Array[],
  truth: readonly number[],
  labels: readonly string[],
  second?: SecondTruth,
): Scores {
  const report = classificationReport(
    truth,
    rows.map((row) => argmax(row.subarray(0, labels.length))),
    labels,
  );
  if (second === undefined) return { report };
  const predicted = rows.map((row) => argmax(row.subarray(labels.length)));
  return {
    report,
    second: { name: second.name, report: classificationReport(second.truth, predicted, second.labels) },
  };
}
