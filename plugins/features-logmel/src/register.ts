import type { RegisterHookOptions } from '@serkit/core';
import { logMelExtractor } from './logmel.js';

/** oclif `serkit:register` hook: adds the `logmel` extractor to the run's registry. */
export default async function register({ registry }: RegisterHookOptions): Promise<void> {
  registry.add(logMelExtractor, '@serkit/plugin-features-logmel');
}
