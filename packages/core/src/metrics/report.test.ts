import { describe, expect, it } from 'vitest';
import { SerkitError } from '../errors.js';
import { formatClassificationReport } from './format.js';
import { classificationReport } from './report.js';
import { meanStd } from './summary.js';

// Worked by hand: class a: 4 true, 4 predicted, 3 hits; bb: 2/2/1; c: 4/4/3.
const yTrue = [0, 0, 0, 1, 1, 2, 2, 2, 2, 0];
const yPred = [0, 1, 0, 1, 2, 2, 2, 0, 2, 0];
const labels = ['a', 'bb', 'c'];

describe('classificationReport', () => {
  it('matches scores worked by hand', () => {
    const r = classificationReport(yTrue, yPred, labels);
    expect(r.perClass.map((c) => [c.precision, c.recall, c.support])).toEqual([
      [0.75, 0.75, 4],
      [0.5, 0.5, 2],
      [0.75, 0.75, 4],
    ]);
    expect(r.accuracy).toBeCloseTo(0.7);
    expect(r.macro.f1).toBeCloseTo(2 / 3);
    expect(r.weighted.precision).toBeCloseTo(0.7);
    expect(r.uar).toBeCloseTo(2 / 3);
    expect(r.confusion.counts).toEqual([
      [3, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ]);
    expect(r.confusion.normalised[1]).toEqual([0, 0.5, 0.5]);
  });

  it('scores a never-predicted class 0 (zero_division=0) and leaves an empty row at 0', () => {
    const r = classificationReport([0, 0, 1], [0, 0, 0], ['x', 'y', 'z']);
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.confusion.normalised[2]).toEqual([0, 0, 0]);
    expect(r.uar).toBeCloseTo(1 / 3);
  });

  it('refuses indices outside the labels and unequal lengths', () => {
    expect(() => classificationReport([0, 3], [0, 1], labels)).toThrow(SerkitError);
    expect(() => classificationReport([0], [0, 1], labels)).toThrow(/yPred/);
  });

  it('prints sklearn-style rows', () => {
    const text = formatClassificationReport(classificationReport(yTrue, yPred, labels));
    expect(text).toMatch(/^\s+bb\s+0\.50\s+0\.50\s+0\.50\s+2$/m);
    expect(text).toMatch(/^\s+accuracy\s+0\.70\s+10$/m);
    expect(text).toMatch(/^\s+macro avg\s+0\.67\s+0\.67\s+0\.67\s+10$/m);
  });
});

describe('meanStd', () => {
  it('uses the population std', () => {
    expect(meanStd([1, 3])).toEqual({ mean: 2, std: 1, n: 2 });
    expect(meanStd([]).mean).toBeNaN();
  });
});
