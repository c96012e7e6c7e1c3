import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DecoderChoice } from '@serkit/audio';
import { type Dsp, type FeatureExtractor, type PluginRegistry, SerkitError } from '@serkit/core';
import { type AutoExclusion, selectBackend } from '../backends/select-backend.js';
import type { BackendChoice, SelectedBackend } from '../backends/types.js';
import { readManifest } from '../model/load-model.js';
import type { SerkitManifest } from '../model/manifest-schema.js';
import { resolveDsp } from '../service/runtime.js';
import { type FeaturePipeline, inProcessSource } from './in-process-source.js';
import { loadModelPredictor } from './model-predictor.js';
import { type ParallelPredictor, parallelPredictor } from './parallel-predictor.js';
import type { FeatureSource } from './ports.js';
import { recurrentLayers } from './recurrent-layers.js';
import { workerSource } from './worker-source.js';

/** The model bundled with the repository (models/default), used when no `--model` is given. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../../../models/default/', import.meta.url));

export interface OpenClassifierOptions {
  /** A model folder (model.json + weights.bin + serkit.json). Default DEFAULT_MODEL_DIR. */
  readonly modelDir?: string;
  /** Where the model's feature extractor is looked up by id. */
  readonly registry: PluginRegistry;
  /** tfjs backend. Default 'auto' (the fastest that loads). */
  readonly backend?: BackendChoice;
  /** Decoder choice passed to @serkit/audio. Default 'auto'. */
  readonly decoder?: DecoderChoice;
  /** Seconds above which a file is classified window by window (bounded memory). Default 120. */
  readonly longFileSeconds?: number;
  /**
   * DSP for the features. Default: @serkit/native's choice (the addon, else TypeScript); core's
   * TypeScript DSP while a build of @serkit/native has no getDsp().
   */
  readonly dsp?: Dsp;
  /**
   * Where the register hook of a plugin package is (the CLI asks oclif for the package root, then
   * `registerHookOf`): with it, decoding and features run on worker threads. Default: none (in process).
   */
  readonly registerHookFor?: (pluginPackage: string) => Promise<string | undefined>;
  /** Worker threads for decoding and features. Default: the number of CPUs; 0 = in process. */
  readonly workers?: number;
  /**
   * Worker threads running the network on the native, wasm and cpu backends (which compute on the
   * calling thread, the native one but for its GEMM, which then runs on one thread per worker; tfjs-node
   * threads itself), each with its own copy of the model. Default: the number of CPUs, at most
   * DEFAULT_INFERENCE_THREADS; 1 = none, the network runs on this thread.
   */
  readonly inferenceThreads?: number;
}

/** Inference workers by default at most: each holds a copy of the model and its activations. */
export const DEFAULT_INFERENCE_THREADS = 4;

export interface Classifier {
  readonly manifest: SerkitManifest;
  readonly backend: SelectedBackend;
  readonly predictor: ParallelPredictor;
  readonly source: FeatureSource;
  /** What the features are computed with, for `workerSource` and reports. */
  readonly pipeline: FeaturePipeline;
  close(): Promise<void>;
}

/**
 * What `auto` should pass over for this model: the native kernels for a recurrent one, whose steps
 * run there as chains of small tfjs kernels (lstm-seed: 16 clips/s against 730 on wasm); for
 * convolutional and dense models they are the fastest CPU backend (the bundled model: 3.7 against
 * 5.9 CPU ms per clip on wasm, BENCHMARKS.md).
 */
async function autoExclusions(modelDir: string): Promise<AutoExclusion[]> {
  const recurrent = await recurrentLayers(modelDir);
  if (recurrent.length === 0) return [];
  return [
    {
      name: 'native',
      reason: `the model has recurrent layers (${recurrent.join(', ')}), which run faster on wasm`,
    },
  ];
}

/**
 * Loads a model folder for classification: reads serkit.json, configures the extractor it names
 * with the stored configuration (refusing the model when the fingerprint differs: other extractor
 * version or code), picks the backend, loads and verifies the network.
 */
export async function openClassifier(options: OpenClassifierOptions): Promise<Classifier> {
  const modelDir = options.modelDir ?? DEFAULT_MODEL_DIR;
  const manifest = await readManifest(modelDir);
  if (manifest.training.speakerNormalisation)
    throw new SerkitError(
      'MODEL_INCOMPATIBLE',
      'the model was trained on per-speaker normalised features (an evaluation run): classify has no speaker statistics to apply',
      { input: modelDir },
    );
  const entry = options.registry.entry('features', manifest.extractor.id);
  const extractor = (entry.plugin as FeatureExtractor).configure(manifest.extractor.config);
  const choice = options.backend ?? 'auto';
  // Only `auto` consults exclusions: an explicit backend needs no second read of model.json.
  const backend = await selectBackend(choice, choice === 'auto' ? await autoExclusions(modelDir) : []);
  const { model, predictor: local } = await loadModelPredictor(modelDir, manifest, extractor.fingerprint, backend.name);
  const pipeline: FeaturePipeline = {
    extractor,
    normalisation: manifest.normalisation,
    inputShape: manifest.model.inputShape,
    dsp: options.dsp ?? resolveDsp(),
  };
  const sourceOptions = { decoder: options.decoder, longFileSeconds: options.longFileSeconds };
  const registerHook = options.workers === 0 ? undefined : await options.registerHookFor?.(entry.source);
  const source =
    registerHook === undefined
      ? inProcessSource(pipeline, sourceOptions)
      : await workerSource(pipeline, { ...sourceOptions, registerHook, workers: options.workers });
  const onCallingThread = backend.name === 'native' || backend.name === 'wasm' || backend.name === 'cpu';
  const threads = onCallingThread
    ? (options.inferenceThreads ?? Math.min(availableParallelism(), DEFAULT_INFERENCE_THREADS))
    : 1;
  const predictor = parallelPredictor(
    local,
    { modelDir, backend: backend.name, fingerprint: extractor.fingerprint },
    threads,
  );
  return {
    manifest,
    backend,
    predictor,
    source,
    pipeline,
    async close() {
      await Promise.all([source.close(), predictor.close()]);
      model.dispose();
    },
  };
}
