import { SerkitError, type SerkitErrorCode } from '@serkit/core';

/** A SerkitError that names the file (the path as the caller gave it) and the reason. */
export function fileError(code: SerkitErrorCode, path: string, reason: string, cause?: unknown): SerkitError {
  return new SerkitError(code, reason, { input: path, cause });
}

/** Anything thrown while decoding `path`, as a SerkitError naming the file. */
export function asFileError(
  error: unknown,
  path: string,
  fallbackCode: SerkitErrorCode = 'DECODE_FAILED',
): SerkitError {
  if (error instanceof SerkitError) {
    return error.input === path ? error : fileError(error.code, path, error.reason, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return fileError(fallbackCode, path, message, error);
}

/** MALFORMED_FILE for a file that holds less audio than its header promises. */
export function truncatedError(path: string, promisedSeconds: number, heldSeconds: number): SerkitError {
  const reason = `truncated: the header promises ${promisedSeconds.toFixed(2)} s, the file holds ${heldSeconds.toFixed(2)} s`;
  return fileError('MALFORMED_FILE', path, reason);
}
