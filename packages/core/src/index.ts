export * from './contracts/dataset.js';
export * from './contracts/features.js';
export * from './contracts/model.js';
export * from './contracts/registry.js';
export * from './contracts/version.js';
export type * from './dsp/types.js';
export * from './errors.js';
export * from './metrics/index.js';
