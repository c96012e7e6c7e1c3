import { fileError } from './errors.js';

/**
 * Throws INVALID_AUDIO when a sample is NaN or infinite (a float WAV can hold them; every DSP
 * step after would turn them into NaN features), saying where the first one is.
 */
export function checkFinite(samples: Float32Array, sampleRate: number, path: string, offsetSeconds = 0): void {
  // x * 0 is 0 for every finite x and NaN otherwise: one branch-free pass, then find the first.
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * 0;
  if (sum === 0) return;
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) {
      const at = (offsetSeconds + i / sampleRate).toFixed(3);
      throw fileError(
        'INVALID_AUDIO',
        path,
        `sample ${i} (at ${at} s) is ${samples[i]}: the audio holds NaN or infinite values`,
      );
    }
  }
}
