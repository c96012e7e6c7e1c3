import { OggOpusDecoder } from 'ogg-opus-decoder';
import { oggIdHeader } from './headers.js';
import { checkOggComplete } from './ogg-end.js';
import { quietly } from './quiet.js';
import type { DecodeSession, PcmBlock, SessionFile, SessionOptions, StreamFacts } from './session.js';

/** Rates libopus decodes to natively (its own band-limited resampler). */
const OPUS_RATES = new Set([8000, 12000, 16000, 24000, 48000]);

/**
 * Ogg Opus through libopus. When the caller wants one of Opus's own output rates, libopus decodes
 * straight to it (no separate resampling); otherwise at 48 kHz. ogg-opus-decoder creates its
 * libopus instance per stream anyway, so each file gets its own (cheap) wrapper.
 */
export async function opusSession(file: SessionFile, options: SessionOptions = {}): Promise<DecodeSession> {
  const targetRate = options.targetRate;
  const sampleRate = targetRate !== undefined && OPUS_RATES.has(targetRate) ? targetRate : 48000;
  const opus = new OggOpusDecoder({ sampleRate } as ConstructorParameters<typeof OggOpusDecoder>[0]);
  await opus.ready;
  const id = oggIdHeader(file.head);
  const facts: StreamFacts | undefined = id ? { codec: 'opus', channels: id.channels, sampleRate: 48000 } : undefined;
  let decoded = 0;
  const block = (out: { channelData: Float32Array[]; samplesDecoded: number }): PcmBlock | null => {
    decoded += out.samplesDecoded;
    return out.samplesDecoded === 0 ? null : { channels: out.channelData, sampleRate };
  };
  return {
    push: async (bytes) => block(await quietly(() => opus.decode(bytes))),
    async end() {
      try {
        const last = block(await quietly(() => opus.flush()));
        checkOggComplete(file, decoded, 'Opus');
        return last;
      } finally {
        opus.free();
      }
    },
    cancel: async () => opus.free(),
    facts: () => facts,
  };
}
