/** SpecAugment-style masking (Park et al. 2019) of a `[frames, dims]` example. */
export interface SpecAugmentOptions {
  /** Band masks per example; each zeroes up to `maxBands` neighbouring feature dims on every frame. */
  readonly bandMasks: number;
  readonly maxBands: number;
  /** Frame masks per example; each zeroes up to `maxFrames` consecutive frames on every dim. */
  readonly frameMasks: number;
  readonly maxFrames: number;
}

/** How the learning rate moves over the run's optimisation steps. */
export type LearningRateSchedule = 'constant' | 'one-cycle' | 'cosine';

/**
 * The regularisation recipe of a run, on top of TrainSettings. The defaults (NO_RECIPE) are the
 * engine's original behaviour: Adam at a constant rate on the stored examples, nothing else.
 */
export interface TrainRecipe {
  /** Masking of training batches (sequence features only); null: none. */
  readonly specAugment: SpecAugmentOptions | null;
  /** Beta(alpha, alpha) of mixup (Zhang et al. 2018); 0: no mixup. */
  readonly mixupAlpha: number;
  readonly schedule: LearningRateSchedule;
  /** Decoupled weight decay (AdamW, Loshchilov & Hutter 2019) per step, times the learning rate; 0: plain Adam. */
  readonly weightDecay: number;
  /** Train on random crops of the whole clip (the extractor's `frames` long); test on its centre crop. */
  readonly randomCrop: boolean;
}

export const NO_RECIPE: TrainRecipe = {
  specAugment: null,
  mixupAlpha: 0,
  schedule: 'constant',
  weightDecay: 0,
  randomCrop: false,
};

/**
 * The PyTorch prototype's recipe (scripts/research/train.py, ACCURACY.md): AdamW (decay 1e-2)
 * with a one-cycle rate, mixup 0.2, 2 band masks <= 8 and 2 frame masks <= 24, random crops.
 * It is meant for a fixed number of epochs (30 there).
 */
export const PROTOTYPE_RECIPE: TrainRecipe = {
  specAugment: { bandMasks: 2, maxBands: 8, frameMasks: 2, maxFrames: 24 },
  mixupAlpha: 0.2,
  schedule: 'one-cycle',
  weightDecay: 1e-2,
  randomCrop: true,
};

/** Epochs the prototype recipe ran for (no early stopping). */
export const PROTOTYPE_EPOCHS = 30;

/** True when `recipe` changes nothing (the engine's original training). */
export function isNoRecipe(recipe: TrainRecipe): boolean {
  return JSON.stringify(recipe) === JSON.stringify(NO_RECIPE);
}
