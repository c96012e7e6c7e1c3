import { createRng } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { sampleBeta } from './beta.js';
import { copyCrop, cropOffset } from './crop.js';
import { learningRateAt } from './lr-schedule.js';
import { mixup } from './mixup.js';
import { parseRecipe } from './parse-recipe.js';
import { specAugment } from './spec-augment.js';
import { isNoRecipe, NO_RECIPE, PROTOTYPE_RECIPE } from './types.js';

const ones = (n: number) => new Float32Array(n).fill(1);

describe('specAugment', () => {
  const frames = 40;
  const dims = 16;
  const options = { bandMasks: 2, maxBands: 3, frameMasks: 2, maxFrames: 5 };

  it('zeroes whole bands and whole frames, no wider than the limits', () => {
    for (let seed = 0; seed < 50; seed++) {
      const x = ones(frames * dims);
      specAugment(x, 1, frames, dims, createRng(seed), options);
      const zeroFrames = [...Array(frames).keys()].filter((f) =>
        x.subarray(f * dims, (f + 1) * dims).every((v) => v === 0),
      );
      const bandZero = (d: number) => [...Array(frames).keys()].every((f) => x[f * dims + d] === 0);
      const zeroBands = [...Array(dims).keys()].filter(bandZero);
      // Everything zeroed belongs to a zeroed frame or a zeroed band.
      for (let f = 0; f < frames; f++)
        for (let d = 0; d < dims; d++)
          if (x[f * dims + d] === 0) expect(zeroFrames.includes(f) || zeroBands.includes(d)).toBe(true);
      expect(zeroBands.length).toBeLessThanOrEqual(2 * options.maxBands);
      expect(zeroFrames.length).toBeLessThanOrEqual(2 * options.maxFrames);
    }
  });

  it('masks each example of a batch on its own, the same way for the same seed', () => {
    const a = ones(3 * frames * dims);
    const b = ones(3 * frames * dims);
    specAugment(a, 3, frames, dims, createRng(7), options);
    specAugment(b, 3, frames, dims, createRng(7), options);
    expect(a).toEqual(b);
    const size = frames * dims;
    const rows = [0, 1, 2].map((i) => a.subarray(i * size, (i + 1) * size).join(','));
    expect(new Set(rows).size).toBeGreaterThan(1);
    expect(a.some((v) => v === 0)).toBe(true);
  });
});

describe('mixup', () => {
  it('mixes inputs and one-hot targets with the same lambda and a pairing of the batch', () => {
    const count = 4;
    const x = Float32Array.from([0, 0, 10, 10, 20, 20, 30, 30]);
    const y = new Float32Array(count * 4);
    for (let i = 0; i < count; i++) y[i * 4 + i] = 1;
    const lambda = mixup(x, y, count, 2, 4, createRng(3), 0.2);
    expect(lambda).toBeGreaterThanOrEqual(0);
    expect(lambda).toBeLessThanOrEqual(1);
    for (let i = 0; i < count; i++) {
      const row = Array.from(y.subarray(i * 4, (i + 1) * 4));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      // Target weight on the example's own class is lambda (plus 1 - lambda when paired with itself).
      const partner = row.findIndex((v, k) => k !== i && v > 0);
      const j = partner === -1 ? i : partner;
      expect(x[i * 2]).toBeCloseTo(lambda * i * 10 + (1 - lambda) * j * 10, 4);
      expect(row[i]).toBeCloseTo(j === i ? 1 : lambda, 6);
    }
  });
});

describe('sampleBeta', () => {
  it('has the mean of Beta(a, b) and stays in [0, 1]', () => {
    const rng = createRng(11);
    for (const [a, b] of [
      [0.2, 0.2],
      [2, 5],
    ]) {
      const draws = Array.from({ length: 20000 }, () => sampleBeta(rng, a, b));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThanOrEqual(1);
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      expect(mean).toBeCloseTo(a / (a + b), 1.5);
    }
    // alpha 0.2 is U-shaped: most draws near 0 or 1, which is what makes mixup mostly mild.
    const u = Array.from({ length: 5000 }, () => sampleBeta(rng, 0.2, 0.2));
    expect(u.filter((v) => v < 0.1 || v > 0.9).length / u.length).toBeGreaterThan(0.5);
  });
});

describe('learningRateAt', () => {
  it('one-cycle: base / 25 at the start, the peak at 20 % of the steps, base / 25e4 at the end', () => {
    const total = 101;
    expect(learningRateAt('one-cycle', 1, 0, total)).toBeCloseTo(0.04, 10);
    expect(learningRateAt('one-cycle', 1, 20, total)).toBeCloseTo(1, 10);
    expect(learningRateAt('one-cycle', 1, 100, total)).toBeCloseTo(0.04e-4, 10);
    expect(learningRateAt('one-cycle', 1, 10, total)).toBeGreaterThan(0.04);
    expect(learningRateAt('one-cycle', 1, 10, total)).toBeLessThan(1);
    for (let s = 21; s <= 100; s++)
      expect(learningRateAt('one-cycle', 1, s, total)).toBeLessThan(learningRateAt('one-cycle', 1, s - 1, total));
  });

  it('cosine halves at mid-run and ends at 0; constant stays', () => {
    expect(learningRateAt('cosine', 2, 0, 11)).toBe(2);
    expect(learningRateAt('cosine', 2, 5, 11)).toBeCloseTo(1, 10);
    expect(learningRateAt('cosine', 2, 10, 11)).toBeCloseTo(0, 10);
    expect(learningRateAt('constant', 2, 7, 11)).toBe(2);
  });
});

describe('crops', () => {
  it('centres like the logmel extractor and places random crops anywhere they fit', () => {
    expect(cropOffset(10, 4)).toBe(3);
    expect(cropOffset(3, 6)).toBe(1);
    const rng = createRng(1);
    const seen = new Set(Array.from({ length: 200 }, () => cropOffset(10, 4, rng)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('copies a window of a long clip and pads a short one with zeros', () => {
    const clip = Float32Array.from([1, 2, 3, 4, 5, 6]); // 6 frames x 1 dim
    const out = new Float32Array(3);
    copyCrop(clip, 6, 1, 3, out, 0);
    expect(Array.from(out)).toEqual([2, 3, 4]);
    const padded = new Float32Array(8);
    copyCrop(Float32Array.from([7, 8]), 2, 1, 4, padded, 4);
    expect(Array.from(padded)).toEqual([0, 0, 0, 0, 0, 7, 8, 0]);
  });
});

describe('parseRecipe', () => {
  it('none is the original engine; prototype is the PyTorch recipe; single options override', () => {
    expect(isNoRecipe(parseRecipe({}))).toBe(true);
    expect(parseRecipe({ recipe: 'prototype' })).toEqual(PROTOTYPE_RECIPE);
    expect(parseRecipe({ recipe: 'prototype', mixup: '0', specAugment: 'none', randomCrop: false })).toEqual({
      ...PROTOTYPE_RECIPE,
      mixupAlpha: 0,
      specAugment: null,
      randomCrop: false,
    });
    expect(parseRecipe({ lrSchedule: 'cosine', specAugment: '1,4,0,0', weightDecay: '0.05' })).toEqual({
      ...NO_RECIPE,
      schedule: 'cosine',
      specAugment: { bandMasks: 1, maxBands: 4, frameMasks: 0, maxFrames: 0 },
      weightDecay: 0.05,
    });
  });

  it('names the flag and the reason for bad values', () => {
    expect(() => parseRecipe({ recipe: 'fast' })).toThrow(/--recipe.*none or prototype/);
    expect(() => parseRecipe({ specAugment: '2,8,2' })).toThrow(/--spec-augment/);
    expect(() => parseRecipe({ mixup: '-1' })).toThrow(/--mixup/);
    expect(() => parseRecipe({ weightDecay: 'x' })).toThrow(/--weight-decay/);
    expect(() => parseRecipe({ lrSchedule: 'step' })).toThrow(/--lr-schedule/);
  });
});
