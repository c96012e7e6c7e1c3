import { check, type FeatureConfig, SerkitError } from '@serkit/core';

/**
 * Merges `config` over `defaults` and checks that no unknown key (a typo) slipped in and that each
 * value has its default's type. Range checks are the caller's.
 */
export function mergeConfig<C extends FeatureConfig>(id: string, defaults: C, config: Partial<C> = {}): C {
  for (const [key, value] of Object.entries(config)) {
    if (!(key in defaults)) {
      throw new SerkitError(
        'INVALID_ARGUMENT',
        `unknown option of ${id}; options: ${Object.keys(defaults).join(', ')}`,
        {
          input: key,
        },
      );
    }
    const expected = defaults[key];
    if (value !== undefined && expected !== null && value !== null && typeof value !== typeof expected) {
      throw new SerkitError('INVALID_ARGUMENT', `must be a ${typeof expected} (got ${JSON.stringify(value)})`, {
        input: key,
      });
    }
  }
  return { ...defaults, ...config };
}

/** Throws INVALID_ARGUMENT unless `value` is an integer in [min, max]. */
export function checkInteger(value: unknown, input: string, min: number, max: number): asserts value is number {
  check(
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
    input,
    `must be an integer in [${min}, ${max}] (got ${String(value)})`,
  );
}

/** Throws INVALID_ARGUMENT unless `value` is a finite number in [min, max]. */
export function checkNumber(value: unknown, input: string, min: number, max: number): asserts value is number {
  check(
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
    input,
    `must be a number in [${min}, ${max}] (got ${String(value)})`,
  );
}

/** Throws INVALID_AUDIO naming `input` when `samples` is empty or holds NaN/Inf. */
export function checkSamples(samples: Float32Array, input: string): void {
  if (samples.length === 0) throw new SerkitError('INVALID_AUDIO', 'no samples', { input });
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) {
      throw new SerkitError('INVALID_AUDIO', `sample ${i} is ${samples[i]} (audio must be finite)`, { input });
    }
  }
}
