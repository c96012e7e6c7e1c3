import { check, SerkitError } from '../errors.js';
import { realFft } from './fft.js';
import { createMatrix } from './matrix.js';
import type { ComplexMatrix, Matrix, PadMode, SpectrogramOptions, StftOptions, WindowName } from './types.js';
import { checkInteger, checkOneOf, checkPositive, checkSignal, MAX_N_FFT } from './validate.js';
import { getWindow, padCenter } from './window.js';

/** STFT options with every default filled in and checked. */
export interface ResolvedStft {
  readonly nFft: number;
  readonly hopLength: number;
  readonly winLength: number;
  readonly window: WindowName;
  readonly center: boolean;
  readonly padMode: PadMode;
}

/**
 * Fills librosa's defaults: nFft 2048, winLength nFft, hopLength floor(winLength / 4) (librosa.stft)
 * unless `defaultHop` is given (librosa.feature.melspectrogram and mfcc default to 512), window
 * 'hann', center true, padMode 'constant'.
 */
export function resolveStft(options: StftOptions = {}, defaultHop?: number): ResolvedStft {
  const nFft = options.nFft ?? 2048;
  checkInteger(nFft, 'nFft', 2, MAX_N_FFT);
  const winLength = options.winLength ?? nFft;
  checkInteger(winLength, 'winLength', 1, nFft);
  const hopLength = options.hopLength ?? defaultHop ?? Math.floor(winLength / 4);
  checkInteger(hopLength, 'hopLength', 1, MAX_N_FFT);
  const window = options.window ?? 'hann';
  checkOneOf(window, 'window', ['hann', 'hamming', 'rectangular']);
  const center = options.center ?? true;
  check(typeof center === 'boolean', 'center', 'must be true or false');
  const padMode = options.padMode ?? 'constant';
  checkOneOf(padMode, 'padMode', ['constant', 'reflect']);
  return { nFft, hopLength, winLength, window, center, padMode };
}

/** Number of STFT frames for a signal of `length` samples: 1 + floor((padded - nFft) / hop). */
export function stftFrameCount(length: number, s: ResolvedStft): number {
  const padded = s.center ? length + 2 * Math.floor(s.nFft / 2) : length;
  if (padded < s.nFft) return 0;
  return 1 + Math.floor((padded - s.nFft) / s.hopLength);
}

/** numpy's 'reflect' padding index (mirror without repeating the edge sample). */
function reflectIndex(index: number, length: number): number {
  if (length === 1) return 0;
  const period = 2 * (length - 1);
  let j = index % period;
  if (j < 0) j += period;
  return j >= length ? period - j : j;
}

const windowCache = new Map<string, Float64Array>();

/** The analysis window of `winLength`, zero-padded (centred) to `nFft`. */
export function paddedWindow(s: ResolvedStft): Float64Array {
  const key = `${s.window}:${s.winLength}:${s.nFft}`;
  let w = windowCache.get(key);
  if (w === undefined) {
    w = padCenter(getWindow(s.window, s.winLength), s.nFft);
    if (windowCache.size > 32) windowCache.clear();
    windowCache.set(key, w);
  }
  return w;
}

/**
 * Calls `visit(frame, re, im)` with the spectrum (bins 0..nFft/2) of every windowed frame, in order;
 * the buffers are reused between calls. Returns the frame count. Frame t covers samples
 * [t·hop - nFft/2, t·hop + nFft/2) when centred, padded per `padMode`.
 */
export function forEachStftFrame(
  y: Float32Array,
  s: ResolvedStft,
  visit: (frame: number, re: Float64Array, im: Float64Array) => void,
): number {
  const frames = stftFrameCount(y.length, s);
  if (frames < 1) {
    throw new SerkitError(
      'INVALID_AUDIO',
      `signal has ${y.length} samples; center=false needs at least nFft=${s.nFft}`,
      {
        input: 'y',
      },
    );
  }
  const { nFft, hopLength } = s;
  const window = paddedWindow(s);
  const pad = s.center ? Math.floor(nFft / 2) : 0;
  const reflect = s.padMode === 'reflect';
  // Only the window's non-zero span needs samples.
  const lo = Math.floor((nFft - s.winLength) / 2);
  const hi = lo + s.winLength;
  const n = y.length;
  const frame = new Float64Array(nFft);
  const bins = Math.floor(nFft / 2) + 1;
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  const fft = realFft(nFft);
  for (let t = 0; t < frames; t++) {
    const start = t * hopLength - pad;
    // Samples inside the signal for j in [inLo, inHi); padding on either side.
    const inLo = Math.min(hi, Math.max(lo, -start));
    const inHi = Math.max(inLo, Math.min(hi, n - start));
    for (let j = lo; j < inLo; j++) frame[j] = reflect ? y[reflectIndex(start + j, n)]! * window[j]! : 0;
    for (let j = inLo; j < inHi; j++) frame[j] = y[start + j]! * window[j]!;
    for (let j = inHi; j < hi; j++) frame[j] = reflect ? y[reflectIndex(start + j, n)]! * window[j]! : 0;
    fft.forward(frame, re, im);
    visit(t, re, im);
  }
  return frames;
}

/**
 * librosa.stft: the complex STFT, `(1 + nFft/2) x frames` (bins as rows). Computed in float64 and
 * stored as float32, as librosa stores complex64 for float32 input. Signals need >= 2 samples
 * (>= nFft when center is false).
 */
export function stft(y: Float32Array, options: StftOptions = {}): ComplexMatrix {
  const s = resolveStft(options);
  checkSignal(y);
  const rows = Math.floor(s.nFft / 2) + 1;
  const cols = stftFrameCount(y.length, s);
  const outRe = new Float32Array(rows * Math.max(cols, 0));
  const outIm = new Float32Array(rows * Math.max(cols, 0));
  forEachStftFrame(y, s, (t, re, im) => {
    for (let k = 0; k < rows; k++) {
      outRe[k * cols + t] = re[k]!;
      outIm[k * cols + t] = im[k]!;
    }
  });
  return { re: outRe, im: outIm, rows, cols };
}

/**
 * Writes |X|^power of one frame's spectrum into `out`, rounding as librosa does on complex64
 * (float32 parts; for power 2 the squared magnitude is rounded once, within an ulp of numpy's
 * float32 |X| squared).
 */
export function framePower(re: Float64Array, im: Float64Array, power: number, out: Float64Array): void {
  const f = Math.fround;
  if (power === 2) {
    for (let k = 0; k < out.length; k++) {
      const r = f(re[k]!);
      const i = f(im[k]!);
      out[k] = f(r * r + i * i);
    }
    return;
  }
  for (let k = 0; k < out.length; k++) {
    const r = f(re[k]!);
    const i = f(im[k]!);
    const magnitude = f(Math.sqrt(r * r + i * i));
    out[k] = power === 1 ? magnitude : f(magnitude ** power);
  }
}

export function resolvePower(options: SpectrogramOptions): number {
  const power = options.power ?? 2;
  checkPositive(power, 'power');
  return power;
}

/** librosa's `np.abs(stft(y)) ** power`: `(1 + nFft/2) x frames`. Default power 2 (power spectrum). */
export function spectrogram(y: Float32Array, options: SpectrogramOptions = {}): Matrix {
  const s = resolveStft(options);
  const power = resolvePower(options);
  checkSignal(y);
  const rows = Math.floor(s.nFft / 2) + 1;
  const cols = stftFrameCount(y.length, s);
  const out = createMatrix(rows, Math.max(cols, 0));
  const column = new Float64Array(rows);
  forEachStftFrame(y, s, (t, re, im) => {
    framePower(re, im, power, column);
    for (let k = 0; k < rows; k++) out.data[k * cols + t] = column[k]!;
  });
  return out;
}

/**
 * librosa.util.frame: overlapping frames of `y` (no padding, no window) as a `frameLength x frames`
 * matrix, frames = 1 + floor((n - frameLength) / hopLength).
 */
export function frame(y: Float32Array, frameLength: number, hopLength: number): Matrix {
  checkInteger(frameLength, 'frameLength', 1, MAX_N_FFT);
  checkInteger(hopLength, 'hopLength', 1, MAX_N_FFT);
  checkSignal(y, 'y', frameLength);
  const cols = 1 + Math.floor((y.length - frameLength) / hopLength);
  const out = createMatrix(frameLength, cols);
  for (let t = 0; t < cols; t++) {
    for (let j = 0; j < frameLength; j++) out.data[j * cols + t] = y[t * hopLength + j]!;
  }
  return out;
}
