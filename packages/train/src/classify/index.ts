export { AUDIO_EXTENSIONS, hasAudioExtension } from './audio-extensions.js';
export { type ClassifyStreamOptions, classifyStream, DEFAULT_BATCH_SIZE, EAGER_BATCH_SIZE } from './classify-stream.js';
export { checkClip } from './clip-check.js';
export { exitStatus, summaryLine } from './exit-status.js';
export { type ExpandedInput, type ExpandOptions, expandInputs } from './expand-inputs.js';
export { inOrder } from './in-order.js';
export { type FeaturePipeline, inProcessSource, modelInput, type SourceOptions } from './in-process-source.js';
export { modelPredictor } from './model-predictor.js';
export {
  type Classifier,
  DEFAULT_INFERENCE_THREADS,
  DEFAULT_MODEL_DIR,
  type OpenClassifierOptions,
  openClassifier,
} from './open-classifier.js';
export { type ParallelPredictor, parallelPredictor, WORKERS_FROM_BATCH } from './parallel-predictor.js';
export type { ClipInput, FeatureSource, LongFile, Predictor, WindowInput } from './ports.js';
export { MeanProbabilities, toPrediction } from './prediction.js';
export { registerHookOf } from './register-hook.js';
export * from './render/index.js';
export { checkClassifyInputs, type RunClassifyOptions, runClassify } from './run-classify.js';
export * from './types.js';
export { type WorkerSourceOptions, workerSource } from './worker-source.js';
