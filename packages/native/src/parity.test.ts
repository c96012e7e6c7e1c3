import { type Matrix, type MfccOptions, relativeError, tsDsp } from '@serkit/core';
import { describe, expect, it } from 'vitest';
// The core's fixture loader (test-only, not part of its public API).
import {
  loadLibrosaReference,
  type ReferenceCase,
  referenceMissing,
} from '../../core/src/dsp/librosa-reference.test-helper.js';
import { addonMissing, nativeDsp } from './test-helpers.js';

const reference = loadLibrosaReference();
/** Native vs TS on every case (issue 3). */
const PARITY = 1e-5;
/** Native vs librosa: the core's tolerances (reference.test.ts, effects.test.ts). */
const LIBROSA = { features: 1e-4, resample: 1e-6, stretch: 5e-4, pitch: 5e-4 };

// librosa keyword arguments -> serkit options; mfcc's `norm` is the DCT's (see the core's reference test).
function optionsOf(params: ReferenceCase['params'], forMfcc: boolean): MfccOptions {
  const names: Record<string, string> = {
    sr: 'sampleRate',
    n_mfcc: 'nMfcc',
    n_fft: 'nFft',
    win_length: 'winLength',
    hop_length: 'hopLength',
    n_mels: 'nMels',
    fmin: 'fmin',
    fmax: 'fmax',
    htk: 'htk',
    norm: forMfcc ? 'dctNorm' : 'norm',
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (names[key] !== undefined) out[names[key]] = value;
  return out as MfccOptions;
}

type Result = Float32Array | Matrix;
const values = (r: Result): Float32Array => (r instanceof Float32Array ? r : r.data);

describe('native DSP parity: librosa references, native vs TS', () => {
  if (reference === undefined || nativeDsp === null) {
    it.skip(reference === undefined ? referenceMissing : addonMissing, () => {});
    return;
  }
  const native = nativeDsp;
  const melOf = (c: ReferenceCase) =>
    reference.cases.find((m) => m.input === c.input && m.function.endsWith('melspectrogram'))!;
  for (const c of reference.cases) {
    const input = reference.inputs.get(c.input)!;
    const y = input.samples;
    const run = (dsp: typeof native): [Result, number] => {
      const p = c.params;
      switch (c.function) {
        case 'librosa.feature.mfcc':
          return [dsp.mfcc({ y }, optionsOf(p, true)), LIBROSA.features];
        case 'librosa.feature.melspectrogram':
          return [dsp.melSpectrogram({ y }, optionsOf(p, false)), LIBROSA.features];
        case 'librosa.power_to_db(melspectrogram)': {
          const mel = dsp.melSpectrogram({ y }, optionsOf(melOf(c).params, false));
          return [
            dsp.powerToDb(mel, { ref: Number(p.ref), amin: Number(p.amin), topDb: Number(p.top_db) }),
            LIBROSA.features,
          ];
        }
        case 'librosa.feature.delta': {
          const of = reference.cases.find((m) => m.file === `${p.of}.f32`)!;
          const mfcc = dsp.mfcc({ y }, optionsOf(of.params, true));
          return [dsp.delta(mfcc, { width: Number(p.width), order: Number(p.order) }), LIBROSA.features];
        }
        case 'librosa.resample':
          return [dsp.resample(y, Number(p.orig_sr), Number(p.target_sr)), LIBROSA.resample];
        case 'librosa.effects.time_stretch':
          return [dsp.timeStretch(y, Number(p.rate)), LIBROSA.stretch];
        case 'librosa.effects.pitch_shift':
          return [dsp.pitchShift(y, Number(p.sr), Number(p.n_steps)), LIBROSA.pitch];
        default:
          throw new Error(`no runner for ${c.function}`);
      }
    };
    it(`${c.function}${c.config === undefined ? '' : ` (${c.config})`} on ${c.input}`, () => {
      const [got, tolerance] = run(native);
      const [ts] = run(tsDsp);
      const expected = reference.array(c.file);
      expect(values(got).length).toBe(expected.length);
      expect(relativeError(values(got), values(ts))).toBeLessThanOrEqual(PARITY);
      expect(relativeError(values(got), expected)).toBeLessThanOrEqual(tolerance);
    });
  }
});
