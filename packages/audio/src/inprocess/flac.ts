import { FLACDecoder } from '@wasm-audio-decoders/flac';
import CodecParser, { type CodecFrame, type FLACHeader } from 'codec-parser';
import { fileError } from '../errors.js';
import { flacStreamInfo } from './headers.js';
import { quietly } from './quiet.js';
import { SharedDecoder } from './serial.js';
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
  const down = 2 ** (bits - 1);
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) channel[i] = Math.round(channel[i] * up) / down;
  }
}

/** codec-parser's generators are typed as plain iterators. */
const frames = (it: Iterator<unknown>): CodecFrame[] => [...(it as unknown as Iterable<CodecFrame>)];

const isRealError = (message: string) => !message.includes('MISSING_FRAME');

export async function flacSession(file: SessionFile, options: SessionOptions = {}): Promise<DecodeSession> {
  const { decoder: flac, release } = await shared.checkout(options.dedicated);
  const info = flacStreamInfo(file.head);
  const parser = new CodecParser('audio/flac', { enableFrameCRC32: false, enableLogging: false });
  let facts: StreamFacts | undefined;
  let decoded = 0;
  const decodeFrames = async (batch: CodecFrame[]): Promise<PcmBlock | null> => {
    if (batch.length === 0) return null;
    const header = batch[0].header as FLACHeader;
    facts ??= { codec: 'flac', channels: header.channels, sampleRate: header.sampleRate };
    const out = await quietly(() => flac.decodeFrames(batch.map((f) => f.data)));
    const errors = out.errors.filter((e) => isRealError(e.message));
    if (errors.length > 0) {
      throw fileError(
        'MALFORMED_FILE',
        file.path,
        `corrupt FLAC data (frame ${errors[0].frameNumber}): ${errors[0].message}`,
      );
    }
    rescale(out.channelData, header.bitDepth);
    decoded += out.samplesDecoded;
    return { channels: out.channelData, sampleRate: header.sampleRate };
  };
  return {
    push: (bytes) => decodeFrames(frames(parser.parseChunk(bytes))),
    async end() {
      try {
        const last = await decodeFrames(frames(parser.flush()));
        if (decoded === 0) throw fileError('DECODE_FAILED', file.path, 'no FLAC audio frames could be decoded');
        if (info && info.totalSamples > 0 && decoded < info.totalSamples) {
          const want = (info.totalSamples / info.sampleRate).toFixed(2);
          const got = (decoded / info.sampleRate).toFixed(2);
          throw fileError(
            'MALFORMED_FILE',
            file.path,
            `truncated: the header promises ${want} s, the file holds ${got} s`,
          );
        }
        return last;
      } finally {
        release();
      }
    },
    cancel: async () => release(),
    facts: () => facts,
  };
}
