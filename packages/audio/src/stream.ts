import { check } from '@serkit/core';
import { asFileError, fileError } from './errors.js';
import { ffmpegMonoBlocks } from './ffmpeg/decode.js';
import { checkFinite } from './finite.js';
import { streamMonoBlocks } from './inprocess/native-stream.js';
import { openAudioFile } from './input-file.js';
import { SNIFF_BYTES, sniffFormat } from './sniff.js';
import { toRate } from './to-rate.js';
import type { DecoderChoice } from './types.js';
import { Windower } from './windows.js';

export interface StreamOptions {
  /** Rate of the windows' samples. Default: the file's own rate. */
  sampleRate?: number;
  /** Window length in seconds. Default 3.5 (a RAVDESS clip's length). */
  windowSeconds?: number;
  /** Seconds between window starts. Default `windowSeconds` (no overlap). */
  hopSeconds?: number;
  /** As for decodeFile. Default 'auto'. With 'auto', FLAC/MP3/Vorbis/Opus/WAV decode in process. */
  decoder?: DecoderChoice;
  /** Stop after this many seconds of audio. Default: the whole file. */
  maxSeconds?: number;
  /** Kill the decode after this many ms in all (ffmpeg) or check it between reads (in process). Default: no limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface AudioWindow {
  /** 0, 1, 2, … in stream order. */
  index: number;
  /** Start time in seconds. */
  start: number;
  /** Mono samples at `sampleRate`; the last window may be shorter. */
  samples: Float32Array;
  sampleRate: number;
}

/**
 * Decodes a long recording window by window with bounded memory: the file is read (in process) or
 * piped from ffmpeg only as fast as windows are consumed, and only about one window is held. Each
 * window is resampled on its own, exactly as `decodeFile` would resample a clip of that excerpt.
 * Stopping the iteration early kills ffmpeg / releases the decoder.
 */
export async function* decodeStream(path: string, options: StreamOptions = {}): AsyncGenerator<AudioWindow> {
  const { windowSeconds = 3.5, decoder = 'auto', sampleRate, maxSeconds, timeoutMs, signal } = options;
  const hopSeconds = options.hopSeconds ?? windowSeconds;
  check(Number.isFinite(windowSeconds) && windowSeconds > 0, 'windowSeconds', `must be > 0, got ${windowSeconds}`);
  check(Number.isFinite(hopSeconds) && hopSeconds > 0, 'hopSeconds', `must be > 0, got ${hopSeconds}`);
  check(maxSeconds === undefined || maxSeconds > 0, 'maxSeconds', `must be > 0, got ${maxSeconds}`);
  check(
    ['auto', 'inprocess', 'ffmpeg'].includes(decoder),
    'decoder',
    `must be auto, inprocess or ffmpeg, got ${decoder}`,
  );
  if (sampleRate !== undefined) {
    check(
      Number.isInteger(sampleRate) && sampleRate >= 1000,
      'sampleRate',
      `must be an integer >= 1000, got ${sampleRate}`,
    );
  }
  const file = await openAudioFile(path);
  try {
    const head = await file.read(0, SNIFF_BYTES);
    const format = decoder === 'ffmpeg' ? null : sniffFormat(head);
    if (format === null && decoder === 'inprocess') {
      throw fileError(
        'UNSUPPORTED',
        path,
        'not WAV, FLAC, MP3, Ogg Vorbis or Opus (judged by its bytes); streaming it needs ffmpeg',
      );
    }
    const deadline = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
    const blocks =
      format === null
        ? ffmpegMonoBlocks(path, file.absolutePath, { maxSeconds, timeoutMs, signal }).blocks
        : streamMonoBlocks(file, format, head, {
            targetRate: sampleRate,
            signal,
            deadline,
            timeoutMs,
            dedicated: true,
          }).blocks;
    let windower: Windower | undefined;
    let rate = 0;
    let index = 0;
    let remaining = Number.POSITIVE_INFINITY;
    const emit = ([startSample, samples]: [number, Float32Array]): AudioWindow => {
      checkFinite(samples, rate, path, startSample / rate);
      return {
        index: index++,
        start: startSample / rate,
        samples: toRate(samples, rate, sampleRate),
        sampleRate: sampleRate ?? rate,
      };
    };
    for await (const block of blocks) {
      if (!windower) {
        rate = block.sampleRate;
        windower = new Windower(Math.round(windowSeconds * rate), Math.round(hopSeconds * rate));
        if (maxSeconds !== undefined) remaining = Math.floor(maxSeconds * rate);
      }
      const kept = block.mono.subarray(0, Math.min(block.mono.length, remaining));
      remaining -= kept.length;
      for (const window of windower.push(kept)) yield emit(window);
      if (remaining <= 0) break;
    }
    const last = windower?.flush();
    if (last) yield emit(last);
    if (!windower) throw fileError('INVALID_AUDIO', path, 'the file holds no audio samples');
  } catch (error) {
    throw asFileError(error, path);
  } finally {
    await file.close();
  }
}
