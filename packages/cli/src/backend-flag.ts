import { Flags } from '@oclif/core';

/**
 * `--backend` as the training-side commands (train, evaluate, ensemble) take it: one definition, so
 * the choices stay those of @serkit/train's parseBackendChoice everywhere.
 */
export const backendFlag = () =>
  Flags.string({
    description: 'TensorFlow.js backend',
    options: ['auto', 'gpu', 'node', 'native', 'wasm', 'cpu'],
    default: 'auto',
  });
