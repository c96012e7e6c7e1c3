export { explainTfjsNodeLoadError } from './explain-load-error.js';
export { setNativeGemmThreads, tfForModels } from './load-native.js';
export { backendInfo, parseBackendChoice, selectBackend } from './select-backend.js';
export * from './types.js';
