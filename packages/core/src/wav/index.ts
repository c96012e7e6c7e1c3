export type { WavAudio, WavSampleFormat } from './format.js';
export { mixToMono, type ReadWavOptions, readWav } from './read.js';
export { type WriteWavOptions, writeWav } from './write.js';
