import type { MfccOptions } from '@serkit/core';
import { checkInteger, checkNumber } from './options.js';

/** The MFCC options both extractors share, with librosa's defaults at 22050 Hz and the paper's 13 coefficients. */
export type MfccConfig = {
  /** Sample rate the host resamples to. Default 22050 (librosa.load's default, the paper's rate). */
  readonly sampleRate: number;
  /** Coefficients kept. Default 13 (the paper; librosa's default is 20). */
  readonly nMfcc: number;
  /** FFT size. Default 2048 (librosa). */
  readonly nFft: number;
  /** Hop between frames. Default 512 (librosa). */
  readonly hopLength: number;
  /** Mel bands. Default 128 (librosa). */
  readonly nMels: number;
  /** Lowest mel band edge, Hz. Default 0 (librosa). */
  readonly fmin: number;
  /** Highest mel band edge, Hz; null = sampleRate / 2. Default null (librosa). */
  readonly fmax: number | null;
  /** Cepstral liftering; 0 disables. Default 0 (librosa). */
  readonly lifter: number;
};

export const MFCC_DEFAULTS: MfccConfig = {
  sampleRate: 22050,
  nMfcc: 13,
  nFft: 2048,
  hopLength: 512,
  nMels: 128,
  fmin: 0,
  fmax: null,
  lifter: 0,
};

/** Range checks of the shared options (INVALID_ARGUMENT naming the option). */
export function validateMfccConfig(config: MfccConfig): void {
  checkInteger(config.sampleRate, 'sampleRate', 1000, 384_000);
  checkInteger(config.nFft, 'nFft', 16, 1 << 16);
  checkInteger(config.hopLength, 'hopLength', 1, config.nFft);
  checkInteger(config.nMels, 'nMels', 1, 512);
  checkInteger(config.nMfcc, 'nMfcc', 1, config.nMels);
  checkNumber(config.fmin, 'fmin', 0, config.sampleRate / 2);
  if (config.fmax !== null) checkNumber(config.fmax, 'fmax', config.fmin, config.sampleRate / 2);
  checkNumber(config.lifter, 'lifter', 0, 1000);
}

/** The Dsp options for `config`. */
export function dspMfccOptions(config: MfccConfig): MfccOptions {
  return {
    sampleRate: config.sampleRate,
    nMfcc: config.nMfcc,
    nFft: config.nFft,
    hopLength: config.hopLength,
    nMels: config.nMels,
    fmin: config.fmin,
    ...(config.fmax === null ? {} : { fmax: config.fmax }),
    lifter: config.lifter,
  };
}
