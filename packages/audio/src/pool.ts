import { availableParallelism } from 'node:os';
import { check, type SerkitError } from '@serkit/core';
import { decodeFile } from './decode-file.js';
import { asFileError } from './errors.js';
import type { DecodedAudio, DecodeOptions } from './types.js';

export interface PoolOptions extends DecodeOptions {
  /**
   * Files decoded at once. Default: the number of cores (`os.availableParallelism()`). ffmpeg
   * children run in parallel; in-process decoding shares this thread and overlaps only I/O.
   */
  concurrency?: number;
}

/** One file's outcome: its decoded audio, or the SerkitError that names it and says why. */
export type PoolResult =
  | { index: number; path: string; audio: DecodedAudio; error?: undefined }
  | { index: number; path: string; error: SerkitError; audio?: undefined };

/**
 * Decodes many files, `concurrency` at a time, yielding each result as it finishes (so not in
 * input order: `index` is the input position). Memory stays bounded: paths are pulled from the
 * input only when a slot is free, and no new file starts while the consumer is busy with a result,
 * so at most `concurrency` decoded files exist at once. A bad file yields `{ path, error }` and the
 * pool goes on. Each file gets `timeoutMs`; aborting `signal` kills running ffmpeg children, yields
 * their ABORTED results and takes no more paths. Breaking out of the loop kills them too.
 */
export async function* decodePool(
  paths: Iterable<string> | AsyncIterable<string>,
  options: PoolOptions = {},
): AsyncGenerator<PoolResult> {
  const { concurrency = availableParallelism(), signal, ...decodeOptions } = options;
  check(
    Number.isInteger(concurrency) && concurrency >= 1,
    'concurrency',
    `must be an integer >= 1, got ${concurrency}`,
  );
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort, { once: true });
  const input =
    Symbol.asyncIterator in paths ? paths[Symbol.asyncIterator]() : (paths as Iterable<string>)[Symbol.iterator]();
  const running = new Map<number, Promise<PoolResult>>();
  let next = 0;
  let exhausted = false;
  const start = (index: number, path: string) => {
    const decoding = decodeFile(path, { ...decodeOptions, signal: controller.signal }).then(
      (audio): PoolResult => ({ index, path, audio }),
      (error: unknown): PoolResult => ({ index, path, error: asFileError(error, String(path)) }),
    );
    running.set(index, decoding);
  };
  try {
    for (;;) {
      while (!exhausted && running.size < concurrency && !controller.signal.aborted) {
        const item = await input.next();
        if (item.done) exhausted = true;
        else start(next++, item.value);
      }
      if (running.size === 0) return;
      const result = await Promise.race(running.values());
      running.delete(result.index);
      yield result;
    }
  } finally {
    abort();
    signal?.removeEventListener('abort', abort);
    await Promise.allSettled(running.values());
    await input.return?.();
  }
}
