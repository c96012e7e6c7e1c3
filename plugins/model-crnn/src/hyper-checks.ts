import { check } from '@serkit/core';

/**
 * The hyper-parameter checks the models share. Each model exposes them as `validateHyper`, so the
 * host refuses a bad `--hyper` before any features are computed, and runs them again in `build`.
 */
export function checkHyper<H extends Readonly<Record<string, unknown>>>(
  hyper: H,
  positiveIntegers: readonly (keyof H & string)[],
): void {
  for (const name of positiveIntegers) {
    const value = hyper[name];
    check(Number.isInteger(value) && (value as number) > 0, name, `must be a positive integer (got ${value})`);
  }
  const dropout = hyper.dropout;
  check(typeof dropout === 'number' && dropout >= 0 && dropout < 1, 'dropout', `must lie in [0, 1) (got ${dropout})`);
}
