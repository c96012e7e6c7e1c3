import { outputObject } from './output-object.js';
import type { ResultWriter, TextSink, WriterOptions } from './writer.js';

/**
 * `--json`: one array with an object per input file. Elements are written as they arrive (the
 * array is streamed, never held), so 10,000 files cost no more memory than 10.
 */
export function jsonWriter(sink: TextSink, options: WriterOptions): ResultWriter {
  let first = true;
  return {
    write(result) {
      sink(`${first ? '[\n  ' : ',\n  '}${JSON.stringify(outputObject(result, options))}`);
      first = false;
    },
    end() {
      sink(first ? '[]\n' : '\n]\n');
    },
  };
}
