import { fileError } from '../errors.js';
import type { AudioFile } from '../input-file.js';
import { MonoCollector, planarToMono } from '../mixdown.js';
import type { InProcessFormat } from '../types.js';
import { flacSession } from './flac.js';
import { mpegSession } from './mpeg.js';
import { opusSession } from './opus.js';
import type { DecodeSession, SessionFile, SessionOptions, StreamFacts } from './session.js';
import { vorbisSession } from './vorbis.js';
import { wavSession } from './wav.js';

/** File bytes per push: big enough that a clip is one push, small enough to bound memory on long files. */
export const READ_CHUNK_BYTES = 1024 * 1024;
const TAIL_BYTES = 64 * 1024;

export interface InProcessOptions {
  maxSeconds?: number;
  /** The rate the caller will resample to (lets Opus decode straight to it). */
  targetRate?: number;
  signal?: AbortSignal;
  /** performance.now() after which to give up with TIMEOUT. */
  deadline?: number;
  timeoutMs?: number;
}

export interface InProcessDecoded {
  mono: Float32Array;
  /** Rate of `mono` (the file's own rate, or the target rate where the codec decodes straight to it). */
  sampleRate: number;
  facts: StreamFacts;
}

function openSession(format: InProcessFormat, file: SessionFile, options: SessionOptions): Promise<DecodeSession> {
  switch (format) {
    case 'wav':
      return wavSession(file);
    case 'flac':
      return flacSession(file, options);
    case 'mp3':
      return mpegSession(file, options);
    case 'ogg-vorbis':
      return vorbisSession(file, options);
    case 'ogg-opus':
      return opusSession(file, options);
  }
}

/** Mono blocks as the decoder produces them, and the stream's facts once known. */
export interface InProcessBlocks {
  blocks: AsyncGenerator<{ mono: Float32Array; sampleRate: number }>;
  facts(): StreamFacts | undefined;
}

/**
 * Decodes `file` in process, pushing it to the decoder 1 MiB at a time and yielding mono blocks;
 * checks abort and the deadline between pushes. Stopping early (`return()`) cancels the decoder.
 * `dedicated` gives the file its own decoder instance (for long streams that would otherwise hold
 * the shared one).
 */
export function inProcessMonoBlocks(
  file: AudioFile,
  format: InProcessFormat,
  head: Uint8Array,
  options: InProcessOptions & { dedicated?: boolean },
): InProcessBlocks {
  let session: DecodeSession | undefined;
  async function* blocks() {
    const whole = head.length === file.size;
    const tail = whole
      ? head.subarray(Math.max(0, file.size - TAIL_BYTES))
      : await file.read(Math.max(0, file.size - TAIL_BYTES), TAIL_BYTES);
    session = await openSession(format, { path: file.path, head, tail, size: file.size }, options);
    let settled = false;
    try {
      for (let position = 0; position < file.size; position += READ_CHUNK_BYTES) {
        if (options.signal?.aborted) throw fileError('ABORTED', file.path, 'decoding was aborted');
        if (options.deadline !== undefined && performance.now() > options.deadline) {
          throw fileError('TIMEOUT', file.path, `decoding took longer than ${options.timeoutMs} ms`);
        }
        const bytes = whole ? head : await file.read(position, READ_CHUNK_BYTES);
        const block = await session.push(bytes);
        if (block && block.channels.length > 0)
          yield { mono: planarToMono(block.channels), sampleRate: block.sampleRate };
      }
      settled = true;
      const last = await session.end();
      if (last && last.channels.length > 0) yield { mono: planarToMono(last.channels), sampleRate: last.sampleRate };
    } finally {
      if (!settled) await session.cancel();
    }
  }
  return { blocks: blocks(), facts: () => session?.facts() };
}

/** The whole file (or its first `maxSeconds`) decoded in process, mono. */
export async function decodeInProcess(
  file: AudioFile,
  format: InProcessFormat,
  head: Uint8Array,
  options: InProcessOptions,
): Promise<InProcessDecoded> {
  const source = inProcessMonoBlocks(file, format, head, options);
  let collector: MonoCollector | undefined;
  let rate = 0;
  for await (const { mono, sampleRate } of source.blocks) {
    if (!collector) {
      rate = sampleRate;
      collector = new MonoCollector(
        options.maxSeconds === undefined ? undefined : Math.floor(options.maxSeconds * rate),
      );
    }
    collector.add(mono);
    if (collector.full) break; // return() cancels the decoder: the rest of the file is never read
  }
  const facts = source.facts();
  if (!collector || collector.length === 0 || !facts) {
    throw fileError('INVALID_AUDIO', file.path, 'the file holds no audio samples');
  }
  return { mono: collector.samples(), sampleRate: rate, facts };
}
