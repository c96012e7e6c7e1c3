import { type Dsp, type Matrix, type MelSpectrogramOptions, SerkitError } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { LOGMEL_DEFAULTS, logMelExtractor } from './logmel.js';

/**
 * A Dsp double whose mel spectrogram is a fixed power matrix (bands x frames) and whose powerToDb
 * and delta follow librosa's formulas on that tiny input; it records the options it was given.
 */
function fakeDsp(power: number[][]): { dsp: Dsp; melOptions: MelSpectrogramOptions[] } {
  const melOptions: MelSpectrogramOptions[] = [];
  const unused = () => {
    throw new Error('not used by logmel');
  };
  const dsp: Dsp = {
    name: 'ts',
    melSpectrogram(_input, options = {}) {
      melOptions.push(options);
      return { data: Float32Array.from(power.flat()), rows: power.length, cols: power[0].length };
    },
    powerToDb(S, { amin = 1e-10, topDb = 80 } = {}) {
      const db = Array.from(S.data, (v) => 10 * Math.log10(Math.max(v, amin)));
      const floor = Math.max(...db) - (topDb ?? Number.POSITIVE_INFINITY);
      return { ...S, data: Float32Array.from(db, (v) => Math.max(v, floor)) };
    },
    // first difference stands in for the Savitzky-Golay delta: enough to see where deltas land
    delta(m: Matrix, { order = 1 } = {}) {
      const data = new Float32Array(m.data.length);
      for (let r = 0; r < m.rows; r++)
        for (let c = 1; c < m.cols; c++)
          data[r * m.cols + c] = order * (m.data[r * m.cols + c] - m.data[r * m.cols + c - 1]);
      return { ...m, data };
    },
    stft: unused,
    spectrogram: unused,
    melFilterBank: unused,
    mfcc: unused,
    resample: unused,
    addNoise: unused,
    timeStretch: unused,
    pitchShift: unused,
  };
  return { dsp, melOptions };
}

const samples = new Float32Array(16000).fill(0.1);

describe('logmel extractor', () => {
  it('passes the documented analysis settings to the DSP', () => {
    const { dsp, melOptions } = fakeDsp([[1, 1]]);
    logMelExtractor.configure({ frames: 2 }).extract(samples, { dsp });
    expect(melOptions[0]).toEqual({
      sampleRate: 16000,
      nFft: 512,
      winLength: 400,
      hopLength: 160,
      nMels: 64,
      fmin: 0,
      fmax: 8000,
      power: 2,
    });
  });

  it('trims quiet edges, standardises each band, pads to the frame count, time major', () => {
    // band 0 in dB: -100 (quiet), 0, -20, -100 (quiet); band 1: -100, -10, -10, -100
    const { dsp } = fakeDsp([
      [1e-10, 1, 1e-2, 1e-10],
      [1e-10, 1e-1, 1e-1, 1e-10],
    ]);
    const out = logMelExtractor.configure({ frames: 4, nMels: 2, trimDb: 40 }).extract(samples, { dsp });
    expect(out.frames).toBe(4);
    expect(out.dims).toBe(2);
    // kept frames 1..2: band 0 = [0, -20] -> [1, -1]; band 1 constant -> [0, 0]; one zero frame each side
    const s = 10 / (10 + 1e-5);
    expect(Array.from(out.data)).toEqual(
      [0, 0, s, 0, -s, 0, 0, 0].map((v) => expect.closeTo(v, 5) as unknown as number),
    );
  });

  it('keeps raw dB with normalise none and appends delta bands after the mel bands', () => {
    const { dsp } = fakeDsp([[1, 1e-1, 1e-2]]);
    const extractor = logMelExtractor.configure({ frames: 3, nMels: 1, normalise: 'none', deltas: 2, trimDb: 0 });
    expect(extractor.dims).toBe(3);
    const out = extractor.extract(samples, { dsp });
    // frame-major rows: [mel, delta, delta2]
    expect(Array.from(out.data)).toEqual([0, 0, 0, -10, -10, -20, -20, -10, -20]);
  });

  it('centre-crops long clips', () => {
    const { dsp } = fakeDsp([[1, 10, 100, 1000, 10000]]);
    const out = logMelExtractor
      .configure({ frames: 2, nMels: 1, normalise: 'none', trimDb: 0 })
      .extract(samples, { dsp });
    expect(Array.from(out.data)).toEqual([10, 20]);
  });

  it('keeps the whole trimmed clip with frames 0 (the source of random training crops)', () => {
    const { dsp } = fakeDsp([[1e-10, 1, 10, 100, 1000, 1e-10]]);
    const out = logMelExtractor
      .configure({ frames: 0, nMels: 1, normalise: 'none', trimDb: 50 })
      .extract(samples, { dsp });
    expect(out.frames).toBe(4);
    expect(Array.from(out.data)).toEqual([0, 10, 20, 30]);
  });

  it('has a fingerprint that follows the configuration', () => {
    const a = logMelExtractor.configure();
    expect(a.fingerprint).toBe(logMelExtractor.configure({}).fingerprint);
    expect(a.fingerprint).not.toBe(logMelExtractor.configure({ nMels: 40 }).fingerprint);
    expect(a.output).toBe('sequence');
    expect(a.dims).toBe(LOGMEL_DEFAULTS.nMels);
  });

  it('rejects bad options and empty audio with a SerkitError naming the input', () => {
    expect(() => logMelExtractor.configure({ winLength: 1024 })).toThrow(/winLength/);
    expect(() => logMelExtractor.configure({ deltas: 3 })).toThrow(/deltas/);
    expect(() => logMelExtractor.configure({ fmax: 9000 })).toThrow(/fmax/);
    expect(() => logMelExtractor.configure({ frames: -1 })).toThrow(SerkitError);
    expect(() => logMelExtractor.configure({ frames: 1.5 })).toThrow(/frames/);
    const { dsp } = fakeDsp([[1]]);
    expect(() => logMelExtractor.configure().extract(new Float32Array(0), { dsp })).toThrow(/samples: no samples/);
  });
});
