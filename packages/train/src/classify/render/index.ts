import { csvWriter } from './csv.js';
import { jsonWriter } from './json.js';
import { jsonlWriter } from './jsonl.js';
import { tableWriter } from './table.js';
import type { OutputFormat, ResultWriter, TextSink, WriterOptions } from './writer.js';

export { csvField } from './csv.js';
export { type OutputObject, outputObject } from './output-object.js';
export { displayText } from './table.js';
export type { OutputFormat, ResultWriter, TextSink, WriterOptions } from './writer.js';

const WRITERS: Readonly<Record<OutputFormat, (sink: TextSink, options: WriterOptions) => ResultWriter>> = {
  table: tableWriter,
  json: jsonWriter,
  jsonl: jsonlWriter,
  csv: csvWriter,
};

/** The writer for `format`, printing to `sink`. */
export function resultWriter(format: OutputFormat, sink: TextSink, options: WriterOptions): ResultWriter {
  return WRITERS[format](sink, options);
}
