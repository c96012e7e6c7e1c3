import {
  CONTRACT_VERSION,
  type ConfiguredExtractor,
  type FeatureContext,
  type FeatureExtractor,
  type FeatureMatrix,
  fingerprint,
} from '@serkit/core';
import { dspMfccOptions, MFCC_DEFAULTS, type MfccConfig, validateMfccConfig } from './mfcc-options.js';
import { checkSamples, mergeConfig } from './options.js';
import { PACKAGE_VERSION } from './package-info.js';

export type MfccMeanConfig = MfccConfig;

/**
 * The paper's features: `np.mean(librosa.feature.mfcc(y, sr=22050, n_mfcc=13).T, axis=0)` — 13
 * MFCCs averaged over all frames, one vector per clip.
 */
export const mfccMean: FeatureExtractor<MfccMeanConfig> = {
  kind: 'features',
  contractVersion: CONTRACT_VERSION,
  id: 'mfcc-mean',
  version: PACKAGE_VERSION,
  description: "The paper's features: 13 MFCCs (librosa defaults at 22050 Hz) averaged over time",
  defaults: MFCC_DEFAULTS,
  configure(config?: Partial<MfccMeanConfig>): ConfiguredExtractor<MfccMeanConfig> {
    const merged = mergeConfig('mfcc-mean', MFCC_DEFAULTS, config);
    validateMfccConfig(merged);
    const options = dspMfccOptions(merged);
    return {
      id: 'mfcc-mean',
      config: merged,
      sampleRate: merged.sampleRate,
      output: 'vector',
      dims: merged.nMfcc,
      fingerprint: fingerprint('mfcc-mean', PACKAGE_VERSION, merged),
      extract(samples: Float32Array, context: FeatureContext): FeatureMatrix {
        checkSamples(samples, 'samples');
        const mfcc = context.dsp.mfcc({ y: samples }, options);
        return { data: meanOverFrames(mfcc.data, mfcc.rows, mfcc.cols), frames: 1, dims: mfcc.rows };
      },
    };
  },
};

/** Row means of a row-major `rows x cols` matrix, accumulated in float64. */
export function meanOverFrames(data: Float32Array, rows: number, cols: number): Float32Array {
  const means = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += data[r * cols + c];
    means[r] = cols === 0 ? 0 : sum / cols;
  }
  return means;
}
