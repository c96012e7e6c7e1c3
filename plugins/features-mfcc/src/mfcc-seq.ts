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
import { dspMfccOptions, MFCC_DEFAULTS, type MfccConfig, validateMfccConfig } from './mfcc-options.js';
import { checkInteger, checkSamples, mergeConfig } from './options.js';
import { PACKAGE_VERSION } from './package-info.js';

export type MfccSeqConfig = MfccConfig & {
  /** 0: MFCC only; 1: + deltas; 2: + deltas and delta-deltas (librosa.feature.delta). Default 0. */
  readonly deltas: number;
  /** Window of the delta filter, odd and >= 3. Default 9 (librosa). */
  readonly deltaWidth: number;
};

export const MFCC_SEQ_DEFAULTS: MfccSeqConfig = { ...MFCC_DEFAULTS, deltas: 0, deltaWidth: 9 };

/**
 * MFCC frame sequences, `frames x dims` (time major, as recurrent models consume them), with
 * optional deltas stacked after the coefficients: dims = nMfcc x (1 + deltas).
 */
export const mfccSeq: FeatureExtractor<MfccSeqConfig> = {
  kind: 'features',
  contractVersion: CONTRACT_VERSION,
  id: 'mfcc-seq',
  version: PACKAGE_VERSION,
  description: 'MFCC frame sequences (librosa defaults at 22050 Hz, 13 coefficients), optionally with deltas',
  defaults: MFCC_SEQ_DEFAULTS,
  configure(config?: Partial<MfccSeqConfig>): ConfiguredExtractor<MfccSeqConfig> {
    const merged = mergeConfig('mfcc-seq', MFCC_SEQ_DEFAULTS, config);
    validateMfccConfig(merged);
    checkInteger(merged.deltas, 'deltas', 0, 2);
    checkInteger(merged.deltaWidth, 'deltaWidth', 3, 99);
    check(merged.deltaWidth % 2 === 1, 'deltaWidth', `must be odd (got ${merged.deltaWidth})`);
    const options = dspMfccOptions(merged);
    return {
      id: 'mfcc-seq',
      config: merged,
      sampleRate: merged.sampleRate,
      output: 'sequence',
      dims: merged.nMfcc * (1 + merged.deltas),
      fingerprint: fingerprint('mfcc-seq', PACKAGE_VERSION, merged),
      extract(samples: Float32Array, context: FeatureContext): FeatureMatrix {
        checkSamples(samples, 'samples');
        const mfcc = context.dsp.mfcc({ y: samples }, options);
        if (merged.deltas > 0 && mfcc.cols < merged.deltaWidth) {
          // librosa.feature.delta refuses too, with a message that does not say what to change.
          const seconds = ((merged.deltaWidth - 1) * merged.hopLength) / merged.sampleRate;
          throw new SerkitError(
            'INVALID_AUDIO',
            `too short for deltas: ${mfcc.cols} frames, deltaWidth ${merged.deltaWidth} needs ${merged.deltaWidth} (about ${seconds.toFixed(2)} s); use deltas=0 or a smaller deltaWidth`,
            { input: 'samples' },
          );
        }
        const blocks = [mfcc];
        for (let order = 1; order <= merged.deltas; order++) {
          blocks.push(context.dsp.delta(mfcc, { width: merged.deltaWidth, order }));
        }
        return stackTransposed(blocks);
      },
    };
  },
};

/** Stacks `features x frames` blocks row-wise and transposes to `frames x (sum of features)`. */
export function stackTransposed(blocks: readonly Matrix[]): FeatureMatrix {
  const frames = blocks[0].cols;
  const dims = blocks.reduce((sum, block) => sum + block.rows, 0);
  const data = new Float32Array(frames * dims);
  let offset = 0;
  for (const block of blocks) {
    for (let r = 0; r < block.rows; r++) {
      for (let t = 0; t < frames; t++) data[t * dims + offset + r] = block.data[r * block.cols + t];
    }
    offset += block.rows;
  }
  return { data, frames, dims };
}
