import type { SecondHead } from '../ports.js';
import type { ClassifyResult, ClassifySummary } from '../types.js';

/** Where rendered text goes (process.stdout.write in the CLI, an array in tests). */
export type TextSink = (text: string) => void;

/** Renders results as they arrive; `end` flushes what a format must hold back (a table, a JSON array). */
export interface ResultWriter {
  write(result: ClassifyResult): void;
  end(summary: ClassifySummary): void;
}

export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv';

export interface WriterOptions {
  /** Add a column/field per class probability. Default false. */
  readonly probs?: boolean;
  /** The model's labels, in order: the probability columns. */
  readonly labels: readonly string[];
  /** The model's second head (e.g. intensity): two more columns, its label and confidence. */
  readonly second?: SecondHead;
}
