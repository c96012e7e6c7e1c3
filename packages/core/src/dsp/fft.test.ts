import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { realFft } from './fft.js';

function naiveDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const half = Math.floor(n / 2);
  const re = new Float64Array(half + 1);
  const im = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((k * j) % n)) / n;
      re[k]! += x[j]! * Math.cos(angle);
      im[k]! += x[j]! * Math.sin(angle);
    }
  }
  return { re, im };
}

describe('realFft', () => {
  // Powers of two (fft.js) and other sizes (Bluestein), even and odd.
  for (const n of [1, 2, 8, 512, 3, 5, 12, 400, 1001]) {
    it(`matches a direct DFT and inverts for n=${n}`, () => {
      const rng = createRng(n);
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const plan = realFft(n);
      const half = Math.floor(n / 2);
      const re = new Float64Array(half + 1);
      const im = new Float64Array(half + 1);
      plan.forward(x, re, im);
      const expected = naiveDft(x);
      const scale = Math.sqrt(n);
      for (let k = 0; k <= half; k++) {
        expect(Math.abs(re[k]! - expected.re[k]!)).toBeLessThan(1e-9 * scale * 10);
        expect(Math.abs(im[k]! - expected.im[k]!)).toBeLessThan(1e-9 * scale * 10);
      }
      const back = new Float64Array(n);
      plan.inverse(re, im, back);
      for (let i = 0; i < n; i++) expect(Math.abs(back[i]! - x[i]!)).toBeLessThan(1e-9);
    });
  }

  it('ignores the imaginary parts of DC and Nyquist on inversion, as numpy.fft.irfft', () => {
    for (const n of [8, 10]) {
      const plan = realFft(n);
      const re = new Float64Array(n / 2 + 1).fill(1);
      const im = new Float64Array(n / 2 + 1);
      const clean = new Float64Array(n);
      plan.inverse(re, im, clean);
      im[0] = 5;
      im[n / 2] = -3;
      const dirty = new Float64Array(n);
      plan.inverse(re, im, dirty);
      for (let i = 0; i < n; i++) expect(dirty[i]).toBeCloseTo(clean[i]!, 12);
    }
  });
});
