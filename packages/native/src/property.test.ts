import { type Dsp, isSerkitError, relativeError, tsDsp } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { addonMissing, nativeDsp, testRandom, testSignal } from './test-helpers.js';

const PARITY = 1e-5;
const TRIALS = 12;

type Output = Float32Array | { data: Float32Array } | { re: Float32Array; im: Float32Array };

function flatten(out: Output): Float32Array {
  if (out instanceof Float32Array) return out;
  if ('data' in out) return out.data;
  const both = new Float32Array(out.re.length * 2);
  both.set(out.re);
  both.set(out.im, out.re.length);
  return both;
}

/** Runs `call` on both paths: equal error codes, or outputs within PARITY. Returns what happened. */
function compare(call: (dsp: Dsp) => Output, native: Dsp): string {
  const run = (dsp: Dsp): Float32Array | string => {
    try {
      return flatten(call(dsp));
    } catch (error) {
      if (!isSerkitError(error)) throw error;
      return error.code;
    }
  };
  const got = run(native);
  const expected = run(tsDsp);
  if (typeof got === 'string' || typeof expected === 'string') {
    expect(got).toEqual(expected);
    return `error ${String(got)}`;
  }
  expect(got.length).toBe(expected.length);
  expect(relativeError(got, expected)).toBeLessThanOrEqual(PARITY);
  return 'ok';
}

describe('native vs TS on random lengths and parameters (seeded)', () => {
  if (nativeDsp === null) {
    it.skip(addonMissing, () => {});
    return;
  }
  const native = nativeDsp;
  const random = testRandom(20261125);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;

  for (let trial = 0; trial < TRIALS; trial++) {
    const length = int(2, 24000);
    const sampleRate = pick([8000, 16000, 22050, 44100]);
    const nFft = pick([16, 100, 255, 256, 400, 509, 512, 1000, 1024, 2048, 2 * int(8, 1500), int(16, 3000)]);
    const winLength = int(Math.max(1, nFft >> 2), nFft);
    const stft = {
      nFft,
      winLength,
      hopLength: int(Math.max(1, winLength >> 3), winLength),
      window: pick(['hann', 'hamming', 'rectangular'] as const),
      center: random() < 0.8,
      padMode: pick(['constant', 'reflect'] as const),
    };
    const fmax = (sampleRate / 2) * (0.5 + random() / 2);
    const mel = { sampleRate, nMels: int(1, 96), fmin: random() * 200, fmax, htk: random() < 0.5 };
    const y = testSignal(length, trial + 1, sampleRate);
    const label = `trial ${trial}: n=${length} ${JSON.stringify({ ...stft, ...mel })}`;

    it(`stft, spectrogram, mel, mfcc, delta — ${label}`, () => {
      compare((dsp) => dsp.stft(y, stft), native);
      const power = pick([1, 2]);
      compare((dsp) => dsp.spectrogram(y, { ...stft, power }), native);
      compare((dsp) => dsp.melSpectrogram({ y }, { ...stft, ...mel }), native);
      const nMfcc = int(1, mel.nMels);
      const lifter = random() < 0.3 ? int(1, 30) : 0;
      if (compare((dsp) => dsp.mfcc({ y }, { ...stft, ...mel, nMfcc, lifter }), native) === 'ok') {
        const m = native.mfcc({ y }, { ...stft, ...mel, nMfcc });
        const delta = {
          width: 2 * int(1, 6) + 1,
          order: int(1, 2),
          mode: pick(['interp', 'nearest', 'mirror', 'constant', 'wrap'] as const),
        };
        compare((dsp) => dsp.delta(m, delta), native);
      }
    });

    it(`resample, noise, stretch, pitch — trial ${trial}: n=${length} at ${sampleRate} Hz`, () => {
      const target = pick([8000, 11025, 16000, 22050, 44100, int(4000, 48000)]);
      compare((dsp) => dsp.resample(y, sampleRate, target), native);
      const seed = pick([0, 1, -7, 2 ** 40 + 3, int(0, 2 ** 31)]);
      const peakRatio = random() * 0.1;
      const snrDb = random() * 40 - 10;
      compare((dsp) => dsp.addNoise(y, { seed, peakRatio }), native);
      compare((dsp) => dsp.addNoise(y, { seed, snrDb }), native);
      if (length >= 64) {
        const small = { nFft: pick([256, 512, 1024]) };
        const rate = 0.5 + random() * 1.5;
        const nSteps = random() * 6 - 3;
        compare((dsp) => dsp.timeStretch(y, rate, small), native);
        compare((dsp) => dsp.pitchShift(y, sampleRate, nSteps, small), native);
      }
    });
  }

  it('noise is the same draw on both paths for a seed (the shared PRNG)', () => {
    const y = testSignal(5000, 99);
    for (const seed of [0, 42, -1, 2 ** 33 + 5]) {
      const a = native.addNoise(y, { seed });
      const b = tsDsp.addNoise(y, { seed });
      let same = 0;
      for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
      // Bit-identical but for rare last-bit differences of libm vs V8's sin/cos/log.
      expect(same / a.length).toBeGreaterThan(0.999);
      expect(native.addNoise(y, { seed: seed + 1 })).not.toEqual(a);
    }
  });
});
