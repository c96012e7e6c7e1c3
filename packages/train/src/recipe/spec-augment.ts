import type { Rng } from '@serkit/core';
import type { SpecAugmentOptions } from './types.js';

/**
 * Masks each of `count` row-major `[frames, dims]` examples in `x`, in place: `bandMasks` spans of
 * 0..maxBands dims and `frameMasks` spans of 0..maxFrames frames set to 0 — the training mean after
 * normalisation, so a mask removes information without adding energy. Widths and positions are
 * drawn from `rng` (the prototype's rule: width uniform in [0, max], start uniform where it fits).
 */
export function specAugment(
  x: Float32Array,
  count: number,
  frames: number,
  dims: number,
  rng: Rng,
  options: SpecAugmentOptions,
): void {
  for (let i = 0; i < count; i++) {
    const base = i * frames * dims;
    for (let m = 0; m < options.bandMasks; m++) {
      const width = rng.int(Math.min(options.maxBands, dims) + 1);
      const start = rng.int(dims - width + 1);
      for (let f = 0; f < frames; f++) x.fill(0, base + f * dims + start, base + f * dims + start + width);
    }
    for (let m = 0; m < options.frameMasks; m++) {
      const width = rng.int(Math.min(options.maxFrames, frames) + 1);
      const start = rng.int(frames - width + 1);
      x.fill(0, base + start * dims, base + (start + width) * dims);
    }
  }
}
