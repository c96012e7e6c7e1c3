import type { Matrix } from '@serkit/core';

/**
 * Frame-axis helpers for `bands x frames` matrices (librosa's layout: a row per band, a column per
 * frame). Each returns a new matrix and leaves its input untouched.
 */

/** Columns `start` (inclusive) to `end` (exclusive) of `m`. */
export function sliceFrames(m: Matrix, start: number, end: number): Matrix {
  const cols = end - start;
  const data = new Float32Array(m.rows * cols);
  for (let r = 0; r < m.rows; r++) data.set(m.data.subarray(r * m.cols + start, r * m.cols + end), r * cols);
  return { data, rows: m.rows, cols };
}

/**
 * The frame range without the quiet lead-in and tail: a frame is loud when its loudest band is
 * within `trimDb` dB of the loudest value of the clip (librosa.effects.trim's rule, applied to a dB
 * spectrogram). RAVDESS clips carry ~0.5-1 s of silence around the sentence; trimming keeps the crop
 * on the speech. `trimDb <= 0` keeps every frame; a clip with no loud frame keeps every frame.
 */
export function loudFrameRange(db: Matrix, trimDb: number): { start: number; end: number } {
  if (trimDb <= 0 || db.cols === 0) return { start: 0, end: db.cols };
  const peak = new Float32Array(db.cols).fill(Number.NEGATIVE_INFINITY);
  for (let r = 0; r < db.rows; r++) {
    for (let c = 0; c < db.cols; c++) peak[c] = Math.max(peak[c], db.data[r * db.cols + c]);
  }
  let loudest = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < peak.length; c++) loudest = Math.max(loudest, peak[c]); // a loop: spreading a long clip overflows the stack
  const threshold = loudest - trimDb;
  let start = 0;
  while (start < db.cols && peak[start] < threshold) start++;
  let end = db.cols;
  while (end > start && peak[end - 1] < threshold) end--;
  return end > start ? { start, end } : { start: 0, end: db.cols };
}

/** Mean and 1 / (population std + epsilon) of a row (numpy's default std). */
function rowScale(row: Float32Array, epsilon: number): { mean: number; scale: number } {
  // Indexed loops: for-of over a typed array ran 2-3x slower here (same sums, same order).
  let sum = 0;
  for (let c = 0; c < row.length; c++) sum += row[c];
  const mean = sum / row.length;
  let sq = 0;
  for (let c = 0; c < row.length; c++) sq += (row[c] - mean) * (row[c] - mean);
  return { mean, scale: 1 / (Math.sqrt(sq / row.length) + epsilon) };
}

/**
 * Each row shifted to mean 0 and scaled to standard deviation 1 over the frames (population std,
 * as numpy's default). `epsilon` (default 1e-5) keeps a constant row finite: it becomes all zeros.
 */
export function standardiseRows(m: Matrix, epsilon = 1e-5): Matrix {
  const data = new Float32Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    const row = m.data.subarray(r * m.cols, (r + 1) * m.cols);
    const { mean, scale } = rowScale(row, epsilon);
    for (let c = 0; c < m.cols; c++) data[r * m.cols + c] = (row[c] - mean) * scale;
  }
  return { data, rows: m.rows, cols: m.cols };
}

/**
 * A model input in one pass over `m`: its columns `start` to `end`, each row standardised over them
 * when `standardise` is set, fitted to `frames` columns (0: all of them) and transposed to
 * `frames x bands`. The same values as
 * `transpose(fitFrames(standardiseRows(sliceFrames(m, start, end)), frames))`, without the three
 * intermediate matrices (classification makes one of these per clip).
 */
export function fitStandardisedFrames(
  m: Matrix,
  start: number,
  end: number,
  standardise: boolean,
  frames: number,
): Matrix {
  const n = end - start;
  const out = frames === 0 ? n : frames;
  // fitFrames' rule: the centre `out` of a longer range, a shorter one centred between zeros.
  const kept = Math.min(n, out);
  const skip = n > out ? Math.floor((n - out) / 2) : 0;
  const offset = n < out ? Math.floor((out - n) / 2) : 0;
  const bands = m.rows;
  const data = new Float32Array(out * bands);
  for (let r = 0; r < bands; r++) {
    const row = m.data.subarray(r * m.cols + start, r * m.cols + end);
    const { mean, scale } = standardise ? rowScale(row, 1e-5) : { mean: 0, scale: 1 };
    for (let c = 0; c < kept; c++) data[(offset + c) * bands + r] = (row[skip + c] - mean) * scale;
  }
  return { data, rows: out, cols: bands };
}

/**
 * Exactly `frames` columns: a longer matrix keeps its centre `frames` columns (the first extra
 * column is dropped first); a shorter one is centred between zero columns (zero is the mean of a
 * standardised row, so padding adds no energy).
 */
export function fitFrames(m: Matrix, frames: number): Matrix {
  if (m.cols >= frames) {
    const start = Math.floor((m.cols - frames) / 2);
    return sliceFrames(m, start, start + frames);
  }
  const data = new Float32Array(m.rows * frames);
  const offset = Math.floor((frames - m.cols) / 2);
  for (let r = 0; r < m.rows; r++) data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), r * frames + offset);
  return { data, rows: m.rows, cols: frames };
}

/** Stacks matrices with the same number of frames on top of each other (bands of `a`, then `b`, …). */
export function stackRows(parts: readonly Matrix[]): Matrix {
  const cols = parts[0].cols;
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const data = new Float32Array(rows * cols);
  let offset = 0;
  for (const p of parts) {
    data.set(p.data, offset);
    offset += p.data.length;
  }
  return { data, rows, cols };
}

/** `bands x frames` to row-major `frames x bands` (the time-major layout models consume). */
export function transpose(m: Matrix): Matrix {
  const data = new Float32Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) data[c * m.rows + r] = m.data[r * m.cols + c];
  }
  return { data, rows: m.cols, cols: m.rows };
}
