/** For tests of rejected promises: the SerkitError a promise rejects with. */
import { SerkitError } from '@serkit/core';
import { expect } from 'vitest';

/** The error `promise` rejects with; fails the test if it resolves or throws something else. */
export async function serkitError(promise: Promise<unknown>): Promise<SerkitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SerkitError);
  return error as SerkitError;
}
