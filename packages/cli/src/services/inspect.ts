import type { DatasetFilter, DatasetItem, DatasetPlugin, DatasetProblem, RegisteredPlugin } from '@serkit/core';
import { callPlugin } from './plugin-call.js';

export interface DatasetInspection {
  readonly dataset: string;
  /** The npm package of the dataset plugin. */
  readonly source: string;
  readonly dir: string;
  readonly filter: DatasetFilter;
  readonly total: number;
  /** What labels and speakers are called in this dataset, e.g. 'emotion' and 'actor'. */
  readonly labelName: string;
  readonly speakerName: string;
  /** Count of items per value, for the label, the speaker and every extra label, e.g. counts.emotion.angry. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly problems: readonly DatasetProblem[];
}

/** Scans `dir` with the dataset plugin and counts its items per label, speaker and extra label. */
export async function inspectDataset(
  entry: RegisteredPlugin<DatasetPlugin>,
  dir: string,
  filter: DatasetFilter,
  signal?: AbortSignal,
): Promise<DatasetInspection & { readonly items: readonly DatasetItem[] }> {
  const plugin = entry.plugin;
  const scan = await callPlugin(entry, `scanning ${dir}`, () => plugin.scan(dir, { filter, signal }));
  const labelName = plugin.labelName ?? 'label';
  const speakerName = plugin.speakerName ?? 'speaker';
  const counts: Record<string, Record<string, number>> = {
    [labelName]: countBy(scan.items, (item) => item.label, plugin.labels),
    [speakerName]: countBy(scan.items, (item) => item.speaker),
  };
  const extraKeys = plugin.extraLabels ?? [...new Set(scan.items.flatMap((item) => Object.keys(item.extra)))];
  for (const key of extraKeys) {
    if (key !== labelName && key !== speakerName)
      counts[key] = countBy(scan.items, (item) => item.extra[key] ?? '(none)');
  }
  return {
    dataset: plugin.id,
    source: entry.source,
    dir,
    filter,
    total: scan.items.length,
    labelName,
    speakerName,
    counts,
    problems: scan.problems,
    items: scan.items,
  };
}

/**
 * Counts per value: values of `order` first, in that order (a label with no items shows 0), then
 * the others sorted naturally ('2' before '10').
 */
export function countBy(
  items: readonly DatasetItem[],
  key: (item: DatasetItem) => string,
  order: readonly string[] = [],
): Record<string, number> {
  const counts = new Map<string, number>(order.map((value) => [value, 0]));
  const seen = new Map<string, number>();
  for (const item of items) seen.set(key(item), (seen.get(key(item)) ?? 0) + 1);
  const rest = [...seen.keys()].filter((value) => !counts.has(value)).sort(naturalCompare);
  for (const value of [...order, ...rest]) counts.set(value, seen.get(value) ?? 0);
  return Object.fromEntries(counts);
}

const collator = new Intl.Collator('en', { numeric: true });
function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * Bars for `--plot`: counts per label (the paper's Fig 1), or per label and value of `by` as
 * grouped bars (e.g. by gender, the paper's Fig 2).
 */
export function labelBars(
  inspection: DatasetInspection,
  items: readonly DatasetItem[],
  by?: string,
): { categories: string[]; series: { name: string; values: number[] }[] } {
  const categories = Object.keys(inspection.counts[inspection.labelName]);
  if (by === undefined) {
    return {
      categories,
      series: [{ name: 'files', values: categories.map((c) => inspection.counts[inspection.labelName][c]) }],
    };
  }
  const groupOf = (item: DatasetItem) => (by === inspection.speakerName ? item.speaker : (item.extra[by] ?? '(none)'));
  const groups = Object.keys(inspection.counts[by] ?? countBy(items, groupOf));
  return {
    categories,
    series: groups.map((group) => ({
      name: group,
      values: categories.map((label) => items.filter((item) => item.label === label && groupOf(item) === group).length),
    })),
  };
}
