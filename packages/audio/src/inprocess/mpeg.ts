import { MPEGDecoder } from 'mpg123-decoder';
import { fileError, truncatedError } from '../errors.js';
import { id3v2Length } from '../sniff.js';
import { mpegStreamInfo } from './headers.js';
import { quietly } from './quiet.js';
import { ErrorFlag, SharedDecoder } from './serial.js';
import type { DecodeSession, PcmBlock, SessionFile, SessionOptions, StreamFacts } from './session.js';

/**
 * MP3 (MPEG 1/2/2.5 layer I-III) on one reused libmpg123 instance, gapless (encoder delay and
 * padding removed, as ffmpeg does). mpg123 keeps bit-reservoir and filter-bank state across
 * frames, so the instance is reset before each new file (only when it was used).
 */
const shared = new SharedDecoder(() => new MPEGDecoder({ enableGapless: true }), true);

/** Frames a Xing header may promise beyond what decodes (delay, padding, rounding) before we call the file truncated. */
const FRAME_SLACK = 3;

export async function mpegSession(file: SessionFile, options: SessionOptions = {}): Promise<DecodeSession> {
  const { decoder: mpeg, release } = await shared.checkout(options.dedicated);
  const info = mpegStreamInfo(file.head, id3v2Length(file.head));
  const facts: StreamFacts | undefined = info
    ? { codec: 'mp3', channels: info.channels, sampleRate: info.sampleRate }
    : undefined;
  let decoded = 0;
  const decode = async (bytes: Uint8Array): Promise<PcmBlock | null> => {
    const out = await quietly(() => mpeg.decode(bytes));
    decoded += out.samplesDecoded;
    if (out.samplesDecoded === 0) return null;
    // mpg123 always outputs two channels; for a mono file they are copies, so keep one.
    const channels = facts?.channels === 1 ? out.channelData.slice(0, 1) : out.channelData;
    return { channels, sampleRate: out.sampleRate };
  };
  const flag = new ErrorFlag();
  return {
    push: (bytes) => flag.run(() => decode(bytes)),
    async end() {
      try {
        if (decoded === 0) throw fileError('DECODE_FAILED', file.path, 'no MP3 audio frames could be decoded');
        if (info?.xingFrames !== undefined && decoded < (info.xingFrames - FRAME_SLACK) * info.samplesPerFrame) {
          const promised = (info.xingFrames * info.samplesPerFrame) / info.sampleRate;
          throw truncatedError(file.path, promised, decoded / info.sampleRate);
        }
        return null;
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
