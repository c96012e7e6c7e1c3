import type { FeatureMatrix } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import type { Example, Variant } from '../split/types.js';
import { exampleKey } from './compute-features.js';
import { normaliseBySpeaker } from './speaker-normalisation.js';

const example = (path: string, speaker: string, variant: Variant = 'original'): Example =>
  ({ item: { path, label: 'calm', speaker, extra: {} }, variant }) as unknown as Example;
const matrix = (values: number[][]): FeatureMatrix => ({
  data: Float32Array.from(values.flat()),
  frames: values.length,
  dims: values[0].length,
});

describe('normaliseBySpeaker', () => {
  it("standardises each dim over the speaker's own original clips", () => {
    const examples = [
      example('a1', 'A'),
      example('a2', 'A'),
      example('b1', 'B'),
      // An augmented copy shares its speaker's statistics but does not shape them.
      example('a1', 'A', 'noise'),
    ];
    const features = new Map<string, FeatureMatrix>([
      [
        exampleKey(examples[0]),
        matrix([
          [10, 1],
          [12, 3],
        ]),
      ],
      [exampleKey(examples[1]), matrix([[14, 5]])],
      [
        exampleKey(examples[2]),
        matrix([
          [-1, 100],
          [1, 100],
        ]),
      ],
      [exampleKey(examples[3]), matrix([[1000, 1000]])],
    ]);
    const out = normaliseBySpeaker(examples, features);
    const std = Math.sqrt(8 / 3); // of 10, 12, 14 (and of 1, 3, 5)
    const a1 = Array.from(out.get(exampleKey(examples[0]))!.data);
    expect(a1).toEqual([-2 / std, -2 / std, 0, 0].map((v) => expect.closeTo(v, 5) as unknown as number));
    expect(Array.from(out.get(exampleKey(examples[1]))!.data)).toEqual(
      [2 / std, 2 / std].map((v) => expect.closeTo(v, 5) as unknown as number),
    );
    // Speaker B: dim 0 is -1, 1 -> -1, 1; dim 1 is constant -> 0 (std treated as 1).
    expect(Array.from(out.get(exampleKey(examples[2]))!.data)).toEqual([-1, 0, 1, 0]);
    expect(out.get(exampleKey(examples[3]))!.data[0]).toBeCloseTo((1000 - 12) / std, 3);
  });
});
