export { decodeFile } from './decode-file.js';
export { type FfmpegInfo, type FfmpegSource, ffmpegInfo } from './ffmpeg/locate.js';
export { sniffFormat } from './sniff.js';
export type { DecodedAudio, DecodeOptions, DecoderChoice, InProcessFormat, SourceInfo } from './types.js';
