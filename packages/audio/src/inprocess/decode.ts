import { fileError } from '../errors.js';
import type { AudioFile } from '../input-file.js';
import { MonoCollector, planarToMono } from '../mixdown.js';
import type { InProcessFormat } from '../types.js';
import { flacSession } from './flac.js';
import { mpegSession } from './mpeg.js';
import { opusSession } from './opus.js';
import type { DecodeSession, SessionFile, StreamFacts } from './session.js';
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

function openSession(format: InProcessFormat, file: SessionFile, targetRate?: number): Promise<DecodeSession> {
  switch (format) {
    case 'wav':
      return wavSession(file);
    case 'flac':
      return flacSession(file);
    case 'mp3':
      return mpegSession(file);
    case 'ogg-vorbis':
      return vorbisSession(file);
    case 'ogg-opus':
      return opusSession(file, targetRate);
  }
}

/**
 * Decodes `file` in process, pushing it to the decoder 1 MiB at a time; stops reading once
 * `maxSeconds` are decoded; checks abort and the deadline between pushes.
 */
export async function decodeInProcess(
  file: AudioFile,
  format: InProcessFormat,
  head: Uint8Array,
  options: InProcessOptions,
): Promise<InProcessDecoded> {
  const tail = await file.read(Math.max(0, file.size - TAIL_BYTES), TAIL_BYTES);
  const session = await openSession(format, { path: file.path, head, tail }, options.targetRate);
  let collector: MonoCollector | undefined;
  let rate = 0;
  const take = (block: { channels: Float32Array[]; sampleRate: number } | null) => {
    if (!block || block.channels.length === 0) return;
    if (!collector) {
      rate = block.sampleRate;
      collector = new MonoCollector(
        options.maxSeconds === undefined ? undefined : Math.floor(options.maxSeconds * rate),
      );
    }
    collector.add(planarToMono(block.channels));
  };
  let settled = false;
  try {
    for (let position = 0; position < file.size && !collector?.full; position += READ_CHUNK_BYTES) {
      if (options.signal?.aborted) throw fileError('ABORTED', file.path, 'decoding was aborted');
      if (options.deadline !== undefined && performance.now() > options.deadline) {
        throw fileError('TIMEOUT', file.path, `decoding took longer than ${options.timeoutMs} ms`);
      }
      const bytes = position === 0 && head.length === file.size ? head : await file.read(position, READ_CHUNK_BYTES);
      take(await session.push(bytes));
    }
    if (!collector?.full) {
      settled = true;
      take(await session.end());
    }
  } finally {
    if (!settled) await session.cancel();
  }
  const facts = session.facts();
  if (!collector || collector.length === 0 || !facts) {
    throw fileError('INVALID_AUDIO', file.path, 'the file holds no audio samples');
  }
  return { mono: collector.samples(), sampleRate: rate, facts };
}
