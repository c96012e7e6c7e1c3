import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { confusionChart, formatClassificationReport } from '@serkit/core';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { metricsJson } from './metrics-json.js';
import { reportHtml, trainingCurves } from './report-html.js';
import type { RunReport } from './types.js';

/** The files `writeReports` writes into its folder. */
export const REPORT_FILES = {
  metrics: 'metrics.json',
  text: 'classification-report.txt',
  confusion: 'confusion-matrix.svg',
  accuracy: 'curves-accuracy.svg',
  loss: 'curves-loss.svg',
  html: 'report.html',
} as const;

/**
 * Writes metrics.json, the sklearn-style classification report (text), the confusion matrix and
 * training curves (SVG) and the self-contained report.html into `dir`, each atomically.
 */
export async function writeReports(dir: string, run: RunReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const { overall } = run;
  const leakNote = overall.split.leaky ? 'LEAKY EVALUATION: ' : '';
  const foldLines = run.foldSummary
    ? `\nmean ± std over ${run.foldSummary.accuracy.n} folds: accuracy ${run.foldSummary.accuracy.mean.toFixed(4)} ± ${run.foldSummary.accuracy.std.toFixed(4)}, UAR ${run.foldSummary.uar.mean.toFixed(4)} ± ${run.foldSummary.uar.std.toFixed(4)}\n`
    : '';
  const files: [string, string][] = [
    [REPORT_FILES.metrics, `${JSON.stringify(metricsJson(run), null, 2)}\n`],
    [
      REPORT_FILES.text,
      `${run.title}\n${leakNote}${overall.split.description}\n\n${formatClassificationReport(overall.report, 4)}${foldLines}`,
    ],
    [
      REPORT_FILES.confusion,
      confusionChart({
        title: 'Confusion matrix',
        labels: overall.report.labels,
        counts: overall.report.confusion.counts,
        normalised: overall.report.confusion.normalised,
      }),
    ],
    [REPORT_FILES.html, reportHtml(run)],
  ];
  if (overall.history && overall.history.length > 0) {
    const curves = trainingCurves(overall.history, overall.bestEpoch);
    files.push([REPORT_FILES.accuracy, curves.accuracy], [REPORT_FILES.loss, curves.loss]);
  }
  for (const [name, content] of files) await writeFileAtomic(join(dir, name), content);
  return files.map(([name]) => join(dir, name));
}
