import { fileError } from '../errors.js';
import { locateFfmpeg, locateFfprobe } from './locate.js';
import { runFfmpeg } from './process.js';

export interface FfprobeFacts {
  format: string;
  codec: string;
  channels: number;
  sampleRate: number;
  /** Seconds; NaN when the container does not say. */
  duration: number;
}

interface FfprobeJson {
  streams?: { codec_name?: string; channels?: number; sample_rate?: string; duration?: string }[];
  format?: { format_name?: string; duration?: string };
}

/** ffprobe's view of the first audio stream, or null when there is no ffprobe (ffmpeg-static ships none). */
export async function ffprobe(
  path: string,
  absolutePath: string,
  options: { timeoutMs?: number; signal?: AbortSignal },
): Promise<FfprobeFacts | null> {
  const binary = locateFfprobe(locateFfmpeg());
  if (!binary) return null;
  // As for ffmpeg: `file:` keeps any name a plain path; level-tagged errors for ffmpegFailure.
  const args = ['-hide_banner', '-loglevel', 'level+error', '-select_streams', 'a:0', '-show_streams', '-show_format'];
  args.push('-print_format', 'json', `file:${absolutePath}`);
  let json = '';
  for await (const chunk of runFfmpeg(binary, args, { path, ...options })) json += chunk.toString('utf8');
  const parsed = JSON.parse(json) as FfprobeJson;
  const stream = parsed.streams?.[0];
  if (!stream) throw fileError('UNSUPPORTED', path, 'no audio stream in the file');
  return {
    format: parsed.format?.format_name ?? 'unknown',
    codec: stream.codec_name ?? 'unknown',
    channels: stream.channels ?? 0,
    sampleRate: Number(stream.sample_rate ?? 0),
    duration: Number(stream.duration ?? parsed.format?.duration ?? Number.NaN),
  };
}
