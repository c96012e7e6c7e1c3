import type { DatasetItem } from '@serkit/core';
import type { SplitInfo } from '../model/manifest-schema.js';

/** `--split`: how test data is separated from training data. */
export type SplitProtocol =
  | { readonly kind: 'seed' }
  | { readonly kind: 'actors'; readonly testSpeakers: readonly string[] }
  | { readonly kind: 'kfold-actor'; readonly folds: number };

/** An audio variant of an item: the original or one augmentation of it. */
export type Variant = 'original' | AugmentationName;
/**
 * The paper's three (noise, pitch +0.7 semitone, stretch 0.8) and speed perturbation (Ko et al.
 * 2015: the clip resampled so it plays 0.9x or 1.1x as fast, tempo and pitch together).
 */
export type AugmentationName = 'noise' | 'pitch' | 'stretch' | 'speed0.9' | 'speed1.1';

/** One training/test example: an item in one variant. */
export interface Example {
  readonly item: DatasetItem;
  readonly variant: Variant;
}

/** One train/validation/test partition (the whole run for seed/actors, one fold of kfold-actor). */
export interface Partition {
  /** 'main', or 'fold-1'…'fold-6'. */
  readonly name: string;
  readonly train: readonly Example[];
  /** For early stopping; always drawn from the training part, never from `test`. */
  readonly validation: readonly Example[];
  readonly test: readonly Example[];
  readonly info: SplitInfo;
}
