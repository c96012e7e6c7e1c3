import type { SerkitErrorCode } from '@serkit/core';

/** ffmpeg's stderr patterns and what they mean for the user. First match wins. */
const PATTERNS: [RegExp, SerkitErrorCode, string][] = [
  [
    /matches no streams|does not contain any stream|Output file .* does not contain/i,
    'UNSUPPORTED',
    'no audio stream in the file',
  ],
  [/No such file or directory/i, 'NOT_FOUND', 'no such file'],
  [/Permission denied/i, 'INVALID_ARGUMENT', 'permission denied: the file cannot be read'],
  [/Is a directory/i, 'INVALID_ARGUMENT', 'is a directory, not an audio file'],
  [/moov atom not found/i, 'MALFORMED_FILE', 'truncated or incomplete MP4/M4A file (moov atom not found)'],
  [
    /Invalid data found when processing input/i,
    'MALFORMED_FILE',
    'invalid data: not an audio/video file ffmpeg can read, or corrupt',
  ],
  [
    /Cannot determine format of input|Could not find codec parameters/i,
    'MALFORMED_FILE',
    'invalid data: ffmpeg finds no decodable audio in it (not audio, or corrupt)',
  ],
  [
    /Decoder \(codec .*\) not found|Unknown decoder|Unsupported codec/i,
    'UNSUPPORTED',
    'this ffmpeg has no decoder for the audio codec',
  ],
  [/End of file|Truncat/i, 'MALFORMED_FILE', 'the file ends early (truncated)'],
];

const MAX_REASON = 300;

/** A clear reason from ffmpeg's stderr (with `-loglevel error`), and the error code to use. */
export function ffmpegFailure(stderr: string, exitCode: number | null): { code: SerkitErrorCode; reason: string } {
  for (const [pattern, code, reason] of PATTERNS) if (pattern.test(stderr)) return { code, reason };
  const lastLine = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .pop();
  const detail = lastLine ? lastLine.slice(0, MAX_REASON) : `exit status ${exitCode}`;
  return { code: 'DECODE_FAILED', reason: `ffmpeg could not decode the file: ${detail}` };
}
