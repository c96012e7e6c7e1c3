import { fileError } from '../errors.js';
import type { AudioFile } from '../input-file.js';
import type { InProcessFormat } from '../types.js';
import { type InProcessBlocks, type InProcessOptions, inProcessMonoBlocks } from './decode.js';
import {
  type AddonAudioStream,
  type AudioStreamClass,
  acceptNative,
  type NativeAccepted,
  nativeComplete,
  nativeFacts,
  nativeStreamDecoder,
  OGG_TAIL_BYTES,
  opusRateFor,
} from './native.js';
import type { StreamFacts } from './session.js';

/** Frames per native read: 64 Ki (4 s at 16 kHz, 256 KiB of float32) keeps memory bounded and calls few. */
export const NATIVE_BLOCK_FRAMES = 65536;

type Block = { mono: Float32Array; sampleRate: number };

/**
 * Mono blocks of `file` for a long stream: libsndfile in the addon reads the file block by block
 * (by path, never whole) when it is available and takes the file on the same terms as
 * `decodeNative`; otherwise the WebAssembly decoders (`inProcessMonoBlocks`). When libsndfile
 * fails mid-stream, or the end shows the file cut short, the WebAssembly path takes over where the
 * blocks stopped: it decodes the file again, skips the samples already given, and gives the rest
 * or its own typed error for the file. So errors, and lossless samples, do not depend on which
 * decoder is built in.
 */
export function streamMonoBlocks(
  file: AudioFile,
  format: InProcessFormat,
  head: Uint8Array,
  options: InProcessOptions & { dedicated?: boolean },
): InProcessBlocks {
  const AudioStream = nativeStreamDecoder();
  const accepted = AudioStream === null ? null : acceptNative(file, format, head);
  if (AudioStream === null || accepted === null) return inProcessMonoBlocks(file, format, head, options);
  return nativeMonoBlocks(file, format, head, options, AudioStream, accepted);
}

function nativeMonoBlocks(
  file: AudioFile,
  format: InProcessFormat,
  head: Uint8Array,
  options: InProcessOptions & { dedicated?: boolean },
  AudioStream: AudioStreamClass,
  accepted: NativeAccepted,
): InProcessBlocks {
  let facts: (() => StreamFacts | undefined) | undefined;
  /** The WebAssembly blocks from sample `skip` on (all of them when nothing was given yet). */
  async function* wasmFrom(skip: number, rate: number | undefined): AsyncGenerator<Block> {
    const wasm = inProcessMonoBlocks(file, format, head, options);
    facts = wasm.facts;
    let left = skip;
    for await (const block of wasm.blocks) {
      if (rate !== undefined && block.sampleRate !== rate) {
        throw fileError(
          'DECODE_FAILED',
          file.path,
          `libsndfile decoded it at ${rate} Hz, the fallback at ${block.sampleRate} Hz`,
        );
      }
      if (left >= block.mono.length) {
        left -= block.mono.length;
        continue;
      }
      yield { mono: left > 0 ? block.mono.subarray(left) : block.mono, sampleRate: block.sampleRate };
      left = 0;
    }
  }

  /** The native stream, or null when libsndfile declines the file (then the WebAssembly path takes it all). */
  async function open(tail: Uint8Array): Promise<{ stream: AddonAudioStream; known: StreamFacts } | null> {
    // An Ogg file without its end page fails at the end anyway: leave it to the WebAssembly path now.
    if (format.startsWith('ogg') && !nativeComplete(format, head, tail, 0, accepted)) return null;
    let stream: AddonAudioStream;
    try {
      stream = new AudioStream(file.absolutePath, format === 'ogg-opus' ? opusRateFor(options.targetRate) : undefined);
    } catch {
      return null;
    }
    const known = nativeFacts(format, head, stream, accepted);
    if (known === null) {
      stream.close();
      return null;
    }
    return { stream, known };
  }

  async function* blocks(): AsyncGenerator<Block> {
    const tail = await file.read(Math.max(0, file.size - OGG_TAIL_BYTES), OGG_TAIL_BYTES);
    const opened = await open(tail);
    if (opened === null) {
      yield* wasmFrom(0, undefined);
      return;
    }
    const { stream, known } = opened;
    facts = () => known;
    let given = 0;
    try {
      for (;;) {
        if (options.signal?.aborted) throw fileError('ABORTED', file.path, 'decoding was aborted');
        if (options.deadline !== undefined && performance.now() > options.deadline) {
          throw fileError('TIMEOUT', file.path, `decoding took longer than ${options.timeoutMs} ms`);
        }
        let mono: Float32Array | null;
        try {
          mono = stream.read(NATIVE_BLOCK_FRAMES);
        } catch {
          break; // libsndfile failed: the WebAssembly path goes on from `given`
        }
        if (mono === null) {
          if (nativeComplete(format, head, tail, given, accepted)) return;
          break; // cut short: the WebAssembly path gives the file's error
        }
        given += mono.length;
        yield { mono, sampleRate: stream.sampleRate };
      }
    } finally {
      stream.close();
    }
    yield* wasmFrom(given, given > 0 ? stream.sampleRate : undefined);
  }
  return { blocks: blocks(), facts: () => facts?.() };
}
