export { type Checkpoint, clearCheckpoints, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
export { evaluateLoss, type TrainLoopOptions, trainLoop } from './train-loop.js';
export type * from './types.js';
