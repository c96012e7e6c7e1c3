import { describe, expect, it } from 'vitest';
import { SerkitError } from '../errors.js';
import { createRng } from './rng.js';

describe('createRng', () => {
  it('repeats the same stream for the same seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    const sb = Array.from({ length: 8 }, () => b.nextUint32());
    const sc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('distinguishes seeds that differ only above 2^32', () => {
    expect(createRng(1).nextUint32()).not.toBe(createRng(1 + 2 ** 32).nextUint32());
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(7);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let inRange = true;
    for (let i = 0; i < n; i++) {
      const u = rng.random();
      inRange &&= u >= 0 && u < 1;
      sum += u;
      sumSq += u * u;
    }
    expect(inRange).toBe(true);
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals', () => {
    const rng = createRng(3);
    const x = rng.fillNormal(new Float64Array(100_000));
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(x.every(Number.isFinite)).toBe(true);
  });

  it('draws every integer of [0, n) and shuffles into a permutation', () => {
    const rng = createRng(11);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(7));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((p, q) => p - q)).toEqual(items);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => createRng(1.5)).toThrow(SerkitError);
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
  });
});
