// Pools per-fold prototype runs (lines of /tmp/serkit-research/results.jsonl written by train.py)
// into mean +- population std over folds, UAR, and a confusion-matrix SVG drawn by @serkit/core.
// usage: node scripts/research/summarise.mjs <tag>[,<tag>...] [out.svg]
//   tags name the runs whose folds together make the 6 folds (e.g. q1a,q2f1,q2f2,...).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { confusionChart, meanStd } from '@serkit/core';

const LABELS = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'];
const [tagList, svgPath] = process.argv.slice(2);
const tags = tagList.split(',');
const runs = readFileSync(process.env.RESULTS ?? '/tmp/serkit-research/results.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line))
  .filter((r) => tags.includes(r.args.tag));
const folds = new Map();
const counts = LABELS.map(() => LABELS.map(() => 0));
for (const run of runs) {
  run.folds.forEach((fold, i) => {
    if (folds.has(fold)) throw new Error(`fold ${fold} appears twice`);
    folds.set(fold, { acc: run.acc[i], uar: run.uar[i] });
  });
  for (const [t, row] of run.confusion.entries()) {
    for (const [p, c] of row.entries()) counts[t][p] += c;
  }
}
const acc = meanStd([...folds.values()].map((f) => f.acc));
const uar = meanStd([...folds.values()].map((f) => f.uar));
const pct = (x) => (100 * x).toFixed(1);
console.log(
  `folds ${[...folds.keys()].sort().join(',')}: accuracy ${pct(acc.mean)} +- ${pct(acc.std)}, UAR ${pct(uar.mean)} +- ${pct(uar.std)}, params ${runs[0].params}`,
);
console.log(
  `per fold: ${[...folds.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, f]) => `${k}:${pct(f.acc)}`)
    .join(' ')}`,
);
if (svgPath) {
  const normalised = counts.map((row) => {
    const n = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (n === 0 ? 0 : c / n));
  });
  const svg = confusionChart({ title: `prototype ${tags[0]}: pooled test folds`, labels: LABELS, counts, normalised });
  writeFileSync(`${svgPath}.tmp`, svg);
  renameSync(`${svgPath}.tmp`, svgPath);
}
