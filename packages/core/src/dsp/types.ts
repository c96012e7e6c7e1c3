/**
 * The DSP interface shared by the pure-TypeScript path (this package) and the native addon
 * (@serkit/native). Callers hold a `Dsp` and never know which implementation runs.
 *
 * Conventions (librosa's): matrices are row-major `rows x cols` with features as rows and frames as
 * columns (librosa's `(n_mels, t)`), samples are mono Float32, parameter names are the same
 * everywhere (`sampleRate`, `nFft`, `hopLength`, `winLength`, `nMels`, `nMfcc`, `fmin`, `fmax`).
 * Every option has librosa's default, stated on the option.
 */

/** A dense row-major matrix: element (r, c) is `data[r * cols + c]`. */
export interface Matrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

export type WindowName = 'hann' | 'hamming' | 'rectangular';
export type PadMode = 'constant' | 'reflect';

export interface StftOptions {
  /** FFT size. Default 2048. Must be in [2, 2^20]. */
  nFft?: number;
  /** Hop between frames. Default `winLength / 4`. */
  hopLength?: number;
  /** Window length, zero-padded to nFft. Default `nFft`. */
  winLength?: number;
  /** Default 'hann' (periodic, as scipy.signal.get_window). */
  window?: WindowName;
  /** Pad so frame t is centred on sample t*hop. Default true. */
  center?: boolean;
  /** Padding used when `center`. Default 'constant' (zeros; librosa >= 0.10). */
  padMode?: PadMode;
}

/** Complex STFT, `(1 + nFft/2) x frames`, real and imaginary parts in separate matrices. */
export interface ComplexMatrix {
  readonly re: Float32Array;
  readonly im: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

export interface SpectrogramOptions extends StftOptions {
  /** Exponent of the magnitude: 1 for energy, 2 for power. Default 2. */
  power?: number;
}

export interface MelOptions {
  /** Sample rate of the signal. Default 22050. */
  sampleRate?: number;
  /** FFT size the spectrogram was made with. Default 2048. */
  nFft?: number;
  /** Number of mel bands. Default 128. Must be >= 1. */
  nMels?: number;
  /** Lowest band edge in Hz. Default 0. */
  fmin?: number;
  /** Highest band edge in Hz. Default sampleRate / 2; must not exceed it. */
  fmax?: number;
  /** HTK mel formula instead of Slaney's. Default false. */
  htk?: boolean;
  /** 'slaney' area normalisation or none. Default 'slaney'. */
  norm?: 'slaney' | null;
}

export interface MelSpectrogramOptions extends SpectrogramOptions, MelOptions {}

export interface PowerToDbOptions {
  /** Reference power (scalar). Default 1.0. */
  ref?: number;
  /** Floor on power before the log. Default 1e-10. Must be > 0. */
  amin?: number;
  /** Clip to `max - topDb`; null disables. Default 80. */
  topDb?: number | null;
}

export interface MfccOptions extends MelSpectrogramOptions, PowerToDbOptions {
  /** Number of coefficients. Default 20 (librosa). The paper uses 13. */
  nMfcc?: number;
  /** DCT type; only 2 is supported. Default 2. */
  dctType?: 2;
  /** DCT normalisation. Default 'ortho'. */
  dctNorm?: 'ortho' | null;
  /** Cepstral liftering coefficient; 0 disables. Default 0. */
  lifter?: number;
}

/** Start MFCC from samples, or from a precomputed log-power mel spectrogram (librosa's `S=`). */
export type MfccInput = { y: Float32Array } | { logMel: Matrix };
/** Start a mel spectrogram from samples or from a precomputed power spectrogram. */
export type MelInput = { y: Float32Array } | { power: Matrix };

export interface DeltaOptions {
  /** Window width, odd and >= 3. Default 9. */
  width?: number;
  /** Derivative order. Default 1. */
  order?: number;
  /** Edge handling. Default 'interp' (Savitzky-Golay fit at the edges, as librosa). */
  mode?: 'interp' | 'nearest' | 'mirror' | 'constant' | 'wrap';
}

export interface ResampleOptions {
  /** Band-limited method. Default 'fft' — the method of the librosa references. */
  method?: 'fft' | 'sinc';
}

export interface NoiseOptions {
  /** Seed of the PRNG drawing the noise. Required: randomness is always explicit. */
  seed: number;
  /** Target signal-to-noise ratio in dB (white Gaussian noise). */
  snrDb?: number;
  /**
   * The paper's rule: noise amplitude = `peakRatio * max(|y|)`, uniform draw of the ratio in
   * [0, peakRatio] (the paper uses 0.035). Used when `snrDb` is absent. Default 0.035.
   */
  peakRatio?: number;
}

export interface TimeStretchOptions extends StftOptions {}

export interface PitchShiftOptions extends StftOptions {
  /** Semitones per octave. Default 12. */
  binsPerOctave?: number;
  resample?: ResampleOptions;
}

export interface Dsp {
  /** 'ts' for the pure-TypeScript path, 'native' for the C++ addon. */
  readonly name: 'ts' | 'native';
  stft(y: Float32Array, options?: StftOptions): ComplexMatrix;
  /** |STFT|^power. */
  spectrogram(y: Float32Array, options?: SpectrogramOptions): Matrix;
  /** The mel filter bank, `nMels x (1 + nFft/2)`. */
  melFilterBank(options?: MelOptions): Matrix;
  melSpectrogram(input: MelInput, options?: MelSpectrogramOptions): Matrix;
  powerToDb(S: Matrix, options?: PowerToDbOptions): Matrix;
  mfcc(input: MfccInput, options?: MfccOptions): Matrix;
  delta(data: Matrix, options?: DeltaOptions): Matrix;
  resample(y: Float32Array, origSampleRate: number, targetSampleRate: number, options?: ResampleOptions): Float32Array;
  addNoise(y: Float32Array, options: NoiseOptions): Float32Array;
  timeStretch(y: Float32Array, rate: number, options?: TimeStretchOptions): Float32Array;
  pitchShift(y: Float32Array, sampleRate: number, nSteps: number, options?: PitchShiftOptions): Float32Array;
}
