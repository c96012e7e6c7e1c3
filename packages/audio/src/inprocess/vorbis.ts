import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { oggIdHeader } from './headers.js';
import { checkOggComplete } from './ogg-end.js';
import { quietly } from './quiet.js';
import { ErrorFlag, SharedDecoder } from './serial.js';
import type { DecodeSession, PcmBlock, SessionFile, SessionOptions, StreamFacts } from './session.js';

/** Ogg Vorbis on one reused libvorbis instance, reset before each new file (only when it was used). */
const shared = new SharedDecoder(() => new OggVorbisDecoder(), true);

export async function vorbisSession(file: SessionFile, options: SessionOptions = {}): Promise<DecodeSession> {
  const { decoder: vorbis, release } = await shared.checkout(options.dedicated);
  const id = oggIdHeader(file.head);
  const facts: StreamFacts | undefined = id
    ? { codec: 'vorbis', channels: id.channels, sampleRate: id.sampleRate }
    : undefined;
  let decoded = 0;
  const block = (out: { channelData: Float32Array[]; samplesDecoded: number; sampleRate: number }): PcmBlock | null => {
    decoded += out.samplesDecoded;
    return out.samplesDecoded === 0 ? null : { channels: out.channelData, sampleRate: out.sampleRate };
  };
  const flag = new ErrorFlag();
  return {
    push: (bytes) => flag.run(async () => block(await quietly(() => vorbis.decode(bytes)))),
    async end() {
      try {
        const last = block(await quietly(() => vorbis.flush()));
        if (!options.dedicated) shared.markClean(); // flush resets the decoder
        checkOggComplete(file, decoded, 'Vorbis');
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
