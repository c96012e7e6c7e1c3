import type { ClassifyResult, Prediction } from '../types.js';
import { isFailed } from '../types.js';
import { round } from './output-object.js';
import type { ResultWriter, TextSink, WriterOptions } from './writer.js';

/**
 * `--csv` (RFC 4180): a header, then one row per file; with `--segment` also one row per window
 * (its `start`/`end` filled, the file's own row has them empty). Rows stream as results arrive.
 */
export function csvWriter(sink: TextSink, options: WriterOptions): ResultWriter {
  const probColumns = options.probs ? options.labels.map((label) => `prob_${label}`) : [];
  const secondColumns = options.second ? [options.second.name, `${options.second.name}_confidence`] : [];
  const header = [
    'file',
    'start',
    'end',
    'emotion',
    'confidence',
    'runner_up',
    'runner_up_confidence',
    ...secondColumns,
  ];
  sink(`${[...header, 'duration', 'error', 'warning', ...probColumns].map(csvField).join(',')}\n`);
  const row = (cells: readonly (string | number)[]) => sink(`${cells.map((c) => csvField(String(c))).join(',')}\n`);
  const predictionCells = (p: Prediction) => [
    p.emotion,
    round(p.confidence, 4),
    p.runnerUp,
    round(p.runnerUpConfidence, 4),
    ...(options.second ? [p.second?.label ?? '', p.second ? round(p.second.confidence, 4) : ''] : []),
  ];
  const probCells = (p: Prediction) =>
    options.probs ? options.labels.map((label) => round(p.probs[label] ?? 0, 4)) : [];
  return {
    write(result: ClassifyResult) {
      if (isFailed(result)) {
        const empty = (columns: readonly string[]) => columns.map(() => '');
        row([
          result.file,
          '',
          '',
          '',
          '',
          '',
          '',
          ...empty(secondColumns),
          '',
          result.error,
          '',
          ...empty(probColumns),
        ]);
        return;
      }
      const warning = (result.warnings ?? []).join('; ');
      row([
        result.file,
        '',
        '',
        ...predictionCells(result),
        round(result.duration, 3),
        '',
        warning,
        ...probCells(result),
      ]);
      for (const s of result.segments ?? []) {
        row([result.file, round(s.start, 3), round(s.end, 3), ...predictionCells(s), '', '', '', ...probCells(s)]);
      }
    },
    end() {},
  };
}

/** Quotes a field when it holds a comma, quote, CR or LF (quotes doubled), as RFC 4180 says. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
