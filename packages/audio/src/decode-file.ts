import { SerkitError } from '@serkit/core';
import { asFileError, fileError, truncatedError } from './errors.js';
import { decodeWithFfmpeg } from './ffmpeg/decode.js';
import { locateFfmpeg } from './ffmpeg/locate.js';
import { looksTruncated } from './ffmpeg/stream-info.js';
import { checkFinite } from './finite.js';
import { decodeInProcess, READ_CHUNK_BYTES } from './inprocess/decode.js';
import { decodeNative } from './inprocess/native.js';
import { type AudioFile, openAudioFile } from './input-file.js';
import { type CheckedDecodeOptions, checkDecodeOptions } from './options.js';
import { SNIFF_BYTES, sniffFormat } from './sniff.js';
import { toRate } from './to-rate.js';
import type { DecodedAudio, DecodeOptions, InProcessFormat, SampleLevels, SourceInfo } from './types.js';

/** Files up to this size are read in one go (one read, one buffer), as the in-process decoders push them. */
const WHOLE_READ_BYTES = READ_CHUNK_BYTES;

/** ffmpeg's `-t` is asked for a little more than the cap, which is then applied to the sample. */
const FFMPEG_CAP_MARGIN_SECONDS = 0.1;

function finish(
  path: string,
  mono: Float32Array,
  rate: number,
  options: CheckedDecodeOptions,
  source: SourceInfo,
  levels?: SampleLevels,
): DecodedAudio {
  const capped = options.maxSeconds === undefined ? mono : mono.subarray(0, Math.floor(options.maxSeconds * rate));
  // All finite as a whole means finite in part; otherwise look (the NaN may lie past the cap).
  if (levels?.finite !== true) checkFinite(capped, rate, path);
  const samples = toRate(capped, rate, options.sampleRate);
  const sampleRate = options.sampleRate ?? rate;
  const decoded: DecodedAudio = { samples, sampleRate, duration: samples.length / sampleRate, source };
  // The decoder's peak holds for its samples: not resampled, and not cut by the cap.
  if (levels !== undefined && samples === capped && capped.length === mono.length) decoded.peak = levels.peak;
  return decoded;
}

async function viaInProcess(
  file: AudioFile,
  format: InProcessFormat,
  head: Uint8Array,
  options: CheckedDecodeOptions,
  deadline: number,
): Promise<DecodedAudio> {
  const native = await decodeNative(file, format, head, options.maxSeconds, options.sampleRate);
  const { mono, sampleRate, facts } =
    native ??
    (await decodeInProcess(file, format, head, {
      maxSeconds: options.maxSeconds,
      targetRate: options.sampleRate,
      signal: options.signal,
      deadline,
      timeoutMs: options.timeoutMs,
    }));
  return finish(
    file.path,
    mono,
    sampleRate,
    options,
    {
      format,
      codec: facts.codec,
      channels: facts.channels,
      sampleRate: facts.sampleRate,
      decoder: 'inprocess',
      engine: native === null ? 'wasm' : 'libsndfile',
    },
    native?.levels,
  );
}

async function viaFfmpeg(file: AudioFile, options: CheckedDecodeOptions, deadline: number): Promise<DecodedAudio> {
  const maxSeconds = options.maxSeconds === undefined ? undefined : options.maxSeconds + FFMPEG_CAP_MARGIN_SECONDS;
  const decoded = await decodeWithFfmpeg(file.path, file.absolutePath, {
    maxSeconds,
    timeoutMs: Math.max(1, deadline - performance.now()),
    signal: options.signal,
  });
  if (decoded.mono.length === 0) throw fileError('INVALID_AUDIO', file.path, 'the audio stream holds no samples');
  const held = decoded.mono.length / decoded.sampleRate;
  if (options.maxSeconds === undefined && looksTruncated(decoded.info, held)) {
    throw truncatedError(file.path, decoded.info.declaredSeconds!, held);
  }
  const { format, codec } = decoded.info;
  return finish(file.path, decoded.mono, decoded.sampleRate, options, {
    format,
    codec,
    channels: decoded.channels,
    sampleRate: decoded.sampleRate,
    decoder: 'ffmpeg',
  });
}

/** In-process failures worth a second try with ffmpeg ('auto'): the decoder gave up, not the file's integrity. */
function ffmpegMightDecode(error: unknown): boolean {
  if (!(error instanceof SerkitError)) return true; // a decoder crashed
  return error.code === 'DECODE_FAILED' || error.code === 'UNSUPPORTED' || error.code === 'INTERNAL';
}

function ffmpegAvailable(): boolean {
  try {
    locateFfmpeg();
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes an audio (or video) file to mono Float32 samples at `options.sampleRate`.
 *
 * The format is recognised from the file's bytes, never its extension. WAV, FLAC, MP3, Ogg Vorbis
 * and Opus decode in process (no ffmpeg needed): with libsndfile in the native addon when it was
 * built with it (see `decoderInfo`), else — and for whatever libsndfile does not decode cleanly —
 * with the WebAssembly decoders; everything else, and whatever the in-process
 * decoder gives up on, goes through ffmpeg (`decoder: 'auto'`, the default). Channels are averaged
 * to mono; the result is resampled by serkit's resampler (native addon, else the core's), whichever
 * decoder ran, so both paths give the same samples for lossless files.
 *
 * Every failure is a SerkitError naming the file (`input`) and the reason: NOT_FOUND, MALFORMED_FILE
 * (empty, truncated, corrupt, not audio), INVALID_AUDIO (no samples, NaN/Inf samples), UNSUPPORTED
 * (no audio stream), DECODE_FAILED, TIMEOUT, ABORTED, NO_FFMPEG, INVALID_ARGUMENT (a directory, a
 * FIFO, a symlink loop, an unreadable file, a bad option).
 */
export async function decodeFile(path: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
  const checked = checkDecodeOptions(options);
  const deadline = performance.now() + checked.timeoutMs;
  if (checked.signal?.aborted) throw fileError('ABORTED', path, 'decoding was aborted');
  const file = await openAudioFile(path);
  try {
    // A clip is read whole at once (the decoders then need no second read); longer files by chunks.
    const head = await file.read(0, file.size <= WHOLE_READ_BYTES ? file.size : SNIFF_BYTES);
    const format = sniffFormat(head);
    if (checked.decoder === 'ffmpeg' || (checked.decoder === 'auto' && format === null)) {
      return await viaFfmpeg(file, checked, deadline);
    }
    if (format === null) {
      throw fileError(
        'UNSUPPORTED',
        path,
        'not WAV, FLAC, MP3, Ogg Vorbis or Opus (judged by its bytes); decoding it needs ffmpeg (decoder "auto" or "ffmpeg")',
      );
    }
    try {
      return await viaInProcess(file, format, head, checked, deadline);
    } catch (error) {
      if (checked.decoder === 'auto' && ffmpegMightDecode(error) && ffmpegAvailable()) {
        return await viaFfmpeg(file, checked, deadline);
      }
      throw error;
    }
  } catch (error) {
    throw asFileError(error, path);
  } finally {
    await file.close();
  }
}
