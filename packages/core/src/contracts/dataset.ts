import type { CONTRACT_VERSION } from './version.js';

/** One labelled audio file of a dataset. */
export interface DatasetItem {
  /** Absolute path of the audio file. */
  readonly path: string;
  /** The class label (for RAVDESS: the emotion, e.g. 'angry'). */
  readonly label: string;
  /** Speaker id, used for speaker-independent splits (RAVDESS: the actor, '01'…'24'). */
  readonly speaker: string;
  /** Further labels decoded by the plugin, e.g. `{ intensity: 'strong', gender: 'female' }`. */
  readonly extra: Readonly<Record<string, string>>;
}

/** Something wrong found while scanning: a bad file name, a missing speaker, a wrong count. */
export interface DatasetProblem {
  /** Stable kind, e.g. 'malformed-name', 'missing-speaker', 'unexpected-count'. */
  readonly kind: string;
  /** The file or directory concerned, when there is one. */
  readonly path?: string;
  readonly message: string;
}

export interface DatasetScan {
  readonly items: readonly DatasetItem[];
  readonly problems: readonly DatasetProblem[];
}

/**
 * A dataset plugin turns a directory into labelled items.
 *
 * @example
 * const folders: DatasetPlugin = {
 *   kind: 'dataset', contractVersion: 1, id: 'folders', version: '1.0.0',
 *   description: 'one sub-folder per label',
 *   labels: [],
 *   async scan(dir) { … return { items, problems }; },
 * };
 */
export interface DatasetPlugin {
  readonly kind: 'dataset';
  readonly contractVersion: typeof CONTRACT_VERSION;
  /** Short id used on the command line, e.g. 'ravdess'. */
  readonly id: string;
  /** The plugin's own version (its package version). */
  readonly version: string;
  readonly description: string;
  /** The label set in canonical order; empty when labels are discovered by `scan`. */
  readonly labels: readonly string[];
  /** Names of the `extra` labels the items carry, e.g. ['intensity', 'gender']. */
  readonly extraLabels?: readonly string[];
  /** What the label is called in this dataset, e.g. 'emotion' (reports and filters use it). Default 'label'. */
  readonly labelName?: string;
  /** What a speaker is called in this dataset, e.g. 'actor'. Default 'speaker'. */
  readonly speakerName?: string;
  /** Scan `dir` (recursively) for items; never throws for a single bad file: report a problem. */
  scan(dir: string, options?: DatasetScanOptions): Promise<DatasetScan>;
}

export interface DatasetScanOptions {
  /**
   * Keep only matching items, e.g. `{ channel: 'speech' }` for RAVDESS; keys are 'label', 'speaker',
   * `labelName`, `speakerName` and the `extraLabels`. Plugins apply it with `filterItems`.
   */
  readonly filter?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}
