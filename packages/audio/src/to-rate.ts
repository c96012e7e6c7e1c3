import * as core from '@serkit/core';
import { SerkitError } from '@serkit/core';

type Resample = (y: Float32Array, origSampleRate: number, targetSampleRate: number) => Float32Array;

/**
 * Mono samples at `targetRate`, through the core's band-limited resampler (librosa's default
 * method) — the same code for every decoder path, so paths agree sample for sample.
 * TEMPORARY lookup until packages/core/src/dsp/resample.ts lands; then a plain import.
 */
export function toRate(samples: Float32Array, sampleRate: number, targetRate: number | undefined): Float32Array {
  if (targetRate === undefined || targetRate === sampleRate) return samples;
  const resample = (core as unknown as { resample?: Resample }).resample;
  if (!resample) throw new SerkitError('UNSUPPORTED', 'resampling is not available yet in @serkit/core');
  return resample(samples, sampleRate, targetRate);
}
