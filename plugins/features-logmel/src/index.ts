export {
  fitFrames,
  fitStandardisedFrames,
  loudFrameRange,
  sliceFrames,
  stackRows,
  standardiseRows,
  transpose,
} from './frames.js';
export { LOGMEL_DEFAULTS, type LogMelConfig, logMelExtractor } from './logmel.js';
export { default as register } from './register.js';
