import { createMatrix } from './matrix.js';
import type { Matrix } from './types.js';

/**
 * The first `nOut` rows of the DCT-II matrix of size `nIn` (scipy.fftpack.dct type 2):
 * y[k] = 2·Σ x[n]·cos(πk(2n+1) / 2N), times sqrt(1/4N) for k = 0 and sqrt(1/2N) otherwise under
 * 'ortho' (an orthonormal transform). Float64, row-major `nOut x nIn`.
 */
export function dctMatrix(nOut: number, nIn: number, norm: 'ortho' | null): Float64Array {
  const out = new Float64Array(nOut * nIn);
  for (let k = 0; k < nOut; k++) {
    const scale = norm === 'ortho' ? (k === 0 ? Math.sqrt(1 / (4 * nIn)) : Math.sqrt(1 / (2 * nIn))) : 1;
    for (let n = 0; n < nIn; n++) out[k * nIn + n] = 2 * scale * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * nIn));
  }
  return out;
}

const basisCache = new Map<string, Float64Array>();

/** DCT-II along the rows (librosa's axis=-2): `nOut x cols` from `M` (`rows x cols`). */
export function dctRows(M: Matrix, nOut: number, norm: 'ortho' | null): Matrix {
  const key = `${nOut}:${M.rows}:${norm}`;
  let basis = basisCache.get(key);
  if (basis === undefined) {
    basis = dctMatrix(nOut, M.rows, norm);
    if (basisCache.size > 16) basisCache.clear();
    basisCache.set(key, basis);
  }
  const { rows, cols, data } = M;
  const out = createMatrix(nOut, cols);
  const acc = new Float64Array(cols);
  for (let k = 0; k < nOut; k++) {
    acc.fill(0);
    for (let n = 0; n < rows; n++) {
      const b = basis[k * rows + n]!;
      const row = n * cols;
      for (let t = 0; t < cols; t++) acc[t]! += b * data[row + t]!;
    }
    out.data.set(acc, k * cols);
  }
  return out;
}
