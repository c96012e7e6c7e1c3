import { type Dsp, SerkitError } from '@serkit/core';
import type { AugmentationName, Variant } from '../split/types.js';

/** The paper's augmentation settings. */
export const PAPER_AUGMENTATION = {
  /** Noise amplitude drawn uniformly in [0, 0.035] x the clip's peak. */
  noisePeakRatio: 0.035,
  /** librosa.effects.pitch_shift n_steps. */
  pitchSemitones: 0.7,
  /** librosa.effects.time_stretch rate (< 1 slows down). */
  stretchRate: 0.8,
} as const;

export const AUGMENTATIONS: readonly AugmentationName[] = ['noise', 'pitch', 'stretch'];

/** Parses `--augment noise,pitch,stretch | none` (default: all three, as the paper). */
export function parseAugment(value: string): AugmentationName[] {
  if (value.trim() === 'none' || value.trim() === '') return [];
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(AUGMENTATIONS as readonly string[]).includes(name)) {
      throw new SerkitError(
        'INVALID_ARGUMENT',
        `unknown augmentation '${name}' (use ${AUGMENTATIONS.join(',')} or none)`,
        {
          input: '--augment',
        },
      );
    }
  }
  return [...new Set(names)] as AugmentationName[];
}

/**
 * Returns `samples` in `variant`: unchanged for 'original', else one of the paper's augmentations,
 * computed by `dsp` (native addon or TS core). `seed` drives the noise draw.
 */
export function applyVariant(
  samples: Float32Array,
  sampleRate: number,
  variant: Variant,
  dsp: Dsp,
  seed: number,
): Float32Array {
  switch (variant) {
    case 'original':
      return samples;
    case 'noise':
      return dsp.addNoise(samples, { seed, peakRatio: PAPER_AUGMENTATION.noisePeakRatio });
    case 'pitch':
      return dsp.pitchShift(samples, sampleRate, PAPER_AUGMENTATION.pitchSemitones);
    case 'stretch':
      return dsp.timeStretch(samples, PAPER_AUGMENTATION.stretchRate);
  }
}
