export { type BatchSource, packedSource, randomCropSource } from './batch-source.js';
export { sampleBeta } from './beta.js';
export { copyCrop, cropOffset } from './crop.js';
export { learningRateAt } from './lr-schedule.js';
export { mixup } from './mixup.js';
export { parseRecipe, type RecipeFlags } from './parse-recipe.js';
export { specAugment } from './spec-augment.js';
export { trainBatch } from './train-batch.js';
export {
  isNoRecipe,
  type LearningRateSchedule,
  NO_RECIPE,
  PROTOTYPE_EPOCHS,
  PROTOTYPE_RECIPE,
  type SpecAugmentOptions,
  type TrainRecipe,
} from './types.js';
export { applyWeightDecay } from './weight-decay.js';
export { wholeClipExtractor } from './whole-clip-extractor.js';
