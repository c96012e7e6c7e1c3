export { explainTfjsNodeLoadError } from './explain-load-error.js';
export { backendInfo, parseBackendChoice, selectBackend } from './select-backend.js';
export * from './types.js';
