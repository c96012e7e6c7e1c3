import { isSerkitError, tsDsp } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { addon, addonMissing, nativeDsp } from './test-helpers.js';

const ok = new Float32Array(4096).map((_, i) => Math.sin(i / 10));
const withValue = (value: number, at = 100): Float32Array => {
  const y = ok.slice();
  y[at] = value;
  return y;
};
const detached = (): Float32Array => {
  const y = new Float32Array(4096);
  structuredClone(y.buffer, { transfer: [y.buffer] });
  return y;
};
const matrix = (rows: number, cols: number) => ({ data: new Float32Array(rows * cols).fill(1), rows, cols });

describe('native DSP: bad input gives TypeError/RangeError, never a crash', () => {
  if (addon === null || nativeDsp === null) {
    it.skip(addonMissing, () => {});
    return;
  }
  const a = addon;
  // [what, call, expected error class, expected code]
  const cases: Array<[string, () => unknown, ErrorConstructor, string]> = [
    ['samples as a string', () => a.mfcc('abc' as unknown as Float32Array, null, {}), TypeError, 'INVALID_ARGUMENT'],
    [
      'samples as a plain array',
      () => a.resample([1, 2, 3] as unknown as Float32Array, 16000, 22050),
      TypeError,
      'INVALID_ARGUMENT',
    ],
    [
      'samples as a Float64Array',
      () => a.stft(new Float64Array(4096) as unknown as Float32Array),
      TypeError,
      'INVALID_ARGUMENT',
    ],
    ['a detached buffer', () => a.spectrogram(detached()), TypeError, 'INVALID_ARGUMENT'],
    [
      'a detached buffer in a matrix',
      () => a.powerToDb({ data: detached(), rows: 1, cols: 4096 }),
      TypeError,
      'INVALID_ARGUMENT',
    ],
    ['zero-length samples', () => a.mfcc(new Float32Array(0), null, {}), RangeError, 'INVALID_AUDIO'],
    ['one sample', () => a.timeStretch(new Float32Array(1), 0.8), RangeError, 'INVALID_AUDIO'],
    ['a NaN sample', () => a.mfcc(withValue(Number.NaN), null, {}), RangeError, 'INVALID_AUDIO'],
    [
      'an infinite sample',
      () => a.pitchShift(withValue(Number.POSITIVE_INFINITY), 16000, 0.7),
      RangeError,
      'INVALID_AUDIO',
    ],
    ['samples so large the power overflows', () => a.spectrogram(ok.map((v) => v * 1e30)), RangeError, 'INVALID_AUDIO'],
    [
      'NaN in a matrix',
      () => a.delta({ data: new Float32Array(20).fill(Number.NaN), rows: 1, cols: 20 }),
      RangeError,
      'INVALID_ARGUMENT',
    ],
    ['options as a number', () => a.stft(ok, 5 as unknown as object), TypeError, 'INVALID_ARGUMENT'],
    ['nFft as a string', () => a.stft(ok, { nFft: '2048' }), TypeError, 'INVALID_ARGUMENT'],
    ['nFft = 2^30', () => a.stft(ok, { nFft: 2 ** 30 }), RangeError, 'INVALID_ARGUMENT'],
    ['nFft = 1', () => a.mfcc(ok, null, { nFft: 1 }), RangeError, 'INVALID_ARGUMENT'],
    ['nFft fractional', () => a.spectrogram(ok, { nFft: 512.5 }), RangeError, 'INVALID_ARGUMENT'],
    ['hopLength = 0', () => a.stft(ok, { hopLength: 0 }), RangeError, 'INVALID_ARGUMENT'],
    ['winLength > nFft', () => a.stft(ok, { nFft: 512, winLength: 1024 }), RangeError, 'INVALID_ARGUMENT'],
    ['nMels = 0', () => a.melFilterBank({ nMels: 0 }), RangeError, 'INVALID_ARGUMENT'],
    ['nMels = 10^6', () => a.melFilterBank({ nMels: 1e6 }), RangeError, 'INVALID_ARGUMENT'],
    ['fmax above Nyquist', () => a.melFilterBank({ sampleRate: 16000, fmax: 9000 }), RangeError, 'INVALID_ARGUMENT'],
    ['fmax NaN', () => a.melFilterBank({ fmax: Number.NaN }), RangeError, 'INVALID_ARGUMENT'],
    ['sample rate 0', () => a.mfcc(ok, null, { sampleRate: 0 }), RangeError, 'INVALID_ARGUMENT'],
    ['unknown window', () => a.stft(ok, { window: 'kaiser' }), RangeError, 'INVALID_ARGUMENT'],
    ['nMfcc > nMels', () => a.mfcc(ok, null, { nMels: 20, nMfcc: 40 }), RangeError, 'INVALID_ARGUMENT'],
    ['amin = 0', () => a.powerToDb(matrix(2, 2), { amin: 0 }), RangeError, 'INVALID_ARGUMENT'],
    [
      'rows x cols mismatch',
      () => a.powerToDb({ data: new Float32Array(5), rows: 2, cols: 3 }),
      RangeError,
      'INVALID_ARGUMENT',
    ],
    [
      'matrix with negative rows',
      () => a.delta({ data: new Float32Array(0), rows: -1, cols: 0 }),
      RangeError,
      'INVALID_ARGUMENT',
    ],
    ['delta width even', () => a.delta(matrix(2, 20), { width: 4 }), RangeError, 'INVALID_ARGUMENT'],
    ['delta wider than the frames', () => a.delta(matrix(2, 5), { width: 9 }), RangeError, 'INVALID_ARGUMENT'],
    ['resample to 10^9 Hz', () => a.resample(ok, 16000, 1e9), RangeError, 'INVALID_ARGUMENT'],
    ['resample from a negative rate', () => a.resample(ok, -16000, 22050), RangeError, 'INVALID_ARGUMENT'],
    ['resample rate NaN', () => a.resample(ok, Number.NaN, 22050), RangeError, 'INVALID_ARGUMENT'],
    ['stretch rate 10^-9', () => a.timeStretch(ok, 1e-9), RangeError, 'INVALID_ARGUMENT'],
    ['stretch rate Infinity', () => a.timeStretch(ok, Number.POSITIVE_INFINITY), RangeError, 'INVALID_ARGUMENT'],
    ['stretch rate as a string', () => a.timeStretch(ok, '2' as unknown as number), TypeError, 'INVALID_ARGUMENT'],
    ['pitch shift of 10^6 semitones', () => a.pitchShift(ok, 16000, 1e6), RangeError, 'INVALID_ARGUMENT'],
    ['noise without a seed', () => a.addNoise(ok, {}), TypeError, 'INVALID_ARGUMENT'],
    ['noise with a fractional seed', () => a.addNoise(ok, { seed: 0.5 }), RangeError, 'INVALID_ARGUMENT'],
    [
      'batch jobs not an array',
      () => a.featurizeBatch({} as unknown as object[], {}, {}),
      TypeError,
      'INVALID_ARGUMENT',
    ],
    [
      'batch progress not a function',
      () => a.featurizeBatch([], {}, {}, 5 as unknown as () => void),
      TypeError,
      'INVALID_ARGUMENT',
    ],
  ];
  for (const [what, call, kind, code] of cases) {
    it(`${what} -> ${kind.name} (${code})`, () => {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(kind);
      const error = thrown as Error & { code: string; input: string; reason: string };
      expect(error.code).toBe(code);
      expect(error.input.length).toBeGreaterThan(0);
      expect(error.reason.length).toBeGreaterThan(0);
      expect(error.message).toContain(error.reason);
    });
  }

  it('the Dsp wrapper turns them into the SerkitError codes the TS path throws', () => {
    const native = nativeDsp!;
    const calls: Array<(dsp: typeof native) => unknown> = [
      (dsp) => dsp.mfcc({ y: new Float32Array(0) }),
      (dsp) => dsp.mfcc({ y: withValue(Number.NaN) }),
      (dsp) => dsp.stft(ok, { nFft: 2 ** 21 }),
      (dsp) => dsp.melFilterBank({ sampleRate: 16000, fmax: 9000 }),
      (dsp) => dsp.resample(withValue(Number.NEGATIVE_INFINITY), 16000, 22050),
      (dsp) => dsp.timeStretch(ok, 0),
    ];
    for (const call of calls) {
      const codes = [native, tsDsp].map((dsp) => {
        try {
          call(dsp);
          return 'no error';
        } catch (error) {
          return isSerkitError(error) ? error.code : `not a SerkitError: ${String(error)}`;
        }
      });
      expect(codes[0]).toBe(codes[1]);
      expect(codes[0]).toMatch(/^INVALID_/);
    }
  });
});
