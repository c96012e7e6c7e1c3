import { isSerkitError, relativeError, tsDsp } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { type FeatureJob, type FeaturePipeline, featurizeBatch, featurizeOne } from './batch.js';
import { addonMissing, nativeDsp, testRandom, testSignal } from './test-helpers.js';

const pipeline: FeaturePipeline = { targetSampleRate: 22050, mfcc: { nMfcc: 13 }, meanOverTime: true };

/**
 * Native vs TS on the pitch and stretch variants of a resampled clip. Native resampling runs its
 * FFT in float32 (as scipy does under librosa), ~3e-7 of the peak from the TS path's double one, and
 * the vocoder keeps its phases in float32 as librosa does: a phase rounded to the neighbouring
 * float32 carries the difference to ~1e-4 of the mean MFCCs (8e-4 at most over 40 random clips).
 */
const VOCODER_AFTER_RESAMPLING = 2e-3;
const usesVocoder = (job: FeatureJob) => job.augment?.kind === 'pitch' || job.augment?.kind === 'stretch';

/** The paper's four variants of each clip, clips of random lengths at 16 kHz. */
function paperJobs(clips: number, seed: number): FeatureJob[] {
  const random = testRandom(seed);
  const jobs: FeatureJob[] = [];
  for (let c = 0; c < clips; c++) {
    const samples = testSignal(4000 + Math.floor(random() * 12000), seed + c);
    jobs.push(
      { samples, sampleRate: 16000 },
      { samples, sampleRate: 16000, augment: { kind: 'noise', seed: 1000 + c } },
      { samples, sampleRate: 16000, augment: { kind: 'pitch', nSteps: 0.7 } },
      { samples, sampleRate: 16000, augment: { kind: 'stretch', rate: 0.8 } },
    );
  }
  return jobs;
}

describe('featurizeBatch on the TS path', () => {
  it('equals featurizeOne job by job, keeps going past a bad job, reports progress', async () => {
    const jobs = paperJobs(2, 7);
    jobs.splice(3, 0, { samples: new Float32Array(100).fill(Number.NaN), sampleRate: 16000 });
    const progress: number[] = [];
    const results = await featurizeBatch(jobs, pipeline, { dsp: tsDsp, onProgress: (done) => progress.push(done) });
    expect(results).toHaveLength(jobs.length);
    results.forEach((r, i) => {
      if (i === 3) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('INVALID_AUDIO');
        return;
      }
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.features).toEqual(featurizeOne(tsDsp, jobs[i]!, pipeline));
    });
    expect(progress).toEqual(jobs.map((_, i) => i + 1));
  });

  it('rejects with ABORTED when the signal aborts', async () => {
    const controller = new AbortController();
    const run = featurizeBatch(paperJobs(3, 3), pipeline, {
      dsp: tsDsp,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('featurizeBatch on the native thread pool', () => {
  if (nativeDsp === null) {
    it.skip(addonMissing, () => {});
    return;
  }
  const native = nativeDsp;

  it('gives exactly the one-by-one results, on 1 and 3 threads, and matches the TS path', async () => {
    const jobs = paperJobs(3, 11);
    const oneByOne = jobs.map((job) => featurizeOne(native, job, pipeline));
    for (const threads of [1, 3]) {
      const results = await featurizeBatch(jobs, pipeline, { dsp: native, threads });
      results.forEach((r, i) => {
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.features).toEqual(oneByOne[i]);
      });
    }
    jobs.forEach((job, i) => {
      const tolerance = usesVocoder(job) ? VOCODER_AFTER_RESAMPLING : 1e-5;
      expect(relativeError(oneByOne[i]!.data, featurizeOne(tsDsp, job, pipeline).data)).toBeLessThanOrEqual(tolerance);
    });
  });

  it('matches the TS path to 1e-5 on every variant of a clip that needs no resampling', () => {
    const samples = testSignal(30000, 5, 22050);
    for (const job of paperJobs(1, 5).map((j) => ({ ...j, samples, sampleRate: 22050 }))) {
      expect(
        relativeError(featurizeOne(native, job, pipeline).data, featurizeOne(tsDsp, job, pipeline).data),
      ).toBeLessThanOrEqual(1e-5);
    }
  });

  it('full MFCC matrices (no mean) and per-clip rates also match one by one', async () => {
    const jobs: FeatureJob[] = [
      { samples: testSignal(9000, 1), sampleRate: 16000 },
      { samples: testSignal(7000, 2, 22050), sampleRate: 22050, augment: { kind: 'stretch', rate: 1.25 } },
    ];
    const full: FeaturePipeline = { mfcc: { nMfcc: 20, nMels: 64, nFft: 512, hopLength: 160 } };
    const results = await featurizeBatch(jobs, full, { dsp: native });
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.features).toEqual(featurizeOne(native, jobs[i]!, full));
    });
  });

  it('reports a bad job as an error entry and finishes the others', async () => {
    const good = testSignal(8000, 5);
    const nan = good.slice();
    nan[10] = Number.NaN;
    const jobs = [
      { samples: good, sampleRate: 16000 },
      { samples: nan, sampleRate: 16000 },
      { samples: 'not samples', sampleRate: 16000 } as unknown as FeatureJob,
      { samples: good, sampleRate: 16000, augment: { kind: 'stretch', rate: -1 } } as FeatureJob,
      { samples: good, sampleRate: 16000, augment: { kind: 'noise', seed: 3 } } as FeatureJob,
    ];
    const results = await featurizeBatch(jobs, pipeline, { dsp: native, threads: 2 });
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'ok',
      'INVALID_AUDIO',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'ok',
    ]);
    for (const r of results) if (!r.ok) expect(isSerkitError(r.error) && r.error.input !== undefined).toBe(true);
  });

  it('calls onProgress with growing counts up to the total', async () => {
    const jobs = paperJobs(4, 21);
    const seen: Array<[number, number]> = [];
    await featurizeBatch(jobs, pipeline, {
      dsp: native,
      threads: 2,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(([, total]) => total === jobs.length)).toBe(true);
    expect(Math.max(...seen.map(([done]) => done))).toBe(jobs.length);
  });

  it('cancels: aborting rejects with ABORTED before all jobs are done', async () => {
    const jobs = Array.from({ length: 400 }, (_, i) => ({
      samples: testSignal(48000, i),
      sampleRate: 16000,
      augment: { kind: 'pitch' as const, nSteps: 0.7 },
    }));
    const controller = new AbortController();
    let done = 0;
    const run = featurizeBatch(jobs, pipeline, {
      dsp: native,
      threads: 1,
      signal: controller.signal,
      onProgress: (d) => {
        done = d;
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    expect(done).toBeLessThan(jobs.length);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(
      featurizeBatch(paperJobs(1, 1), pipeline, { dsp: native, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
