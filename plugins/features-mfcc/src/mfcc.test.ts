import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeltaOptions, Dsp, Matrix, MfccInput, MfccOptions } from '@serkit/core';
import * as core from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { mfccMean } from './mfcc-mean.js';
import { mfccSeq } from './mfcc-seq.js';

/**
 * A stand-in Dsp whose MFCC is known in closed form, so the tests check what the extractors do with
 * it (options passed, averaging, stacking, transposing): mfcc[r][t] = 100 r + t, with
 * 1 + floor(n / hop) frames as librosa's centred STFT has; delta of order k = k * 1000 + input.
 */
const calls: { mfcc: MfccOptions[]; delta: DeltaOptions[] } = { mfcc: [], delta: [] };
const fakeDsp = {
  name: 'ts',
  mfcc(input: MfccInput, options: MfccOptions = {}): Matrix {
    calls.mfcc.push(options);
    const n = 'y' in input ? input.y.length : 0;
    const rows = options.nMfcc ?? 20;
    const cols = 1 + Math.floor(n / (options.hopLength ?? 512));
    return {
      rows,
      cols,
      data: Float32Array.from({ length: rows * cols }, (_, i) => 100 * Math.floor(i / cols) + (i % cols)),
    };
  },
  delta(data: Matrix, options: DeltaOptions = {}): Matrix {
    calls.delta.push(options);
    return { ...data, data: data.data.map((v) => (options.order ?? 1) * 1000 + v) };
  },
} as unknown as Dsp;

describe('mfcc-mean', () => {
  it("uses the paper's settings by default and averages each coefficient over time", () => {
    const extractor = mfccMean.configure();
    expect(extractor).toMatchObject({ sampleRate: 22050, output: 'vector', dims: 13 });
    expect(extractor.config).toMatchObject({ nMfcc: 13, nFft: 2048, hopLength: 512, nMels: 128, fmin: 0, fmax: null });
    calls.mfcc.length = 0;
    const features = extractor.extract(new Float32Array(512 * 4), { dsp: fakeDsp }); // 5 frames: t = 0..4
    expect(calls.mfcc[0]).toMatchObject({ sampleRate: 22050, nMfcc: 13, nFft: 2048, hopLength: 512, nMels: 128 });
    expect(calls.mfcc[0]).not.toHaveProperty('fmax');
    expect(features.frames).toBe(1);
    expect(features.dims).toBe(13);
    expect(Array.from(features.data)).toEqual(Array.from({ length: 13 }, (_, r) => 100 * r + 2));
  });

  it('validates options and input, naming the bad one', () => {
    expect(() => mfccMean.configure({ nMfcc: 0 })).toThrow(/nMfcc: must be an integer in \[1, 128\]/);
    expect(() => mfccMean.configure({ hopLenght: 3 } as never)).toThrow(/hopLenght: unknown option of mfcc-mean/);
    expect(() => mfccMean.configure({ nFft: '2048' } as never)).toThrow(/nFft: must be a number/);
    expect(() => mfccMean.configure({ fmax: 20000 })).toThrow(/fmax: must be a number in \[0, 11025\]/);
    const extractor = mfccMean.configure();
    expect(() => extractor.extract(new Float32Array(0), { dsp: fakeDsp })).toThrow(/no samples/);
    expect(() => extractor.extract(Float32Array.of(0, Number.NaN), { dsp: fakeDsp })).toThrow(
      expect.objectContaining({ code: 'INVALID_AUDIO', message: 'samples: sample 1 is NaN (audio must be finite)' }),
    );
  });

  it('has a fingerprint that follows the configuration, not its key order', () => {
    const a = mfccMean.configure({ nMfcc: 13, hopLength: 256 }).fingerprint;
    expect(mfccMean.configure({ hopLength: 256, nMfcc: 13 }).fingerprint).toBe(a);
    expect(mfccMean.configure().fingerprint).not.toBe(a);
    expect(mfccSeq.configure({ hopLength: 256 }).fingerprint).not.toBe(
      mfccMean.configure({ hopLength: 256 }).fingerprint,
    );
  });
});

describe('mfcc-seq', () => {
  it('returns time-major frames with deltas stacked after the coefficients', () => {
    const extractor = mfccSeq.configure({ nMfcc: 2, deltas: 2, deltaWidth: 3, hopLength: 4, nFft: 16, nMels: 4 });
    expect(extractor).toMatchObject({ output: 'sequence', dims: 6 });
    calls.delta.length = 0;
    const features = extractor.extract(new Float32Array(8), { dsp: fakeDsp }); // 3 frames
    expect(calls.delta).toEqual([
      { width: 3, order: 1 },
      { width: 3, order: 2 },
    ]);
    expect(features.frames).toBe(3);
    expect(features.dims).toBe(6);
    // frame t: [mfcc0, mfcc1, d0, d1, dd0, dd1] = [t, 100 + t, 1000 + t, 1100 + t, 2000 + t, 2100 + t]
    expect(Array.from(features.data.subarray(6, 12))).toEqual([1, 101, 1001, 1101, 2001, 2101]);
  });

  it('says how long a clip must be for deltas', () => {
    const extractor = mfccSeq.configure({ deltas: 1 });
    // 1 + floor(2048 / 512) = 5 frames < width 9.
    expect(() => extractor.extract(new Float32Array(2048), { dsp: fakeDsp })).toThrow(
      /samples: too short for deltas: 5 frames, deltaWidth 9 needs 9 \(about 0\.19 s\)/,
    );
    expect(
      mfccSeq.configure({ deltas: 1, deltaWidth: 5 }).extract(new Float32Array(2048), { dsp: fakeDsp }).frames,
    ).toBe(5);
  });

  it('rejects bad delta settings', () => {
    expect(() => mfccSeq.configure({ deltas: 3 })).toThrow(/deltas: must be an integer in \[0, 2\]/);
    expect(() => mfccSeq.configure({ deltaWidth: 4 })).toThrow(/deltaWidth: must be odd/);
  });
});

// Against librosa 0.10.2 when a real Dsp is available (the TS DSP of @serkit/core).
const reference = resolve(fileURLToPath(new URL('../../..', import.meta.url)), '../shared/reference/librosa');
const tsDsp = (core as Record<string, unknown>).tsDsp as Dsp | undefined;
describe.skipIf(tsDsp === undefined || !existsSync(join(reference, 'manifest.json')))(
  `mfcc-mean against librosa references (needs tsDsp in @serkit/core and ${reference})`,
  () => {
    const read = (file: string) => {
      const bytes = readFileSync(join(reference, file));
      return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    };
    it.each(['03-01-05-02-01-01-01', 'chirp'])('matches the mean of librosa.feature.mfcc for %s', (name) => {
      const y = read(`input-${name}.f32`);
      const expected = read(`mfcc-librosa-default-${name}.f32`);
      const frames = expected.length / 13;
      const features = mfccMean.configure({ sampleRate: 16000 }).extract(y, { dsp: tsDsp! });
      for (let r = 0; r < 13; r++) {
        let mean = 0;
        for (let t = 0; t < frames; t++) mean += expected[r * frames + t] / frames;
        expect(features.data[r]).toBeCloseTo(mean, 1);
      }
    });
  },
);
