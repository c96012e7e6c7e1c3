import { SerkitError } from '@serkit/core';
import { SILENCE_PEAK_DBFS } from './clip-check.js';
import type { ExpandedInput } from './expand-inputs.js';
import type { ClipInput, FeatureSource, Predictor } from './ports.js';
import { MeanProbabilities, rowWidth, toPrediction } from './prediction.js';
import type { ClassifiedFile, ClassifyResult, FailedFile, SegmentPrediction } from './types.js';

/**
 * Inputs per inference call when the network runs on this thread: on the bundled model (tfjs wasm)
 * 512 ran ~1.8x the clips/s of 128 there (a batch blocks this thread, decoding included); a batch
 * only waits while files are still being decoded, and a run's last batch goes out when the inputs end.
 */
export const DEFAULT_BATCH_SIZE = 512;

/**
 * A batch goes out as soon as this many inputs wait (or `batchSize`, if smaller) rather than when
 * `batchSize` do: inference then overlaps decoding instead of waiting for it (a run of 240 clips was
 * one batch at the end). While a batch runs, more inputs arrive, so batches grow towards
 * `batchSize` when decoding outpaces inference. On the bundled model (tfjs wasm) a batch of 128
 * costs the same CPU per input as one of 512; 32 costs ~2x.
 */
export const EAGER_BATCH_SIZE = 128;

export interface ClassifyStreamOptions {
  /** Files decoded at once (memory grows with it, not with the number of inputs). Default 16. */
  readonly concurrency?: number;
  /**
   * Most model inputs per inference call (a batch goes out from EAGER_BATCH_SIZE on). Default:
   * EAGER_BATCH_SIZE when the predictor runs batches in parallel (on worker threads, where larger
   * batches only cost memory: 128 per call used 690 MiB for 1,440 clips, 512 per call 1 GB), else
   * DEFAULT_BATCH_SIZE.
   */
  readonly batchSize?: number;
  /** With a segment length (seconds), each file gets a per-window timeline; see `hop`. Default: none. */
  readonly segment?: number;
  /** Seconds between window starts with `segment`. Default: `segment` (no overlap). */
  readonly hop?: number;
  /** Window (and hop) in seconds for files the source calls long, classified as the mean of windows. Default 3. */
  readonly longFileWindow?: number;
}

/**
 * Classifies a stream of expanded inputs, yielding one result per input as files finish (use
 * `inOrder` to restore input order). Files keep decoding while batches are on the network (as many
 * at once as the predictor's `parallelism`). At most `concurrency` files are being decoded and no
 * new file starts while `batchSize` inputs wait, so memory stays flat however many files come in.
 * A file that fails becomes a `{file, error}` result; nothing but a broken network stops the stream.
 */
export async function* classifyStream(
  inputs: AsyncIterable<ExpandedInput>,
  source: FeatureSource,
  predictor: Predictor,
  options: ClassifyStreamOptions = {},
): AsyncGenerator<ClassifyResult> {
  if (options.segment !== undefined) {
    yield* classifyTimelines(inputs, source, predictor, options.segment, options.hop ?? options.segment, options);
    return;
  }
  const concurrency = Math.max(1, options.concurrency ?? 16);
  // One batch per thread the predictor runs on, each packed into a buffer of its own.
  const slots = Math.max(1, predictor.parallelism ?? 1);
  const batchSize = Math.max(1, options.batchSize ?? (slots > 1 ? EAGER_BATCH_SIZE : DEFAULT_BATCH_SIZE));
  const eager = Math.min(batchSize, EAGER_BATCH_SIZE);
  const freeBuffers: PackBuffer[] = Array.from({ length: slots }, () => ({ data: new Float32Array(0) }));
  const longWindow = options.longFileWindow ?? 3;
  const ready: { index: number; file: string; clip: ClipInput }[] = [];
  const done: ClassifyResult[] = [];
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const iterator = inputs[Symbol.asyncIterator]();
  let exhausted = false;
  let index = 0;
  // Batches on the network: files keep decoding while they run.
  let running = 0;
  let networkError: unknown;
  for (;;) {
    // Start files until the pool is full, a batch's worth waits, or the inputs run out.
    while (!exhausted && inFlight < concurrency && ready.length < batchSize) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const entry = next.value;
      const at = index++;
      if ('error' in entry) {
        done.push(failure(at, entry.file, entry.error));
        continue;
      }
      inFlight++;
      const job = async () => {
        try {
          const clip = await source.clip(entry.file);
          if ('long' in clip) {
            // Too long to hold whole: the mean over streamed windows, without the timeline.
            const { segments: _, ...whole } = await classifyTimeline(
              at,
              entry.file,
              source,
              predictor,
              longWindow,
              longWindow,
              batchSize,
            );
            done.push(whole);
          } else {
            ready.push({ index: at, file: entry.file, clip });
          }
        } catch (error) {
          done.push(failure(at, entry.file, error));
        }
        inFlight--;
        notify();
      };
      void job();
    }
    if (networkError !== undefined) throw networkError;
    const drained = exhausted && inFlight === 0;
    while (running < slots && (ready.length >= eager || (drained && ready.length > 0))) {
      const buffer = freeBuffers.pop() as PackBuffer;
      running++;
      void predictBatch(ready.splice(0, batchSize), predictor, buffer).then(
        (results) => {
          done.push(...results);
          freeBuffers.push(buffer);
          running--;
          notify();
        },
        (error: unknown) => {
          networkError = error;
          running--;
          notify();
        },
      );
    }
    while (done.length > 0) yield done.shift() as ClassifyResult;
    if (drained && ready.length === 0 && running === 0) return;
    // Nothing to do until a file or a batch finishes: the pool is full (or the inputs are over,
    // or a batch's worth waits) and no batch can start.
    const canStart = !exhausted && inFlight < concurrency && ready.length < batchSize;
    const batchDue = running < slots && (ready.length >= eager || (drained && ready.length > 0));
    if (!canStart && !batchDue && done.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function predictBatch(
  batch: readonly { index: number; file: string; clip: ClipInput }[],
  predictor: Predictor,
  buffer?: PackBuffer,
): Promise<ClassifiedFile[]> {
  const probs = await predictor.predict(
    pack(
      batch.map((item) => item.clip.input),
      predictor.inputSize,
      buffer,
    ),
    batch.length,
  );
  const width = rowWidth(predictor);
  return batch.map((item, i) => ({
    index: item.index,
    file: item.file,
    duration: item.clip.duration,
    ...(item.clip.warnings?.length ? { warnings: item.clip.warnings } : {}),
    ...toPrediction(probs.subarray(i * width, (i + 1) * width), predictor.labels, predictor.second),
  }));
}

/** `--segment`: files one after another, each streamed window by window through batched inference. */
async function* classifyTimelines(
  inputs: AsyncIterable<ExpandedInput>,
  source: FeatureSource,
  predictor: Predictor,
  segment: number,
  hop: number,
  options: ClassifyStreamOptions,
): AsyncGenerator<ClassifyResult> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let index = 0;
  for await (const entry of inputs) {
    const at = index++;
    if ('error' in entry) {
      yield failure(at, entry.file, entry.error);
      continue;
    }
    try {
      yield await classifyTimeline(at, entry.file, source, predictor, segment, hop, batchSize);
    } catch (error) {
      yield failure(at, entry.file, error);
    }
  }
}

async function classifyTimeline(
  index: number,
  file: string,
  source: FeatureSource,
  predictor: Predictor,
  segment: number,
  hop: number,
  batchSize: number,
): Promise<ClassifiedFile> {
  const width = rowWidth(predictor);
  const mean = new MeanProbabilities(width);
  const segments: SegmentPrediction[] = [];
  let pending: { start: number; end: number; input: Float32Array }[] = [];
  let duration = 0;
  let silent = 0;
  const flush = async () => {
    const inputs = pack(
      pending.map((w) => w.input),
      predictor.inputSize,
    );
    const probs = await predictor.predict(inputs, pending.length);
    pending.forEach((w, i) => {
      const row = probs.subarray(i * width, (i + 1) * width);
      mean.add(row);
      segments.push({ start: w.start, end: w.end, ...toPrediction(row, predictor.labels, predictor.second) });
    });
    pending = [];
  };
  for await (const window of source.windows(file, segment, hop)) {
    duration = Math.max(duration, window.start + window.duration);
    if ('silent' in window) {
      silent++;
      continue;
    }
    pending.push({ start: window.start, end: window.start + window.duration, input: window.input });
    if (pending.length >= batchSize) await flush();
  }
  if (pending.length > 0) await flush();
  if (mean.count === 0) {
    const why = silent > 0 ? `silent: every window peaks below ${SILENCE_PEAK_DBFS} dBFS` : 'no audio to classify';
    throw new SerkitError('INVALID_AUDIO', why, { input: file });
  }
  const warnings =
    silent > 0
      ? [`${silent} silent window${silent > 1 ? 's' : ''} left out (peak below ${SILENCE_PEAK_DBFS} dBFS)`]
      : [];
  return {
    index,
    file,
    duration,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...toPrediction(mean.mean(), predictor.labels, predictor.second),
    segments,
  };
}

/**
 * A packing array reused by the batches of a run (a fresh 25 MB array per batch of 512 kept the
 * garbage collector busy). Safe because a buffer returns to the pool only when its batch settles,
 * and a Predictor does not keep its inputs after `predict` settles.
 */
interface PackBuffer {
  data: Float32Array;
}

/** Lays model inputs end to end, as `Predictor.predict` takes them (in `buffer`'s array when given). */
function pack(inputs: readonly Float32Array[], size: number, buffer?: PackBuffer): Float32Array {
  const length = inputs.length * size;
  let packed: Float32Array;
  if (buffer === undefined) packed = new Float32Array(length);
  else {
    if (buffer.data.length < length) buffer.data = new Float32Array(length);
    packed = buffer.data.subarray(0, length);
  }
  for (let i = 0; i < inputs.length; i++) packed.set(inputs[i], i * size);
  return packed;
}

function failure(index: number, file: string, error: unknown): FailedFile {
  if (error instanceof SerkitError) return { index, file, error: error.reason, code: error.code };
  return { index, file, error: (error as Error | undefined)?.message ?? String(error), code: 'INTERNAL' };
}
