// Pools per-fold prototype runs (lines of /tmp/serkit-research/results.jsonl written by train.py)
// into mean +- population std over folds, UAR, and a confusion-matrix SVG drawn by @serkit/core.
// usage: node scripts/research/summarise.mjs <tag>[,<tag>...] [out.svg]
//   tags name the runs whose folds together make the 6 folds (e.g. q1a,q2f1,q2f2,...).
import { readFileSync } from 'node:fs';
import { addCounts, reportPooled } from './pooled-folds.mjs';

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
  addCounts(counts, run.confusion);
}
console.log(`params ${runs[0].params}`);
reportPooled({ folds, counts, labels: LABELS, title: `prototype ${tags[0]}: pooled test folds`, svgPath });
