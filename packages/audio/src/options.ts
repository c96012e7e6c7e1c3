import { check } from '@serkit/core';
import type { DecodeOptions, DecoderChoice } from './types.js';

/** Default per-file limit: generous for an hour of audio through ffmpeg, short enough that a stuck file does not stall a batch. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface CheckedDecodeOptions {
  sampleRate: number | undefined;
  decoder: DecoderChoice;
  maxSeconds: number | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

const DECODERS: readonly DecoderChoice[] = ['auto', 'inprocess', 'ffmpeg'];

/** Validates decode options (INVALID_ARGUMENT naming the option) and fills in the defaults. */
export function checkDecodeOptions(options: DecodeOptions): CheckedDecodeOptions {
  const { sampleRate, decoder = 'auto', maxSeconds, timeoutMs = DEFAULT_TIMEOUT_MS, signal } = options;
  if (sampleRate !== undefined) {
    check(
      Number.isInteger(sampleRate) && sampleRate >= 1000 && sampleRate <= 768_000,
      'sampleRate',
      `must be an integer from 1000 to 768000 Hz, got ${sampleRate}`,
    );
  }
  check(DECODERS.includes(decoder), 'decoder', `must be one of ${DECODERS.join(', ')}, got ${String(decoder)}`);
  if (maxSeconds !== undefined) {
    check(
      Number.isFinite(maxSeconds) && maxSeconds > 0,
      'maxSeconds',
      `must be a positive number of seconds, got ${maxSeconds}`,
    );
  }
  check(
    Number.isFinite(timeoutMs) && timeoutMs > 0,
    'timeoutMs',
    `must be a positive number of milliseconds, got ${timeoutMs}`,
  );
  return { sampleRate, decoder, maxSeconds, timeoutMs, signal };
}
