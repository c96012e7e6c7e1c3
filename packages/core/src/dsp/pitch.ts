import { check } from '../errors.js';
import { resample } from './resample.js';
import { stretchedLength, timeStretch } from './stretch.js';
import type { PitchShiftOptions } from './types.js';
import { checkFinite, checkInteger, checkPositive, checkSignal, MAX_OUTPUT_LENGTH } from './validate.js';

/**
 * librosa.effects.pitch_shift: time-stretch by rate = 2^(-nSteps / binsPerOctave), resample from
 * sampleRate / rate back to sampleRate, and trim or zero-pad to the input length. Defaults:
 * binsPerOctave 12, resample method 'fft' (librosa's default is soxr_hq; the references, and so
 * serkit, use res_type='fft'), STFT as timeStretch.
 */
export function pitchShift(
  y: Float32Array,
  sampleRate: number,
  nSteps: number,
  options: PitchShiftOptions = {},
): Float32Array {
  checkPositive(sampleRate, 'sampleRate');
  checkFinite(nSteps, 'nSteps');
  const binsPerOctave = options.binsPerOctave ?? 12;
  checkInteger(binsPerOctave, 'binsPerOctave', 1, 1200);
  checkSignal(y);
  const rate = 2 ** (-nSteps / binsPerOctave);
  const stretched = stretchedLength(y.length, rate);
  check(
    stretched >= 1 && stretched <= MAX_OUTPUT_LENGTH,
    'nSteps',
    `shifting by ${nSteps} steps would stretch ${y.length} samples to ${stretched}`,
  );
  const { binsPerOctave: _bins, resample: resampleOptions, ...stftOptions } = options;
  const shifted = resample(timeStretch(y, rate, stftOptions), sampleRate / rate, sampleRate, resampleOptions);
  if (shifted.length === y.length) return shifted;
  const out = new Float32Array(y.length);
  out.set(shifted.subarray(0, y.length));
  return out;
}
