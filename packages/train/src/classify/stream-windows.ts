import * as audio from '@serkit/audio';
import { check, SerkitError } from '@serkit/core';

export interface StreamWindowsOptions {
  readonly sampleRate: number;
  /** Window length in seconds. */
  readonly segment: number;
  /** Seconds between window starts. */
  readonly hop: number;
  readonly decoder?: audio.DecoderChoice;
}

export interface SampleWindow {
  /** Seconds from the start of the file. */
  readonly start: number;
  readonly samples: Float32Array;
}

/** A tail shorter than this fraction of a window is dropped (unless the file has no full window). */
const MIN_TAIL_FRACTION = 0.5;

/**
 * `segment`-second windows of a file every `hop` seconds, decoded as a stream: only one window
 * (plus one decoded chunk) is in memory at a time, whatever the file's length.
 */
export async function* streamWindows(file: string, options: StreamWindowsOptions): AsyncGenerator<SampleWindow> {
  check(Number.isFinite(options.segment) && options.segment > 0, '--segment', 'must be a number of seconds > 0');
  check(Number.isFinite(options.hop) && options.hop > 0, '--hop', 'must be a number of seconds > 0');
  const size = Math.max(1, Math.round(options.segment * options.sampleRate));
  const hop = Math.max(1, Math.round(options.hop * options.sampleRate));
  const window = new Float32Array(size);
  let filled = 0; // samples of `window` holding audio
  let start = 0; // sample index of window[0] in the file
  let skip = 0; // samples still to drop before the next window starts (hop > segment)
  let emitted = 0;
  for await (const chunk of decodeChunks(file, options)) {
    let offset = 0;
    while (offset < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - offset);
        skip -= n;
        offset += n;
        continue;
      }
      const n = Math.min(size - filled, chunk.length - offset);
      window.set(chunk.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === size) {
        yield { start: start / options.sampleRate, samples: window.slice() };
        emitted++;
        start += hop;
        if (hop < size) {
          window.copyWithin(0, hop, size);
          filled = size - hop;
        } else {
          filled = 0;
          skip = hop - size;
        }
      }
    }
  }
  if (filled > 0 && (emitted === 0 || filled >= size * MIN_TAIL_FRACTION)) {
    yield { start: start / options.sampleRate, samples: window.slice(0, filled) };
  }
}

/** What `decodeStream` of @serkit/audio yields, as far as windowing needs. */
type ChunkStream = (
  file: string,
  options: { sampleRate: number; decoder?: audio.DecoderChoice },
) => AsyncIterable<Float32Array | { samples: Float32Array }>;

/**
 * Mono chunks at `sampleRate`: from @serkit/audio's streaming decoder when it offers one; else the
 * whole file decoded at once (correct, but memory then grows with the file's length).
 */
async function* decodeChunks(file: string, options: StreamWindowsOptions): AsyncGenerator<Float32Array> {
  const decodeStream = (audio as { decodeStream?: ChunkStream }).decodeStream;
  if (typeof decodeStream === 'function') {
    for await (const chunk of decodeStream(file, { sampleRate: options.sampleRate, decoder: options.decoder })) {
      yield chunk instanceof Float32Array ? chunk : chunk.samples;
    }
    return;
  }
  const decoded = await audio.decodeFile(file, { sampleRate: options.sampleRate, decoder: options.decoder });
  if (decoded.samples.length === 0) throw new SerkitError('INVALID_AUDIO', 'no samples', { input: file });
  yield decoded.samples;
}
