import { check, SerkitError } from '../errors.js';
import type { Matrix } from './types.js';

/**
 * Argument checks shared by the DSP functions: every failure is a SerkitError naming the parameter
 * (INVALID_ARGUMENT) or the signal (INVALID_AUDIO) and the reason, so bad input never yields NaN
 * output or a hang.
 */

/**
 * The shortest signal any analysis accepts: 2 samples. (librosa would frame a single sample, but a
 * one-sample "signal" is always a bug upstream: an empty decode, a wrong slice.)
 */
export const MIN_SIGNAL_LENGTH = 2;
/** Largest FFT size accepted: 2^20. */
export const MAX_N_FFT = 2 ** 20;
/**
 * Largest signal a function may produce, and the longest FFT resampling takes: 2^25 samples (25 min
 * at 22050 Hz). A guard against absurd parameters exhausting memory (an FFT resampling of n samples
 * holds ~48·2n bytes) or running for hours.
 */
export const MAX_OUTPUT_LENGTH = 2 ** 25;

/** Checks that `y` is a Float32Array of at least `minLength` finite samples. */
export function checkSignal(y: Float32Array, name = 'y', minLength = MIN_SIGNAL_LENGTH): void {
  if (!(y instanceof Float32Array)) {
    throw new SerkitError('INVALID_ARGUMENT', 'must be a Float32Array of samples', { input: name });
  }
  if (y.length < minLength) {
    throw new SerkitError(
      'INVALID_AUDIO',
      y.length === 0 ? 'signal is empty' : `signal has ${y.length} sample(s); at least ${minLength} are needed`,
      { input: name },
    );
  }
  for (let i = 0; i < y.length; i++) {
    const value = y[i]!;
    // value - value is NaN exactly for NaN and ±Infinity (cheaper than Number.isFinite per sample).
    if (value - value !== 0) {
      throw new SerkitError('INVALID_AUDIO', `sample ${i} is ${value}`, { input: name });
    }
  }
}

export function checkInteger(value: number, name: string, min: number, max: number): void {
  check(
    Number.isInteger(value) && value >= min && value <= max,
    name,
    `must be an integer in [${min}, ${max}], got ${value}`,
  );
}

export function checkFinite(value: number, name: string): void {
  check(Number.isFinite(value), name, `must be a finite number, got ${value}`);
}

export function checkPositive(value: number, name: string): void {
  check(Number.isFinite(value) && value > 0, name, `must be a finite number > 0, got ${value}`);
}

export function checkNonNegative(value: number, name: string): void {
  check(Number.isFinite(value) && value >= 0, name, `must be a finite number >= 0, got ${value}`);
}

export function checkOneOf<T>(value: T, name: string, allowed: readonly T[]): void {
  check(
    allowed.includes(value),
    name,
    `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`,
  );
}

/** Checks a matrix's shape and that every value is finite (INVALID_AUDIO otherwise). */
export function checkMatrix(m: Matrix, name: string): void {
  check(
    Number.isInteger(m.rows) && Number.isInteger(m.cols) && m.rows >= 1 && m.cols >= 1,
    name,
    `must have at least one row and one column, got ${m.rows} x ${m.cols}`,
  );
  check(
    m.data instanceof Float32Array && m.data.length === m.rows * m.cols,
    name,
    `data must be a Float32Array of rows * cols = ${m.rows * m.cols} values`,
  );
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i]!)) {
      throw new SerkitError(
        'INVALID_AUDIO',
        `value at row ${Math.floor(i / m.cols)}, column ${i % m.cols} is ${m.data[i]}`,
        {
          input: name,
        },
      );
    }
  }
}
