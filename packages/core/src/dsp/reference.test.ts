import { describe, expect, it } from 'vitest';
import { powerToDb } from './db.js';
import { delta } from './delta.js';
import { librosaOptions, loadLibrosaReference, referenceMissing } from './librosa-reference.test-helper.js';
import { relativeError } from './matrix.js';
import { melSpectrogram } from './mel.js';
import { mfcc } from './mfcc.js';

const reference = loadLibrosaReference();
/**
 * The issue accepts 1e-4 (relative Frobenius); measured worst cases are 1.2e-7 (MFCC, all three
 * configurations), 1.1e-7 (mel), 6.9e-8 (power_to_db), 6.5e-9 (delta): float32 round-off. Asserting
 * 1e-6 keeps a regression from hiding under the looser bound.
 */
const TOLERANCE = 1e-6;

describe('librosa reference: MFCC, mel, power_to_db, delta', () => {
  if (reference === undefined) {
    it.skip(referenceMissing, () => {});
    return;
  }
  const melCases = reference.cases.filter((c) => c.function === 'librosa.feature.melspectrogram');
  for (const c of reference.cases) {
    const input = reference.inputs.get(c.input)!;
    const expected = reference.matrix(c);
    if (c.function === 'librosa.feature.mfcc') {
      it(`mfcc ${c.config} on ${c.input} (${c.shape.join('x')})`, () => {
        const got = mfcc({ y: input.samples }, librosaOptions(c.params, true));
        expect([got.rows, got.cols]).toEqual(c.shape);
        expect(relativeError(got.data, expected.data)).toBeLessThanOrEqual(TOLERANCE);
      });
    } else if (c.function === 'librosa.feature.melspectrogram') {
      it(`melspectrogram on ${c.input}`, () => {
        const got = melSpectrogram({ y: input.samples }, librosaOptions(c.params));
        expect([got.rows, got.cols]).toEqual(c.shape);
        expect(relativeError(got.data, expected.data)).toBeLessThanOrEqual(TOLERANCE);
      });
    } else if (c.function === 'librosa.power_to_db(melspectrogram)') {
      it(`power_to_db on ${c.input}`, () => {
        // Of librosa's own mel spectrogram, so this checks power_to_db alone.
        const mel = melCases.find((m) => m.input === c.input)!;
        const got = powerToDb(reference.matrix(mel), librosaOptions(c.params));
        expect(relativeError(got.data, expected.data)).toBeLessThanOrEqual(TOLERANCE);
      });
    } else if (c.function === 'librosa.feature.delta') {
      it(`delta on ${c.input}`, () => {
        const of = reference.cases.find((m) => m.file === `${c.params['of']}.f32`)!;
        const got = delta(reference.matrix(of), { width: Number(c.params['width']), order: Number(c.params['order']) });
        expect(relativeError(got.data, expected.data)).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  }
});
