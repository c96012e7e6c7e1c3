export { KFOLD_ACTOR_FOLDS, parseSplit, sameSpeaker } from './parse-split.js';
export { type PlanOptions, planPartitions } from './plan-partitions.js';
export type * from './types.js';
