// Shared by summarise.mjs (prototype runs) and pool-runs.mjs (serkit runs): prints mean +- population
// std over folds of accuracy and UAR, and draws the pooled confusion matrix with @serkit/core.
import { renameSync, writeFileSync } from 'node:fs';
import { confusionChart, meanStd } from '@serkit/core';

export const pct = (x) => (100 * x).toFixed(1);

/** folds: Map of fold key -> { acc, uar }; counts: pooled confusion counts (rows = truth). */
export function reportPooled({ folds, counts, labels, title, svgPath }) {
  const acc = meanStd([...folds.values()].map((f) => f.acc));
  const uar = meanStd([...folds.values()].map((f) => f.uar));
  const keys = [...folds.keys()].sort((a, b) => a - b);
  console.log(
    `folds ${keys.join(',')}: accuracy ${pct(acc.mean)} +- ${pct(acc.std)}, UAR ${pct(uar.mean)} +- ${pct(uar.std)}`,
  );
  console.log(`per fold: ${keys.map((k) => `${k}:${pct(folds.get(k).acc)}`).join(' ')}`);
  if (!svgPath) return;
  const normalised = counts.map((row) => {
    const n = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (n === 0 ? 0 : c / n));
  });
  writeFileSync(`${svgPath}.tmp`, confusionChart({ title, labels, counts, normalised }));
  renameSync(`${svgPath}.tmp`, svgPath);
}

/** Adds a confusion matrix into `into` (same label order). */
export function addCounts(into, counts) {
  for (const [t, row] of counts.entries()) for (const [p, c] of row.entries()) into[t][p] += c;
}
