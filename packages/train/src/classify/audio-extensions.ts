/**
 * Extensions a directory walk or a glob picks up as audio (lower case, no dot): what the in-process
 * decoders read plus the common containers ffmpeg opens, video with an audio track included.
 * Files named explicitly are classified whatever their extension.
 */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set([
  'wav',
  'wave',
  'flac',
  'mp3',
  'ogg',
  'oga',
  'opus',
  'm4a',
  'mp4',
  'aac',
  'webm',
  'mka',
  'mkv',
  'mov',
  'aif',
  'aiff',
  'aifc',
  'caf',
  'au',
  'wma',
  '3gp',
  'amr',
  'ac3',
  'wv',
  'spx',
]);

/** True when `name` ends in one of `extensions` (case-insensitive). */
export function hasAudioExtension(name: string, extensions: ReadonlySet<string> = AUDIO_EXTENSIONS): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && extensions.has(name.slice(dot + 1).toLowerCase());
}
