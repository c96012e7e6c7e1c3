import { FLACDecoder } from '@wasm-audio-decoders/flac';
import CodecParser, { type CodecFrame, type FLACHeader } from 'codec-parser';
import { fileError, truncatedError } from '../errors.js';
import { isFlacFrameHeader, splitFlacFrames } from './flac-frames.js';
import { type FlacStreamInfo, flacStreamInfo } from './headers.js';
import { quietly } from './quiet.js';
import { ErrorFlag, SharedDecoder } from './serial.js';
import type { DecodeSession, PcmBlock, SessionFile, SessionOptions, StreamFacts } from './session.js';

/**
 * Native FLAC on one reused libFLAC instance: serkit splits frames itself (codec-parser) and feeds
 * them with `decodeFrames`, which keeps the instance — `decodeFile` would re-instantiate the
 * WebAssembly module after every file (~3 ms, more than decoding a 3.5 s clip). FLAC frames are
 * self-contained, so a new file needs no reset; libFLAC only notes that frame numbers restarted
 * (MISSING_FRAME), which is ignored.
 */
const shared = new SharedDecoder(() => new FLACDecoder(), false);

/**
 * libFLAC's WebAssembly build scales integers by 1 / (2^(bits-1) - 1); WAV readers and ffmpeg use
 * 1 / 2^(bits-1). Rescale so FLAC equals the same audio in WAV sample for sample.
 */
function rescale(channels: Float32Array[], bits: number): void {
  if (bits > 24) return; // float32 cannot hold the integer exactly; keep libFLAC's value.
  const up = 2 ** (bits - 1) - 1;
  const down = 1 / 2 ** (bits - 1); // a power of two: multiplying is exact
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      // v * up is within float error of an integer: add a half and truncate toward zero to round.
      const v = channel[i] * up;
      channel[i] = (v < 0 ? Math.ceil(v - 0.5) : Math.floor(v + 0.5)) * down;
    }
  }
}

/**
 * codec-parser (2.5) may also drop a stream's last frame altogether (seen with a 139-sample final
 * block in RAVDESS). The bytes after the frames it returned are then that frame: hand them over
 * when they start with a valid frame header.
 */
function unparsedTail(file: SessionFile, info: FlacStreamInfo | null, frameBytes: number): Uint8Array[] {
  if (!info || info.audioStart < 0) return [];
  const leftover = file.size - info.audioStart - frameBytes;
  if (leftover <= 0 || leftover > file.tail.length) return [];
  const bytes = file.tail.subarray(file.tail.length - leftover);
  return isFlacFrameHeader(bytes, 0) ? splitFlacFrames(bytes) : [];
}

/** codec-parser's generators are typed as plain iterators. */
const frames = (it: Iterator<unknown>): CodecFrame[] => [...(it as unknown as Iterable<CodecFrame>)];

const isRealError = (message: string) => !message.includes('MISSING_FRAME');

export async function flacSession(file: SessionFile, options: SessionOptions = {}): Promise<DecodeSession> {
  const { decoder: flac, release } = await shared.checkout(options.dedicated);
  const info = flacStreamInfo(file.head);
  const parser = new CodecParser('audio/flac', { enableFrameCRC32: false, enableLogging: false });
  let facts: StreamFacts | undefined;
  let header: FLACHeader | undefined;
  let decoded = 0;
  let frameBytes = 0;
  /** Frames from codec-parser, counting their bytes (to find what it left unparsed at the end). */
  const parse = (it: Iterator<unknown>): CodecFrame[] => {
    const batch = frames(it);
    for (const f of batch) frameBytes += f.data.length;
    return batch;
  };
  const decodeFrames = async (
    batch: CodecFrame[],
    extra: Uint8Array[] = [],
    extraHeader?: FLACHeader,
  ): Promise<PcmBlock | null> => {
    header ??= (batch[0]?.header as FLACHeader | undefined) ?? extraHeader;
    if (!header || batch.length + extra.length === 0) return null;
    facts ??= { codec: 'flac', channels: header.channels, sampleRate: header.sampleRate };
    const data = [...batch.map((f) => f.data), ...extra];
    const out = await quietly(() => flac.decodeFrames(data));
    const errors = out.errors.filter((e) => isRealError(e.message));
    if (errors.length > 0) {
      const first = errors[0];
      throw fileError('MALFORMED_FILE', file.path, `corrupt FLAC data (frame ${first.frameNumber}): ${first.message}`);
    }
    rescale(out.channelData, header.bitDepth);
    decoded += out.samplesDecoded;
    return { channels: out.channelData, sampleRate: header.sampleRate };
  };
  const flag = new ErrorFlag();
  return {
    push: (bytes) => flag.run(() => decodeFrames(parse(parser.parseChunk(bytes)))),
    async end() {
      try {
        const rest = parse(parser.flush());
        const tailFrames = [...rest.flatMap((f) => splitFlacFrames(f.data)), ...unparsedTail(file, info, frameBytes)];
        const last = await decodeFrames([], tailFrames, rest[0]?.header as FLACHeader);
        if (decoded === 0) throw fileError('DECODE_FAILED', file.path, 'no FLAC audio frames could be decoded');
        // Metadata beyond the first 64 KiB hides where frames start: then a last short block may be missing.
        const slack = info && info.audioStart < 0 ? info.maxBlockSize : 0;
        if (info && info.totalSamples > 0 && decoded + slack < info.totalSamples) {
          throw truncatedError(file.path, info.totalSamples / info.sampleRate, decoded / info.sampleRate);
        }
        return last;
      } catch (error) {
        flag.errored = true; // before finally releases the decoder
        throw error;
      } finally {
        release(flag.errored);
      }
    },
    cancel: async () => release(flag.errored),
    facts: () => facts,
  };
}
