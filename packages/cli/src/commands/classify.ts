import { Flags } from '@oclif/core';
import { SerkitCommand } from '../base-command.js';

export default class Classify extends SerkitCommand {
  static override summary = 'Recognise the emotion of audio files of any format, folders and globs.';
  static override description =
    'Classifies every input with a trained model (default: the bundled model, trained on RAVDESS — see models/default/README.md). Inputs are files, directories (walked recursively for audio files), globs, or - to read a list of paths from stdin (one per line, or NUL separated with --null). Files are decoded in a pool (WAV/FLAC/MP3/Ogg/Opus in process, other formats and video through ffmpeg) and classified in batches. Output: a table (file, emotion, confidence, runner-up), or --json (one array), --jsonl (one line per file as it finishes) or --csv; --probs adds every class probability. With --segment a per-window timeline is added for each file (decoded as a stream, so hour-long recordings take little memory). A file that cannot be classified gets an error entry and the run goes on. Exit status: 0 when every file was classified, 1 when some failed, 2 on usage errors.';
  static override examples = [
    '<%= config.bin %> classify examples/audio',
    '<%= config.bin %> classify recordings/ "*.mp3" --probs',
    '<%= config.bin %> classify long-interview.m4a --segment 3 --hop 1.5',
    'find calls -name "*.wav" -print0 | <%= config.bin %> classify - --null --jsonl',
    '<%= config.bin %> classify -- -file-with-leading-dash.wav',
  ];
  static override strict = false;
  static override args = {};
  static override flags = {
    model: Flags.string({ description: 'model folder (default: the bundled model)', helpValue: 'DIR' }),
    jsonl: Flags.boolean({
      description: 'one JSON object per line, as each file finishes',
      exclusive: ['csv', 'json'],
    }),
    csv: Flags.boolean({ description: 'CSV (RFC 4180) with a header row', exclusive: ['jsonl', 'json'] }),
    probs: Flags.boolean({ description: 'add the probability of every class', default: false }),
    segment: Flags.string({
      description: 'classify windows of this many seconds (adds a timeline)',
      helpValue: 'SECONDS',
    }),
    hop: Flags.string({ description: 'seconds between window starts (default: --segment)', helpValue: 'SECONDS' }),
    null: Flags.boolean({ description: 'the list on stdin (input -) is NUL separated', default: false }),
    // auto passes over the native kernels for recurrent models (see openClassifier).
    backend: Flags.string({ description: 'tfjs backend: auto, gpu, node, native, wasm, cpu', default: 'auto' }),
    workers: Flags.integer({
      description: 'threads decoding and computing features [default: CPUs]; 0 = none',
      min: 0,
    }),
    decoder: Flags.string({
      description: 'auto, inprocess or ffmpeg',
      default: 'auto',
      options: ['auto', 'inprocess', 'ffmpeg'],
    }),
    'inference-threads': Flags.integer({
      description: 'threads running the network on the native, wasm and cpu backends [default: CPUs, at most 4]',
      min: 1,
    }),
    'batch-size': Flags.integer({
      description: 'inputs per inference call [default: 128 with inference threads, else 512]',
      min: 1,
    }),
    concurrency: Flags.integer({ description: 'files decoded at once', default: 16, min: 1 }),
  };

  async run(): Promise<undefined> {
    const { argv, flags } = await this.parse(Classify);
    const train = await import('@serkit/train');
    const inputs = argv as string[];
    const segment = flags.segment === undefined ? undefined : seconds(flags.segment);
    const hop = flags.hop === undefined ? undefined : seconds(flags.hop);
    const format = this.jsonEnabled() ? 'json' : flags.jsonl ? 'jsonl' : flags.csv ? 'csv' : 'table';
    // Checked before the model loads: a usage error should not wait for TensorFlow.
    train.checkClassifyInputs(inputs, { segment, hop });
    const classifier = await train.openClassifier({
      modelDir: flags.model,
      registry: await this.registry(),
      backend: train.parseBackendChoice(flags.backend),
      decoder: flags.decoder as 'auto' | 'inprocess' | 'ffmpeg',
      workers: flags.workers,
      inferenceThreads: flags['inference-threads'],
      registerHookFor: async (pluginPackage) => {
        const root = this.config.plugins.get(pluginPackage)?.root;
        return root === undefined ? undefined : train.registerHookOf(root);
      },
    });
    const progress = this.progress('classify', 0);
    try {
      const summary = await train.runClassify(
        inputs,
        classifier.source,
        classifier.predictor,
        (text) => process.stdout.write(text),
        {
          format,
          probs: flags.probs,
          segment,
          hop,
          batchSize: flags['batch-size'],
          concurrency: flags.concurrency,
          stdin: process.stdin,
          stdinSeparator: flags.null ? '\0' : '\n',
          onProgress: (done, seen) => progress.update(done, seen),
        },
      );
      progress.stop();
      // On stderr in every format (oclif's logToStderr is silent under --json): stdout stays data.
      process.stderr.write(`${train.summaryLine(summary)}\n`);
      process.exitCode = train.exitStatus(summary);
    } finally {
      progress.stop();
      await classifier.close();
    }
    return undefined;
  }
}

/** A `--segment`/`--hop` value as a number (NaN when it is not one; the service names the flag). */
function seconds(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}
