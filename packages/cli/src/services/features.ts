import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fsError } from '@serkit/audio';
import {
  type ConfiguredExtractor,
  type DatasetFilter,
  type DatasetItem,
  type DatasetPlugin,
  type FeatureConfig,
  type FeatureExtractor,
  type FeatureMatrix,
  type PluginRegistry,
  type RegisteredPlugin,
  SerkitError,
} from '@serkit/core';
import { callPlugin, guardExtractor } from './plugin-call.js';

/** What `serkit features` works on: a dataset directory, or a list of files. */
export type FeatureInputs =
  | { readonly kind: 'dataset'; readonly dataset: string; readonly dir: string; readonly filter: DatasetFilter }
  | { readonly kind: 'files'; readonly files: readonly string[] };

/** A file whose features could not be computed (the others are computed regardless). */
export interface FeatureFailure {
  readonly path: string;
  readonly code: string;
  readonly reason: string;
}

export interface ExtractedFeatures {
  readonly extractor: {
    readonly id: string;
    readonly source: string;
    readonly fingerprint: string;
    readonly output: 'vector' | 'sequence';
    readonly dims: number;
    readonly sampleRate: number;
    readonly config: FeatureConfig;
  };
  /** Items in input order with their features (failed ones left out). */
  readonly results: { readonly item: DatasetItem; readonly features: FeatureMatrix }[];
  readonly failures: FeatureFailure[];
  readonly cacheHits: number;
  /** Null when caching is off. */
  readonly cacheDir: string | null;
  /** Which DSP computed them: 'native' or 'ts'. */
  readonly dsp: string;
}

export interface ExtractOptions {
  readonly registry: PluginRegistry;
  readonly inputs: FeatureInputs;
  readonly extractorId: string;
  readonly config: Record<string, string | number | boolean | null>;
  /** Null disables the cache. */
  readonly cacheDir: string | null;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Decides whether positional arguments name a dataset (`<dataset-id> <dir>`) or files: a dataset
 * when there are exactly two, the first is an installed dataset id and not an existing file.
 */
export async function classifyInputs(
  args: readonly string[],
  registry: PluginRegistry,
  filter: DatasetFilter,
): Promise<FeatureInputs> {
  if (args.length === 0) {
    throw new SerkitError('INVALID_ARGUMENT', 'give a dataset id and a directory, or audio files', { input: 'inputs' });
  }
  const datasetIds = new Set(registry.list('dataset').map((e) => e.plugin.id));
  if (args.length === 2 && datasetIds.has(args[0]) && !(await isFile(args[0]))) {
    return { kind: 'dataset', dataset: args[0], dir: resolve(args[1]), filter };
  }
  if (Object.keys(filter).length > 0) {
    throw new SerkitError('INVALID_ARGUMENT', 'filters apply to a dataset (give `<dataset-id> <dir>`), not to files', {
      input: '--filter',
    });
  }
  return { kind: 'files', files: args.map((file) => resolve(file)) };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

/**
 * Computes the features of every input with @serkit/train's cached pipeline (decode with
 * @serkit/audio at the extractor's rate, extract, cache by content hash + extractor fingerprint).
 * A file that fails is reported in `failures`; the batch goes on.
 */
export async function extractFeatures(options: ExtractOptions): Promise<ExtractedFeatures> {
  const { registry, inputs } = options;
  const entry = registry.entry('features', options.extractorId) as RegisteredPlugin<FeatureExtractor>;
  const extractor: ConfiguredExtractor = await callPlugin(entry, 'configuring', () =>
    entry.plugin.configure(options.config),
  );
  const guarded = guardExtractor(entry, extractor);

  const items: DatasetItem[] = [];
  const failures: FeatureFailure[] = [];
  if (inputs.kind === 'dataset') {
    const dataset = registry.entry('dataset', inputs.dataset) as RegisteredPlugin<DatasetPlugin>;
    const scan = await callPlugin(dataset, `scanning ${inputs.dir}`, () =>
      dataset.plugin.scan(inputs.dir, { filter: inputs.filter, ...(options.signal ? { signal: options.signal } : {}) }),
    );
    items.push(...scan.items);
    if (items.length === 0) {
      throw new SerkitError('DATASET', `no ${inputs.dataset} items found`, { input: inputs.dir });
    }
  } else {
    for (const path of inputs.files) {
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (info instanceof Error) {
        // The same code and words as the decoder gives (classify), e.g. a symlink loop or no permission.
        const { code, reason } = fsError(info, path);
        failures.push({ path, code, reason });
      } else if (!info.isFile()) failures.push({ path, code: 'INVALID_ARGUMENT', reason: 'is not a file' });
      else items.push({ path, label: '', speaker: '', extra: {} });
    }
  }

  const train = await import('@serkit/train');
  // The native addon's DSP when it is built, else the TypeScript one (train decides).
  const dsp = train.resolveDsp();
  const computed = await callPlugin(entry, 'extracting features', () =>
    train.computeFeatures(
      items.map((item) => ({ item, variant: 'original' as const })),
      {
        extractor: guarded,
        dsp,
        decode: train.decodeWithSerkitAudio,
        ...(options.cacheDir === null ? {} : { cache: new train.FeatureCache(options.cacheDir) }),
        seed: 0,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    ),
  );
  failures.push(...computed.problems.map((p) => ({ path: p.path, code: p.code, reason: p.reason })));
  const results = items.flatMap((item) => {
    const features = computed.features.get(`${item.path}\u0000original`);
    return features === undefined ? [] : [{ item, features }];
  });
  return {
    extractor: {
      id: extractor.id,
      source: entry.source,
      fingerprint: extractor.fingerprint,
      output: extractor.output,
      dims: extractor.dims,
      sampleRate: extractor.sampleRate,
      config: extractor.config,
    },
    results,
    failures,
    cacheHits: computed.cacheHits,
    cacheDir: options.cacheDir,
    dsp: dsp.name,
  };
}
