import { check, SerkitError } from '../errors.js';
import {
  bytesPerSample,
  isFloatFormat,
  SUBFORMAT_GUID_TAIL,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_IEEE_FLOAT,
  WAVE_FORMAT_PCM,
  type WavSampleFormat,
} from './format.js';

export interface WriteWavOptions {
  /** Sample encoding. Default 'pcm16'. */
  format?: WavSampleFormat;
  /**
   * Write a WAVE_FORMAT_EXTENSIBLE header. Default: only for more than 2 channels or more than 16
   * bits per sample, as Microsoft's WAVEFORMATEXTENSIBLE guidance says.
   */
  extensible?: boolean;
}

function encodeInteger(value: number, bits: number): number {
  // Integer codes are sample * 2^(bits-1), the inverse of readWav, clipped to the code range.
  const scale = 2 ** (bits - 1);
  const code = Math.round(value * scale);
  return Math.max(-scale, Math.min(scale - 1, code));
}

/**
 * Encodes channels (equal lengths, one Float32Array each) as a RIFF/WAVE file. Integer formats
 * clip samples to [-1, 1); NaN or infinite samples are rejected (INVALID_AUDIO).
 */
export function writeWav(
  audio: { sampleRate: number; channels: readonly Float32Array[] },
  options: WriteWavOptions = {},
): Uint8Array {
  const format = options.format ?? 'pcm16';
  const { sampleRate, channels } = audio;
  check(
    Number.isInteger(sampleRate) && sampleRate > 0 && sampleRate < 2 ** 32,
    'sampleRate',
    `must be a positive integer, got ${sampleRate}`,
  );
  check(
    channels.length >= 1 && channels.length <= 65535,
    'channels',
    `need 1 to 65535 channels, got ${channels.length}`,
  );
  const frames = channels[0]!.length;
  check(
    channels.every((c) => c.length === frames),
    'channels',
    'all channels must have the same length',
  );
  for (const [index, channel] of channels.entries()) {
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i]!)) {
        throw new SerkitError('INVALID_AUDIO', `sample ${i} is ${channel[i]}`, { input: `channels[${index}]` });
      }
    }
  }
  const width = bytesPerSample(format);
  const bits = width * 8;
  const blockAlign = channels.length * width;
  const dataBytes = frames * blockAlign;
  const extensible = options.extensible ?? (channels.length > 2 || bits > 16);
  const fmtBytes = extensible ? 40 : isFloatFormat(format) ? 18 : 16;
  const padByte = dataBytes % 2;
  // A float fmt chunk carries cbSize, and float files carry a fact chunk (sample frames per channel).
  const factBytes = isFloatFormat(format) || extensible ? 12 : 0;
  const total = 12 + 8 + fmtBytes + factBytes + 8 + dataBytes + padByte;
  check(total <= 0xffffffff, 'channels', 'audio too long for a 4 GiB RIFF file');

  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  const writeId = (offset: number, id: string) => {
    for (let i = 0; i < 4; i++) view.setUint8(offset + i, id.charCodeAt(i));
  };
  writeId(0, 'RIFF');
  view.setUint32(4, total - 8, true);
  writeId(8, 'WAVE');
  writeId(12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  const code = isFloatFormat(format) ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM;
  view.setUint16(20, extensible ? WAVE_FORMAT_EXTENSIBLE : code, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bits, true);
  let offset = 36;
  if (fmtBytes > 16) {
    view.setUint16(36, fmtBytes - 18, true);
    offset = 38;
  }
  if (extensible) {
    view.setUint16(38, bits, true); // valid bits per sample
    view.setUint32(40, 0, true); // channel mask: no speaker positions claimed
    view.setUint16(44, code, true);
    SUBFORMAT_GUID_TAIL.forEach((b, i) => {
      view.setUint8(46 + i, b);
    });
    offset = 60;
  }
  if (factBytes > 0) {
    writeId(offset, 'fact');
    view.setUint32(offset + 4, 4, true);
    view.setUint32(offset + 8, frames, true);
    offset += 12;
  }
  writeId(offset, 'data');
  view.setUint32(offset + 4, dataBytes, true);
  offset += 8;
  for (let frame = 0; frame < frames; frame++) {
    for (const channel of channels) {
      const value = channel[frame]!;
      switch (format) {
        case 'pcm8':
          view.setUint8(offset, encodeInteger(value, 8) + 128);
          break;
        case 'pcm16':
          view.setInt16(offset, encodeInteger(value, 16), true);
          break;
        case 'pcm24': {
          const code24 = encodeInteger(value, 24);
          view.setUint8(offset, code24 & 0xff);
          view.setUint8(offset + 1, (code24 >> 8) & 0xff);
          view.setUint8(offset + 2, (code24 >> 16) & 0xff);
          break;
        }
        case 'pcm32':
          view.setInt32(offset, encodeInteger(value, 32), true);
          break;
        case 'float32':
          view.setFloat32(offset, value, true);
          break;
        case 'float64':
          view.setFloat64(offset, value, true);
          break;
      }
      offset += width;
    }
  }
  return bytes;
}
