import type { ClassificationReport, MeanStd } from '@serkit/core';
import type { FeatureProblem } from '../features/compute-features.js';
import type { SplitInfo } from '../model/manifest-schema.js';
import type { EpochRecord } from '../training/types.js';

/** One trained-and-tested partition (the whole run, or one fold). */
export interface PartitionResult {
  readonly name: string;
  readonly split: SplitInfo;
  readonly report: ClassificationReport;
  /** The test report of a second head (e.g. intensity), when the model has one. */
  readonly second?: { readonly name: string; readonly report: ClassificationReport };
  readonly history?: readonly EpochRecord[];
  readonly bestEpoch?: number;
  readonly stoppedEarly?: boolean;
}

/** Everything a report shows. */
export interface RunReport {
  readonly kind: 'train' | 'evaluate';
  readonly title: string;
  /** Key facts shown as a table: dataset, features, model, backend, settings, … */
  readonly facts: Readonly<Record<string, string | number>>;
  /** The headline result: the single partition, or all folds' test predictions pooled. */
  readonly overall: PartitionResult;
  /** kfold-actor: each fold, and the mean/std of their scores. */
  readonly folds?: readonly PartitionResult[];
  readonly foldSummary?: { readonly accuracy: MeanStd; readonly uar: MeanStd; readonly macroF1: MeanStd };
  readonly problems: readonly FeatureProblem[];
  readonly licence: string | null;
}
