import { decodeFile } from '@serkit/audio';
import { type Dsp, tsDsp } from '@serkit/core';
import * as native from '@serkit/native';
import type { DecodeAudio } from '../features/compute-features.js';

/** Decodes with @serkit/audio (in-process decoders, ffmpeg for the rest), mono at `sampleRate`. */
export const decodeWithSerkitAudio: DecodeAudio = async (path, sampleRate, signal) =>
  (await decodeFile(path, { sampleRate, ...(signal ? { signal } : {}) })).samples;

/**
 * The DSP for augmentation and features: @serkit/native's `getDsp()` (the C++ addon when built,
 * else the TypeScript path), or core's `tsDsp` when the native package does not offer it.
 */
export function resolveDsp(): Dsp {
  // Looked up by name so this builds while @serkit/native's export is still being written.
  const getDsp = (native as { getDsp?: () => Dsp }).getDsp;
  return typeof getDsp === 'function' ? getDsp() : tsDsp;
}
