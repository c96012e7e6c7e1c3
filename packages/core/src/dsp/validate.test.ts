import { describe, expect, it } from 'vitest';
import { SerkitError } from '../errors.js';
import { istft } from './istft.js';
import { createMatrix } from './matrix.js';
import { tsDsp as dsp } from './ts-dsp.js';

const good = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 10));

function expectError(fn: () => unknown, code: string, input: string, reason?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a SerkitError').toBeInstanceOf(SerkitError);
  const error = caught as SerkitError;
  expect(error.code).toBe(code);
  expect(error.input).toBe(input);
  if (reason) expect(error.reason).toMatch(reason);
}

/** Every function that takes samples, run on `y`. */
const signalFunctions: [string, (y: Float32Array) => unknown][] = [
  ['stft', (y) => dsp.stft(y)],
  ['spectrogram', (y) => dsp.spectrogram(y)],
  ['melSpectrogram', (y) => dsp.melSpectrogram({ y })],
  ['mfcc', (y) => dsp.mfcc({ y })],
  ['resample', (y) => dsp.resample(y, 16000, 22050)],
  ['addNoise', (y) => dsp.addNoise(y, { seed: 1, snrDb: 10 })],
  ['timeStretch', (y) => dsp.timeStretch(y, 1.1)],
  ['pitchShift', (y) => dsp.pitchShift(y, 16000, 1)],
];

describe('bad signals', () => {
  for (const [name, fn] of signalFunctions) {
    it(`${name} rejects NaN, Inf, empty and 1-sample signals`, () => {
      const nan = good.slice();
      nan[17] = Number.NaN;
      expectError(() => fn(nan), 'INVALID_AUDIO', 'y', /sample 17 is NaN/);
      const inf = good.slice();
      inf[3] = Number.NEGATIVE_INFINITY;
      expectError(() => fn(inf), 'INVALID_AUDIO', 'y', /sample 3 is -Infinity/);
      expectError(() => fn(new Float32Array(0)), 'INVALID_AUDIO', 'y', /empty/);
      expectError(() => fn(new Float32Array(1)), 'INVALID_AUDIO', 'y', /1 sample/);
      // Two samples are enough and give finite output.
      const out = fn(Float32Array.of(0.5, -0.25)) as Float32Array | { data: Float32Array } | { re: Float32Array };
      const values = out instanceof Float32Array ? out : 'data' in out ? out.data : out.re;
      expect(values.length).toBeGreaterThan(0);
      expect(values.every(Number.isFinite)).toBe(true);
    });
  }
  it('rejects non-Float32Array input', () => {
    expectError(() => dsp.stft([1, 2, 3] as unknown as Float32Array), 'INVALID_ARGUMENT', 'y');
  });
  it('needs nFft samples without centring', () => {
    expectError(() => dsp.stft(new Float32Array(100), { center: false, nFft: 256 }), 'INVALID_AUDIO', 'y', /nFft=256/);
  });
});

describe('bad parameters', () => {
  it('sample rates must be positive', () => {
    expectError(() => dsp.melSpectrogram({ y: good }, { sampleRate: 0 }), 'INVALID_ARGUMENT', 'sampleRate');
    expectError(() => dsp.mfcc({ y: good }, { sampleRate: -16000 }), 'INVALID_ARGUMENT', 'sampleRate');
    expectError(() => dsp.resample(good, 0, 16000), 'INVALID_ARGUMENT', 'origSampleRate');
    expectError(() => dsp.resample(good, 16000, Number.NaN), 'INVALID_ARGUMENT', 'targetSampleRate');
    expectError(() => dsp.pitchShift(good, -1, 2), 'INVALID_ARGUMENT', 'sampleRate');
  });
  it('nFft must be an integer in [2, 2^20]', () => {
    expectError(() => dsp.stft(good, { nFft: 1 }), 'INVALID_ARGUMENT', 'nFft');
    expectError(() => dsp.stft(good, { nFft: 2 ** 20 + 1 }), 'INVALID_ARGUMENT', 'nFft');
    expectError(() => dsp.spectrogram(good, { nFft: 100.5 }), 'INVALID_ARGUMENT', 'nFft');
    expectError(() => dsp.melFilterBank({ nFft: 0 }), 'INVALID_ARGUMENT', 'nFft');
  });
  it('hop and window lengths must fit', () => {
    expectError(() => dsp.stft(good, { hopLength: 0 }), 'INVALID_ARGUMENT', 'hopLength');
    expectError(() => dsp.stft(good, { nFft: 512, winLength: 513 }), 'INVALID_ARGUMENT', 'winLength');
    expectError(() => dsp.stft(good, { window: 'blackman' as 'hann' }), 'INVALID_ARGUMENT', 'window');
    expectError(() => dsp.stft(good, { padMode: 'edge' as 'reflect' }), 'INVALID_ARGUMENT', 'padMode');
    expectError(() => dsp.spectrogram(good, { power: 0 }), 'INVALID_ARGUMENT', 'power');
  });
  it('mel parameters must make sense', () => {
    expectError(() => dsp.melFilterBank({ nMels: 0 }), 'INVALID_ARGUMENT', 'nMels');
    expectError(() => dsp.melFilterBank({ sampleRate: 16000, fmax: 8001 }), 'INVALID_ARGUMENT', 'fmax', /Nyquist/);
    expectError(() => dsp.melFilterBank({ fmin: -1 }), 'INVALID_ARGUMENT', 'fmin');
    expectError(() => dsp.melFilterBank({ fmin: 5000, fmax: 4000 }), 'INVALID_ARGUMENT', 'fmin');
    expectError(() => dsp.melFilterBank({ norm: 'l2' as 'slaney' }), 'INVALID_ARGUMENT', 'norm');
    expectError(
      () => dsp.melFilterBank({ nMels: 4000, fmin: 1000, fmax: 1000 + 1e-12 }),
      'INVALID_ARGUMENT',
      'nMels',
      /do not fit/,
    );
    expectError(
      () => dsp.melSpectrogram({ power: createMatrix(10, 3) }, { nFft: 2048 }),
      'INVALID_ARGUMENT',
      'power',
      /1025/,
    );
  });
  it('power_to_db and MFCC parameters must make sense', () => {
    const S = createMatrix(4, 2, Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    expectError(() => dsp.powerToDb(S, { amin: 0 }), 'INVALID_ARGUMENT', 'amin');
    expectError(() => dsp.powerToDb(S, { topDb: -1 }), 'INVALID_ARGUMENT', 'topDb');
    expectError(() => dsp.powerToDb(S, { ref: Number.NaN }), 'INVALID_ARGUMENT', 'ref');
    expectError(() => dsp.powerToDb(createMatrix(1, 2, Float32Array.of(1, Number.NaN)), {}), 'INVALID_AUDIO', 'S');
    expectError(() => dsp.mfcc({ logMel: S }, { nMfcc: 5 }), 'INVALID_ARGUMENT', 'nMfcc');
    expectError(() => dsp.mfcc({ logMel: S }, { nMfcc: 0 }), 'INVALID_ARGUMENT', 'nMfcc');
    expectError(() => dsp.mfcc({ logMel: S }, { nMfcc: 2, lifter: -1 }), 'INVALID_ARGUMENT', 'lifter');
    expectError(() => dsp.mfcc({ logMel: S }, { nMfcc: 2, dctType: 3 as 2 }), 'INVALID_ARGUMENT', 'dctType');
    expectError(
      () => dsp.mfcc({ logMel: { data: new Float32Array(3), rows: 2, cols: 2 } }),
      'INVALID_ARGUMENT',
      'logMel',
    );
  });
  it('delta parameters must make sense', () => {
    const M = createMatrix(2, 5);
    expectError(() => dsp.delta(M, { width: 4 }), 'INVALID_ARGUMENT', 'width', /odd/);
    expectError(() => dsp.delta(M, { width: 1 }), 'INVALID_ARGUMENT', 'width');
    expectError(() => dsp.delta(M, { width: 9 }), 'INVALID_ARGUMENT', 'width', /exceeds the 5 frame/);
    expectError(() => dsp.delta(M, { order: 0 }), 'INVALID_ARGUMENT', 'order');
    expectError(
      () => dsp.delta(M, { width: 13, mode: 'nearest' }),
      'INVALID_ARGUMENT',
      'width',
      /2 \* frames \+ 1 = 11/,
    );
    expectError(() => dsp.delta(M, { mode: 'reflect' as 'wrap' }), 'INVALID_ARGUMENT', 'mode');
  });
  it('augmentation parameters must make sense', () => {
    expectError(() => dsp.timeStretch(good, 0), 'INVALID_ARGUMENT', 'rate');
    expectError(() => dsp.timeStretch(good, -1), 'INVALID_ARGUMENT', 'rate');
    expectError(() => dsp.timeStretch(good, Number.POSITIVE_INFINITY), 'INVALID_ARGUMENT', 'rate');
    expectError(() => dsp.timeStretch(good, 1e-9), 'INVALID_ARGUMENT', 'rate', /gives/);
    expectError(() => dsp.timeStretch(good, 1e9), 'INVALID_ARGUMENT', 'rate', /gives 0 samples/);
    expectError(() => dsp.pitchShift(good, 16000, Number.NaN), 'INVALID_ARGUMENT', 'nSteps');
    expectError(() => dsp.pitchShift(good, 16000, 1000), 'INVALID_ARGUMENT', 'nSteps', /stretch/);
    expectError(() => dsp.pitchShift(good, 16000, -1000), 'INVALID_ARGUMENT', 'nSteps', /stretch/);
    expectError(() => dsp.pitchShift(good, 16000, 1, { binsPerOctave: 0 }), 'INVALID_ARGUMENT', 'binsPerOctave');
    expectError(() => dsp.resample(good, 16000, 1e12), 'INVALID_ARGUMENT', 'targetSampleRate');
    expectError(() => dsp.resample(good, 16000, 8000, { method: 'soxr' as 'fft' }), 'INVALID_ARGUMENT', 'method');
    expectError(() => dsp.addNoise(good, { seed: 0.5, snrDb: 3 }), 'INVALID_ARGUMENT', 'seed');
    expectError(() => dsp.addNoise(good, { seed: 1, snrDb: Number.NaN }), 'INVALID_ARGUMENT', 'snrDb');
    expectError(() => dsp.addNoise(good, { seed: 1, peakRatio: -0.1 }), 'INVALID_ARGUMENT', 'peakRatio');
  });
  it('istft checks its shape', () => {
    expectError(
      () => istft({ re: new Float32Array(1), im: new Float32Array(1), rows: 1, cols: 1 }),
      'INVALID_ARGUMENT',
      'stft',
    );
    expectError(() => istft(dsp.stft(good, { nFft: 512 }), { nFft: 256 }), 'INVALID_ARGUMENT', 'nFft');
  });
});
