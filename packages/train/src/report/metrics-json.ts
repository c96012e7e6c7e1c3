import type { ClassificationReport } from '@serkit/core';
import type { PartitionResult, RunReport } from './types.js';

const scores = (report: ClassificationReport) => ({
  accuracy: report.accuracy,
  uar: report.uar,
  macroF1: report.macro.f1,
  examples: report.macro.support,
});

const partition = (p: PartitionResult) => ({
  name: p.name,
  split: p.split,
  ...scores(p.report),
  macro: p.report.macro,
  weighted: p.report.weighted,
  perClass: p.report.perClass,
  confusion: p.report.confusion,
  ...(p.second
    ? {
        second: {
          name: p.second.name,
          ...scores(p.second.report),
          perClass: p.second.report.perClass,
          confusion: p.second.report.confusion,
        },
      }
    : {}),
  ...(p.history ? { history: p.history, bestEpoch: p.bestEpoch, stoppedEarly: p.stoppedEarly } : {}),
});

/** The content of metrics.json: plain data for machines (and for BENCHMARKS.md). */
export function metricsJson(run: RunReport): Record<string, unknown> {
  return {
    kind: run.kind,
    title: run.title,
    leaky: run.overall.split.leaky,
    facts: run.facts,
    ...partition(run.overall),
    ...(run.folds ? { folds: run.folds.map(partition), foldSummary: run.foldSummary } : {}),
    problems: run.problems,
    licence: run.licence,
  };
}
