export * from './compatibility.js';
export { FileSystemHandler, type SavedFileSums } from './file-system-handler.js';
export { foldBatchNorm } from './fold-batch-norm.js';
export { type LoadedModel, loadModel, readManifest } from './load-model.js';
export * from './manifest-schema.js';
export { saveModel } from './save-model.js';
export { SERKIT_VERSION } from './serkit-version.js';
