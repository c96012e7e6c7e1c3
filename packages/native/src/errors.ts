import { SerkitError, type SerkitErrorCode } from '@serkit/core';

const codes = new Set<string>(['INVALID_ARGUMENT', 'INVALID_AUDIO', 'ABORTED']);

/**
 * The addon throws TypeError/RangeError with `code`, `input` and `reason` properties; callers of a
 * Dsp expect SerkitError, as the TS path throws. Anything else is rethrown as it is.
 */
export function toSerkitError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof SerkitError) return error;
  const { code, input, reason } = error as Error & { code?: unknown; input?: unknown; reason?: unknown };
  if (typeof code !== 'string' || !codes.has(code)) return error;
  return new SerkitError(code as SerkitErrorCode, typeof reason === 'string' ? reason : error.message, {
    ...(typeof input === 'string' ? { input } : {}),
    cause: error,
  });
}

/** Runs `call`, converting addon errors to SerkitError. */
export function native<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw toSerkitError(error);
  }
}
