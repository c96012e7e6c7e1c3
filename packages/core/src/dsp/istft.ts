import { check } from '../errors.js';
import { realFft } from './fft.js';
import { paddedWindow, type ResolvedStft, resolveStft } from './stft.js';
import type { ComplexMatrix, StftOptions } from './types.js';
import { checkInteger, MAX_OUTPUT_LENGTH } from './validate.js';

/** Smallest positive float32 (numpy's `tiny` for float32): librosa divides only where the window sum exceeds it. */
const FLOAT32_TINY = 1.1754943508222875e-38;

export interface IstftOptions extends StftOptions {
  /** Output length in samples (zero-padded or trimmed). Default: all that the frames cover. */
  length?: number;
}

/**
 * librosa.istft: weighted overlap-add of the inverse FFTs of the frames, divided by the summed squared
 * window where that sum exceeds float32's tiny, with centring padding removed. nFft defaults to
 * 2·(rows - 1); other defaults as stft.
 */
export function istft(matrix: ComplexMatrix, options: IstftOptions = {}): Float32Array {
  check(
    matrix.rows >= 2 && matrix.cols >= 1,
    'stft',
    `needs at least 2 bins and 1 frame, got ${matrix.rows} x ${matrix.cols}`,
  );
  const s: ResolvedStft = resolveStft({ ...options, nFft: options.nFft ?? 2 * (matrix.rows - 1) });
  check(Math.floor(s.nFft / 2) + 1 === matrix.rows, 'nFft', `${s.nFft} does not match ${matrix.rows} frequency bins`);
  const { nFft, hopLength } = s;
  const pad = s.center ? Math.floor(nFft / 2) : 0;
  let frames = matrix.cols;
  let length: number;
  if (options.length !== undefined) {
    checkInteger(options.length, 'length', 1, MAX_OUTPUT_LENGTH);
    length = options.length;
    // Frames starting past the requested end contribute nothing.
    frames = Math.min(frames, Math.ceil((length + 2 * pad) / hopLength));
  } else {
    length = nFft + hopLength * (frames - 1) - 2 * pad;
  }
  const span = nFft + hopLength * (frames - 1);
  const sum = new Float64Array(span);
  const windowSum = new Float64Array(span);
  const window = paddedWindow(s);
  const fft = realFft(nFft);
  const bins = matrix.rows;
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  const frame = new Float64Array(nFft);
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < bins; k++) {
      re[k] = matrix.re[k * matrix.cols + t]!;
      im[k] = matrix.im[k * matrix.cols + t]!;
    }
    fft.inverse(re, im, frame);
    const offset = t * hopLength;
    for (let j = 0; j < nFft; j++) {
      sum[offset + j]! += frame[j]! * window[j]!;
      windowSum[offset + j]! += window[j]! * window[j]!;
    }
  }
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const p = i + pad;
    if (p >= span) break;
    const w = Math.fround(windowSum[p]!);
    out[i] = w > FLOAT32_TINY ? sum[p]! / w : sum[p]!;
  }
  return out;
}
