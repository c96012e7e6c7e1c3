export { type AddonLoad, addonPath, loadAddon, type NativeAddon } from './addon.js';
export {
  type Augmentation,
  type BatchOptions,
  type BatchResult,
  type FeatureJob,
  type FeaturePipeline,
  featurizeBatch,
  featurizeOne,
} from './batch.js';
export { toSerkitError } from './errors.js';
export { createNativeDsp } from './native-dsp.js';
export { type DspInfo, dspInfo, getDsp } from './select.js';
