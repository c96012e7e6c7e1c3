import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { delta } from './delta.js';
import { istft } from './istft.js';
import { createMatrix, relativeError } from './matrix.js';
import { hzToMel, melFilterBank, melToHz } from './mel.js';
import { frame, resolveStft, spectrogram, stft, stftFrameCount } from './stft.js';
import { getWindow } from './window.js';

const rng = createRng(5);
const y = Float32Array.from({ length: 5000 }, () => rng.normal() * 0.1);

describe('stft / istft', () => {
  for (const options of [
    { nFft: 512 },
    { nFft: 400, hopLength: 160 },
    { nFft: 512, winLength: 400, hopLength: 128 },
    { nFft: 256, padMode: 'reflect' as const },
    { nFft: 256, center: false },
  ]) {
    it(`inverts ${JSON.stringify(options)}`, () => {
      const X = stft(y, options);
      expect(X.rows).toBe(Math.floor(options.nFft / 2) + 1);
      expect(X.cols).toBe(stftFrameCount(y.length, resolveStft(options)));
      const back = istft(X, { ...options, length: y.length });
      // Without centring the first and last partial windows cannot be inverted.
      const skip = options.center === false ? options.nFft : 0;
      expect(relativeError(back.subarray(skip, y.length - skip), y.subarray(skip, y.length - skip))).toBeLessThan(1e-6);
    });
  }

  it('counts frames as librosa: 1 + floor(n / hop) when centred', () => {
    expect(stftFrameCount(40000, resolveStft({}))).toBe(79);
    expect(stftFrameCount(300, resolveStft({ nFft: 512, hopLength: 160 }))).toBe(2);
    expect(stftFrameCount(300, resolveStft({ nFft: 512, center: false }))).toBe(0);
  });

  it('puts a bin-centred sine in its bin with the Hann window gain', () => {
    const n = 1024;
    const sine = Float32Array.from({ length: 4096 }, (_, i) => Math.cos((2 * Math.PI * 64 * i) / n));
    const S = spectrogram(sine, { nFft: n, power: 1 });
    const column = 8;
    // |X[64]| = sum(window) / 2 = n / 4 for a unit cosine under a periodic Hann window.
    expect(S.data[64 * S.cols + column]).toBeCloseTo(n / 4, 2);
    expect(S.data[70 * S.cols + column]).toBeLessThan(1e-3);
  });

  it('reflect-pads like numpy', () => {
    const ramp = Float32Array.of(1, 2, 3, 4, 5);
    const X = stft(ramp, { nFft: 4, hopLength: 1, window: 'rectangular', padMode: 'reflect' });
    // Frame 0 is [3, 2, 1, 2] (reflection without repeating the edge): DC = 8.
    expect(X.re[0]).toBeCloseTo(8, 5);
  });

  it('frames without padding', () => {
    const m = frame(Float32Array.of(0, 1, 2, 3, 4, 5, 6), 3, 2);
    expect([m.rows, m.cols]).toEqual([3, 3]);
    expect(Array.from(m.data)).toEqual([0, 2, 4, 1, 3, 5, 2, 4, 6]);
  });

  it('makes periodic windows', () => {
    const w = getWindow('hann', 4);
    expect(Array.from(w)).toEqual([0, 0.5, 1, 0.5].map((v) => expect.closeTo(v, 12)));
    expect(getWindow('hamming', 2)[0]).toBeCloseTo(0.08, 12);
  });
});

describe('mel scale and filters', () => {
  it('inverts the Slaney and HTK scales', () => {
    for (const hz of [0, 200, 999, 1000, 4000, 11025]) {
      expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 6);
      expect(melToHz(hzToMel(hz, true), true)).toBeCloseTo(hz, 6);
    }
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(1000, true)).toBeCloseTo(999.9855, 3);
  });

  it('builds triangles with unit area per Hz under Slaney norm', () => {
    const bank = melFilterBank({ sampleRate: 16000, nFft: 4096, nMels: 20, fmin: 100 });
    expect([bank.rows, bank.cols]).toEqual([20, 2049]);
    const binHz = 16000 / 4096;
    for (let band = 0; band < 20; band++) {
      let area = 0;
      for (let k = 0; k < bank.cols; k++) area += bank.data[band * bank.cols + k]! * binHz;
      // The triangle's height is 2 / width, so its area is 1.
      expect(area).toBeCloseTo(1, 1);
    }
    const unnormalised = melFilterBank({ sampleRate: 16000, nFft: 512, nMels: 10, norm: null });
    expect(Math.max(...unnormalised.data)).toBeLessThanOrEqual(1);
    expect(Math.max(...unnormalised.data)).toBeGreaterThan(0.9);
  });
});

describe('delta', () => {
  it('is exact for polynomials of its order, edges included (interp), and extends edges per mode', () => {
    const cols = 20;
    const line = createMatrix(
      1,
      cols,
      Float32Array.from({ length: cols }, (_, t) => 3 * t + 1),
    );
    const m = createMatrix(
      1,
      cols,
      Float32Array.from({ length: cols }, (_, t) => 0.5 * t * t),
    );
    const first = delta(line, { width: 5, order: 1 });
    const second = delta(m, { width: 5, order: 2 });
    const slope = delta(m, { width: 5, order: 1 });
    for (let t = 0; t < cols; t++) {
      expect(first.data[t]).toBeCloseTo(3, 4);
      expect(second.data[t]).toBeCloseTo(1, 4);
    }
    // Inside, the centred linear fit of 0.5·t² has slope t; at the edge, the line fitted to frames 0..4 has slope 2.
    expect(slope.data[10]).toBeCloseTo(10, 4);
    expect(slope.data[0]).toBeCloseTo(2, 4);
    expect(slope.data[cols - 1]).toBeCloseTo(cols - 3, 4);
    const nearest = delta(m, { width: 5, mode: 'nearest' });
    expect(nearest.data[10]).toBeCloseTo(10, 4);
    // At the first frame 'nearest' repeats x[0], 'constant' uses zeros, 'wrap' the other end.
    expect(nearest.data[0]).toBeCloseTo((0 * -2 + 0 * -1 + 0.5 * 1 + 2 * 2) / 10, 5);
    expect(delta(m, { width: 5, mode: 'constant' }).data[0]).toBeCloseTo((0.5 + 4) / 10, 5);
    expect(delta(m, { width: 5, mode: 'wrap' }).data[0]).toBeCloseTo((-2 * 162 - 180.5 + 0.5 + 4) / 10, 4);
    expect(delta(m, { width: 5, mode: 'mirror' }).data[0]).toBeCloseTo((-2 * 2 - 0.5 + 0.5 + 4) / 10, 5);
  });
});
