import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DatasetPlugin, type FeatureExtractor, SerkitError } from '@serkit/core';
import { selectBackend } from '../backends/select-backend.js';
import type { BackendChoice, SelectedBackend } from '../backends/types.js';
import { averageModels, type InputAffine } from '../model/average-models.js';
import { type LoadedModel, loadModel } from '../model/load-model.js';
import { type ManifestDraft, type MetricsSummary, MODEL_FILES, type SerkitManifest } from '../model/manifest-schema.js';
import { saveModel } from '../model/save-model.js';
import type { PartitionResult, RunReport } from '../report/types.js';
import { writeReports } from '../report/write-reports.js';
import type { RunEvent } from './events.js';
import { scanDataset } from './scan-dataset.js';
import { type ModelScores, scoreModel } from './score-model.js';
import { featureCacheDir } from './train-run.js';

export interface EnsembleRunOptions {
  /** Two or more model folders written by `serkit train`, trained on the same features and data. */
  readonly memberDirs: readonly string[];
  /** Where the ensemble is written (must not hold a model already). */
  readonly outDir: string;
  /** The extractor plugin the members name (the CLI looks it up in its registry). */
  readonly features: FeatureExtractor;
  /**
   * With `dataDir`: score the ensemble on the members' test speakers (every member must have the
   * same ones) and record it in serkit.json, as `serkit train` does. Without: metrics stay null.
   */
  readonly dataset?: DatasetPlugin;
  readonly dataDir?: string;
  /** Default 'auto'. */
  readonly backend?: BackendChoice;
  readonly cacheDir?: string;
  readonly onEvent?: (event: RunEvent) => void;
}

export interface EnsembleRunResult {
  readonly outDir: string;
  readonly manifest: SerkitManifest;
  readonly backend: SelectedBackend;
  /** The test reports (metrics.json, classification-report.txt, ...) when the ensemble was scored. */
  readonly reportFiles: readonly string[];
}

/** Relative difference above which two members' feature standardisations count as different. */
const NORMALISATION_TOLERANCE = 1e-9;

/**
 * `serkit ensemble`: one model that averages the class probabilities of several trained models on
 * the same input (see averageModels), saved as an ordinary model folder that `serkit classify` and
 * `serkit evaluate` use like any other. The members must agree on labels, features (fingerprint),
 * input shape and second head; each disagreement is a MODEL_INCOMPATIBLE error naming the member and
 * the reason. Members whose features were standardised with other statistics (trained with other
 * augmentations) map the shared input, standardised as the first member's, back to their own
 * (exact but for the zero padding of clips shorter than the input, which reaches them as their
 * offset: ~1e-10 for per-clip standardised features such as logmel's, whose global means are ~0).
 */
export async function ensembleRun(options: EnsembleRunOptions): Promise<EnsembleRunResult> {
  const emit = options.onEvent ?? (() => {});
  const outDir = resolve(options.outDir);
  if (existsSync(join(outDir, MODEL_FILES.manifest)))
    throw new SerkitError('INVALID_ARGUMENT', 'already holds a model: write the ensemble to a new folder', {
      input: outDir,
    });
  const backend = await selectBackend(options.backend ?? 'auto');
  emit({ type: 'backend', backend });
  const members: LoadedModel[] = [];
  try {
    for (const dir of options.memberDirs) members.push(await loadModel(resolve(dir)));
    const first = members[0].manifest;
    for (const [i, { manifest }] of members.entries()) checkMember(manifest, first, options.memberDirs[i]);
    if (options.features.id !== first.extractor.id)
      throw new SerkitError(
        'MODEL_INCOMPATIBLE',
        `the models need features '${first.extractor.id}', not '${options.features.id}'`,
        {
          input: options.memberDirs[0],
        },
      );
    const ensemble = {
      model: await averageModels(
        members.map((m) => m.model),
        '--model',
        members.map(({ manifest }) => restandardisation(manifest, first)),
      ),
      manifest: first,
    };
    try {
      const scores = await scoreOnTestSpeakers(ensemble, members, options, emit);
      const draft: ManifestDraft = {
        labels: first.labels,
        extractor: first.extractor,
        model: {
          id: 'ensemble',
          version: '1',
          hyper: {
            members: members.map(({ manifest: m }) => memberName(m)).join(' + '),
            combine: 'mean probability',
          },
          inputShape: first.model.inputShape,
        },
        ...(first.secondOutput ? { secondOutput: { ...first.secondOutput, metrics: scores?.second ?? null } } : {}),
        // The input is standardised as the first member's; the others map it to their own in the network.
        normalisation: first.normalisation,
        // The members share their data and speakers (checkMember): the first one's facts stand for
        // the recipe; each member's seed and augmentation are in `members`.
        training: first.training,
        split: first.split,
        dataset: first.dataset,
        metrics: scores?.metrics ?? null,
        licence: first.licence,
      };
      const manifest = await saveModel(outDir, ensemble.model, draft);
      const reportFiles = scores ? await writeReports(outDir, ensembleReport(scores.run, draft, options, backend)) : [];
      return { outDir, manifest, backend, reportFiles };
    } finally {
      ensemble.model.dispose();
    }
  } finally {
    for (const { model } of members) model.dispose();
  }
}

/**
 * e.g. 'cnn-logmel@0.2.0(width=24,blocks=4,timePool=2,dropout=0.3) seed 42': the member's plugin,
 * hyper-parameters and seed (the seed tells apart members that differ in nothing else).
 */
function memberName({ model, training }: SerkitManifest): string {
  const augment = training.augment.length > 0 ? ` augment ${training.augment.join(',')}` : '';
  return `${model.id}@${model.version}(${Object.entries(model.hyper)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}) seed ${training.seed}${augment}`;
}

/**
 * How `member` gets its own standardised features from the first member's: none when they share
 * their statistics (the same training data), else x * (std0 / std) + (mean0 - mean) / std.
 */
function restandardisation(member: SerkitManifest, first: SerkitManifest): InputAffine | undefined {
  const { mean, std } = member.normalisation;
  const { mean: mean0, std: std0 } = first.normalisation;
  const close = (a: readonly number[], b: readonly number[]) =>
    a.every((v, i) => Math.abs(v - b[i]) <= NORMALISATION_TOLERANCE * Math.max(1, Math.abs(b[i])));
  if (close(mean, mean0) && close(std, std0)) return undefined;
  return { scale: std.map((s, i) => std0[i] / s), offset: mean.map((m, i) => (mean0[i] - m) / std[i]) };
}

/** Throws MODEL_INCOMPATIBLE when `member` cannot share one input and one output row with `first`. */
function checkMember(member: SerkitManifest, first: SerkitManifest, input: string): void {
  const refuse = (reason: string) => {
    throw new SerkitError('MODEL_INCOMPATIBLE', `cannot join this model to the first: ${reason}`, { input });
  };
  if (member.training.speakerNormalisation) refuse('it was trained on per-speaker normalised features');
  if (member.labels.join() !== first.labels.join())
    refuse(`labels ${member.labels.join(', ')} differ from ${first.labels.join(', ')}`);
  if (member.extractor.fingerprint !== first.extractor.fingerprint)
    refuse(
      `features '${member.extractor.id}' (fingerprint ${member.extractor.fingerprint}) differ from '${first.extractor.id}' (${first.extractor.fingerprint})`,
    );
  if (member.model.inputShape.join('x') !== first.model.inputShape.join('x'))
    refuse(`input ${member.model.inputShape.join('x')} differs from ${first.model.inputShape.join('x')}`);
  const second = (m: SerkitManifest) =>
    m.secondOutput ? `${m.secondOutput.name} (${m.secondOutput.labels.join(', ')})` : 'none';
  if (second(member) !== second(first)) refuse(`second head ${second(member)} differs from ${second(first)}`);
  const { mean, std } = member.normalisation;
  if (mean.length !== first.normalisation.mean.length || std.length !== first.normalisation.std.length)
    refuse('its feature standardisation has another number of dimensions');
  // The ensemble's manifest states one split for all: a member that heard the others' test speakers
  // would make it false. (Other augmentations or seeds are fine: `members` names them.)
  const split = (m: SerkitManifest) =>
    `${m.dataset.id} ${m.dataset.files} files, ${m.split.protocol}${m.split.protocol === 'seed' ? ` (seed ${m.training.seed})` : ''}, test ${(m.split.testSpeakers ?? []).join(',')}, validation ${(m.split.validationSpeakers ?? []).join(',') || 'none'}`;
  if (split(member) !== split(first))
    refuse(`it was trained on other data or speakers (${split(member)}; the first: ${split(first)})`);
}

/** The ensemble's test scores on the members' shared test speakers, or undefined when not asked. */
async function scoreOnTestSpeakers(
  ensemble: Pick<LoadedModel, 'model' | 'manifest'>,
  members: readonly LoadedModel[],
  options: EnsembleRunOptions,
  emit: (event: RunEvent) => void,
): Promise<
  | {
      metrics: MetricsSummary;
      second?: { accuracy: number; uar: number };
      run: PartitionResult & { problems: ModelScores['problems'] };
    }
  | undefined
> {
  if (options.dataset === undefined || options.dataDir === undefined) return undefined;
  const speakers = (m: LoadedModel) => [...(m.manifest.split.testSpeakers ?? [])].sort().join(',');
  const test = speakers(members[0]);
  const odd = members.findIndex((m) => speakers(m) !== test);
  if (test === '' || odd > 0)
    throw new SerkitError(
      'INVALID_ARGUMENT',
      test === ''
        ? 'the models name no test speakers (a seed split): no honest score is possible; leave out --data'
        : `model ${odd + 1} was tested on speakers ${speakers(members[odd])}, model 1 on ${test}: no speaker is unseen by both; leave out --data`,
      { input: '--data' },
    );
  const scanned = await scanDataset(options.dataset, options.dataDir);
  const testSet = new Set(test.split(','));
  const examples = scanned.items
    .filter((item) => testSet.has(item.speaker))
    .map((item) => ({ item, variant: 'original' as const }));
  const extractor = options.features.configure(ensemble.manifest.extractor.config);
  const { report, second, problems } = await scoreModel(ensemble, extractor, examples, {
    cacheDir: featureCacheDir(options.outDir, options.cacheDir),
    dataDir: options.dataDir,
    onProgress: (done, total) => emit({ type: 'features', done, total }),
  });
  emit({
    type: 'tested',
    partition: 'ensemble',
    accuracy: report.accuracy,
    uar: report.uar,
    ...(second ? { second: { name: second.name, accuracy: second.report.accuracy } } : {}),
  });
  return {
    metrics: {
      accuracy: report.accuracy,
      uar: report.uar,
      macroF1: report.macro.f1,
      examples: report.macro.support,
      on: `test speakers ${test.split(',').join(', ')}`,
    },
    ...(second ? { second: { accuracy: second.report.accuracy, uar: second.report.uar } } : {}),
    run: { name: 'ensemble', split: ensemble.manifest.split, report, ...(second ? { second } : {}), problems },
  };
}

/** The reports' content: the ensemble's scores on the shared test speakers, and what it joins. */
function ensembleReport(
  { problems, ...overall }: PartitionResult & { problems: ModelScores['problems'] },
  draft: ManifestDraft,
  options: EnsembleRunOptions,
  backend: SelectedBackend,
): RunReport {
  return {
    kind: 'evaluate',
    title: `serkit ensemble: ${draft.model.hyper.members} (${draft.extractor.id}) on ${draft.dataset.id}`,
    facts: {
      members: options.memberDirs.join(', '),
      combine: 'mean of the members\u2019 probabilities',
      dataset: `${draft.dataset.id} (${options.dataDir})`,
      features: draft.extractor.id,
      backend: backend.name,
    },
    overall,
    problems,
    licence: draft.licence,
  };
}
