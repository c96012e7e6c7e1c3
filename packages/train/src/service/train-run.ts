import { join, relative, resolve } from 'node:path';
import {
  classificationReport,
  type DatasetItem,
  type DatasetPlugin,
  type Dsp,
  type FeatureConfig,
  type FeatureExtractor,
  type HyperParameters,
  type ModelPlugin,
  meanStd,
  SerkitError,
} from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { tfForModels } from '../backends/load-native.js';
import { selectBackend } from '../backends/select-backend.js';
import type { BackendChoice, SelectedBackend } from '../backends/types.js';
import { type ComputedFeatures, computeFeatures, type DecodeAudio, exampleKey } from '../features/compute-features.js';
import { FeatureCache } from '../features/feature-cache.js';
import { fitNormalisation, type Normalisation } from '../features/normalisation.js';
import { normaliseBySpeaker } from '../features/speaker-normalisation.js';
import { modelInputShape, packInputs } from '../features/to-model-input.js';
import { removeStaleTempFiles } from '../io/write-file-atomic.js';
import type { SerkitManifest } from '../model/manifest-schema.js';
import { saveModel } from '../model/save-model.js';
import { attachSecondHead } from '../model/second-head.js';
import { sha256Hex } from '../model/sha256.js';
import { type BatchSource, packAll, randomCropSource } from '../recipe/batch-source.js';
import { isNoRecipe, NO_RECIPE, type TrainRecipe } from '../recipe/types.js';
import { wholeClipExtractor } from '../recipe/whole-clip-extractor.js';
import type { PartitionResult, RunReport } from '../report/types.js';
import { writeReports } from '../report/write-reports.js';
import { planPartitions } from '../split/plan-partitions.js';
import type { AugmentationName, Example, Partition, SplitProtocol } from '../split/types.js';
import { predictProbabilities } from '../training/predict.js';
import { trainLoop } from '../training/train-loop.js';
import type { PackedData, TrainSettings } from '../training/types.js';
import type { RunEvent } from './events.js';
import { dataLicence } from './licence.js';
import { decodeWithSerkitAudio, resolveDsp } from './runtime.js';
import { scanDataset } from './scan-dataset.js';
import { scorePredictions } from './score-predictions.js';

export interface TrainRunOptions {
  readonly dataset: DatasetPlugin;
  readonly dataDir: string;
  readonly datasetFilter?: Readonly<Record<string, string>>;
  readonly features: FeatureExtractor;
  readonly featureConfig?: Partial<FeatureConfig>;
  readonly model: ModelPlugin;
  readonly hyper?: Partial<HyperParameters>;
  /** The model folder (seed/actors) or the folder of fold models and the summary (kfold-actor). */
  readonly outDir: string;
  /** Default `{ kind: 'seed' }`, the paper's (leaky) protocol. */
  readonly split?: SplitProtocol;
  /** Missing fields come from the model plugin's `training` defaults (the paper's), seed 42. */
  readonly settings?: Partial<TrainSettings>;
  /** Masking, mixup, LR schedule, weight decay, random crops. Default NO_RECIPE (the original engine). */
  readonly recipe?: TrainRecipe;
  /**
   * Standardise every feature dim per speaker over all that speaker's clips (test speakers' unlabeled
   * audio included) before the training statistics: an evaluation option, the model cannot be used
   * by classify. Needs `recipe.randomCrop` (whole clips). Default false.
   */
  readonly speakerNormalisation?: boolean;
  /**
   * Training speakers held out to pick the best epoch and stop early (speaker splits). Default 2;
   * 0 trains on every training speaker and needs `settings.restoreBest: false` (nothing to choose on).
   */
  readonly validationSpeakers?: number;
  /**
   * Train a second head beside the emotion head on this `extra` label of the dataset (e.g.
   * 'intensity'); its test accuracy is reported and classify prints it. Default none.
   */
  readonly secondOutput?: string;
  /** Default noise, pitch, stretch (the paper's). */
  readonly augment?: readonly AugmentationName[];
  /** Default 'auto'. */
  readonly backend?: BackendChoice;
  readonly resume?: boolean;
  /** Default `<outDir>/.serkit-cache`, or $SERKIT_CACHE_DIR. */
  readonly cacheDir?: string;
  readonly dsp?: Dsp;
  readonly decode?: DecodeAudio;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
}

export interface TrainRunResult {
  /** False when interrupted (Ctrl-C): a checkpoint was saved; run again with --resume. */
  readonly finished: boolean;
  readonly outDir: string;
  /** Model folders written (one, or one per fold). */
  readonly models: readonly string[];
  readonly reportFiles: readonly string[];
  readonly report?: RunReport;
  readonly backend: SelectedBackend;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_AUGMENT: readonly AugmentationName[] = ['noise', 'pitch', 'stretch'];

/** Where features are cached: `cacheDir`, else $SERKIT_CACHE_DIR, else `<outDir>/.serkit-cache`. */
export function featureCacheDir(outDir: string, cacheDir?: string): string {
  return resolve(cacheDir ?? process.env.SERKIT_CACHE_DIR ?? join(outDir, '.serkit-cache'));
}

/** What the heads learn: the emotion labels and, for a second head, its name and labels. */
interface Targets {
  readonly labels: readonly string[];
  readonly second?: SecondOutput;
}

/** Class indices of the examples: `y` for the emotion head, `second` for a second head if any. */
function targetsOf(examples: readonly Example[], targets: Targets): { y: Int32Array; second?: Int32Array } {
  const y = Int32Array.from(examples, (e) => targets.labels.indexOf(e.item.label));
  const { second } = targets;
  if (second === undefined) return { y };
  return { y, second: Int32Array.from(examples, (e) => second.labels.indexOf(e.item.extra[second.name])) };
}

function pack(
  examples: readonly Example[],
  computed: ComputedFeatures,
  targets: Targets,
  inputShape: readonly number[],
  norm: Normalisation,
): PackedData & { examples: Example[] } {
  const kept = examples.filter((e) => computed.features.has(exampleKey(e)));
  const matrices = kept.map((e) => computed.features.get(exampleKey(e))!);
  return { x: packInputs(matrices, inputShape, norm), ...targetsOf(kept, targets), inputShape, examples: kept };
}

/** Centre crops of whole clips (per-speaker normalisation packs validation and test this way). */
function packCentreCrops(
  examples: readonly Example[],
  computed: ComputedFeatures,
  targets: Targets,
  frames: number,
  norm: Normalisation,
): PackedData & { examples: Example[] } {
  const kept = examples.filter((e) => computed.features.has(exampleKey(e)));
  const { y, second } = targetsOf(kept, targets);
  const clips = kept.map((e) => computed.features.get(exampleKey(e))!);
  return { ...packAll(randomCropSource(clips, y, frames, norm, second)), examples: kept };
}

/**
 * `serkit train`: scan the dataset, split it, compute (cached) features with augmentation on the
 * training side, train each partition with checkpoints and early stopping, test it, save the model
 * folder(s) and write the reports.
 */
export async function trainRun(options: TrainRunOptions): Promise<TrainRunResult> {
  const outDir = resolve(options.outDir);
  const emit = options.onEvent ?? (() => {});
  const defaults = options.model.training;
  let settings: TrainSettings = {
    epochs: options.settings?.epochs ?? defaults.epochs,
    batchSize: options.settings?.batchSize ?? defaults.batchSize,
    learningRate: options.settings?.learningRate ?? defaults.learningRate,
    patience: options.settings?.patience ?? defaults.patience,
    seed: options.settings?.seed ?? DEFAULT_SEED,
    // Only when asked, so the manifests and reports of default runs stay as they were.
    ...(options.settings?.restoreBest === false ? { restoreBest: false } : {}),
  };
  if (options.validationSpeakers === 0) {
    if (settings.restoreBest !== false)
      throw new SerkitError(
        'INVALID_ARGUMENT',
        '0 leaves no validation data to choose the best epoch on: add --no-restore-best (the last epoch is kept)',
        { input: '--validation-speakers' },
      );
    // Nothing to stop early on either: every epoch runs.
    settings = { ...settings, patience: settings.epochs };
  }
  const augment = [...(options.augment ?? DEFAULT_AUGMENT)];
  const recipe = options.recipe ?? NO_RECIPE;
  const split = options.split ?? { kind: 'seed' };

  // A killed run may have left half-written temporaries; the files they were meant to replace are intact.
  if (options.resume) await removeStaleTempFiles(outDir);
  const backend = await selectBackend(options.backend ?? 'auto');
  emit({ type: 'backend', backend });
  const extractor = options.features.configure(options.featureConfig);
  if (!options.model.accepts.includes(extractor.output)) {
    throw new SerkitError(
      'INVALID_ARGUMENT',
      `model '${options.model.id}' takes ${options.model.accepts.join(' or ')} features, '${extractor.id}' gives ${extractor.output}s`,
      { input: '--model' },
    );
  }
  // Checked before hours of feature extraction, not when the model is built after them.
  const hyper = { ...options.model.defaults, ...options.hyper } as HyperParameters;
  options.model.validateHyper?.(hyper);
  const scanned = await scanDataset(options.dataset, options.dataDir, options.datasetFilter, options.signal);
  const { labels } = scanned;
  emit({ type: 'scan', items: scanned.items.length, labels, problems: scanned.problems });
  const second =
    options.secondOutput === undefined
      ? undefined
      : secondOutputOf(options.dataset, scanned.items, options.secondOutput);
  const targets: Targets = { labels, ...(second ? { second } : {}) };
  const partitions = planPartitions(scanned.items, split, {
    seed: settings.seed,
    augment,
    ...(options.validationSpeakers === undefined ? {} : { validationSpeakers: options.validationSpeakers }),
  });

  const wholeClips = recipe.randomCrop ? wholeClipExtractor(options.features, extractor) : undefined;
  const bySpeaker = options.speakerNormalisation ?? false;
  if (bySpeaker && !wholeClips)
    throw new SerkitError('INVALID_ARGUMENT', 'per-speaker normalisation works on whole clips: add --random-crop', {
      input: '--speaker-norm',
    });
  const dsp = options.dsp ?? resolveDsp();
  const needed = new Map<string, Example>();
  const neededWhole = new Map<string, Example>();
  for (const p of partitions) {
    for (const e of p.train) (wholeClips ? neededWhole : needed).set(exampleKey(e), e);
    // Per-speaker statistics need every clip whole, the test speakers' too.
    for (const e of [...p.validation, ...p.test]) (bySpeaker ? neededWhole : needed).set(exampleKey(e), e);
  }
  const featuresOf = (examples: Map<string, Example>, configured: typeof extractor) =>
    computeFeatures([...examples.values()], {
      extractor: configured,
      dsp,
      decode: options.decode ?? decodeWithSerkitAudio,
      cache: new FeatureCache(featureCacheDir(outDir, options.cacheDir)),
      seed: settings.seed,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done, total) => emit({ type: 'features', done, total }),
    }).catch((error: unknown) => {
      // Ctrl-C while computing features: nothing to checkpoint yet (the cache keeps what is done).
      if (options.signal?.aborted) return undefined;
      throw error;
    });
  const computed = await featuresOf(needed, extractor);
  const whole = wholeClips && computed ? await featuresOf(neededWhole, wholeClips) : undefined;
  if (computed === undefined || (wholeClips && whole === undefined))
    return { finished: false, outDir, models: [], reportFiles: [], backend };
  const computedWhole =
    whole && bySpeaker ? { ...whole, features: normaliseBySpeaker([...neededWhole.values()], whole.features) } : whole;
  emit({
    type: 'features-done',
    examples: computed.features.size,
    cacheHits: computed.cacheHits,
    problems: computed.problems.length,
  });

  const results: PartitionResult[] = [];
  const models: string[] = [];
  const kfold = partitions.length > 1;
  for (const [index, partition] of partitions.entries()) {
    const modelDir = kfold ? join(outDir, 'folds', partition.name) : outDir;
    const trainFeatures = computedWhole ?? computed;
    const trainExamples = partition.train.filter((e) => trainFeatures.features.has(exampleKey(e)));
    const trainMatrices = trainExamples.map((e) => trainFeatures.features.get(exampleKey(e))!);
    if (trainMatrices.length === 0)
      throw new SerkitError('DATASET', 'no training example has features', { input: options.dataDir });
    const norm = fitNormalisation(trainMatrices);
    // Random crops are as long as the extractor's fixed output, which validation, test and classify see.
    const inputShape = wholeClips
      ? [Number(extractor.config.frames), extractor.dims]
      : modelInputShape(extractor, trainMatrices);
    const trainTargets = targetsOf(trainExamples, targets);
    const train: BatchSource | ReturnType<typeof pack> = wholeClips
      ? randomCropSource(trainMatrices, trainTargets.y, inputShape[0], norm, trainTargets.second)
      : pack(partition.train, computed, targets, inputShape, norm);
    const evaluation = (examples: readonly Example[]) =>
      computedWhole && bySpeaker
        ? packCentreCrops(examples, computedWhole, targets, inputShape[0], norm)
        : pack(examples, computed, targets, inputShape, norm);
    const validation = evaluation(partition.validation);
    const test = evaluation(partition.test);
    emit({
      type: 'partition',
      name: partition.name,
      index,
      count: partitions.length,
      train: train.y.length,
      validation: validation.y.length,
      test: test.y.length,
    });

    const modelTf = tfForModels(tf, backend.name);
    const built = options.model.build({ tf: modelTf, inputShape, classes: labels, hyper, seed: settings.seed });
    const model = second ? attachSecondHead(modelTf, built, second.labels.length, settings.seed) : built;
    const runKey = sha256Hex(
      JSON.stringify({
        // What shapes the trajectory; max epochs and patience may change on --resume (train longer).
        trajectory: [settings.batchSize, settings.learningRate, settings.seed],
        // Absent for the original recipe, so checkpoints written before recipes existed still resume.
        ...(isNoRecipe(recipe) ? {} : { recipe }),
        ...(bySpeaker ? { speakerNormalisation: true } : {}),
        ...(second ? { secondOutput: second } : {}),
        augment,
        model: [options.model.id, options.model.version, hyper],
        extractor: extractor.fingerprint,
        inputShape,
        partition: partition.name,
        // Paths relative to the data folder, so a resume may name the folder differently (or move it).
        examples: [trainExamples, validation.examples].map((list) =>
          sha256Hex(list.map((e) => `${relative(options.dataDir, e.item.path)}\u0000${e.variant}`).join('\n')),
        ),
      }),
    );
    const outcome = await trainLoop({
      model,
      classes: labels.length,
      ...(second ? { secondClasses: second.labels.length } : {}),
      settings,
      train,
      validation,
      recipe,
      checkpointDir: join(outDir, 'checkpoints', partition.name),
      runKey,
      resume: options.resume ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => emit({ ...event, partition: partition.name }),
    });
    if (outcome.interrupted) {
      model.dispose();
      return { finished: false, outDir, models, reportFiles: [], backend };
    }
    const { report, second: secondResult } = scorePredictions(
      await predictProbabilities(model, test),
      Array.from(test.y),
      labels,
      second && test.second ? { ...second, truth: Array.from(test.second) } : undefined,
    );
    emit({
      type: 'tested',
      partition: partition.name,
      accuracy: report.accuracy,
      uar: report.uar,
      ...(secondResult ? { second: { name: secondResult.name, accuracy: secondResult.report.accuracy } } : {}),
    });
    const result: PartitionResult = {
      name: partition.name,
      split: partition.info,
      report,
      ...(secondResult ? { second: secondResult } : {}),
      history: outcome.history,
      bestEpoch: outcome.bestEpoch,
      stoppedEarly: outcome.stoppedEarly,
    };
    results.push(result);
    await saveModel(modelDir, model, {
      labels: [...labels],
      extractor: {
        id: extractor.id,
        config: { ...extractor.config },
        fingerprint: extractor.fingerprint,
        sampleRate: extractor.sampleRate,
        output: extractor.output,
        dims: extractor.dims,
      },
      model: { id: options.model.id, version: options.model.version, hyper, inputShape },
      normalisation: norm,
      ...(second && secondResult
        ? {
            secondOutput: {
              name: second.name,
              labels: [...second.labels],
              metrics: { accuracy: secondResult.report.accuracy, uar: secondResult.report.uar },
            },
          }
        : {}),
      training: {
        ...settings,
        epochsRun: outcome.epochsRun,
        bestEpoch: outcome.bestEpoch,
        augment,
        backend: backend.name,
        optimizer: recipe.weightDecay > 0 ? 'adamw' : 'adam',
        ...(isNoRecipe(recipe) ? {} : { recipe }),
        ...(bySpeaker ? { speakerNormalisation: true } : {}),
      },
      split: partition.info,
      dataset: {
        id: options.dataset.id,
        files: scanned.items.length,
        trainExamples: train.y.length,
        testExamples: test.y.length,
      },
      metrics: {
        accuracy: report.accuracy,
        uar: report.uar,
        macroF1: report.macro.f1,
        examples: test.y.length,
        on: partition.info.leaky
          ? 'test split of the seed protocol (leaky)'
          : `test speakers ${(partition.info.testSpeakers ?? []).join(', ')}`,
      },
      licence: dataLicence(options.dataset.id),
    } satisfies Omit<
      SerkitManifest,
      'format' | 'formatVersion' | 'serkitVersion' | 'createdAt' | 'files' | 'manifestSha256'
    >);
    model.dispose();
    models.push(modelDir);
    if (kfold)
      await writeReports(
        modelDir,
        runReport([result], partitions, options, settings, backend, computed, scanned.items.length, augment, recipe),
      );
  }
  const report = runReport(
    results,
    partitions,
    options,
    settings,
    backend,
    computed,
    scanned.items.length,
    augment,
    recipe,
  );
  const reportFiles = await writeReports(outDir, report);
  return { finished: true, outDir, models, reportFiles, report, backend };
}

/** The recipe as report facts (none for the original training, so those reports are unchanged). */
function recipeFacts(recipe: TrainRecipe): Record<string, string | number> {
  if (isNoRecipe(recipe)) return {};
  const mask = recipe.specAugment;
  return {
    'lr schedule': recipe.schedule,
    'weight decay': recipe.weightDecay,
    mixup: recipe.mixupAlpha > 0 ? `alpha ${recipe.mixupAlpha}` : 'none',
    'SpecAugment masks': mask
      ? `${mask.bandMasks} x <= ${mask.maxBands} bands, ${mask.frameMasks} x <= ${mask.maxFrames} frames`
      : 'none',
    crops: recipe.randomCrop ? 'random (training), centre (test)' : 'centre',
  };
}

function runReport(
  results: readonly PartitionResult[],
  partitions: readonly Partition[],
  options: TrainRunOptions,
  settings: TrainSettings,
  backend: SelectedBackend,
  computed: ComputedFeatures,
  files: number,
  augment: readonly string[],
  recipe: TrainRecipe,
): RunReport {
  const single = results.length === 1;
  const facts = {
    dataset: `${options.dataset.id} (${files} files in ${options.dataDir})`,
    features: options.features.id,
    model: options.model.id,
    split: single ? results[0].split.protocol : `${partitions[0].info.protocol} (${results.length} folds)`,
    augmentation: augment.length > 0 ? augment.join(', ') : 'none',
    backend: backend.name,
    'max epochs': settings.epochs,
    'batch size': settings.batchSize,
    'learning rate': settings.learningRate,
    patience: settings.patience,
    seed: settings.seed,
    ...recipeFacts(recipe),
    ...(settings.restoreBest === false ? { 'weights kept': 'last epoch' } : {}),
    ...(options.speakerNormalisation ? { normalisation: "per speaker (uses the test speakers' unlabeled clips)" } : {}),
    ...secondFacts(results),
  };
  const title = `serkit train: ${options.model.id} on ${options.dataset.id} (${options.features.id}), split ${facts.split}`;
  const problems = computed.problems;
  const licence = dataLicence(options.dataset.id);
  if (single) return { kind: 'train', title, facts, overall: results[0], problems, licence };
  // Pool every fold's test predictions for the overall confusion matrix and report.
  const yTrue: number[] = [];
  const yPred: number[] = [];
  for (const r of results) {
    r.report.confusion.counts.forEach((row, t) => {
      row.forEach((count, p) => {
        for (let i = 0; i < count; i++) {
          yTrue.push(t);
          yPred.push(p);
        }
      });
    });
  }
  const labels = results[0].report.labels;
  return {
    kind: 'train',
    title,
    facts,
    overall: {
      name: 'pooled',
      split: {
        protocol: 'kfold-actor',
        leaky: false,
        description: `speaker-independent ${results.length}-fold cross-validation: each fold's speakers are tested once by a model trained without them; the table pools all folds' test predictions.`,
      },
      report: classificationReport(yTrue, yPred, labels),
    },
    folds: results,
    foldSummary: {
      accuracy: meanStd(results.map((r) => r.report.accuracy)),
      uar: meanStd(results.map((r) => r.report.uar)),
      macroF1: meanStd(results.map((r) => r.report.macro.f1)),
    },
    problems,
    licence,
  };
}

/** The second output's name and classes (sorted), from the scanned items' `extra` labels. */
interface SecondOutput {
  readonly name: string;
  readonly labels: readonly string[];
}

function secondOutputOf(dataset: DatasetPlugin, items: readonly DatasetItem[], name: string): SecondOutput {
  const known = dataset.extraLabels ?? [];
  const fail = (why: string) => new SerkitError('INVALID_ARGUMENT', why, { input: '--second-output' });
  if (!known.includes(name))
    throw fail(
      `'${name}' is not a label of the ${dataset.id} dataset (it has: ${known.length > 0 ? known.join(', ') : 'none'})`,
    );
  const missing = items.find((i) => i.extra[name] === undefined);
  if (missing) throw fail(`${missing.path} has no '${name}' label`);
  const labels = [...new Set(items.map((i) => i.extra[name]))].sort();
  if (labels.length < 2) throw fail(`every item has ${name} '${labels[0]}': a second output needs two classes`);
  return { name, labels };
}

/** Report facts of the second output: its test accuracy and UAR (mean +- std over folds). */
function secondFacts(results: readonly PartitionResult[]): Record<string, string> {
  const seconds = results.flatMap((r) => (r.second ? [r.second] : []));
  if (seconds.length === 0) return {};
  const pct = (values: number[]) => {
    const { mean, std } = meanStd(values);
    return seconds.length > 1
      ? `${(100 * mean).toFixed(1)} +- ${(100 * std).toFixed(1)} %`
      : `${(100 * mean).toFixed(1)} %`;
  };
  return {
    [`${seconds[0].name} (second output)`]: `accuracy ${pct(seconds.map((s) => s.report.accuracy))}, UAR ${pct(seconds.map((s) => s.report.uar))} (${seconds[0].report.labels.join(' / ')})`,
  };
}
