export { AUGMENTATIONS, applyVariant, PAPER_AUGMENTATION, parseAugment } from './augment.js';
export * from './compute-features.js';
export { FeatureCache, featureCacheKey } from './feature-cache.js';
export { fitNormalisation, type Normalisation } from './normalisation.js';
export { modelInputShape, packInputs } from './to-model-input.js';
