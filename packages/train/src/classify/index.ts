export { AUDIO_EXTENSIONS, hasAudioExtension } from './audio-extensions.js';
export { type ClassifyStreamOptions, classifyStream } from './classify-stream.js';
export { exitStatus, summaryLine } from './exit-status.js';
export { type ExpandedInput, type ExpandOptions, expandInputs } from './expand-inputs.js';
export { inOrder } from './in-order.js';
export type { ClipInput, FeatureSource, Predictor, WindowInput } from './ports.js';
export { MeanProbabilities, toPrediction } from './prediction.js';
export * from './render/index.js';
export * from './types.js';
