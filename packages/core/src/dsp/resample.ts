import { check, SerkitError } from '../errors.js';
import { realFft } from './fft.js';
import type { ResampleOptions } from './types.js';
import { checkOneOf, checkPositive, checkSignal, MAX_OUTPUT_LENGTH } from './validate.js';

/** Output length of librosa.resample: ceil(n · target / orig). */
export function resampledLength(length: number, origSampleRate: number, targetSampleRate: number): number {
  return Math.ceil(length * (targetSampleRate / origSampleRate));
}

/**
 * scipy.signal.resample(x, num) for real x: truncate or zero-pad the rfft to num/2 + 1 bins (the
 * shared Nyquist bin of an even length doubled when downsampling, halved when upsampling), inverse
 * rfft of length num, scaled by num / n. Band-limited and exact for periodic signals.
 */
export function fftResample(x: Float32Array, num: number): Float32Array {
  const n = x.length;
  const input = Float64Array.from(x);
  const inBins = Math.floor(n / 2) + 1;
  const re = new Float64Array(inBins);
  const im = new Float64Array(inBins);
  realFft(n).forward(input, re, im);
  const outBins = Math.floor(num / 2) + 1;
  const yRe = new Float64Array(outBins);
  const yIm = new Float64Array(outBins);
  const shared = Math.min(num, n);
  const copied = Math.floor(shared / 2) + 1;
  yRe.set(re.subarray(0, copied));
  yIm.set(im.subarray(0, copied));
  if (shared % 2 === 0) {
    const nyquist = shared / 2;
    const factor = num < n ? 2 : n < num ? 0.5 : 1;
    yRe[nyquist]! *= factor;
    yIm[nyquist]! *= factor;
  }
  const out = new Float64Array(num);
  realFft(num).inverse(yRe, yIm, out);
  const result = new Float32Array(num);
  const scale = num / n;
  for (let i = 0; i < num; i++) result[i] = out[i]! * scale;
  return result;
}

/**
 * librosa.resample: band-limited conversion of `y` from `origSampleRate` to `targetSampleRate` (any
 * positive rates, not necessarily integers), ceil(n · target / orig) samples out; the same rate
 * returns a copy. method 'fft' (default; librosa's res_type='fft', the method of the librosa
 * references) is scipy.signal.resample; 'sinc' is windowed-sinc interpolation (see sincResample),
 * which suits long signals and non-periodic edges better.
 */
export function resample(
  y: Float32Array,
  origSampleRate: number,
  targetSampleRate: number,
  options: ResampleOptions = {},
): Float32Array {
  checkPositive(origSampleRate, 'origSampleRate');
  checkPositive(targetSampleRate, 'targetSampleRate');
  const method = options.method ?? 'fft';
  checkOneOf(method, 'method', ['fft', 'sinc']);
  checkSignal(y);
  if (origSampleRate === targetSampleRate) return y.slice();
  const num = resampledLength(y.length, origSampleRate, targetSampleRate);
  check(num >= 1, 'targetSampleRate', `resampling ${y.length} samples to ${targetSampleRate} Hz leaves none`);
  if (num > MAX_OUTPUT_LENGTH) {
    throw new SerkitError('INVALID_ARGUMENT', `would produce ${num} samples (limit ${MAX_OUTPUT_LENGTH})`, {
      input: 'targetSampleRate',
    });
  }
  if (method === 'fft' && y.length > MAX_OUTPUT_LENGTH) {
    throw new SerkitError(
      'INVALID_AUDIO',
      `${y.length} samples exceed the ${MAX_OUTPUT_LENGTH} that FFT resampling takes; use method 'sinc' or split the signal`,
      {
        input: 'y',
      },
    );
  }
  return method === 'fft' ? fftResample(y, num) : sincResample(y, targetSampleRate / origSampleRate, num);
}

// Kaiser-windowed sinc, the parameters of resampy's 'kaiser_best' filter.
const ZERO_CROSSINGS = 64;
const ROLLOFF = 0.9475937167399596;
const KAISER_BETA = 14.769656459379492;
const TABLE_PRECISION = 512;
let sincTable: Float64Array | undefined;

/** Zeroth-order modified Bessel function of the first kind (power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 64; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** The filter's right half, sampled TABLE_PRECISION times per zero crossing. */
function halfFilter(): Float64Array {
  if (sincTable !== undefined) return sincTable;
  const length = ZERO_CROSSINGS * TABLE_PRECISION + 1;
  const table = new Float64Array(length + 1);
  const norm = besselI0(KAISER_BETA);
  for (let i = 0; i < length; i++) {
    const x = i / TABLE_PRECISION;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * ROLLOFF * x) / (Math.PI * ROLLOFF * x);
    const r = x / ZERO_CROSSINGS;
    table[i] = ROLLOFF * sinc * (besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm);
  }
  sincTable = table;
  return table;
}

/**
 * Windowed-sinc interpolation (as resampy): each output sample is the input convolved with a
 * Kaiser-windowed sinc of 64 zero crossings, its cut-off scaled to the lower of the two Nyquist
 * frequencies; zeros are assumed beyond the ends.
 */
export function sincResample(x: Float32Array, ratio: number, num: number): Float32Array {
  const table = halfFilter();
  const scale = Math.min(1, ratio);
  // Filter taps advance by `scale` zero crossings per input sample.
  const step = scale * TABLE_PRECISION;
  const reach = ZERO_CROSSINGS / scale;
  const out = new Float32Array(num);
  const n = x.length;
  for (let i = 0; i < num; i++) {
    const t = i / ratio;
    const first = Math.max(0, Math.ceil(t - reach));
    const last = Math.min(n - 1, Math.floor(t + reach));
    let acc = 0;
    for (let j = first; j <= last; j++) {
      const position = Math.abs(t - j) * step;
      const index = Math.floor(position);
      if (index >= table.length - 1) continue;
      const frac = position - index;
      acc += x[j]! * (table[index]! + frac * (table[index + 1]! - table[index]!));
    }
    out[i] = acc * scale;
  }
  return out;
}
