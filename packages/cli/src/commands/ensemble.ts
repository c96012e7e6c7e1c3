import { Flags } from '@oclif/core';
import { backendFlag } from '../backend-flag.js';
import { SerkitCommand } from '../base-command.js';
import { eventPrinter } from './train.js';

export interface EnsembleJson {
  readonly out: string;
  readonly members: readonly string[];
  /** Test accuracy on the members' shared test speakers (null without --data). */
  readonly accuracy: number | null;
  readonly uar: number | null;
  /** metrics.json, classification-report.txt, confusion-matrix.svg, report.html (with --data). */
  readonly reports: readonly string[];
}

export default class Ensemble extends SerkitCommand {
  static override summary = 'Join trained models into one that averages their class probabilities.';
  static override description =
    'Writes a model folder whose network runs every --model on the same input and outputs the mean of their probabilities (each head separately), for `serkit classify` and `serkit evaluate` like any other model. The models must share labels, features, input shape, second head and training data (feature standardisation); each mismatch is refused with the reason. With --dataset and --data, the ensemble is scored on the test speakers the models share: serkit.json records it and the folder gets the reports (metrics.json, classification-report.txt, confusion-matrix.svg, report.html). Different architectures trained on the same split usually make the best pairs.';
  static override examples = [
    '<%= config.bin %> ensemble --model runs/cnn --model runs/tdnn -o models/cnn-tdnn --dataset ravdess --data ../shared/data/ravdess-speech-16k',
  ];
  static override flags = {
    model: Flags.string({
      char: 'm',
      description: 'a model folder written by `serkit train` (two or more)',
      required: true,
      multiple: true,
      helpValue: 'DIR',
    }),
    out: Flags.string({ char: 'o', description: 'the new model folder', required: true, helpValue: 'DIR' }),
    dataset: Flags.string({
      description: 'dataset plugin id, to score the ensemble on the test speakers',
      dependsOn: ['data'],
    }),
    data: Flags.string({ description: 'the dataset directory', dependsOn: ['dataset'], helpValue: 'DIR' }),
    backend: backendFlag(),
    'cache-dir': Flags.string({
      description: 'feature cache [default: $SERKIT_CACHE_DIR or beside the ensemble]',
      helpValue: 'DIR',
    }),
  };

  async run(): Promise<EnsembleJson> {
    const { flags } = await this.parse(Ensemble);
    const train = await import('@serkit/train');
    const registry = await this.registry();
    const manifest = await train.readManifest(flags.model[0]);
    const result = await train.ensembleRun({
      memberDirs: flags.model,
      outDir: flags.out,
      features: registry.features(manifest.extractor.id),
      ...(flags.dataset ? { dataset: registry.dataset(flags.dataset), dataDir: flags.data } : {}),
      backend: train.parseBackendChoice(flags.backend),
      cacheDir: flags['cache-dir'],
      onEvent: eventPrinter(this.jsonEnabled(), train.describeEvent),
    });
    const { metrics } = result.manifest;
    if (!this.jsonEnabled()) {
      if (metrics)
        this.log(
          `accuracy ${(metrics.accuracy * 100).toFixed(1)}%, UAR ${(metrics.uar * 100).toFixed(1)}% on ${metrics.on}`,
        );
      this.log(`ensemble of ${flags.model.length} models: ${result.outDir}`);
    }
    return {
      out: result.outDir,
      members: flags.model,
      accuracy: metrics?.accuracy ?? null,
      uar: metrics?.uar ?? null,
      reports: result.reportFiles,
    };
  }
}
