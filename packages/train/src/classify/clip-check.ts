import { SerkitError } from '@serkit/core';

/**
 * What a decoded clip must be before a model may label it. Any model answers any input with a
 * confident-looking label, so silence or a 10 ms scrap would come back "angry, 90 %": those clips
 * get an error that says why instead, and clipped audio (which shifts spectra towards "angry")
 * gets its label with a warning.
 */

/** Shorter clips carry no prosody to judge (a syllable lasts ~0.2 s). */
export const MIN_CLIP_SECONDS = 0.25;
/** A clip whose loudest sample stays below this level (dBFS) is treated as silence. */
export const SILENCE_PEAK_DBFS = -60;
/** Samples at or above this magnitude count as clipped (a 16-bit full scale is 32767/32768). */
export const CLIP_LEVEL = 0.999;
/** Warn when more than this fraction of the samples are clipped. */
export const CLIPPED_FRACTION_WARNING = 0.01;

/**
 * Peak magnitude and count of clipped samples. With the peak already known (the decoder measured
 * it), a clip that never reaches CLIP_LEVEL, nearly every one, needs no pass over its samples.
 */
function levels(samples: Float32Array, knownPeak?: number): { peak: number; clipped: number } {
  if (knownPeak !== undefined && knownPeak < CLIP_LEVEL) return { peak: knownPeak, clipped: 0 };
  let peak = 0;
  let clipped = 0;
  // An indexed loop: for-of over a typed array ran ~10x slower here (2 ms for a 3.7 s clip).
  for (let i = 0; i < samples.length; i++) {
    const magnitude = Math.abs(samples[i]);
    if (magnitude > peak) peak = magnitude;
    if (magnitude >= CLIP_LEVEL) clipped++;
  }
  return { peak, clipped };
}

/** Whether a window of a stream is silence (its peak below SILENCE_PEAK_DBFS): nothing to label. */
export function isSilent(samples: Float32Array): boolean {
  return 20 * Math.log10(levels(samples).peak) < SILENCE_PEAK_DBFS;
}

/**
 * Throws INVALID_AUDIO naming `file` when the clip is too short or silent; returns its warnings.
 * `knownPeak`: the samples' largest magnitude, when the decoder gave it (DecodedAudio.peak).
 */
export function checkClip(samples: Float32Array, sampleRate: number, file: string, knownPeak?: number): string[] {
  const seconds = samples.length / sampleRate;
  if (seconds < MIN_CLIP_SECONDS) {
    throw new SerkitError(
      'INVALID_AUDIO',
      `too short to classify: ${seconds.toFixed(3)} s of audio (at least ${MIN_CLIP_SECONDS} s needed)`,
      { input: file },
    );
  }
  const { peak, clipped } = levels(samples, knownPeak);
  const peakDb = 20 * Math.log10(peak);
  if (peakDb < SILENCE_PEAK_DBFS) {
    const level = peak === 0 ? 'digital silence' : `peak ${peakDb.toFixed(1)} dBFS`;
    throw new SerkitError('INVALID_AUDIO', `silent (${level}, below ${SILENCE_PEAK_DBFS} dBFS): nothing to classify`, {
      input: file,
    });
  }
  const fraction = clipped / samples.length;
  return fraction > CLIPPED_FRACTION_WARNING
    ? [`clipped: ${(fraction * 100).toFixed(1)} % of samples at full scale; the label may be skewed`]
    : [];
}
