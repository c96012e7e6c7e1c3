export * from './names.js';
export { PACKAGE_NAME, ravdess } from './ravdess.js';
