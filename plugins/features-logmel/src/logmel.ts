import {
  CONTRACT_VERSION,
  type ConfiguredExtractor,
  check,
  type FeatureContext,
  type FeatureExtractor,
  type FeatureMatrix,
  fingerprint,
  type Matrix,
  SerkitError,
} from '@serkit/core';
import {
  fitFrames,
  fitStandardisedFrames,
  loudFrameRange,
  sliceFrames,
  stackRows,
  standardiseRows,
  transpose,
} from './frames.js';

/** Options of the `logmel` extractor; each default is stated beside it in `LOGMEL_DEFAULTS`. */
export type LogMelConfig = {
  readonly sampleRate: number;
  readonly nFft: number;
  readonly winLength: number;
  readonly hopLength: number;
  readonly nMels: number;
  readonly fmin: number;
  /** Highest band edge in Hz; null means sampleRate / 2. */
  readonly fmax: number | null;
  readonly topDb: number;
  readonly trimDb: number;
  readonly normalise: 'utterance' | 'none';
  readonly deltas: number;
  readonly deltaWidth: number;
  readonly frames: number;
};

/**
 * Defaults: the recipe that won the speaker-independent RAVDESS experiments (ACCURACY.md).
 * 25 ms Hann windows every 10 ms at 16 kHz, 64 Slaney mel bands over 0-8 kHz, power in dB
 * (librosa.power_to_db: ref 1, amin 1e-10, top_db 80).
 */
export const LOGMEL_DEFAULTS: LogMelConfig = {
  /** Hz the host resamples to. */
  sampleRate: 16000,
  /** FFT size (32 ms); the 25 ms window is zero-padded to it. */
  nFft: 512,
  /** 25 ms window. */
  winLength: 400,
  /** 10 ms hop: one frame every 10 ms. */
  hopLength: 160,
  nMels: 64,
  fmin: 0,
  fmax: null,
  /** Dynamic range kept by power_to_db. */
  topDb: 80,
  /** Drop lead-in and tail frames whose loudest band is more than this many dB below the clip's peak; 0 keeps all. */
  trimDb: 40,
  /** 'utterance': every band to mean 0, std 1 over the clip's (trimmed) frames; 'none': raw dB. */
  normalise: 'utterance',
  /** Delta orders appended after the log-mel bands: 0 none, 1 deltas, 2 deltas and delta-deltas. */
  deltas: 0,
  /** librosa.feature.delta's width (odd, >= 3). */
  deltaWidth: 9,
  /**
   * Fixed frame count: longer clips keep their centre frames, shorter ones are zero-padded on both
   * sides (192 = 1.92 s of speech). 0 keeps the whole trimmed clip (variable length): what
   * `serkit train --random-crop` draws its training crops from.
   */
  frames: 192,
} as const;

function validate(config: LogMelConfig): void {
  const positiveInt = (name: keyof LogMelConfig) =>
    check(
      Number.isInteger(config[name]) && (config[name] as number) > 0,
      name,
      `must be a positive integer, got ${String(config[name])}`,
    );
  for (const name of ['sampleRate', 'nFft', 'winLength', 'hopLength', 'nMels'] as const) positiveInt(name);
  check(
    Number.isInteger(config.frames) && config.frames >= 0,
    'frames',
    `must be an integer >= 0 (0: whole clip), got ${String(config.frames)}`,
  );
  check(config.winLength <= config.nFft, 'winLength', `must not exceed nFft (${config.nFft})`);
  check(config.fmin >= 0, 'fmin', 'must be >= 0');
  const fmax = config.fmax ?? config.sampleRate / 2;
  check(fmax > config.fmin && fmax <= config.sampleRate / 2, 'fmax', `must lie in (fmin, sampleRate / 2]`);
  check(config.topDb > 0, 'topDb', 'must be > 0');
  check(config.trimDb >= 0, 'trimDb', 'must be >= 0 (0 disables trimming)');
  check(config.normalise === 'utterance' || config.normalise === 'none', 'normalise', "must be 'utterance' or 'none'");
  check([0, 1, 2].includes(config.deltas), 'deltas', 'must be 0, 1 or 2');
  check(
    Number.isInteger(config.deltaWidth) && config.deltaWidth >= 3 && config.deltaWidth % 2 === 1,
    'deltaWidth',
    'must be an odd integer >= 3',
  );
}

/** The dB mel spectrogram of `samples`, `bands x frames`. */
function melDb(samples: Float32Array, config: LogMelConfig, { dsp }: FeatureContext): Matrix {
  const power = dsp.melSpectrogram(
    { y: samples },
    {
      sampleRate: config.sampleRate,
      nFft: config.nFft,
      winLength: config.winLength,
      hopLength: config.hopLength,
      nMels: config.nMels,
      fmin: config.fmin,
      fmax: config.fmax ?? config.sampleRate / 2,
      power: 2,
    },
  );
  return dsp.powerToDb(power, { ref: 1, amin: 1e-10, topDb: config.topDb });
}

/** Log-mel bands and their deltas of the loud frames of `db`, normalised, as `bands x frames`. */
function bandsWithDeltas(db: Matrix, config: LogMelConfig, { dsp }: FeatureContext): Matrix {
  const { start, end } = loudFrameRange(db, config.trimDb);
  const speech = sliceFrames(db, start, end);
  const base = config.normalise === 'utterance' ? standardiseRows(speech) : speech;
  // librosa's 'interp' edges need at least `width` frames; a shorter clip uses 'nearest'.
  const mode = base.cols >= config.deltaWidth ? 'interp' : 'nearest';
  const d1 = dsp.delta(base, { width: config.deltaWidth, order: 1, mode });
  if (config.deltas === 1) return stackRows([base, d1]);
  return stackRows([base, d1, dsp.delta(base, { width: config.deltaWidth, order: 2, mode })]);
}

/**
 * `logmel`: a frame sequence of log-mel bands for sequence models (CNNs, BiLSTMs).
 * Steps: mel power spectrogram -> dB -> trim quiet edges -> per-utterance standardisation ->
 * optional deltas -> centre crop / zero pad to `frames` (0: keep all) -> `frames x (nMels * (1 + deltas))`.
 */
export const logMelExtractor: FeatureExtractor<LogMelConfig> = {
  kind: 'features',
  contractVersion: CONTRACT_VERSION,
  id: 'logmel',
  version: '0.1.0',
  description: 'log-mel frame sequence (64 bands, 25 ms / 10 ms), trimmed, per-utterance normalised, fixed 192 frames',
  defaults: LOGMEL_DEFAULTS,
  configure(overrides: Partial<LogMelConfig> = {}): ConfiguredExtractor<LogMelConfig> {
    const config: LogMelConfig = { ...LOGMEL_DEFAULTS, ...overrides };
    validate(config);
    return {
      id: logMelExtractor.id,
      config,
      sampleRate: config.sampleRate,
      output: 'sequence',
      dims: config.nMels * (1 + config.deltas),
      fingerprint: fingerprint(logMelExtractor.id, logMelExtractor.version, config),
      extract(samples: Float32Array, context: FeatureContext): FeatureMatrix {
        if (samples.length === 0) throw new SerkitError('INVALID_AUDIO', 'no samples', { input: 'samples' });
        const db = melDb(samples, config, context);
        let fitted: Matrix;
        if (config.deltas === 0) {
          const { start, end } = loudFrameRange(db, config.trimDb);
          fitted = fitStandardisedFrames(db, start, end, config.normalise === 'utterance', config.frames);
        } else {
          const bands = bandsWithDeltas(db, config, context);
          fitted = transpose(config.frames === 0 ? bands : fitFrames(bands, config.frames));
        }
        return { data: fitted.data, frames: fitted.rows, dims: fitted.cols };
      },
    };
  },
};
