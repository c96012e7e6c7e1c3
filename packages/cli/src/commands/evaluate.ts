import { Args, Flags } from '@oclif/core';
import { parseFilter } from '@serkit/core';
import { backendFlag } from '../backend-flag.js';
import { SerkitCommand } from '../base-command.js';
import { eventPrinter } from './train.js';

export interface EvaluateJson {
  readonly model: string;
  readonly out: string;
  readonly reports: readonly string[];
  readonly accuracy: number;
  readonly uar: number;
  readonly macroF1: number;
  readonly examples: number;
  readonly leftOut: number;
}

export default class Evaluate extends SerkitCommand {
  static override summary = 'Test a trained model on a dataset and write the reports.';
  static override description =
    'Runs every file of the dataset (originals, no augmentation) through the model folder and writes metrics.json, classification-report.txt, confusion-matrix.svg and report.html into --out (default: <model>/evaluation-<dataset-id>). The model is refused, with the reason, when its extractor fingerprint or labels do not match; a damaged model file is reported, never loaded. Files the model was trained on make the score optimistic: evaluate on speakers it has not seen.';
  static override examples = [
    '<%= config.bin %> evaluate --model models/lstm-seed ravdess ../shared/data/ravdess-speech-16k',
    '<%= config.bin %> evaluate --model runs/actors ravdess ~/RAVDESS --filter actor=01 --out eval-actor01 --json',
  ];
  static override args = {
    dataset: Args.string({ description: 'dataset plugin id', required: true }),
    dir: Args.string({ description: 'the dataset directory', required: true }),
  };
  static override flags = {
    model: Flags.string({
      char: 'm',
      description: 'model folder written by `serkit train`',
      required: true,
      helpValue: 'DIR',
    }),
    out: Flags.string({
      char: 'o',
      description: 'reports folder [default: <model>/evaluation-<dataset-id>]',
      helpValue: 'DIR',
    }),
    backend: backendFlag(),
    filter: Flags.string({
      description: 'dataset filter KEY=VALUE, e.g. actor=01 (repeatable)',
      multiple: true,
      helpValue: 'KEY=VALUE',
    }),
    'cache-dir': Flags.string({
      description: 'feature cache [default: $SERKIT_CACHE_DIR or beside the model]',
      helpValue: 'DIR',
    }),
  };

  async run(): Promise<EvaluateJson> {
    const { args, flags } = await this.parse(Evaluate);
    const train = await import('@serkit/train');
    const registry = await this.registry();
    const manifest = await train.readManifest(flags.model);
    const result = await train.evaluateRun({
      modelDir: flags.model,
      dataset: registry.dataset(args.dataset),
      dataDir: args.dir,
      datasetFilter: parseFilter(flags.filter ?? []),
      features: registry.features(manifest.extractor.id),
      outDir: flags.out,
      backend: train.parseBackendChoice(flags.backend),
      cacheDir: flags['cache-dir'],
      onEvent: eventPrinter(this.jsonEnabled(), train.describeEvent),
    });
    const { report } = result.report.overall;
    if (!this.jsonEnabled()) {
      this.log(
        `accuracy ${(report.accuracy * 100).toFixed(1)}%, UAR ${(report.uar * 100).toFixed(1)}% on ${report.macro.support} files`,
      );
      this.log(`reports: ${result.outDir}`);
    }
    return {
      model: flags.model,
      out: result.outDir,
      reports: result.reportFiles,
      accuracy: report.accuracy,
      uar: report.uar,
      macroF1: report.macro.f1,
      examples: report.macro.support,
      leftOut: result.report.problems.length,
    };
  }
}
