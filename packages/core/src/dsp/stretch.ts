import { SerkitError } from '../errors.js';
import { istft } from './istft.js';
import { stft } from './stft.js';
import type { ComplexMatrix, TimeStretchOptions } from './types.js';
import { checkInteger, checkPositive, checkSignal, MAX_OUTPUT_LENGTH } from './validate.js';

/** Python's round(): half to even (librosa computes the stretched length with it). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Length of time_stretch's output: round(n / rate), Python rounding. */
export function stretchedLength(length: number, rate: number): number {
  return roundHalfEven(length / rate);
}

/**
 * librosa.phase_vocoder: resamples the STFT's frames at 0, rate, 2·rate, … (linear interpolation of
 * magnitudes), accumulating each bin's measured phase advance. Rounds like librosa on complex64
 * input: phases, magnitudes and the phase accumulator are float32. hopLength defaults to nFft/4 with
 * nFft = 2·(rows - 1), as librosa's phase_vocoder.
 */
export function phaseVocoder(D: ComplexMatrix, rate: number, hopLength?: number): ComplexMatrix {
  checkPositive(rate, 'rate');
  const bins = D.rows;
  const frames = D.cols;
  const nFft = 2 * (bins - 1);
  const hop = hopLength ?? Math.floor(nFft / 4);
  checkInteger(hop, 'hopLength', 1, 2 ** 20);
  const steps = Math.ceil(frames / rate);
  const outRe = new Float32Array(bins * steps);
  const outIm = new Float32Array(bins * steps);
  const f = Math.fround;
  // Magnitudes and phases of every input frame (float32, as numpy on complex64), plus two zero
  // frames of padding as librosa appends.
  const magnitudes = new Float64Array(bins * (frames + 2));
  const angles = new Float64Array(bins * (frames + 2));
  for (let k = 0; k < bins; k++) {
    for (let t = 0; t < frames; t++) {
      const r = D.re[k * frames + t]!;
      const i = D.im[k * frames + t]!;
      magnitudes[k * (frames + 2) + t] = f(Math.sqrt(r * r + i * i));
      angles[k * (frames + 2) + t] = f(Math.atan2(i, r));
    }
  }
  const magnitude = (k: number, t: number): number => magnitudes[k * (frames + 2) + t]!;
  const angle = (k: number, t: number): number => angles[k * (frames + 2) + t]!;
  const phase = new Float64Array(bins);
  for (let k = 0; k < bins; k++) phase[k] = angle(k, 0);
  const advanceStep = (Math.PI * hop) / (bins - 1);
  const twoPi = 2 * Math.PI;
  for (let t = 0; t < steps; t++) {
    const step = t * rate;
    const left = Math.floor(step);
    const alpha = step - left;
    for (let k = 0; k < bins; k++) {
      const mag = (1 - alpha) * magnitude(k, left) + alpha * magnitude(k, left + 1);
      const p = phase[k]!;
      outRe[k * steps + t] = f(Math.cos(p)) * mag;
      outIm[k * steps + t] = f(Math.sin(p)) * mag;
      const advance = k === bins - 1 ? Math.PI * hop : k * advanceStep;
      let dphase = f(angle(k, left + 1) - angle(k, left)) - advance;
      dphase -= twoPi * roundHalfEven(dphase / twoPi);
      phase[k] = f(p + (advance + dphase));
    }
  }
  return { re: outRe, im: outIm, rows: bins, cols: steps };
}

/**
 * librosa.effects.time_stretch: stft -> phaseVocoder -> istft, output length round(n / rate)
 * (rate > 1 speeds up). STFT options and defaults as stft (nFft 2048, hop nFft/4, hann, centred).
 */
export function timeStretch(y: Float32Array, rate: number, options: TimeStretchOptions = {}): Float32Array {
  checkPositive(rate, 'rate');
  checkSignal(y);
  const length = stretchedLength(y.length, rate);
  if (length < 1 || length > MAX_OUTPUT_LENGTH) {
    throw new SerkitError('INVALID_ARGUMENT', `stretching ${y.length} samples by ${rate} gives ${length} samples`, {
      input: 'rate',
    });
  }
  const spectrum = stft(y, options);
  const stretched = phaseVocoder(spectrum, rate, options.hopLength);
  return istft(stretched, { ...options, length });
}
