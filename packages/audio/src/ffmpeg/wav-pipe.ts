import { SerkitError } from '@serkit/core';

export interface PipeWavFormat {
  channels: number;
  sampleRate: number;
}

const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Parses the header of the 32-bit float WAV that ffmpeg writes to a pipe (sizes unknown, so the
 * RIFF and data sizes are 0xFFFFFFFF and ignored). Returns the format and where samples start, or
 * null when `bytes` does not hold the whole header yet. Only this one shape is accepted: it is
 * what `ffmpegPcmArgs` asks for; anything else means ffmpeg changed underneath us.
 */
export function parsePipeWavHeader(bytes: Uint8Array): { format: PipeWavFormat; dataOffset: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  if (bytes.length < 12) return null;
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new SerkitError('INTERNAL', 'ffmpeg did not write a WAV stream');
  let at = 12;
  let format: PipeWavFormat | undefined;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'data') {
      if (!format) throw new SerkitError('INTERNAL', 'ffmpeg wrote WAV data before its format');
      return { format, dataOffset: at + 8 };
    }
    if (at + 8 + size > bytes.length) return null;
    if (id === 'fmt ') {
      const formatTag = view.getUint16(at + 8, true);
      const bits = view.getUint16(at + 22, true);
      const isFloat =
        formatTag === WAVE_FORMAT_IEEE_FLOAT ||
        (formatTag === WAVE_FORMAT_EXTENSIBLE &&
          size >= 40 &&
          view.getUint16(at + 32, true) === WAVE_FORMAT_IEEE_FLOAT);
      if (!isFloat || bits !== 32) throw new SerkitError('INTERNAL', 'ffmpeg did not write 32-bit float WAV');
      format = { channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true) };
    }
    at += 8 + size + (size & 1);
  }
  return null;
}

/**
 * Turns ffmpeg's WAV byte stream into the format and interleaved float32 sample blocks. Blocks
 * hold whole frames (one sample per channel); a partial frame is carried into the next block.
 */
export async function* pipeWavSamples(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<{ format: PipeWavFormat } | { interleaved: Float32Array }> {
  let pending: Uint8Array = new Uint8Array(0);
  let frameBytes = 0;
  const append = (chunk: Uint8Array): Uint8Array => {
    if (pending.length === 0) return chunk;
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending);
    joined.set(chunk, pending.length);
    return joined;
  };
  for await (const chunk of chunks) {
    pending = append(chunk);
    if (frameBytes === 0) {
      const header = parsePipeWavHeader(pending);
      if (!header) continue;
      frameBytes = header.format.channels * 4;
      yield { format: header.format };
      pending = pending.subarray(header.dataOffset);
    }
    const usable = pending.length - (pending.length % frameBytes);
    if (usable === 0) continue;
    // Copy: chunk buffers belong to the stream and may not be 4-byte aligned.
    const interleaved = new Float32Array(usable / 4);
    new Uint8Array(interleaved.buffer).set(pending.subarray(0, usable));
    yield { interleaved };
    pending = pending.slice(usable);
  }
}
