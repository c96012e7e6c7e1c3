import { SerkitError } from '../errors.js';
import {
  bytesPerSample,
  SUBFORMAT_GUID_TAIL,
  sampleFormatOf,
  WAVE_FORMAT_EXTENSIBLE,
  type WavAudio,
  type WavSampleFormat,
} from './format.js';

export interface ReadWavOptions {
  /** Average all channels into one. Default false. */
  mono?: boolean;
  /** Names the input in errors (a file path). Default 'wav'. */
  name?: string;
}

/** Data-chunk sizes that streaming writers leave when they cannot seek back: read to the end. */
const STREAMING_SIZES = new Set([0, 0xffffffff]);

interface FmtChunk {
  format: WavSampleFormat;
  channels: number;
  sampleRate: number;
  blockAlign: number;
}

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function parseFmt(view: DataView, offset: number, size: number, fail: (reason: string) => never): FmtChunk {
  if (size < 16) fail(`fmt chunk is ${size} bytes; at least 16 are needed`);
  let code = view.getUint16(offset, true);
  const channels = view.getUint16(offset + 2, true);
  const sampleRate = view.getUint32(offset + 4, true);
  const blockAlign = view.getUint16(offset + 12, true);
  const bits = view.getUint16(offset + 14, true);
  if (code === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) fail(`WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes; 40 are needed`);
    code = view.getUint16(offset + 24, true);
    for (let i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
      if (view.getUint8(offset + 26 + i) !== SUBFORMAT_GUID_TAIL[i])
        fail('unknown WAVE_FORMAT_EXTENSIBLE sub-format GUID');
    }
  }
  if (channels === 0) fail('fmt chunk declares 0 channels');
  if (sampleRate === 0) fail('fmt chunk declares a sample rate of 0');
  const format = sampleFormatOf(code, bits);
  if (format === undefined) {
    throw new SerkitError('UNSUPPORTED', `WAV format code ${code} with ${bits} bits per sample is not supported`);
  }
  if (blockAlign !== channels * bytesPerSample(format)) {
    fail(`block align ${blockAlign} does not match ${channels} channel(s) of ${bits}-bit samples`);
  }
  return { format, channels, sampleRate, blockAlign };
}

function decodeSample(view: DataView, offset: number, format: WavSampleFormat): number {
  switch (format) {
    case 'pcm8':
      return (view.getUint8(offset) - 128) / 128;
    case 'pcm16':
      return view.getInt16(offset, true) / 32768;
    case 'pcm24': {
      const value = view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getInt8(offset + 2) << 16);
      return value / 8388608;
    }
    case 'pcm32':
      return view.getInt32(offset, true) / 2147483648;
    case 'float32':
      return view.getFloat32(offset, true);
    case 'float64':
      return view.getFloat64(offset, true);
  }
}

/**
 * Decodes a RIFF/WAVE file: PCM 8/16/24/32-bit integers, IEEE float 32/64, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count and sample rate. Integer samples are scaled to [-1, 1)
 * (divided by 2^(bits-1)). Throws SerkitError 'MALFORMED_FILE' saying what is wrong with the bytes,
 * or 'UNSUPPORTED' for a valid WAV in another encoding (RF64, big-endian RIFX, A-law, ADPCM, …).
 */
export function readWav(bytes: Uint8Array, options: ReadWavOptions = {}): WavAudio {
  const name = options.name ?? 'wav';
  const fail = (reason: string): never => {
    throw new SerkitError('MALFORMED_FILE', reason, { input: name });
  };
  if (bytes.length < 12) fail(`only ${bytes.length} bytes; a WAV header needs at least 12`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riff = fourcc(view, 0);
  if (riff === 'RF64' || riff === 'RIFX') {
    throw new SerkitError('UNSUPPORTED', `${riff} WAV files are not supported`, { input: name });
  }
  if (riff !== 'RIFF') fail(`starts with '${riff}', not 'RIFF'`);
  if (fourcc(view, 8) !== 'WAVE') fail(`RIFF form type is '${fourcc(view, 8)}', not 'WAVE'`);

  let fmt: FmtChunk | undefined;
  let dataStart = -1;
  let dataBytes = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = fourcc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const available = bytes.length - body;
    if (id === 'data') {
      if (size > available) {
        if (!STREAMING_SIZES.has(size))
          fail(`data chunk declares ${size} bytes but only ${available} remain (truncated)`);
        dataBytes = available;
      } else {
        dataBytes = size;
      }
      dataStart = body;
      if (fmt !== undefined) break;
    } else {
      if (size > available) fail(`'${id}' chunk declares ${size} bytes but only ${available} remain (truncated)`);
      if (id === 'fmt ') {
        try {
          fmt = parseFmt(view, body, size, fail);
        } catch (error) {
          if (error instanceof SerkitError && error.input === undefined) {
            throw new SerkitError(error.code, error.reason, { input: name });
          }
          throw error;
        }
        if (dataStart >= 0) break;
      }
    }
    // Chunks are padded to an even size.
    offset = body + size + (size % 2);
  }
  if (fmt === undefined) return fail("no 'fmt ' chunk");
  if (dataStart < 0) return fail("no 'data' chunk");

  const frames = Math.floor(dataBytes / fmt.blockAlign);
  const width = bytesPerSample(fmt.format);
  const channels = Array.from({ length: fmt.channels }, () => new Float32Array(frames));
  for (let frame = 0; frame < frames; frame++) {
    const frameStart = dataStart + frame * fmt.blockAlign;
    for (let ch = 0; ch < fmt.channels; ch++) {
      channels[ch]![frame] = decodeSample(view, frameStart + ch * width, fmt.format);
    }
  }
  if (options.mono === true && channels.length > 1) {
    return { sampleRate: fmt.sampleRate, format: fmt.format, channels: [mixToMono(channels)] };
  }
  return { sampleRate: fmt.sampleRate, format: fmt.format, channels };
}

/** The average of the channels, sample by sample. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (first === undefined) return new Float32Array(0);
  const out = new Float32Array(first.length);
  const sum = new Float64Array(first.length);
  for (const channel of channels) for (let i = 0; i < sum.length; i++) sum[i]! += channel[i]!;
  for (let i = 0; i < out.length; i++) out[i] = sum[i]! / channels.length;
  return out;
}
