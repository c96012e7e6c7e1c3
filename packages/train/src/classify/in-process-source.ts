import { type DecoderChoice, decodeFile, decodeStream } from '@serkit/audio';
import { type ConfiguredExtractor, type Dsp, type FeatureMatrix, SerkitError } from '@serkit/core';
import { allFinite } from '../features/all-finite.js';
import type { Normalisation } from '../features/normalisation.js';
import { packInputs } from '../features/to-model-input.js';
import { checkClip, isSilent } from './clip-check.js';
import type { ClipInput, FeatureSource, LongFile, WindowInput } from './ports.js';

export interface FeaturePipeline {
  readonly extractor: ConfiguredExtractor;
  readonly normalisation: Normalisation;
  /** The model's input shape without the batch dim. */
  readonly inputShape: readonly number[];
  readonly dsp: Dsp;
}

export interface SourceOptions {
  /** Which decoder to use (see @serkit/audio). Default 'auto'. */
  readonly decoder?: DecoderChoice;
  /**
   * Files longer than this many seconds are not decoded whole but classified window by window
   * (bounded memory). Default 120.
   */
  readonly longFileSeconds?: number;
}

/** A last window shorter than this fraction of `--segment` is dropped (unless it is the only one). */
const MIN_TAIL_FRACTION = 0.5;

/** The model input (normalised, padded/cut to the input shape) of one clip's samples. */
export function modelInput(pipeline: FeaturePipeline, samples: Float32Array, file: string): Float32Array {
  let matrix: FeatureMatrix;
  try {
    matrix = pipeline.extractor.extract(samples, { dsp: pipeline.dsp });
  } catch (error) {
    if (error instanceof SerkitError) throw new SerkitError(error.code, error.reason, { input: file, cause: error });
    throw error;
  }
  if (!allFinite(matrix.data)) {
    throw new SerkitError('INVALID_AUDIO', 'the features contain NaN or Inf', { input: file });
  }
  return packInputs([matrix], pipeline.inputShape, pipeline.normalisation);
}

/**
 * Decodes and featurises on the calling thread (the simple path; `workerSource` spreads the same
 * work over threads). Whole files up to `longFileSeconds`; longer ones are streamed in windows.
 */
export function inProcessSource(pipeline: FeaturePipeline, options: SourceOptions = {}): FeatureSource {
  const sampleRate = pipeline.extractor.sampleRate;
  const longFileSeconds = options.longFileSeconds ?? 120;
  const decoder = options.decoder ?? 'auto';
  return {
    async clip(file): Promise<ClipInput | LongFile> {
      const decoded = await decodeFile(file, { sampleRate, decoder, maxSeconds: longFileSeconds });
      if (decoded.samples.length >= Math.floor(longFileSeconds * sampleRate)) return { long: true };
      const warnings = checkClip(decoded.samples, sampleRate, file, decoded.peak);
      return { input: modelInput(pipeline, decoded.samples, file), duration: decoded.duration, warnings };
    },
    async *windows(file, segment, hop): AsyncIterable<WindowInput> {
      const windows = decodeStream(file, { sampleRate, windowSeconds: segment, hopSeconds: hop, decoder });
      for await (const { index, start, samples } of windows) {
        // A short tail adds a noisy verdict on a scrap of audio: dropped unless it is all there is.
        if (index > 0 && samples.length < segment * sampleRate * MIN_TAIL_FRACTION) continue;
        const duration = samples.length / sampleRate;
        // Any model labels silence with confidence: a pause gets no label and stays out of the mean.
        if (isSilent(samples)) yield { start, duration, silent: true };
        else yield { start, duration, input: modelInput(pipeline, samples, file) };
      }
    },
    async close() {},
  };
}
