import { getDsp } from '@serkit/native';

/**
 * Mono samples at `targetRate` through serkit's band-limited resampler (librosa's default method,
 * 'fft'): the native addon when it loads (~40x faster here), else the core's TypeScript twin —
 * the two are tested to agree. The same code runs whichever decoder ran, so the decoder paths
 * agree sample for sample. The same rate (or none asked) returns the samples untouched.
 */
export function toRate(samples: Float32Array, sampleRate: number, targetRate: number | undefined): Float32Array {
  if (targetRate === undefined || targetRate === sampleRate) return samples;
  return getDsp().resample(samples, sampleRate, targetRate);
}
