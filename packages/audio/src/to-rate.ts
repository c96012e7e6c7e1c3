import { resample } from '@serkit/core';

/**
 * Mono samples at `targetRate` through the core's band-limited resampler (librosa's default
 * method, 'fft') — the same code whichever decoder ran, so the decoder paths agree sample for
 * sample. The same rate (or none asked) returns the samples untouched.
 */
export function toRate(samples: Float32Array, sampleRate: number, targetRate: number | undefined): Float32Array {
  if (targetRate === undefined || targetRate === sampleRate) return samples;
  return resample(samples, sampleRate, targetRate);
}
