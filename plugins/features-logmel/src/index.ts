// The frame helpers, for plugins that build on log-mel matrices.
export * from './frames.js';
export { LOGMEL_DEFAULTS, type LogMelConfig, logMelExtractor } from './logmel.js';
export { default as register } from './register.js';
