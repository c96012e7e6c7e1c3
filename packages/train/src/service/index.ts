export { describeEvent, describeLeftOut, formatDuration } from './describe-event.js';
export { type EnsembleRunOptions, type EnsembleRunResult, ensembleRun } from './ensemble-run.js';
export { type EvaluateRunOptions, type EvaluateRunResult, evaluateRun } from './evaluate-run.js';
export type { RunEvent } from './events.js';
export { dataLicence } from './licence.js';
export { decodeWithSerkitAudio, resolveDsp } from './runtime.js';
export { type ScannedDataset, scanDataset } from './scan-dataset.js';
export {
  DEFAULT_AUGMENT,
  DEFAULT_SEED,
  featureCacheDir,
  type TrainRunOptions,
  type TrainRunResult,
  trainRun,
} from './train-run.js';
