import type { RegisterHookOptions } from '@serkit/core';
import { mfccMean } from './mfcc-mean.js';
import { mfccSeq } from './mfcc-seq.js';
import { PACKAGE_NAME } from './package-info.js';

/** oclif `serkit:register` hook: adds the MFCC extractors to the CLI's registry. */
export default async function register({ registry }: RegisterHookOptions): Promise<void> {
  registry.add(mfccMean, PACKAGE_NAME);
  registry.add(mfccSeq, PACKAGE_NAME);
}
