import type { Matrix } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import * as frames from './frames.js';

const { fitFrames, fitStandardisedFrames, loudFrameRange, sliceFrames, stackRows, standardiseRows, transpose } = frames;

const matrix = (rows: number[][]): Matrix => ({
  data: Float32Array.from(rows.flat()),
  rows: rows.length,
  cols: rows[0].length,
});
const rowsOf = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));

describe('loudFrameRange', () => {
  // peak per frame: -80, -50, -10, 0, -30, -45, -80
  const db = matrix([
    [-80, -60, -10, -5, -30, -60, -80],
    [-90, -50, -20, 0, -35, -45, -80],
  ]);

  it('drops lead-in and tail frames more than trimDb below the peak', () => {
    expect(loudFrameRange(db, 40)).toEqual({ start: 2, end: 5 });
    expect(loudFrameRange(db, 50)).toEqual({ start: 1, end: 6 });
  });

  it('keeps every frame when disabled or when nothing is loud', () => {
    expect(loudFrameRange(db, 0)).toEqual({ start: 0, end: 7 });
    const silent = matrix([[-100, -100, -100]]);
    expect(loudFrameRange(silent, 40)).toEqual({ start: 0, end: 3 });
  });

  it('handles an hour of frames', () => {
    const long = { data: new Float32Array(360_000).fill(-80), rows: 1, cols: 360_000 };
    long.data[1000] = 0;
    long.data[200_000] = 0;
    expect(loudFrameRange(long, 40)).toEqual({ start: 1000, end: 200_001 });
  });

  it('keeps quiet frames inside the loud span', () => {
    const gap = matrix([[0, -90, 0]]);
    expect(loudFrameRange(gap, 10)).toEqual({ start: 0, end: 3 });
  });
});

describe('standardiseRows', () => {
  it('gives each row mean 0 and population std 1', () => {
    const out = standardiseRows(matrix([[1, 2, 3, 4]]));
    // mean 2.5, population std sqrt(1.25)
    const s = Math.sqrt(1.25) + 1e-5;
    expect(Array.from(out.data)).toEqual(
      [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s].map((v) => expect.closeTo(v, 6) as unknown as number),
    );
  });

  it('turns a constant row into zeros', () => {
    expect(Array.from(standardiseRows(matrix([[7, 7, 7]])).data)).toEqual([0, 0, 0]);
  });
});

describe('fitFrames', () => {
  const m = matrix([
    [1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10],
  ]);

  it('keeps the centre columns of a longer matrix', () => {
    expect(rowsOf(fitFrames(m, 3))).toEqual([
      [2, 3, 4],
      [7, 8, 9],
    ]);
    expect(rowsOf(fitFrames(m, 2))).toEqual([
      [2, 3],
      [7, 8],
    ]);
  });

  it('centres a shorter matrix between zero columns', () => {
    expect(rowsOf(fitFrames(m, 8))).toEqual([
      [0, 1, 2, 3, 4, 5, 0, 0],
      [0, 6, 7, 8, 9, 10, 0, 0],
    ]);
  });

  it('returns an equal-length matrix unchanged', () => {
    expect(rowsOf(fitFrames(m, 5))).toEqual(rowsOf(m));
  });
});

describe('slice, stack, transpose', () => {
  it('slices frames, stacks bands and transposes to frames x bands', () => {
    const a = matrix([[1, 2, 3]]);
    const b = matrix([[4, 5, 6]]);
    expect(rowsOf(sliceFrames(a, 1, 3))).toEqual([[2, 3]]);
    const stacked = stackRows([a, b]);
    expect(rowsOf(stacked)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(rowsOf(transpose(stacked))).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
});

describe('fitStandardisedFrames', () => {
  it('gives exactly the values of slice -> standardise -> fit -> transpose, for every crop and pad', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const db: Matrix = { data: Float32Array.from({ length: 5 * 40 }, () => -80 * next()), rows: 5, cols: 40 };
    const ranges = [
      [0, 40],
      [3, 31],
      [10, 11],
      [12, 19],
    ];
    for (const [start, end] of ranges) {
      for (const frames of [0, 1, 6, 7, 28, 29, 50]) {
        for (const standardise of [true, false]) {
          const speech = sliceFrames(db, start, end);
          const base = standardise ? standardiseRows(speech) : speech;
          const expected = transpose(frames === 0 ? base : fitFrames(base, frames));
          const got = fitStandardisedFrames(db, start, end, standardise, frames);
          const what = `columns ${start}-${end}, ${frames} frames, standardise ${standardise}`;
          expect({ rows: got.rows, cols: got.cols }, what).toEqual({ rows: expected.rows, cols: expected.cols });
          expect(Array.from(got.data), what).toEqual(Array.from(expected.data));
        }
      }
    }
  });
});
