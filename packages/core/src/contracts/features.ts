import type { Dsp, Matrix } from '../dsp/types.js';
import type { CONTRACT_VERSION } from './version.js';

/**
 * Features of one clip, row-major `frames x dims` (time major, the layout models consume).
 * A vector extractor returns `frames = 1`.
 */
export interface FeatureMatrix {
  readonly data: Float32Array;
  readonly frames: number;
  readonly dims: number;
}

/** Plain-JSON configuration of an extractor (it is stored in model files and fingerprinted). */
export type FeatureConfig = Readonly<Record<string, string | number | boolean | null>>;

export interface FeatureContext {
  /** The DSP implementation to use (native addon when available, else the TS core). */
  readonly dsp: Dsp;
}

/** An extractor with its configuration fixed. */
export interface ConfiguredExtractor<C extends FeatureConfig = FeatureConfig> {
  readonly id: string;
  readonly config: C;
  /** The sample rate `extract` expects; the host decodes/resamples to it. */
  readonly sampleRate: number;
  /** 'vector' (one row per clip) or 'sequence' (frames x dims). */
  readonly output: 'vector' | 'sequence';
  /** Number of dims of each frame. */
  readonly dims: number;
  /** Stable hash of id + version + config; cache keys and model compatibility checks use it. */
  readonly fingerprint: string;
  /** Compute features of mono `samples` at `this.sampleRate`. */
  extract(samples: Float32Array, context: FeatureContext): FeatureMatrix;
}

/**
 * A feature extractor plugin.
 *
 * @example
 * const rms: FeatureExtractor<{ frameLength: number }> = {
 *   kind: 'features', contractVersion: 1, id: 'rms', version: '1.0.0', description: 'frame RMS',
 *   defaults: { frameLength: 2048 },
 *   configure(config) { … return configured; },
 * };
 */
export interface FeatureExtractor<C extends FeatureConfig = FeatureConfig> {
  readonly kind: 'features';
  readonly contractVersion: typeof CONTRACT_VERSION;
  readonly id: string;
  readonly version: string;
  readonly description: string;
  /** Every option with its default. */
  readonly defaults: C;
  /** Validate `config` (merged over the defaults) and return the configured extractor. */
  configure(config?: Partial<C>): ConfiguredExtractor<C>;
}

export type { Matrix };
