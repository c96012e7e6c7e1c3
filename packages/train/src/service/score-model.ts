import { type ConfiguredExtractor, type Dsp, SerkitError } from '@serkit/core';
import { computeFeatures, type DecodeAudio, exampleKey, type FeatureProblem } from '../features/compute-features.js';
import { FeatureCache } from '../features/feature-cache.js';
import { packInputs } from '../features/to-model-input.js';
import type { LoadedModel } from '../model/load-model.js';
import type { Example } from '../split/types.js';
import { predictProbabilities } from '../training/predict.js';
import { decodeWithSerkitAudio, resolveDsp } from './runtime.js';
import { type Scores, scorePredictions } from './score-predictions.js';

export interface ScoreModelOptions {
  readonly cacheDir: string;
  /** Named in the error when no file could be featurised. */
  readonly dataDir: string;
  readonly dsp?: Dsp;
  readonly decode?: DecodeAudio;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ModelScores extends Scores {
  /** Files that could not be featurised (left out of the scores). */
  readonly problems: readonly FeatureProblem[];
}

/**
 * A saved model's reports on `examples` (originals, through the model's own extractor and
 * normalisation): the emotion head, and the second head when every example carries its label.
 */
export async function scoreModel(
  { model, manifest }: Pick<LoadedModel, 'model' | 'manifest'>,
  extractor: ConfiguredExtractor,
  examples: readonly Example[],
  options: ScoreModelOptions,
): Promise<ModelScores> {
  const computed = await computeFeatures(examples, {
    extractor,
    dsp: options.dsp ?? resolveDsp(),
    decode: options.decode ?? decodeWithSerkitAudio,
    cache: new FeatureCache(options.cacheDir),
    seed: manifest.training.seed,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const kept = examples.filter((e) => computed.features.has(exampleKey(e)));
  if (kept.length === 0) throw new SerkitError('DATASET', 'no file could be featurised', { input: options.dataDir });
  const x = packInputs(
    kept.map((e) => computed.features.get(exampleKey(e))!),
    manifest.model.inputShape,
    manifest.normalisation,
  );
  const secondOutput = manifest.secondOutput;
  // The second head is scored when every file carries its label (e.g. RAVDESS intensity).
  const secondTruth =
    secondOutput && kept.every((e) => secondOutput.labels.includes(e.item.extra[secondOutput.name] ?? ''))
      ? { ...secondOutput, truth: kept.map((e) => secondOutput.labels.indexOf(e.item.extra[secondOutput.name])) }
      : undefined;
  const scores = scorePredictions(
    await predictProbabilities(model, { x, inputShape: manifest.model.inputShape }),
    kept.map((e) => manifest.labels.indexOf(e.item.label)),
    manifest.labels,
    secondTruth,
  );
  return { ...scores, problems: computed.problems };
}
