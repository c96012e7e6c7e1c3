import { check } from '../errors.js';
import { createMatrix } from './matrix.js';
import { savgolWeights } from './savgol.js';
import type { DeltaOptions, Matrix } from './types.js';
import { checkInteger, checkMatrix, checkOneOf } from './validate.js';

type DeltaMode = NonNullable<DeltaOptions['mode']>;
const MODES: readonly DeltaMode[] = ['interp', 'nearest', 'mirror', 'constant', 'wrap'];

/** scipy.ndimage boundary index for `i` outside [0, n), or -1 for 'constant' (zero). */
function boundaryIndex(i: number, n: number, mode: DeltaMode): number {
  switch (mode) {
    case 'nearest':
      return i < 0 ? 0 : n - 1;
    case 'wrap':
      return ((i % n) + n) % n;
    case 'mirror': {
      // d c b | a b c d | c b a: reflect about the edge samples.
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const j = ((i % period) + period) % period;
      return j >= n ? period - j : j;
    }
    default:
      return -1;
  }
}

/**
 * librosa.feature.delta: the `order`-th derivative along time (columns) of every row, by a
 * Savitzky-Golay filter of `width` (scipy.signal.savgol_filter with polyorder = deriv = order).
 * Defaults as librosa: width 9, order 1, mode 'interp' — at the edges, a polynomial fitted to the
 * first/last `width` frames is differentiated (so width must not exceed the frame count); other modes
 * extend the signal as scipy.ndimage does ('constant' = zeros), with width at most 2·frames + 1.
 */
export function delta(data: Matrix, options: DeltaOptions = {}): Matrix {
  checkMatrix(data, 'data');
  const width = options.width ?? 9;
  check(Number.isInteger(width) && width >= 3 && width % 2 === 1, 'width', `must be an odd integer >= 3, got ${width}`);
  const order = options.order ?? 1;
  checkInteger(order, 'order', 1, width - 1);
  const mode = options.mode ?? 'interp';
  checkOneOf(mode, 'mode', MODES);
  const n = data.cols;
  // A window far wider than the data only repeats the boundary extension; cap it (scipy does not).
  check(width <= 2 * n + 1, 'width', `${width} exceeds 2 * frames + 1 = ${2 * n + 1}`);
  if (mode === 'interp') {
    check(width <= n, 'width', `${width} exceeds the ${n} frame(s) of the data (mode 'interp' needs width <= frames)`);
  }
  const half = (width - 1) / 2;
  const centred = weightsAt(half, width, order);
  const out = createMatrix(data.rows, n);
  for (let r = 0; r < data.rows; r++) {
    const row = data.data.subarray(r * n, (r + 1) * n);
    for (let t = 0; t < n; t++) {
      let acc = 0;
      if (mode === 'interp' && (t < half || t >= n - half)) {
        // Edges: the polynomial fitted to the first (last) `width` frames, evaluated at frame t.
        const first = t < half ? 0 : n - width;
        const w = weightsAt(t - first, width, order);
        for (let j = 0; j < width; j++) acc += w[j]! * row[first + j]!;
      } else {
        for (let j = 0; j < width; j++) {
          const i = t + j - half;
          const b = i >= 0 && i < n ? i : boundaryIndex(i, n, mode);
          if (b >= 0) acc += centred[j]! * row[b]!;
        }
      }
      out.data[r * n + t] = acc;
    }
  }
  return out;
}

const weightCache = new Map<string, Float64Array>();

/** Savitzky-Golay weights over frames 0..width-1 of a window, evaluated at frame `local` of it. */
function weightsAt(local: number, width: number, order: number): Float64Array {
  const key = `${local}:${width}:${order}`;
  let w = weightCache.get(key);
  if (w === undefined) {
    w = savgolWeights(
      Float64Array.from({ length: width }, (_, j) => j - local),
      order,
      order,
    );
    if (weightCache.size > 256) weightCache.clear();
    weightCache.set(key, w);
  }
  return w;
}
