/** Sample encodings serkit reads and writes in WAV files. */
export type WavSampleFormat = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

/** Decoded audio: one Float32Array per channel, samples in [-1, 1] for integer formats. */
export interface WavAudio {
  readonly sampleRate: number;
  readonly channels: Float32Array[];
  /** The encoding the file used. */
  readonly format: WavSampleFormat;
}

export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** The tail shared by the KSDATAFORMAT_SUBTYPE_* GUIDs after their 2-byte format code. */
export const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

export function bytesPerSample(format: WavSampleFormat): number {
  switch (format) {
    case 'pcm8':
      return 1;
    case 'pcm16':
      return 2;
    case 'pcm24':
      return 3;
    case 'pcm32':
    case 'float32':
      return 4;
    case 'float64':
      return 8;
  }
}

export function isFloatFormat(format: WavSampleFormat): boolean {
  return format === 'float32' || format === 'float64';
}

/** The format for a (format code, bits per sample) pair, or undefined when serkit has none. */
export function sampleFormatOf(code: number, bits: number): WavSampleFormat | undefined {
  if (code === WAVE_FORMAT_PCM) {
    if (bits === 8) return 'pcm8';
    if (bits === 16) return 'pcm16';
    if (bits === 24) return 'pcm24';
    if (bits === 32) return 'pcm32';
  } else if (code === WAVE_FORMAT_IEEE_FLOAT) {
    if (bits === 32) return 'float32';
    if (bits === 64) return 'float64';
  }
  return undefined;
}
