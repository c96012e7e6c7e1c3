/**
 * Keras' `Orthogonal` initializer done in plain float64 JavaScript: Householder QR of a Gaussian
 * matrix, Q's columns signed by diag(R), transposed when the target is wide. tfjs's own orthogonal
 * initializer builds its QR out of tensor ops and needs minutes for an LSTM(256) recurrent kernel;
 * this takes milliseconds.
 *
 * @param gaussian `max(rows, cols) x min(rows, cols)` standard normal draws, row-major.
 * @returns a `rows x cols` row-major matrix with orthonormal rows (wide) or columns (tall), times `gain`.
 */
export function orthogonalFromGaussian(
  rows: number,
  cols: number,
  gaussian: ArrayLike<number>,
  gain = 1,
): Float32Array {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  if (gaussian.length !== m * n) throw new RangeError(`need ${m * n} Gaussian draws, got ${gaussian.length}`);
  const a = Float64Array.from(gaussian); // m x n, reduced to R in place
  const vs: Float64Array[] = [];
  const signs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // Householder vector v for column k below the diagonal: H = I - 2 v v^T / (v^T v).
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const alpha = a[k * n + k] > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = a[i * n + k];
    v[0] -= alpha;
    const vv = v.reduce((s, x) => s + x * x, 0);
    if (vv > 0) {
      for (let j = k; j < n; j++) {
        let dot = 0;
        for (let i = k; i < m; i++) dot += v[i - k] * a[i * n + j];
        const f = (2 * dot) / vv;
        for (let i = k; i < m; i++) a[i * n + j] -= f * v[i - k];
      }
    }
    vs.push(v);
    signs[k] = a[k * n + k] < 0 ? -1 : 1; // numpy's QR makes the same choice up to these signs
  }
  // Q (m x n) = H_0 H_1 … H_{n-1} applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    const vv = v.reduce((s, x) => s + x * x, 0);
    if (vv === 0) continue;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k] * q[i * n + j];
      const f = (2 * dot) / vv;
      for (let i = k; i < m; i++) q[i * n + j] -= f * v[i - k];
    }
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const value = gain * q[i * n + j] * signs[j];
      if (rows >= cols) out[i * cols + j] = value;
      else out[j * cols + i] = value; // wide target: Q^T
    }
  }
  return out;
}
