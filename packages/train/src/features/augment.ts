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

export const AUGMENTATIONS: readonly AugmentationName[] = ['noise', 'pitch', 'stretch', 'speed0.9', 'speed1.1'];

/** Speed perturbation factors (Kaldi's 0.9 / 1.1): a speaker's voice moved by ~10 % in pitch and tempo. */
const SPEED_FACTORS = { 'speed0.9': 0.9, 'speed1.1': 1.1 } as const;

/** Parses `--augment noise,pitch,stretch,speed0.9,speed1.1 | none`. */
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
 * Returns `samples` in `variant`: unchanged for 'original', else one augmentation, computed by `dsp`
 * (native addon or TS core). `seed` drives the noise draw. Speed perturbation resamples to
 * sampleRate / factor and reads the result at sampleRate: a factor above 1 is shorter and higher.
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
    case 'speed0.9':
    case 'speed1.1':
      return dsp.resample(samples, sampleRate, Math.round(sampleRate / SPEED_FACTORS[variant]));
  }
}
