import { SerkitError, type SerkitErrorCode } from '@serkit/core';
import { EXIT } from './exit-codes.js';

export { EXIT } from './exit-codes.js';

/** Codes that mean the user asked for something malformed or absent: exit 2. */
const USAGE_CODES: ReadonlySet<SerkitErrorCode> = new Set(['INVALID_ARGUMENT', 'NOT_FOUND']);

export function exitCodeFor(error: SerkitError): number {
  return USAGE_CODES.has(error.code) ? EXIT.USAGE : EXIT.FAILED;
}

/**
 * A SerkitError from this or another copy of @serkit/core (a third-party plugin may bundle its own,
 * so `instanceof` is not enough).
 */
export function looksLikeSerkitError(value: unknown): value is SerkitError {
  if (value instanceof SerkitError) return true;
  const v = value as { name?: unknown; code?: unknown; reason?: unknown } | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    v.name === 'SerkitError' &&
    typeof v.code === 'string' &&
    typeof v.reason === 'string'
  );
}

/** oclif's parse errors (unknown flag, bad option value, missing argument) carry `parse` and exit 2. */
type OclifUsageError = Error & {
  parse?: unknown;
  oclif?: { exit?: number };
  args?: readonly (string | { name?: string })[];
  flags?: readonly string[];
};

function isOclifUsageError(value: unknown): value is OclifUsageError {
  const v = value as OclifUsageError | null;
  return v !== null && typeof v === 'object' && (v.parse !== undefined || v.oclif?.exit === 2);
}

/** oclif's message without its decoration ("The following error occurred:", "See more help…"), and what it is about. */
function describeUsageError(error: OclifUsageError): { reason: string; input?: string } {
  const lines = stripAnsi(error.message)
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) => line !== '' && !/^See more help with/.test(line) && !/^The following errors? occurred:$/.test(line),
    );
  const missingArgs = (error.args ?? []).flatMap((a) =>
    typeof a === 'object' && a.name !== undefined ? [a.name] : [],
  );
  if (/^Missing \d+ required arg/.test(lines[0] ?? '') && missingArgs.length > 0) {
    return {
      reason: `missing required argument${missingArgs.length === 1 ? '' : 's'}: ${missingArgs.join(', ')}`,
      input: missingArgs[0],
    };
  }
  const reason = lines.join('; ');
  const unexpected = /^Unexpected argument/.test(reason)
    ? error.args?.find((a): a is string => typeof a === 'string')
    : undefined;
  const flag =
    error.flags?.[0] ?? /required flag ([a-z][a-z0-9-]*)/i.exec(reason)?.[1]?.replace(/^/, '--') ?? flagNamed(reason);
  const input = unexpected ?? flag;
  return input === undefined ? { reason } : { reason, input };
}

/** Normalises anything thrown into a SerkitError (oclif usage errors become INVALID_ARGUMENT). */
export function toSerkitError(error: unknown, fallback: SerkitErrorCode = 'INTERNAL', input?: string): SerkitError {
  if (error instanceof SerkitError) return error;
  if (looksLikeSerkitError(error)) {
    return new SerkitError(error.code, error.reason, { input: error.input ?? input, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isOclifUsageError(error)) {
    const usage = describeUsageError(error);
    return new SerkitError('INVALID_ARGUMENT', usage.reason, { input: usage.input ?? input, cause: error });
  }
  return new SerkitError(fallback, message, { input, cause: error });
}

/** The first `--flag` a parse error message mentions, to name the bad input. */
function flagNamed(message: string): string | undefined {
  return /(--[a-z][a-z0-9-]*)/i.exec(stripAnsi(message))?.[1];
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
