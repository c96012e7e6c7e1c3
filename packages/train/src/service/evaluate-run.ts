import { join, resolve } from 'node:path';
import { type DatasetPlugin, type Dsp, type FeatureExtractor, SerkitError } from '@serkit/core';
import { selectBackend } from '../backends/select-backend.js';
import type { BackendChoice, SelectedBackend } from '../backends/types.js';
import type { DecodeAudio } from '../features/compute-features.js';
import { loadModel, readManifest } from '../model/load-model.js';
import type { RunReport } from '../report/types.js';
import { writeReports } from '../report/write-reports.js';
import type { RunEvent } from './events.js';
import { scanDataset } from './scan-dataset.js';
import { scoreModel } from './score-model.js';
import { featureCacheDir } from './train-run.js';

export interface EvaluateRunOptions {
  /** A model folder written by `serkit train`. */
  readonly modelDir: string;
  readonly dataset: DatasetPlugin;
  readonly dataDir: string;
  readonly datasetFilter?: Readonly<Record<string, string>>;
  /** The extractor plugin named in the model's serkit.json (the CLI looks it up in its registry). */
  readonly features: FeatureExtractor;
  /** Reports go here. Default `<modelDir>/evaluation-<dataset id>`. */
  readonly outDir?: string;
  /** Default 'auto'. */
  readonly backend?: BackendChoice;
  readonly cacheDir?: string;
  readonly dsp?: Dsp;
  readonly decode?: DecodeAudio;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
}

export interface EvaluateRunResult {
  readonly report: RunReport;
  readonly reportFiles: readonly string[];
  readonly outDir: string;
  readonly backend: SelectedBackend;
}

/**
 * `serkit evaluate`: every file of a dataset (originals, no augmentation) through a saved model.
 * The model is refused (MODEL_INCOMPATIBLE, with the reason) when the extractor's fingerprint
 * differs from the one it was trained with or the data has labels it does not know.
 */
export async function evaluateRun(options: EvaluateRunOptions): Promise<EvaluateRunResult> {
  const emit = options.onEvent ?? (() => {});
  const modelDir = resolve(options.modelDir);
  const backend = await selectBackend(options.backend ?? 'auto');
  emit({ type: 'backend', backend });
  const scanned = await scanDataset(options.dataset, options.dataDir, options.datasetFilter, options.signal);
  emit({ type: 'scan', items: scanned.items.length, labels: scanned.labels, problems: scanned.problems });
  // serkit.json alone (checksummed) names the extractor; the network loads once, below.
  const stored = await readManifest(modelDir);
  if (options.features.id !== stored.extractor.id) {
    throw new SerkitError(
      'MODEL_INCOMPATIBLE',
      `the model needs features '${stored.extractor.id}', not '${options.features.id}'`,
      {
        input: modelDir,
      },
    );
  }
  const extractor = options.features.configure(stored.extractor.config);
  const loaded = await loadModel(modelDir, { extractorFingerprint: extractor.fingerprint, labels: scanned.labels });
  const { model, manifest } = loaded;
  try {
    const examples = scanned.items.map((item) => ({ item, variant: 'original' as const }));
    const { report, second, problems } = await scoreModel(loaded, extractor, examples, {
      cacheDir: featureCacheDir(modelDir, options.cacheDir),
      dataDir: options.dataDir,
      ...(options.dsp ? { dsp: options.dsp } : {}),
      ...(options.decode ? { decode: options.decode } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done, total) => emit({ type: 'features', done, total }),
    });
    emit({
      type: 'tested',
      partition: 'evaluate',
      accuracy: report.accuracy,
      uar: report.uar,
      ...(second ? { second: { name: second.name, accuracy: second.report.accuracy } } : {}),
    });
    const run: RunReport = {
      kind: 'evaluate',
      title: `serkit evaluate: ${manifest.model.id} (${manifest.extractor.id}) on ${options.dataset.id}`,
      facts: {
        model: modelDir,
        'trained on': `${manifest.dataset.id} (${manifest.dataset.files} files), split ${manifest.split.protocol}${manifest.split.leaky ? ' (leaky)' : ''}`,
        dataset: `${options.dataset.id} (${scanned.items.length} files in ${options.dataDir})`,
        features: manifest.extractor.id,
        backend: backend.name,
      },
      overall: {
        name: 'evaluate',
        split: {
          protocol: manifest.split.protocol,
          leaky: false,
          description: `every file of ${options.dataDir} (originals, no augmentation). Files that were in the model's training data make the score optimistic: evaluate on speakers the model has not seen.`,
        },
        report,
        ...(second ? { second } : {}),
      },
      problems,
      licence: manifest.licence,
    };
    const outDir = resolve(options.outDir ?? join(modelDir, `evaluation-${options.dataset.id}`));
    const reportFiles = await writeReports(outDir, run);
    return { report: run, reportFiles, outDir, backend };
  } finally {
    model.dispose();
  }
}
