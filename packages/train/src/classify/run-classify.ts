import { check } from '@serkit/core';
import { type ClassifyStreamOptions, classifyStream } from './classify-stream.js';
import { type ExpandedInput, type ExpandOptions, expandInputs } from './expand-inputs.js';
import { inOrder } from './in-order.js';
import type { FeatureSource, Predictor } from './ports.js';
import { type OutputFormat, resultWriter, type TextSink } from './render/index.js';
import { type ClassifySummary, isFailed } from './types.js';

export interface RunClassifyOptions extends ClassifyStreamOptions, ExpandOptions {
  readonly format: OutputFormat;
  /** Add every class probability to the output. Default false. */
  readonly probs?: boolean;
  /** Called as files finish: how many are done, and how many inputs have been seen so far. */
  readonly onProgress?: (done: number, seen: number) => void;
}

/** Usage checks (INVALID_ARGUMENT naming the flag), run before anything heavy loads. */
export function checkClassifyInputs(
  inputs: readonly string[],
  options: { readonly segment?: number; readonly hop?: number },
): void {
  check(inputs.length > 0, 'inputs', 'give at least one file, directory, glob, or - for a list on stdin');
  if (options.segment !== undefined) {
    check(Number.isFinite(options.segment) && options.segment > 0, '--segment', 'must be a number of seconds > 0');
  }
  if (options.hop !== undefined) {
    check(options.segment !== undefined, '--hop', 'needs --segment');
    check(Number.isFinite(options.hop) && options.hop > 0, '--hop', 'must be a number of seconds > 0');
  }
}

/**
 * The whole `serkit classify` run: expand `inputs`, classify them through `source` and `predictor`,
 * write each result to `sink` in `format` (`jsonl` in finishing order, the others in input order)
 * and return the counts. One bad file never stops the run.
 */
export async function runClassify(
  inputs: readonly string[],
  source: FeatureSource,
  predictor: Predictor,
  sink: TextSink,
  options: RunClassifyOptions,
): Promise<ClassifySummary> {
  checkClassifyInputs(inputs, options);
  const started = performance.now();
  let seen = 0;
  async function* counted(): AsyncGenerator<ExpandedInput> {
    for await (const entry of expandInputs(inputs, options)) {
      seen++;
      yield entry;
    }
  }
  const out = coalesced(sink);
  const writer = resultWriter(options.format, out.sink, {
    labels: predictor.labels,
    ...(predictor.second ? { second: predictor.second } : {}),
    probs: options.probs,
  });
  const stream = classifyStream(counted(), source, predictor, options);
  let ok = 0;
  let failed = 0;
  for await (const result of options.format === 'jsonl' ? stream : inOrder(stream)) {
    if (isFailed(result)) failed++;
    else ok++;
    writer.write(result);
    options.onProgress?.(ok + failed, seen);
  }
  const summary = { ok, failed, seconds: (performance.now() - started) / 1000 };
  writer.end(summary);
  out.flush();
  return summary;
}

/**
 * A sink that joins what is written in one turn of the event loop into one write: results come in
 * bursts (a batch of up to 512 finishes at once), and one write per line cost more than the JSON.
 * Lines still go out as their batch finishes.
 */
function coalesced(sink: TextSink): { sink: TextSink; flush(): void } {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    sink(text);
  };
  return {
    sink(text) {
      pending.push(text);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
