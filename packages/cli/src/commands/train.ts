import { Flags } from '@oclif/core';
import { parseFilter } from '@serkit/core';
import type { RunEvent } from '@serkit/train';
import { backendFlag } from '../backend-flag.js';
import { SerkitCommand } from '../base-command.js';
import { parseConfigPairs } from '../services/config-pairs.js';

export interface TrainJson {
  readonly finished: boolean;
  readonly out: string;
  readonly models: readonly string[];
  readonly reports: readonly string[];
  readonly backend: string;
  readonly accuracy?: number;
  readonly uar?: number;
  readonly leaky?: boolean;
  readonly folds?: { readonly accuracy: { mean: number; std: number }; readonly uar: { mean: number; std: number } };
  /** Files the features step could not use, each with its reason (the run went on without them). */
  readonly leftOut: readonly { readonly path: string; readonly code: string; readonly reason: string }[];
}

/** Exit status of a run stopped by Ctrl-C after saving its checkpoint (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

export default class Train extends SerkitCommand {
  static override summary = 'Train a model on a dataset, test it, and save the model folder and reports.';
  static override description =
    `Scans the dataset, splits it (--split), computes features (cached; augmented on the training side), trains with Adam and early stopping on a validation part drawn from the training data, checkpoints every epoch, tests, and writes the model folder (model.json, weights.bin, serkit.json) with metrics.json, classification-report.txt, confusion-matrix.svg, curves-*.svg and report.html into --out.
Defaults are the paper's: lstm-seed on mfcc-mean, Adam 1e-3, batch 32, up to 200 epochs, patience 10, noise/pitch/stretch augmentation, and its leaky 'seed' split (augment, then split 80/20), which every report labels as leaky; use --split kfold-actor for a speaker-independent estimate.
Training recipe (off by default, so runs reproduce older ones): --recipe prototype applies the PyTorch prototype's regularisation from ACCURACY.md — AdamW (--weight-decay 0.01), a one-cycle learning rate peaking at --lr over all --epochs (--lr-schedule), mixup (--mixup 0.2), SpecAugment masks (--spec-augment 2,8,2,24: 2 band masks of up to 8 feature dims, 2 frame masks of up to 24 frames) and random crops of the whole clip (--random-crop; validation and test use the centre crop, as classify does) — for 30 epochs without early stopping unless --epochs/--patience say otherwise. Each option can also be given alone or override the preset. All of it is seeded (--seed) and applied to training batches only.
Ctrl-C saves a checkpoint and exits (status 130); --resume continues from the last complete checkpoint (with a larger --epochs or --patience it trains on; other settings must stay the same).`;
  static override examples = [
    '<%= config.bin %> train --dataset ravdess --data ../shared/data/ravdess-speech-16k --out models/lstm-seed',
    '<%= config.bin %> train --dataset ravdess --data ~/RAVDESS --features mfcc-mean --model lstm-seed --split kfold-actor --out runs/kfold',
    '<%= config.bin %> train --dataset ravdess --data ~/RAVDESS --split actors:1,2,3,4 --augment none --epochs 50 --out runs/actors',
    '<%= config.bin %> train --dataset ravdess --data ~/RAVDESS --out models/lstm-seed --resume',
    '<%= config.bin %> train --dataset ravdess --data ~/RAVDESS --features logmel --model tdnn-logmel --split kfold-actor --augment none --recipe prototype --out runs/tdnn-recipe',
    '<%= config.bin %> train --dataset ravdess --data ~/RAVDESS --features logmel --model tdnn-logmel --augment none --split kfold-actor --lr-schedule cosine --mixup 0.4 --spec-augment 2,8,2,24 --random-crop --epochs 20 --out runs/tdnn-cosine',
  ];
  static override flags = {
    dataset: Flags.string({ description: 'dataset plugin id (see `serkit list`)', required: true, helpValue: 'ID' }),
    data: Flags.string({ description: 'the dataset directory', required: true, helpValue: 'DIR' }),
    features: Flags.string({ description: 'feature extractor id', default: 'mfcc-mean', helpValue: 'ID' }),
    model: Flags.string({ description: 'model plugin id', default: 'lstm-seed', helpValue: 'ID' }),
    out: Flags.string({
      char: 'o',
      description: 'output folder: the model and its reports (fold models under folds/)',
      required: true,
      helpValue: 'DIR',
    }),
    split: Flags.string({
      description:
        "seed (the paper's leaky random 80/20 after augmentation) | actors:<list> (hold out those actors) | kfold-actor (6 folds of 4 actors)",
      default: 'seed',
      helpValue: 'PROTOCOL',
    }),
    epochs: Flags.integer({ description: "maximum epochs [default: the model's; lstm-seed: 200]", min: 1 }),
    patience: Flags.integer({
      description: "early stopping: epochs without a lower validation loss [default: the model's; 10]",
      min: 0,
    }),
    'batch-size': Flags.integer({ description: "mini-batch size [default: the model's; 32]", min: 1 }),
    lr: Flags.string({ description: "Adam learning rate [default: the model's; 0.001]", helpValue: 'X' }),
    augment: Flags.string({
      description:
        "augmentations of the training data: any of noise,pitch,stretch (the paper's), speed0.9,speed1.1 (speed perturbation), or none",
      default: 'noise,pitch,stretch',
    }),
    backend: backendFlag(),
    seed: Flags.integer({
      description: 'seed of initialisation, splits, shuffling, noise, crops, masks and mixup',
      default: 42,
    }),
    recipe: Flags.string({
      description:
        'training recipe preset: none (plain Adam, constant rate) | prototype (AdamW 0.01, one-cycle, mixup 0.2, SpecAugment 2,8,2,24, random crops; 30 epochs, no early stopping); the options below override it',
      options: ['none', 'prototype'],
      default: 'none',
    }),
    'lr-schedule': Flags.string({
      description: "learning rate over the steps of --epochs, peaking at --lr [default: the preset's; none: constant]",
      options: ['constant', 'one-cycle', 'cosine'],
    }),
    'weight-decay': Flags.string({
      description: "decoupled weight decay per step x the learning rate (AdamW); 0 = Adam [default: the preset's]",
      helpValue: 'X',
    }),
    mixup: Flags.string({
      description: "mixup Beta(alpha, alpha) of training batches; 0 = off [default: the preset's]",
      helpValue: 'ALPHA',
    }),
    'spec-augment': Flags.string({
      description:
        "masks on training batches of frame-sequence features: BANDS,MAX_BANDS,FRAMES,MAX_FRAMES (e.g. 2,8,2,24) or none [default: the preset's]",
      helpValue: 'B,MB,F,MF',
    }),
    'random-crop': Flags.boolean({
      description:
        "train on random fixed-length crops of the whole clip (sequence extractors with a `frames` option, e.g. logmel); test on the centre crop [default: the preset's]",
      allowNo: true,
    }),
    'restore-best': Flags.boolean({
      description:
        "keep the weights of the epoch with the lowest validation loss (default); --no-restore-best keeps the last epoch's, as the prototype's fixed one-cycle schedule does",
      allowNo: true,
      default: true,
    }),
    'validation-speakers': Flags.integer({
      description:
        'training speakers held out to pick the best epoch and stop early (speaker splits) [default: 2]; 0 trains on all of them and needs --no-restore-best',
      min: 0,
    }),
    'speaker-norm': Flags.boolean({
      description:
        "standardise each feature dim per speaker over all of the speaker's clips (test speakers' unlabeled audio included; needs --random-crop; combine with --config normalise=none): for evaluation only, classify refuses such a model",
      default: false,
    }),
    'second-output': Flags.string({
      description:
        'also train a second head on this label of the dataset, e.g. intensity (RAVDESS: normal/strong); its test accuracy is reported and classify prints it',
      helpValue: 'LABEL',
    }),
    resume: Flags.boolean({ description: 'continue from the last complete checkpoint in --out', default: false }),
    config: Flags.string({
      description: 'extractor option KEY=VALUE (repeatable)',
      multiple: true,
      helpValue: 'KEY=VALUE',
    }),
    hyper: Flags.string({
      description: 'model hyper-parameter KEY=VALUE, e.g. lstm1=128 (repeatable)',
      multiple: true,
      helpValue: 'KEY=VALUE',
    }),
    filter: Flags.string({
      description: 'dataset filter KEY=VALUE, e.g. channel=speech (repeatable)',
      multiple: true,
      helpValue: 'KEY=VALUE',
    }),
    'cache-dir': Flags.string({
      description: 'feature cache [default: $SERKIT_CACHE_DIR or <out>/.serkit-cache]',
      helpValue: 'DIR',
    }),
  };

  async run(): Promise<TrainJson> {
    const { flags } = await this.parse(Train);
    const train = await import('@serkit/train');
    const { SerkitError } = await import('@serkit/core');
    const learningRate = flags.lr === undefined ? undefined : Number(flags.lr);
    if (learningRate !== undefined && !(learningRate > 0 && learningRate < 10)) {
      throw new SerkitError('INVALID_ARGUMENT', `must be a number in (0, 10), got '${flags.lr}'`, { input: '--lr' });
    }
    const recipe = train.parseRecipe({
      recipe: flags.recipe,
      specAugment: flags['spec-augment'],
      mixup: flags.mixup,
      lrSchedule: flags['lr-schedule'],
      weightDecay: flags['weight-decay'],
      randomCrop: flags['random-crop'],
    });
    // The prototype recipe trains for a fixed number of epochs: no early stopping unless asked.
    const prototype = flags.recipe === 'prototype';
    const epochs = flags.epochs ?? (prototype ? train.PROTOTYPE_EPOCHS : undefined);
    const patience = flags.patience ?? (prototype ? epochs : undefined);
    const registry = await this.registry();
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await train.trainRun({
        dataset: registry.dataset(flags.dataset),
        dataDir: flags.data,
        datasetFilter: parseFilter(flags.filter ?? []),
        features: registry.features(flags.features),
        featureConfig: parseConfigPairs(flags.config ?? [], '--config'),
        model: registry.model(flags.model),
        hyper: parseConfigPairs(flags.hyper ?? [], '--hyper') as Record<string, string | number | boolean>,
        outDir: flags.out,
        split: train.parseSplit(flags.split),
        settings: {
          epochs,
          patience,
          batchSize: flags['batch-size'],
          learningRate,
          seed: flags.seed,
          restoreBest: flags['restore-best'],
        },
        augment: train.parseAugment(flags.augment),
        recipe,
        speakerNormalisation: flags['speaker-norm'],
        validationSpeakers: flags['validation-speakers'],
        secondOutput: flags['second-output'],
        backend: train.parseBackendChoice(flags.backend),
        resume: flags.resume,
        cacheDir: flags['cache-dir'],
        signal: controller.signal,
        onEvent: eventPrinter(this.jsonEnabled(), train.describeEvent),
      });
      if (!result.finished) process.exitCode = EXIT_INTERRUPTED;
      const summary = result.report?.foldSummary;
      if (result.report && !this.jsonEnabled()) {
        const overall = result.report.overall;
        this.log(
          summary
            ? `accuracy ${(summary.accuracy.mean * 100).toFixed(1)}% ± ${(summary.accuracy.std * 100).toFixed(1)}, UAR ${(summary.uar.mean * 100).toFixed(1)}% ± ${(summary.uar.std * 100).toFixed(1)} over ${summary.accuracy.n} folds`
            : `test accuracy ${(overall.report.accuracy * 100).toFixed(1)}%, UAR ${(overall.report.uar * 100).toFixed(1)}%${overall.split.leaky ? ' (LEAKY seed split: see report.html)' : ''}`,
        );
        this.log(`model and reports: ${result.outDir}`);
      }
      const leftOut = result.report?.problems ?? [];
      if (!this.jsonEnabled()) for (const line of train.describeLeftOut(leftOut)) process.stderr.write(`${line}\n`);
      return {
        finished: result.finished,
        out: result.outDir,
        models: result.models,
        reports: result.reportFiles,
        backend: result.backend.name,
        ...(result.report
          ? {
              accuracy: result.report.overall.report.accuracy,
              uar: result.report.overall.report.uar,
              leaky: result.report.overall.split.leaky,
            }
          : {}),
        ...(summary ? { folds: { accuracy: summary.accuracy, uar: summary.uar } } : {}),
        leftOut,
      };
    } finally {
      process.off('SIGINT', onSigint);
    }
  }
}

/** Human progress on stderr (a live line on a TTY), or JSON lines on stderr with --json. */
export function eventPrinter(
  json: boolean,
  describe: (event: RunEvent) => { line: string; transient: boolean } | undefined,
): (event: RunEvent) => void {
  const tty = process.stderr.isTTY === true;
  let live = false;
  let lastDraw = 0;
  return (event) => {
    if (json) {
      if (event.type !== 'batch' && event.type !== 'features') process.stderr.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const described = describe(event);
    if (described === undefined) return;
    if (described.transient) {
      const now = Date.now();
      if (!tty || now - lastDraw < 100) return;
      lastDraw = now;
      process.stderr.write(`\r${described.line}\u001b[K`);
      live = true;
      return;
    }
    process.stderr.write(`${live ? '\r\u001b[K' : ''}${described.line}\n`);
    live = false;
  };
}
