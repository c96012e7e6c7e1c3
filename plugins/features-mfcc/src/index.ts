export { type MfccMeanConfig, mfccMean } from './mfcc-mean.js';
export { MFCC_DEFAULTS, type MfccConfig } from './mfcc-options.js';
export { MFCC_SEQ_DEFAULTS, type MfccSeqConfig, mfccSeq } from './mfcc-seq.js';
export { PACKAGE_NAME } from './package-info.js';
