import { outputObject } from './output-object.js';
import type { ResultWriter, TextSink, WriterOptions } from './writer.js';

/** `--jsonl`: one JSON object per line, written the moment a file is done (pipe-friendly, constant memory). */
export function jsonlWriter(sink: TextSink, options: WriterOptions): ResultWriter {
  return {
    write(result) {
      sink(`${JSON.stringify(outputObject(result, options))}\n`);
    },
    end() {},
  };
}
