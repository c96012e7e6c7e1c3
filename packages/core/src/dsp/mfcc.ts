import { check } from '../errors.js';
import { powerToDb } from './db.js';
import { dctRows } from './dct.js';
import { melSpectrogram } from './mel.js';
import type { Matrix, MfccInput, MfccOptions } from './types.js';
import { checkInteger, checkMatrix, checkNonNegative, checkOneOf } from './validate.js';

/**
 * librosa.feature.mfcc: DCT-II (ortho) of the log-power mel spectrogram, first `nMfcc` rows,
 * `nMfcc x frames`. From samples (`{ y }`: power_to_db(melspectrogram(y)), with every mel/STFT/dB
 * option) or from a log-mel matrix (`{ logMel }`, librosa's `S=`). Defaults as librosa: nMfcc 20
 * (the paper uses 13), dctType 2, dctNorm 'ortho', lifter 0; mel defaults as melSpectrogram.
 */
export function mfcc(input: MfccInput, options: MfccOptions = {}): Matrix {
  const nMfcc = options.nMfcc ?? 20;
  const dctType = options.dctType ?? 2;
  check(dctType === 2, 'dctType', `only type 2 is supported, got ${dctType}`);
  const norm = options.dctNorm === undefined ? 'ortho' : options.dctNorm;
  checkOneOf(norm, 'dctNorm', ['ortho', null]);
  const lifter = options.lifter ?? 0;
  checkNonNegative(lifter, 'lifter');
  let logMel: Matrix;
  if ('logMel' in input) {
    checkMatrix(input.logMel, 'logMel');
    logMel = input.logMel;
  } else {
    logMel = powerToDb(melSpectrogram({ y: input.y }, options), options);
  }
  checkInteger(nMfcc, 'nMfcc', 1, logMel.rows);
  const out = dctRows(logMel, nMfcc, norm);
  if (lifter > 0) {
    // librosa: M *= 1 + (lifter / 2) · sin(π (k + 1) / lifter)
    for (let k = 0; k < nMfcc; k++) {
      const gain = 1 + (lifter / 2) * Math.sin((Math.PI * (k + 1)) / lifter);
      for (let t = 0; t < out.cols; t++) out.data[k * out.cols + t]! *= gain;
    }
  }
  return out;
}
