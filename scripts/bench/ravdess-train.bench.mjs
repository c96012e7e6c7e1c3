// `npm run bench ravdess-train`: the paper's experiment with serkit — lstm-seed on 13 mean MFCCs
// with noise/pitch/stretch augmentation — under the paper's leaky `seed` split (it reports 73%) and
// under speaker-independent `kfold-actor`. Runs `serkit train` (built dist) with --resume into
// SERKIT_BENCH_OUT, so a finished run is only re-read and an interrupted one continues.
//
// Environment (defaults in brackets):
//   SERKIT_RAVDESS_DIR    [../shared/data/ravdess-speech-16k]
//   SERKIT_BENCH_OUT      [$TMPDIR/serkit-bench/ravdess-train]  one sub-folder per split
//   SERKIT_BENCH_EPOCHS   [200, the paper's]; per split e.g. 'seed=20,kfold-actor=10'
//   SERKIT_BENCH_PATIENCE [10]   SERKIT_BENCH_BACKEND [auto]   SERKIT_BENCH_MODEL [lstm-seed]
//   SERKIT_BENCH_SPLITS   [seed,kfold-actor]
//   SERKIT_BENCH_REUSE=1  report a split whose metrics.json exists without running it again
//   SERKIT_BENCH_NOTE     a sentence added to the section (e.g. how the runs were scheduled)
// SERKIT_CACHE_DIR is passed on: point it at a warm feature cache to skip feature extraction.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const title = 'RAVDESS: lstm-seed on mfcc-mean, seed (leaky) and kfold-actor splits';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'packages/cli/bin/run.js');
const env = process.env;
const data = resolve(root, env.SERKIT_RAVDESS_DIR ?? '../shared/data/ravdess-speech-16k');
const outRoot = resolve(root, env.SERKIT_BENCH_OUT ?? join(tmpdir(), 'serkit-bench', 'ravdess-train'));
const epochsSetting = env.SERKIT_BENCH_EPOCHS ?? '200';
const patience = env.SERKIT_BENCH_PATIENCE ?? '10';
const backend = env.SERKIT_BENCH_BACKEND ?? 'auto';
const model = env.SERKIT_BENCH_MODEL ?? 'lstm-seed';
const splits = (env.SERKIT_BENCH_SPLITS ?? 'seed,kfold-actor').split(',');

const pct = (x) => `${(x * 100).toFixed(1)}%`;

/** Max epochs of `split`: one number for all, or `split=N` pairs. */
function epochsFor(split) {
  if (/^\d+$/.test(epochsSetting)) return epochsSetting;
  const pair = epochsSetting.split(',').find((p) => p.startsWith(`${split}=`));
  return pair ? pair.slice(split.length + 1) : '200';
}

function command(split) {
  const args = ['train', '--dataset', 'ravdess', '--data', data, '--features', 'mfcc-mean', '--model', model];
  args.push('--split', split, '--epochs', epochsFor(split), '--patience', patience, '--backend', backend);
  args.push('--out', join(outRoot, split), '--resume', '--json');
  return args;
}

export async function run() {
  if (!existsSync(data)) return `Skipped: no RAVDESS at ${data} (set SERKIT_RAVDESS_DIR).`;
  const rows = [];
  const notes = [];
  for (const split of splits) {
    const args = command(split);
    const metricsPath = join(outRoot, split, 'metrics.json');
    const reuse = env.SERKIT_BENCH_REUSE === '1' && existsSync(metricsPath);
    const started = Date.now();
    if (!reuse) {
      const options = { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] };
      const result = spawnSync(process.execPath, [bin, ...args], options);
      if (result.status !== 0) {
        rows.push(`| \`${split}\` | failed (exit ${result.status}) | | | |`);
        continue;
      }
    }
    const wall = (Date.now() - started) / 1000;
    const metrics = JSON.parse(readFileSync(metricsPath, 'utf8'));
    const parts = metrics.folds ?? [metrics];
    const epochsRun = parts.map((f) => `${f.history.length} (best ${f.bestEpoch})`).join(', ');
    const summary = metrics.foldSummary;
    const score = summary ? `${pct(summary.accuracy.mean)} ± ${pct(summary.accuracy.std)}` : pct(metrics.accuracy);
    const uar = summary ? `${pct(summary.uar.mean)} ± ${pct(summary.uar.std)}` : pct(metrics.uar);
    const leaky = metrics.leaky ? ' (leaky)' : '';
    rows.push(`| \`${split}\`${leaky} | ${score} | ${uar} | ${epochsRun} | ${metrics.facts.backend} |`);
    const minutes = parts.flatMap((f) => f.history).reduce((sum, h) => sum + h.seconds, 0) / 60;
    const shown = args.join(' ').replace(data, '$SERKIT_RAVDESS_DIR').replace(outRoot, '$OUT');
    const how = reuse ? 'results of an earlier run of this command' : `${wall.toFixed(0)} s this call`;
    notes.push(`- \`serkit ${shown}\`: ${minutes.toFixed(0)} min of training epochs (${how})`);
  }
  return [
    `Max epochs ${splits.map((s) => `${epochsFor(s)} (${s})`).join(', ')}, patience ${patience} (the paper: 200 and 10); batch 32, Adam 1e-3, seed 42; noise/pitch/stretch augmentation of the training data.`,
    '',
    '| split | test accuracy | UAR | epochs run (best) | backend |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'The paper reports 73% under its `seed` protocol, which augments every file x4 and then splits the examples 80/20 at random, so augmented copies of every test recording are in training: that figure is leaky. `kfold-actor` tests each group of 4 actors with a model trained without them (mean ± std over 6 folds).',
    '',
    ...notes,
    ...(env.SERKIT_BENCH_NOTE ? ['', env.SERKIT_BENCH_NOTE] : []),
  ].join('\n');
}
