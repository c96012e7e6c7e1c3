import type { RegisterHookOptions } from '@serkit/core';
import { PACKAGE_NAME, ravdess } from './ravdess.js';

/** oclif `serkit:register` hook: adds the RAVDESS dataset plugin to the CLI's registry. */
export default async function register({ registry }: RegisterHookOptions): Promise<void> {
  registry.add(ravdess, PACKAGE_NAME);
}
