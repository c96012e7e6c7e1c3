import { check } from '../errors.js';
import { createMatrix } from './matrix.js';
import { forEachStftFrame, framePower, type ResolvedStft, resolvePower, resolveStft, stftFrameCount } from './stft.js';
import type { Matrix, MelInput, MelOptions, MelSpectrogramOptions } from './types.js';
import {
  checkInteger,
  checkMatrix,
  checkNonNegative,
  checkOneOf,
  checkPositive,
  checkSignal,
  MAX_N_FFT,
} from './validate.js';

// Slaney's Auditory Toolbox mel scale: linear below 1 kHz, logarithmic above (librosa's default).
const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

/** librosa.hz_to_mel: Slaney's scale, or HTK's 2595·log10(1 + f/700). */
export function hzToMel(hz: number, htk = false): number {
  if (htk) return 2595 * Math.log10(1 + hz / 700);
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

/** librosa.mel_to_hz, the inverse of hzToMel. */
export function melToHz(mel: number, htk = false): number {
  if (htk) return 700 * (10 ** (mel / 2595) - 1);
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/** librosa.mel_frequencies: `n` frequencies evenly spaced on the mel scale from fmin to fmax (np.linspace). */
export function melFrequencies(n: number, fmin: number, fmax: number, htk = false): Float64Array {
  const lo = hzToMel(fmin, htk);
  const hi = hzToMel(fmax, htk);
  const step = n > 1 ? (hi - lo) / (n - 1) : 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = melToHz(i === n - 1 && n > 1 ? hi : i * step + lo, htk);
  return out;
}

/** Mel options with every default filled in and checked. */
export interface ResolvedMel {
  readonly sampleRate: number;
  readonly nFft: number;
  readonly nMels: number;
  readonly fmin: number;
  readonly fmax: number;
  readonly htk: boolean;
  readonly norm: 'slaney' | null;
}

/** Largest number of mel bands accepted. */
export const MAX_N_MELS = 4096;

/** Defaults: sampleRate 22050, nFft 2048, nMels 128, fmin 0, fmax sampleRate/2, htk false, norm 'slaney'. */
export function resolveMel(options: MelOptions = {}): ResolvedMel {
  const sampleRate = options.sampleRate ?? 22050;
  checkPositive(sampleRate, 'sampleRate');
  const nFft = options.nFft ?? 2048;
  checkInteger(nFft, 'nFft', 2, MAX_N_FFT);
  const nMels = options.nMels ?? 128;
  checkInteger(nMels, 'nMels', 1, MAX_N_MELS);
  const nyquist = sampleRate / 2;
  const fmin = options.fmin ?? 0;
  checkNonNegative(fmin, 'fmin');
  const fmax = options.fmax ?? nyquist;
  checkPositive(fmax, 'fmax');
  check(fmax <= nyquist, 'fmax', `${fmax} Hz exceeds the Nyquist frequency ${nyquist} Hz (sampleRate / 2)`);
  check(fmin < fmax, 'fmin', `must be below fmax (${fmax} Hz), got ${fmin}`);
  const htk = options.htk ?? false;
  check(typeof htk === 'boolean', 'htk', 'must be true or false');
  const norm = options.norm === undefined ? 'slaney' : options.norm;
  checkOneOf(norm, 'norm', ['slaney', null]);
  return { sampleRate, nFft, nMels, fmin, fmax, htk, norm };
}

/** A filter bank kept sparse: band m has float32 weights for bins [start[m], start[m] + weights[m].length). */
export interface SparseFilterBank {
  readonly nMels: number;
  readonly bins: number;
  readonly start: Int32Array;
  readonly weights: Float64Array[];
}

/**
 * librosa.filters.mel: triangles between mel-spaced edges over the rfft bin frequencies, scaled by
 * 2 / (upper edge - lower edge) under 'slaney' norm. Weights are rounded to float32 (librosa's dtype).
 */
export function sparseMelFilterBank(m: ResolvedMel): SparseFilterBank {
  const bins = Math.floor(m.nFft / 2) + 1;
  const fftFreqs = new Float64Array(bins);
  // np.fft.rfftfreq(n, 1/sr) = k / (n · (1/sr))
  for (let k = 0; k < bins; k++) fftFreqs[k] = k / (m.nFft * (1 / m.sampleRate));
  const edges = melFrequencies(m.nMels + 2, m.fmin, m.fmax, m.htk);
  for (let i = 1; i < edges.length; i++) {
    check(
      edges[i]! > edges[i - 1]!,
      'nMels',
      `${m.nMels} bands do not fit between fmin=${m.fmin} and fmax=${m.fmax} Hz`,
    );
  }
  const start = new Int32Array(m.nMels);
  const weights: Float64Array[] = [];
  for (let band = 0; band < m.nMels; band++) {
    const lower = edges[band]!;
    const centre = edges[band + 1]!;
    const upper = edges[band + 2]!;
    const lowerDiff = centre - lower;
    const upperDiff = upper - centre;
    const scale = m.norm === 'slaney' ? 2 / (upper - lower) : 1;
    const row = new Float64Array(bins);
    let first = -1;
    let last = -1;
    for (let k = 0; k < bins; k++) {
      const rising = -(lower - fftFreqs[k]!) / lowerDiff;
      const falling = (upper - fftFreqs[k]!) / upperDiff;
      const w = Math.max(0, Math.min(rising, falling));
      if (w > 0) {
        row[k] = Math.fround(Math.fround(w) * scale);
        if (first < 0) first = k;
        last = k;
      }
    }
    start[band] = Math.max(first, 0);
    weights.push(first < 0 ? new Float64Array(0) : row.slice(first, last + 1));
  }
  return { nMels: m.nMels, bins, start, weights };
}

const bankCache = new Map<string, SparseFilterBank>();

function cachedFilterBank(m: ResolvedMel): SparseFilterBank {
  const key = JSON.stringify(m);
  let bank = bankCache.get(key);
  if (bank === undefined) {
    bank = sparseMelFilterBank(m);
    if (bankCache.size > 16) bankCache.clear();
    bankCache.set(key, bank);
  }
  return bank;
}

/** librosa.filters.mel as a dense `nMels x (1 + nFft/2)` matrix. */
export function melFilterBank(options: MelOptions = {}): Matrix {
  const bank = cachedFilterBank(resolveMel(options));
  const out = createMatrix(bank.nMels, bank.bins);
  for (let band = 0; band < bank.nMels; band++) out.data.set(bank.weights[band]!, band * bank.bins + bank.start[band]!);
  return out;
}

/** Applies the bank to one power spectrum column, writing band energies to `out[band * stride + offset]`. */
function applyBank(
  bank: SparseFilterBank,
  column: Float64Array,
  out: Float32Array,
  stride: number,
  offset: number,
): void {
  for (let band = 0; band < bank.nMels; band++) {
    const w = bank.weights[band]!;
    const s = bank.start[band]!;
    let acc = 0;
    for (let j = 0; j < w.length; j++) acc += w[j]! * column[s + j]!;
    out[band * stride + offset] = acc;
  }
}

/**
 * librosa.feature.melspectrogram: the mel filter bank applied to |STFT|^power, `nMels x frames`.
 * From samples (`{ y }`) or a precomputed power spectrogram (`{ power }`, `(1 + nFft/2) x frames`).
 * Defaults as librosa: nFft 2048, hopLength 512 (not winLength/4), power 2, plus those of stft and
 * resolveMel.
 */
export function melSpectrogram(input: MelInput, options: MelSpectrogramOptions = {}): Matrix {
  const m = resolveMel(options);
  const bank = cachedFilterBank(m);
  if ('power' in input) {
    const S = input.power;
    checkMatrix(S, 'power');
    check(S.rows === bank.bins, 'power', `has ${S.rows} rows; nFft=${m.nFft} needs ${bank.bins}`);
    const out = createMatrix(m.nMels, S.cols);
    const column = new Float64Array(S.rows);
    for (let t = 0; t < S.cols; t++) {
      for (let k = 0; k < S.rows; k++) column[k] = S.data[k * S.cols + t]!;
      applyBank(bank, column, out.data, S.cols, t);
    }
    return out;
  }
  const s: ResolvedStft = resolveStft(options, 512);
  const power = resolvePower(options);
  checkSignal(input.y);
  const frames = stftFrameCount(input.y.length, s);
  const out = createMatrix(m.nMels, Math.max(frames, 0));
  const column = new Float64Array(bank.bins);
  forEachStftFrame(input.y, s, (t, re, im) => {
    framePower(re, im, power, column);
    applyBank(bank, column, out.data, frames, t);
  });
  return out;
}
