export interface FfmpegStreamInfo {
  /** Container, e.g. 'wav', 'mov,mp4,m4a,3gp,3g2,mj2'. */
  format: string;
  /** Codec of the first audio stream, e.g. 'aac'. */
  codec: string;
  /** Duration the container declares (seconds), when it does. */
  declaredSeconds?: number;
  hasVideo: boolean;
}

/** Facts about the input from ffmpeg's `Input #0` dump on stderr. */
export function parseStreamInfo(log: string): FfmpegStreamInfo {
  const format = /Input #0, (.+?), from '/.exec(log)?.[1] ?? 'unknown';
  const codec = /Stream #0:\d+[^:\n]*: Audio: ([\w-]+)/.exec(log)?.[1] ?? 'unknown';
  const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(log);
  const declaredSeconds = d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : undefined;
  const hasVideo = /Stream #0:\d+[^:\n]*: Video: (?!mjpeg|png|bmp)/.test(log); // cover art is not video
  return { format, codec, declaredSeconds, hasVideo };
}

/** Less audio than this share of the declared duration (and at least 0.5 s less) means the file was cut short. */
const TRUNCATED_SHARE = 0.9;

/**
 * Whether an audio-only file decoded to clearly less than its container declares (a truncated
 * MP3 with a Xing header, a cut M4A, …). Video containers are skipped: their duration is the
 * longest stream's, which may be the picture.
 */
export function looksTruncated(info: FfmpegStreamInfo, decodedSeconds: number): boolean {
  const declared = info.declaredSeconds;
  if (declared === undefined || info.hasVideo) return false;
  return decodedSeconds < declared * TRUNCATED_SHARE && declared - decodedSeconds > 0.5;
}
