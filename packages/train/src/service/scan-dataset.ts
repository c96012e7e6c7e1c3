import { type DatasetItem, type DatasetPlugin, type DatasetProblem, SerkitError } from '@serkit/core';

export interface ScannedDataset {
  readonly items: readonly DatasetItem[];
  readonly problems: readonly DatasetProblem[];
  /** The plugin's labels, or (when it discovers them) the sorted labels found. */
  readonly labels: readonly string[];
}

/** Scans `dir` with `dataset`; an empty dataset or one with a single class is a DATASET error. */
export async function scanDataset(
  dataset: DatasetPlugin,
  dir: string,
  filter?: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<ScannedDataset> {
  const { items, problems } = await dataset.scan(dir, { ...(filter ? { filter } : {}), ...(signal ? { signal } : {}) });
  if (items.length === 0) {
    const hint = problems.length > 0 ? ` (${problems.length} problems, first: ${problems[0].message})` : '';
    throw new SerkitError('DATASET', `no ${dataset.id} items found${hint}`, { input: dir });
  }
  const found = [...new Set(items.map((i) => i.label))].sort();
  const labels = dataset.labels.length > 0 ? dataset.labels.filter((l) => found.includes(l)) : found;
  const unknown = found.filter((l) => !labels.includes(l));
  if (unknown.length > 0) {
    throw new SerkitError(
      'DATASET',
      `items carry labels the ${dataset.id} plugin does not declare: ${unknown.join(', ')}`,
      {
        input: dir,
      },
    );
  }
  if (labels.length < 2) {
    throw new SerkitError('DATASET', `only one class (${labels[0]}) found: a classifier needs at least two`, {
      input: dir,
    });
  }
  return { items, problems, labels };
}
