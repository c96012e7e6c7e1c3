import { extname, resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { SerkitCommand } from '../base-command.js';
import { EXIT } from '../exit-codes.js';
import type { FeatureFailure } from '../services/features.js';

export interface FeaturesJson {
  readonly extractor: {
    id: string;
    source: string;
    fingerprint: string;
    output: string;
    dims: number;
    sampleRate: number;
  };
  readonly inputs: number;
  readonly computed: number;
  readonly cacheHits: number;
  readonly cacheDir: string | null;
  readonly dsp: string;
  readonly failures: FeatureFailure[];
  readonly out?: string;
  readonly plot?: string;
}

export default class Features extends SerkitCommand {
  static override summary = 'Extract (and cache) features of a dataset or of audio files.';
  static override description =
    "Decodes each file at the extractor's sample rate, computes its features and caches them (by file content and extractor fingerprint), so training and later runs reuse them. Give a dataset plugin id and its directory, or audio files. --out writes the features as JSON or CSV; --plot draws a heat map like the paper's Figs 4-6 (one file over time for sequence extractors, one column per file for vector extractors). A file that fails is reported and the others go on; the exit status is then 1.";
  static override examples = [
    '<%= config.bin %> features ravdess ../shared/data/ravdess-speech-16k --extractor mfcc-mean --out mfcc.json',
    '<%= config.bin %> features clip.wav --extractor mfcc-seq --config deltas=2 --plot mfcc.svg',
    '<%= config.bin %> features ravdess ~/RAVDESS --extractor mfcc-mean --filter actor=01 --out actor01.csv --json',
  ];
  static override strict = false;
  static override args = {
    inputs: Args.string({ description: '<dataset-id> <dir>, or audio files', required: true }),
  };
  static override flags = {
    extractor: Flags.string({ char: 'e', description: 'feature extractor id (see `serkit list`)', required: true }),
    config: Flags.string({
      description: 'extractor option KEY=VALUE, e.g. nMfcc=20 (repeatable; defaults in the extractor)',
      multiple: true,
      helpValue: 'KEY=VALUE',
    }),
    filter: Flags.string({
      description: 'dataset filter KEY=VALUE, e.g. channel=speech (repeatable)',
      multiple: true,
      helpValue: 'KEY=VALUE',
    }),
    out: Flags.string({ char: 'o', description: 'write the features to this .json or .csv file', helpValue: 'FILE' }),
    plot: Flags.string({
      description: 'write a heat map of the features to this .svg or .png file',
      helpValue: 'FILE.svg|FILE.png',
    }),
    'plot-file': Flags.string({
      description: 'which input file --plot shows (sequence extractors; default the first)',
      dependsOn: ['plot'],
    }),
    'cache-dir': Flags.string({
      description: 'feature cache directory [default: $SERKIT_CACHE_DIR or ./.serkit-cache]',
    }),
    cache: Flags.boolean({ description: 'use the feature cache', default: true, allowNo: true }),
  };

  async run(): Promise<FeaturesJson> {
    const { argv, flags } = await this.parse(Features);
    const { parseFilter, SerkitError } = await import('@serkit/core');
    const { parseConfigPairs } = await import('../services/config-pairs.js');
    const { writeOutput } = await import('../services/write-output.js');
    const { chartFormat, writeChart } = await import('../services/chart-file.js');
    if (flags.plot !== undefined) chartFormat(flags.plot, '--plot');
    const outFormat = flags.out === undefined ? undefined : extname(flags.out).toLowerCase();
    if (outFormat !== undefined && outFormat !== '.json' && outFormat !== '.csv') {
      throw new SerkitError('INVALID_ARGUMENT', 'must end in .json or .csv', { input: `--out ${flags.out}` });
    }
    const config = parseConfigPairs(flags.config ?? [], '--config');
    const registry = await this.registry();
    const { classifyInputs, extractFeatures } = await import('../services/features.js');
    const inputs = await classifyInputs(argv as string[], registry, parseFilter(flags.filter ?? []));
    const cacheDir = flags.cache
      ? resolve(flags['cache-dir'] ?? process.env.SERKIT_CACHE_DIR ?? '.serkit-cache')
      : null;

    const progress = this.progress('features', 0);
    const extracted = await extractFeatures({
      registry,
      inputs,
      extractorId: flags.extractor,
      config,
      cacheDir,
      onProgress: (done, total) => progress.update(done, total),
    }).finally(() => progress.stop());

    let out: string | undefined;
    if (flags.out !== undefined) {
      const { featuresToCsv, featuresToJson } = await import('../services/feature-output.js');
      out = resolve(flags.out);
      await writeOutput(out, outFormat === '.csv' ? featuresToCsv(extracted) : featuresToJson(extracted), '--out');
    }
    let plot: string | undefined;
    if (flags.plot !== undefined) {
      const { featureHeatmap } = await import('../services/feature-plot.js');
      plot = resolve(flags.plot);
      await writeChart(plot, featureHeatmap(extracted, flags['plot-file']), '--plot');
    }

    const { extractor, results, failures } = extracted;
    const summary: FeaturesJson = {
      extractor: {
        id: extractor.id,
        source: extractor.source,
        fingerprint: extractor.fingerprint,
        output: extractor.output,
        dims: extractor.dims,
        sampleRate: extractor.sampleRate,
      },
      inputs: results.length + failures.length,
      computed: results.length,
      cacheHits: extracted.cacheHits,
      cacheDir,
      dsp: extracted.dsp,
      failures,
      ...(out === undefined ? {} : { out }),
      ...(plot === undefined ? {} : { plot }),
    };
    if (!this.jsonEnabled()) this.render(summary);
    if (failures.length > 0) process.exitCode = EXIT.FAILED;
    return summary;
  }

  private render(summary: FeaturesJson): void {
    const { extractor } = summary;
    this.log(
      `${extractor.id} (${extractor.output}, ${extractor.dims} dims at ${extractor.sampleRate} Hz, fingerprint ${extractor.fingerprint}, ${summary.dsp} DSP)`,
    );
    this.log(
      `${summary.computed} of ${summary.inputs} files computed, ${summary.cacheHits} from the cache${summary.cacheDir === null ? '' : ` (${summary.cacheDir})`}`,
    );
    for (const f of summary.failures) this.log(`  failed: ${f.path}: ${f.reason} (${f.code})`);
    if (summary.out !== undefined) this.log(`Features written to ${summary.out}`);
    if (summary.plot !== undefined) this.log(`Heat map written to ${summary.plot}`);
  }
}
