import type { RegisterHookOptions } from '@serkit/core';
import { lstmInitial, lstmSeed } from './lstm.js';
import { PACKAGE_NAME } from './package-info.js';

/** oclif `serkit:register` hook: adds the paper's LSTM models to the CLI's registry. */
export default async function register({ registry }: RegisterHookOptions): Promise<void> {
  registry.add(lstmSeed, PACKAGE_NAME);
  registry.add(lstmInitial, PACKAGE_NAME);
}
