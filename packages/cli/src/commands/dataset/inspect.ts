import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import type { DatasetPlugin } from '@serkit/core';
import { SerkitCommand } from '../../base-command.js';
import { EXIT } from '../../exit-codes.js';
import { renderTable } from '../../render/table.js';
import type { DatasetInspection } from '../../services/inspect.js';

const SHOWN_PROBLEMS = 20;

export default class DatasetInspect extends SerkitCommand {
  static override summary = 'Count the files of a dataset per label, speaker and extra label, and report problems.';
  static override description =
    "Scans DIR with the dataset plugin DATASET (see `serkit list`) and prints how many files there are per label (e.g. emotion), speaker (e.g. actor) and extra label (e.g. intensity, gender), then the problems found: malformed names, missing speakers or files, duplicates. With --plot it draws the counts per label as a bar chart (SVG or PNG) (the paper's Fig 1), grouped by --plot-by (e.g. gender, the paper's Fig 2). Exits 1 when no file is found, or with --strict when any problem is found.";
  static override examples = [
    '<%= config.bin %> dataset inspect ravdess ../shared/data/ravdess-speech-16k',
    '<%= config.bin %> dataset inspect ravdess ~/RAVDESS --filter channel=speech --plot emotions.svg',
    '<%= config.bin %> dataset inspect ravdess ~/RAVDESS --plot emotions-by-gender.png --plot-by gender',
    '<%= config.bin %> dataset inspect ravdess ~/RAVDESS --filter gender=female --filter emotion=angry,sad --json',
  ];
  static override args = {
    dataset: Args.string({ description: 'dataset plugin id, e.g. ravdess', required: true }),
    dir: Args.string({ description: 'directory holding the dataset', required: true }),
  };
  static override flags = {
    filter: Flags.string({
      description: 'keep only items with KEY=VALUE (VALUE may list alternatives: emotion=angry,sad); repeatable',
      multiple: true,
      helpValue: 'KEY=VALUE',
    }),
    plot: Flags.string({
      description: 'write a bar chart of the counts per label to this SVG file',
      helpValue: 'FILE.svg',
    }),
    'plot-by': Flags.string({
      description: 'group the bars of --plot by this label, e.g. gender',
      dependsOn: ['plot'],
    }),
    strict: Flags.boolean({ description: 'exit 1 when any problem is found', default: false }),
  };

  async run(): Promise<DatasetInspection & { plot?: string }> {
    const { args, flags } = await this.parse(DatasetInspect);
    const { barChart, parseFilter, SerkitError } = await import('@serkit/core');
    const { inspectDataset, labelBars } = await import('../../services/inspect.js');
    const { chartFormat, writeChart } = await import('../../services/chart-file.js');
    if (flags.plot !== undefined) chartFormat(flags.plot, '--plot');
    const filter = parseFilter(flags.filter ?? []);
    const registry = await this.registry();
    const entry = registry.entry('dataset', args.dataset) as { plugin: DatasetPlugin; source: string };
    const dir = resolve(args.dir);
    const { items, ...inspection } = await inspectDataset(entry, dir, filter);

    let plot: string | undefined;
    if (flags.plot !== undefined) {
      const by = flags['plot-by'];
      if (by !== undefined && (by === inspection.labelName || inspection.counts[by] === undefined)) {
        const keys = Object.keys(inspection.counts).filter((k) => k !== inspection.labelName);
        throw new SerkitError('INVALID_ARGUMENT', `cannot group by this; choose one of ${keys.join(', ')}`, {
          input: `--plot-by ${by}`,
        });
      }
      const bars = labelBars(inspection, items, by);
      const title = `${inspection.dataset}: files per ${inspection.labelName}${by === undefined ? '' : ` and ${by}`}`;
      plot = resolve(flags.plot);
      await writeChart(plot, barChart({ title, ...bars, xLabel: inspection.labelName, yLabel: 'files' }), '--plot');
    }

    if (!this.jsonEnabled()) this.render(inspection, plot);
    if (inspection.total === 0 || (flags.strict && inspection.problems.length > 0)) process.exitCode = EXIT.FAILED;
    return { ...inspection, ...(plot === undefined ? {} : { plot }) };
  }

  private render(inspection: DatasetInspection, plot: string | undefined): void {
    const filter = Object.entries(inspection.filter).map(([k, v]) => `${k}=${v}`);
    this.log(
      `${inspection.dataset} (${inspection.source}): ${inspection.total} files in ${inspection.dir}${filter.length > 0 ? ` (filter ${filter.join(' ')})` : ''}\n`,
    );
    for (const [key, counts] of Object.entries(inspection.counts)) {
      const rows = Object.entries(counts).map(([value, count]) => [
        value,
        String(count),
        inspection.total === 0 ? '0.0%' : `${((100 * count) / inspection.total).toFixed(1)}%`,
      ]);
      this.log(`${renderTable([key, 'files', 'share'], rows, ['left', 'right', 'right'])}\n`);
    }
    const { problems } = inspection;
    if (problems.length === 0) this.log('No problems found.');
    else {
      this.log(`${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
      for (const p of problems.slice(0, SHOWN_PROBLEMS))
        this.log(`  ${p.kind}: ${p.path === undefined ? '' : `${p.path}: `}${p.message}`);
      if (problems.length > SHOWN_PROBLEMS)
        this.log(`  … and ${problems.length - SHOWN_PROBLEMS} more (--json lists all)`);
    }
    if (plot !== undefined) this.log(`\nBar chart written to ${plot}`);
  }
}
