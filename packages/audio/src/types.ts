/** Formats serkit decodes in process (recognised by their magic bytes, never by file extension). */
export type InProcessFormat = 'wav' | 'flac' | 'mp3' | 'ogg-vorbis' | 'ogg-opus';

/** Which decoder to use: in process where the format allows, ffmpeg for everything, or auto. */
export type DecoderChoice = 'auto' | 'inprocess' | 'ffmpeg';

export interface DecodeOptions {
  /** Sample rate of the returned samples. Default: the file's own rate (no resampling). */
  sampleRate?: number;
  /**
   * 'auto' (default): in process for WAV/FLAC/MP3/Ogg Vorbis/Opus (recognised by magic bytes),
   * ffmpeg for the rest and whenever the in-process decoder cannot decode a file.
   * 'inprocess': never start ffmpeg. 'ffmpeg': ffmpeg for every file.
   */
  decoder?: DecoderChoice;
  /** Keep at most this many seconds from the start of the file. Default: no cap. */
  maxSeconds?: number;
  /** Give up on a file after this many milliseconds (the ffmpeg child is killed). Default 60000. */
  timeoutMs?: number;
  /** Abort the decode; a running ffmpeg child is killed. */
  signal?: AbortSignal;
}

/** What the file held before mix-down and resampling. */
export interface SourceInfo {
  /** In-process format name, or ffmpeg's container name (e.g. 'mov,mp4,m4a,3gp,3g2,mj2'). */
  format: string;
  /** Codec name, e.g. 'pcm_s16le', 'flac', 'mp3', 'vorbis', 'opus', 'aac'. */
  codec: string;
  channels: number;
  sampleRate: number;
  /** Which decoder produced the samples. */
  decoder: 'inprocess' | 'ffmpeg';
  /** In process: libsndfile in the native addon, or the WebAssembly decoders (and the core's WAV reader). */
  engine?: 'libsndfile' | 'wasm';
}

/** Measures of a decoded signal taken by the decoder as it wrote the samples. */
export interface SampleLevels {
  /** Largest magnitude of the finite samples. */
  peak: number;
  /** Whether every sample is finite. */
  finite: boolean;
}

export interface DecodedAudio {
  /** Mono samples (channels averaged), at `sampleRate`. */
  samples: Float32Array;
  sampleRate: number;
  /** Seconds: samples.length / sampleRate. */
  duration: number;
  source: SourceInfo;
  /**
   * Largest |sample| of `samples`, when the decoder measured it on the way (libsndfile, and the
   * samples neither capped nor resampled after): spares callers a pass over the samples.
   */
  peak?: number;
}

/** Multi-channel PCM as a decoder returns it, before mix-down and resampling. */
export interface PcmChannels {
  channels: Float32Array[];
  sampleRate: number;
}
