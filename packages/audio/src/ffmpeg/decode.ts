import { fileError } from '../errors.js';
import { interleavedToMono, MonoCollector } from '../mixdown.js';
import { ffmpegPcmArgs } from './args.js';
import { locateFfmpeg } from './locate.js';
import { runFfmpeg, type StderrLog } from './process.js';
import { type FfmpegStreamInfo, parseStreamInfo } from './stream-info.js';
import { type PipeWavFormat, pipeWavSamples } from './wav-pipe.js';

export interface FfmpegDecodeOptions {
  maxSeconds?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface FfmpegMonoSource {
  /** Mono blocks at the file's own rate, as they arrive. */
  blocks: AsyncGenerator<{ mono: Float32Array; sampleRate: number }>;
  /** Resolves once the WAV header is read (before the first block). */
  format(): PipeWavFormat | undefined;
  /** What ffmpeg said about the input (known once the first block arrived). */
  info(): FfmpegStreamInfo;
}

/**
 * Starts ffmpeg on the file and yields mono blocks at the file's own rate (bounded memory: the
 * consumer's pace drives the pipe). Errors are SerkitErrors naming `path`.
 */
export function ffmpegMonoBlocks(path: string, absolutePath: string, options: FfmpegDecodeOptions): FfmpegMonoSource {
  const log: StderrLog = { text: '' };
  let format: PipeWavFormat | undefined;
  async function* blocks(): AsyncGenerator<{ mono: Float32Array; sampleRate: number }> {
    const ffmpeg = locateFfmpeg();
    const args = ffmpegPcmArgs(absolutePath, { maxSeconds: options.maxSeconds });
    const bytes = runFfmpeg(ffmpeg.path, args, { path, timeoutMs: options.timeoutMs, signal: options.signal }, log);
    for await (const item of pipeWavSamples(bytes)) {
      if ('format' in item) format = item.format;
      else if (format)
        yield { mono: interleavedToMono(item.interleaved, format.channels), sampleRate: format.sampleRate };
    }
    if (!format) throw fileError('DECODE_FAILED', path, 'ffmpeg produced no audio');
  }
  return { blocks: blocks(), format: () => format, info: () => parseStreamInfo(log.text) };
}

export interface FfmpegDecoded {
  mono: Float32Array;
  sampleRate: number;
  channels: number;
  info: FfmpegStreamInfo;
}

/** The whole file (or its first `maxSeconds`) through ffmpeg, mono at the file's own rate. */
export async function decodeWithFfmpeg(
  path: string,
  absolutePath: string,
  options: FfmpegDecodeOptions,
): Promise<FfmpegDecoded> {
  const source = ffmpegMonoBlocks(path, absolutePath, options);
  const collected = new MonoCollector();
  for await (const block of source.blocks) collected.add(block.mono);
  const format = source.format()!;
  return { mono: collected.samples(), sampleRate: format.sampleRate, channels: format.channels, info: source.info() };
}
