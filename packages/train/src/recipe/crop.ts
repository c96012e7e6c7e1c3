import type { Rng } from '@serkit/core';

/**
 * Where a `frames`-long window sits on a clip of `length` frames: the offset of the window in the
 * clip (length >= frames) or of the clip in the zero-padded window (length < frames). Random
 * (uniform over every position that fits) for training, centred for evaluation — the centre rule is
 * the same as the logmel extractor's fixed-length output, so a model trained on random crops is
 * tested and used on exactly what it would see in `serkit classify`.
 */
export function cropOffset(length: number, frames: number, rng?: Rng): number {
  const slack = Math.abs(length - frames);
  return rng === undefined ? Math.floor(slack / 2) : rng.int(slack + 1);
}

/**
 * Copies a `frames`-long window of the row-major `[length, dims]` clip `data` into `out` at `at`
 * (which must hold zeros: padding stays zero), placing it by `cropOffset`.
 */
export function copyCrop(
  data: Float32Array,
  length: number,
  dims: number,
  frames: number,
  out: Float32Array,
  at: number,
  rng?: Rng,
): void {
  const offset = cropOffset(length, frames, rng);
  if (length >= frames) out.set(data.subarray(offset * dims, (offset + frames) * dims), at);
  else out.set(data.subarray(0, length * dims), at + offset * dims);
}
