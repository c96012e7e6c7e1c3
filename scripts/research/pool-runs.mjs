// Pools `serkit train --split actors:…` runs that together test every speaker once (e.g. the six
// folds of kfold-actor run as separate processes) into the kfold-actor figures: mean +- std over the
// runs of accuracy and UAR (and of the second output's, if any), and the pooled confusion SVG.
// usage: node scripts/research/pool-runs.mjs <run dir>[,<run dir>...] [out.svg]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meanStd } from '@serkit/core';
import { addCounts, pct, reportPooled } from './pooled-folds.mjs';

const [dirList, svgPath] = process.argv.slice(2);
const runs = dirList.split(',').map((dir) => JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')));
const labels = runs[0].confusion.labels;
const counts = labels.map(() => labels.map(() => 0));
const folds = new Map();
const seen = new Set();
runs.forEach((run, i) => {
  for (const speaker of run.split.testSpeakers) {
    if (seen.has(speaker)) throw new Error(`speaker ${speaker} is tested by two runs`);
    seen.add(speaker);
  }
  folds.set(i + 1, { acc: run.accuracy, uar: run.uar });
  addCounts(counts, run.confusion.counts);
});
reportPooled({ folds, counts, labels, title: `${runs[0].facts.model}: pooled test speakers`, svgPath });
if (runs.every((r) => r.second)) {
  const acc = meanStd(runs.map((r) => r.second.accuracy));
  const uar = meanStd(runs.map((r) => r.second.uar));
  console.log(
    `${runs[0].second.name}: accuracy ${pct(acc.mean)} +- ${pct(acc.std)}, UAR ${pct(uar.mean)} +- ${pct(uar.std)}; per run ${runs.map((r) => pct(r.second.accuracy)).join(' ')}`,
  );
}
