import { type Dsp, type Matrix, type MfccOptions, rowMeans, SerkitError } from '@serkit/core';
import { loadAddon } from './addon.js';
import { toSerkitError } from './errors.js';
import { getDsp } from './select.js';

/** One augmentation variant of a clip (the paper's: noise, pitch +0.7 semitone, stretch 0.8). */
export type Augmentation =
  | { kind: 'none' }
  | { kind: 'noise'; seed: number; snrDb?: number; peakRatio?: number }
  | { kind: 'pitch'; nSteps: number; binsPerOctave?: number }
  | { kind: 'stretch'; rate: number };

export interface FeatureJob {
  samples: Float32Array;
  sampleRate: number;
  /** Default: none. */
  augment?: Augmentation;
}

export interface FeaturePipeline {
  /** Resample every clip to this rate first (method 'fft'). Default: keep each clip's rate. */
  targetSampleRate?: number;
  /** MFCC options (librosa defaults; `sampleRate` is the clip's rate after resampling). */
  mfcc?: Omit<MfccOptions, 'sampleRate'>;
  /** Average each coefficient over time (the paper's 13 mean MFCCs). Default false. */
  meanOverTime?: boolean;
}

export interface BatchOptions {
  /** Worker threads of the native path. Default: the number of CPUs. */
  threads?: number;
  /** Aborting rejects with SerkitError('ABORTED'); jobs already running finish first. */
  signal?: AbortSignal;
  /** Called on the JS thread after jobs complete (done, total). Errors it throws are ignored. */
  onProgress?: (done: number, total: number) => void;
  /** Which DSP path runs the batch. Default: getDsp(). */
  dsp?: Dsp;
}

export type BatchResult = { ok: true; features: Matrix } | { ok: false; error: SerkitError };

/** One job the slow way, call by call: what featurizeBatch must reproduce exactly. */
export function featurizeOne(dsp: Dsp, job: FeatureJob, pipeline: FeaturePipeline): Matrix {
  const target = pipeline.targetSampleRate;
  const resampled =
    target !== undefined && target !== job.sampleRate ? dsp.resample(job.samples, job.sampleRate, target) : job.samples;
  const rate = target ?? job.sampleRate;
  const augment = job.augment ?? { kind: 'none' };
  let y = resampled;
  if (augment.kind === 'noise') y = dsp.addNoise(resampled, augment);
  if (augment.kind === 'pitch')
    y = dsp.pitchShift(resampled, rate, augment.nSteps, { binsPerOctave: augment.binsPerOctave ?? 12 });
  if (augment.kind === 'stretch') y = dsp.timeStretch(resampled, augment.rate);
  const features = dsp.mfcc({ y }, { ...pipeline.mfcc, sampleRate: rate });
  return pipeline.meanOverTime === true ? { data: rowMeans(features), rows: features.rows, cols: 1 } : features;
}

function aborted(): SerkitError {
  return new SerkitError('ABORTED', 'featurisation was cancelled', { input: 'signal' });
}

function safeProgress(onProgress: BatchOptions['onProgress']): ((done: number, total: number) => void) | undefined {
  if (onProgress === undefined) return undefined;
  return (done, total) => {
    try {
      onProgress(done, total);
    } catch {
      // A failing progress display must not stop the work.
    }
  };
}

async function runNative(
  jobs: readonly FeatureJob[],
  pipeline: FeaturePipeline,
  options: BatchOptions,
): Promise<BatchResult[]> {
  const addon = loadAddon();
  if (addon === null) throw new SerkitError('UNSUPPORTED', 'native addon not loaded', { input: 'dsp' });
  let handle: ReturnType<typeof addon.featurizeBatch>;
  try {
    handle = addon.featurizeBatch(
      jobs,
      pipeline,
      options.threads === undefined ? {} : { threads: options.threads },
      safeProgress(options.onProgress),
    );
  } catch (error) {
    throw toSerkitError(error);
  }
  const cancel = (): void => handle.cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const raw = await handle.promise;
    return raw.map((entry): BatchResult => {
      if ('error' in entry) {
        const error = toSerkitError(entry.error);
        return { ok: false, error: error instanceof SerkitError ? error : new SerkitError('INTERNAL', String(error)) };
      }
      return { ok: true, features: entry };
    });
  } catch (error) {
    const converted = toSerkitError(error);
    throw converted instanceof SerkitError && converted.code === 'ABORTED' ? aborted() : converted;
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

async function runSequential(
  dsp: Dsp,
  jobs: readonly FeatureJob[],
  pipeline: FeaturePipeline,
  options: BatchOptions,
): Promise<BatchResult[]> {
  const progress = safeProgress(options.onProgress);
  const results: BatchResult[] = [];
  for (const job of jobs) {
    // Yield between jobs so an abort (and other work) gets the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted === true) throw aborted();
    try {
      results.push({ ok: true, features: featurizeOne(dsp, job, pipeline) });
    } catch (error) {
      const converted = toSerkitError(error);
      results.push({
        ok: false,
        error:
          converted instanceof SerkitError
            ? converted
            : new SerkitError('INTERNAL', String(converted), { cause: error }),
      });
    }
    progress?.(results.length, jobs.length);
  }
  return results;
}

/**
 * Featurises many clips: resample -> augmentation -> MFCC -> optional mean, one result per job in
 * order. The native path runs on a pool of threads off the JS thread (clips shared by several jobs
 * are resampled once); the TS path runs the same steps on the JS thread. Results equal
 * featurizeOne(...) job by job. A bad job gives `{ ok: false, error }`; the others go on.
 */
export async function featurizeBatch(
  jobs: readonly FeatureJob[],
  pipeline: FeaturePipeline = {},
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  if (options.signal?.aborted === true) throw aborted();
  const dsp = options.dsp ?? getDsp();
  if (dsp.name === 'native' && loadAddon() !== null) return runNative(jobs, pipeline, options);
  return runSequential(dsp, jobs, pipeline, options);
}
