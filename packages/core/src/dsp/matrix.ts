import type { Matrix } from './types.js';

/** A zero-filled `rows x cols` matrix (or one wrapping `data`). */
export function createMatrix(rows: number, cols: number, data = new Float32Array(rows * cols)): Matrix {
  return { data, rows, cols };
}

/** Relative Frobenius error ‖a - b‖ / ‖b‖ (‖a - b‖ when b is all zeros). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  return norm === 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
}

/** The mean of each row (librosa's `np.mean(M, axis=1)`, e.g. mean MFCCs over time). */
export function rowMeans(m: Matrix): Float32Array {
  const out = new Float32Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let sum = 0;
    for (let c = 0; c < m.cols; c++) sum += m.data[r * m.cols + c]!;
    out[r] = sum / m.cols;
  }
  return out;
}
