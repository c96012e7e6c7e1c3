import type { RegisterHookOptions } from '@serkit/core';
import { bilstmAttn } from './bilstm-attn.js';
import { cnnLogMel } from './cnn-logmel.js';
import { tdnnLogMel } from './tdnn-logmel.js';

/** oclif `serkit:register` hook: adds `cnn-logmel`, `bilstm-attn` and `tdnn-logmel` to the run's registry. */
export default async function register({ registry }: RegisterHookOptions): Promise<void> {
  registry.add(cnnLogMel, '@serkit/plugin-model-crnn');
  registry.add(bilstmAttn, '@serkit/plugin-model-crnn');
  registry.add(tdnnLogMel, '@serkit/plugin-model-crnn');
}
