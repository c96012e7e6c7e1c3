import type { FeatureMatrix } from '@serkit/core';

/** Per-feature-dim z-score statistics. */
export interface Normalisation {
  readonly mean: number[];
  readonly std: number[];
}

/** Std below this is treated as 1 (a constant dim stays constant instead of exploding). */
const MIN_STD = 1e-8;

/** Fits mean/std per dim over every frame of `matrices` — call it on training data only. */
export function fitNormalisation(matrices: readonly FeatureMatrix[]): Normalisation {
  const dims = matrices[0]?.dims ?? 0;
  const sum = new Float64Array(dims);
  const sumSq = new Float64Array(dims);
  let count = 0;
  for (const m of matrices) {
    for (let f = 0; f < m.frames; f++) {
      for (let d = 0; d < dims; d++) {
        const v = m.data[f * dims + d];
        sum[d] += v;
        sumSq[d] += v * v;
      }
    }
    count += m.frames;
  }
  const mean = Array.from(sum, (s) => s / Math.max(1, count));
  const std = Array.from(sumSq, (s, d) => {
    const sd = Math.sqrt(Math.max(0, s / Math.max(1, count) - mean[d] ** 2));
    return sd < MIN_STD ? 1 : sd;
  });
  return { mean, std };
}

/** `m` z-scored per dim by `norm`, as a new matrix. */
export function applyNormalisation(m: FeatureMatrix, norm: Normalisation): FeatureMatrix {
  const data = new Float32Array(m.data.length);
  for (let i = 0; i < data.length; i++) {
    const d = i % m.dims;
    data[i] = (m.data[i] - norm.mean[d]) / norm.std[d];
  }
  return { data, frames: m.frames, dims: m.dims };
}
