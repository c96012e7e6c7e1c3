import type { ClassifiedFile, ClassifyResult, Prediction } from '../types.js';
import { isFailed } from '../types.js';
import type { ResultWriter, TextSink, WriterOptions } from './writer.js';

/**
 * The human table (the default on a TTY): file, emotion, confidence, runner-up (and one column per
 * class with `--probs`); a failed file shows its reason; a `--segment` timeline follows its file,
 * indented. Rows are held until `end` to size the columns and print in input order.
 */
export function tableWriter(sink: TextSink, options: WriterOptions): ResultWriter {
  const results: ClassifyResult[] = [];
  return {
    write(result) {
      results.push(result);
    },
    end() {
      results.sort((a, b) => a.index - b.index);
      const second = options.second ? [options.second.name.toUpperCase()] : [];
      const header = [
        'FILE',
        'EMOTION',
        'CONFIDENCE',
        'RUNNER-UP',
        ...second,
        ...(options.probs ? options.labels : []),
      ];
      const rows: string[][] = [header];
      // Rows whose cells after the file are one note (an error, a warning) that does not size the columns.
      const notes: [number, string][] = [];
      for (const result of results) {
        if (isFailed(result)) {
          notes.push([rows.length, `error: ${displayText(result.error)}`]);
          rows.push([displayText(result.file)]);
          continue;
        }
        rows.push([displayText(result.file), ...cells(result, options)]);
        for (const warning of result.warnings ?? []) {
          notes.push([rows.length, `warning: ${displayText(warning)}`]);
          rows.push(['']);
        }
        for (const s of timeline(result)) rows.push([`  ${s.label}`, ...cells(s.prediction, options)]);
      }
      const widths = header.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? ''))));
      const noteAt = new Map(notes);
      rows.forEach((row, at) => {
        const note = noteAt.get(at);
        const shown = note === undefined ? row : [row[0], note];
        sink(
          `${shown.map((cell, column) => (column === shown.length - 1 ? cell : pad(cell, widths[column]))).join('  ')}\n`,
        );
      });
    },
  };
}

function cells(p: Prediction, options: WriterOptions): string[] {
  const probs = options.probs ? options.labels.map((label) => percent(p.probs[label] ?? 0)) : [];
  const second = options.second ? [p.second ? `${p.second.label} (${percent(p.second.confidence)})` : ''] : [];
  return [p.emotion, percent(p.confidence), `${p.runnerUp} (${percent(p.runnerUpConfidence)})`, ...second, ...probs];
}

function timeline(result: ClassifiedFile): { label: string; prediction: Prediction }[] {
  return (result.segments ?? []).map((s) => ({ label: `${s.start.toFixed(2)}-${s.end.toFixed(2)} s`, prediction: s }));
}

function percent(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

/** Shows control characters (a newline in a file name) as escapes so each row stays one line. */
export function displayText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}
