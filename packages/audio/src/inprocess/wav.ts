import { readWav, type WavSampleFormat } from '@serkit/core';
import { fileError } from '../errors.js';
import type { DecodeSession, PcmBlock, SessionFile, StreamFacts } from './session.js';

/** Where the samples of a RIFF/WAVE file start, and the size its data chunk declares. */
export interface WavLayout {
  dataStart: number;
  declaredBytes: number;
  blockAlign: number;
}

/** Data-chunk sizes that streaming writers leave (read to the end), as in the core's reader. */
const STREAMING_SIZES = new Set([0, 0xffffffff]);
/** Give up looking for the data chunk after this many header bytes (a hostile file could claim huge chunks). */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** Walks the chunk list to the 'data' chunk; null while more bytes are needed. Validation is the core reader's job. */
export function wavLayout(bytes: Uint8Array): WavLayout | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let blockAlign = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 22 <= bytes.length) blockAlign = view.getUint16(at + 20, true);
    if (id === 'data') return blockAlign > 0 ? { dataStart: at + 8, declaredBytes: size, blockAlign } : null;
    at += 8 + size + (size % 2);
  }
  return null;
}

/** ffmpeg's names for the WAV sample encodings, so both decoder paths report the same codec. */
const CODEC_NAMES: Record<WavSampleFormat, string> = {
  pcm8: 'pcm_u8',
  pcm16: 'pcm_s16le',
  pcm24: 'pcm_s24le',
  pcm32: 'pcm_s32le',
  float32: 'pcm_f32le',
  float64: 'pcm_f64le',
};

/** Throws MALFORMED_FILE when fewer data bytes are there than the data chunk declares. */
function checkDataComplete(path: string, layout: WavLayout, available: number): void {
  if (!STREAMING_SIZES.has(layout.declaredBytes) && available < layout.declaredBytes) {
    const reason = `truncated: the data chunk declares ${layout.declaredBytes} bytes but only ${available} remain`;
    throw fileError('MALFORMED_FILE', path, reason);
  }
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/**
 * WAV through the core's reader (`readWav`), block by block so a long file is never held whole:
 * each block is decoded as the file's own header (data size marked "streaming") plus whole frames.
 */
export async function wavSession(file: SessionFile): Promise<DecodeSession> {
  let pending: Uint8Array = new Uint8Array(0);
  let header: Uint8Array | undefined;
  let layout: WavLayout | undefined;
  let facts: StreamFacts | undefined;
  let dataBytesSeen = 0;
  let headerBytesSeen = 0;

  const decode = (frames: Uint8Array): PcmBlock => {
    const wav = readWav(header ? concat(header, frames) : frames, { name: file.path });
    facts ??= { codec: CODEC_NAMES[wav.format], channels: wav.channels.length, sampleRate: wav.sampleRate };
    return { channels: wav.channels, sampleRate: wav.sampleRate };
  };

  const push = async (bytes: Uint8Array): Promise<PcmBlock | null> => {
    pending = concat(pending, bytes);
    if (!layout) {
      headerBytesSeen = pending.length;
      const found = wavLayout(pending);
      if (!found) {
        if (pending.length > MAX_HEADER_BYTES)
          throw fileError('MALFORMED_FILE', file.path, 'no WAV data chunk in the first 16 MiB');
        return null;
      }
      layout = found;
      header = pending.slice(0, layout.dataStart);
      // The data size is marked "streaming" so the core reader takes each block as the whole data.
      new DataView(header.buffer).setUint32(layout.dataStart - 4, 0xffffffff, true);
      pending = pending.subarray(layout.dataStart);
    }
    const whole = pending.length - (pending.length % layout.blockAlign);
    const limit = STREAMING_SIZES.has(layout.declaredBytes)
      ? whole
      : Math.min(whole, layout.declaredBytes - dataBytesSeen);
    if (limit <= 0) return null;
    const block = decode(pending.subarray(0, limit));
    dataBytesSeen += limit;
    pending = pending.slice(limit);
    return block;
  };

  return {
    push,
    async end() {
      // No data chunk found: let the core reader say what is wrong with the header.
      if (!layout) {
        readWav(pending, { name: file.path });
        throw fileError('MALFORMED_FILE', file.path, `no WAV data chunk in ${headerBytesSeen} bytes`);
      }
      checkDataComplete(file.path, layout, dataBytesSeen + pending.length);
      if (!facts) return header ? decode(new Uint8Array(0)) : null;
      return null;
    },
    cancel: async () => {},
    facts: () => facts,
  };
}

/** Channels, rate, codec and duration from a WAV header (`head`: the file's first bytes), or null if the header is not in `head`. */
export function probeWavHeader(
  path: string,
  head: Uint8Array,
  fileSize: number,
): (StreamFacts & { duration: number }) | null {
  const layout = wavLayout(head);
  if (!layout) return null;
  const header = head.slice(0, layout.dataStart);
  new DataView(header.buffer).setUint32(layout.dataStart - 4, 0xffffffff, true);
  const wav = readWav(header, { name: path });
  const available = fileSize - layout.dataStart;
  checkDataComplete(path, layout, available);
  const dataBytes = STREAMING_SIZES.has(layout.declaredBytes) ? available : Math.min(available, layout.declaredBytes);
  const frames = Math.floor(dataBytes / layout.blockAlign);
  return {
    codec: CODEC_NAMES[wav.format],
    channels: wav.channels.length,
    sampleRate: wav.sampleRate,
    duration: frames / wav.sampleRate,
  };
}
