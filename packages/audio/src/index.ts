export { decodeFile } from './decode-file.js';
export { type FfmpegInfo, type FfmpegSource, ffmpegInfo } from './ffmpeg/locate.js';
export { type DecoderInfo, decoderInfo, NATIVE_DECODE_ENV } from './inprocess/native.js';
export { fsError } from './input-file.js';
export { decodePool, type PoolOptions, type PoolResult } from './pool.js';
export { type ProbeOptions, type ProbeResult, probeFile } from './probe-file.js';
export { sniffFormat } from './sniff.js';
export { type AudioWindow, decodeStream, type StreamOptions } from './stream.js';
export type { DecodedAudio, DecodeOptions, DecoderChoice, InProcessFormat, SourceInfo } from './types.js';
