import { SerkitError } from '@serkit/core';

/** An error as a worker reports it to the main thread (plain data: code and reason). */
export function asReason(error: unknown): { code: SerkitError['code']; reason: string } {
  return error instanceof SerkitError
    ? { code: error.code, reason: error.reason }
    : { code: 'INTERNAL', reason: (error as Error | undefined)?.message ?? String(error) };
}
